"""The refresh worker in real time: a simulated oblast of 63 councils x 10 spreadsheets on the
loopback Sheets server of the tests, read in full under a high quota (issue 16).

Run from the repository root: ``.venv/bin/python -m bench.bench_refresh [--councils 63]
[--sheets 10] [--limit 1200]`` (``make bench``). One service account reads every council
(so one token bucket is the bottleneck); the worker runs ``--once`` with the real clock. It
prints the total time, the requests, reads per minute overall and the most requests in any
60 s (and, as a run this fast may last under a minute, in any 1 s times 60), and exits 1
when any 60 s held more than ``--limit`` requests or a council's read failed. The test
(tests/gsheets/test_refresh_worker.py) checks the default limit on an injected clock. Not a
test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EMAIL = "odcore-oblast@odcore-bench.iam.gserviceaccount.com"


def measure(councils: int, sheets: int, limit: int) -> dict[str, object]:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from odcore.config import load_config
    from odcore.councils import load_councils
    from odcore.refresh import RefreshWorker
    from odcore.sources.google_http import forget_tokens
    from tests.gsheets.fake_sheets import FakeGoogle
    from tests.gsheets.oblast import build_oblast, most_in_any_window

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        google = FakeGoogle().start()
        try:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            google.add_account(EMAIL, key.public_key())
            os.environ["ODCORE_SHEETS_ENDPOINT"] = google.url
            os.environ["ODCORE_STATE_DIR"] = str(folder / "state")
            secrets = folder / "secrets.toml"
            secrets.write_text(f"[odcore]\nrefresh_reads_per_minute = {limit}\n"
                               f"refresh_burst = {max(limit // 10, 1)}\n", encoding="utf-8")
            os.environ["ODCORE_SECRETS_FILE"] = str(secrets)
            forget_tokens()
            path = build_oblast(google, folder, google.key_info(EMAIL, key), EMAIL,
                                councils=councils, sheets=sheets)
            worker = RefreshWorker(load_councils(path), load_config())
            start = time.monotonic()
            outcomes = worker.run_once()
            total = time.monotonic() - start
        finally:
            google.stop()
            forget_tokens()
    times = [moment for moment, _ in worker.request_log]
    return {"councils": councils, "sheets": sheets, "limit": limit, "seconds": total,
            "requests": len(times), "per_minute": len(times) / total * 60,
            "most_in_60s": most_in_any_window(times, 60.0),
            "most_in_1s_x60": most_in_any_window(times, 1.0) * 60,
            "failed": [o.council for o in outcomes if not o.ok]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=63)
    parser.add_argument("--sheets", type=int, default=10)
    parser.add_argument("--limit", type=int, default=1200)
    args = parser.parse_args(argv)
    result = measure(args.councils, args.sheets, args.limit)
    ok = result["most_in_60s"] <= args.limit and not result["failed"]
    print("| councils x sheets | requests | total, s | reads/min | most in any 60 s | "
          "limit | ok |")
    print("|---|---:|---:|---:|---:|---:|---|")
    print(f"| {args.councils} x {args.sheets} | {result['requests']} | "
          f"{result['seconds']:.1f} | {result['per_minute']:.0f} | {result['most_in_60s']} | "
          f"{args.limit} | {'так' if ok else 'НІ'} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "refresh.json").write_text(json.dumps({**result, "ok": ok}, indent=2),
                                          encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
