"""The oblast roll-up page at 1 470 hromadas: render time through AppTest (issue 16).

Run from the repository root: ``.venv/bin/python -m bench.bench_rollup [--councils 1470]``
(``make bench``). Writes a councils file of N synthetic hromadas and, for each, the roll-up
record the refresh worker keeps after a read (odcore.rollup: plan progress, compliance
share, overdue datasets, data problems, last good read) into a temporary state folder; then
runs app.py through Streamlit's AppTest without ``?council=``, where it lands on the
«Громади області» page: the first run (cold) and the median of three reruns (warm). Streamlit
and the app's modules are imported before the clock starts. The target: every render under
2 s of wall time. Prints a Markdown table, writes JSON to bench/results/, exits 1 when the
target is missed. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGET_SECONDS = 2.0
WARM_RUNS = 3


def write_oblast(folder: Path, councils: int) -> Path:
    """A councils file of ``councils`` hromadas and each one's kept roll-up record."""
    from odcore.rollup import ROLLUP_KIND
    from odcore.service import FileSnapshotStore

    store = FileSnapshotStore(folder / "state")
    read_at = dt.datetime(2026, 12, 7, 6, 15, tzinfo=dt.UTC)
    entries = []
    for number in range(1, councils + 1):
        council_id = f"hromada-{number:04d}"
        entries.append(f'[[council]]\nid = "{council_id}"\nname = "Громада № {number}"\n'
                       f'spreadsheet = "gsheets:1Synthetic{number:04d}_abcdefghijklmnopqrstu"\n')
        store.save_record(ROLLUP_KIND, council_id, {
            "as_of": "2026-12-07", "plan_progress": (number % 101) / 100,
            "compliance_share": None if number % 17 == 0 else (number % 37) / 36,
            "overdue": number % 9, "problems": number % 5,
            "last_good_read": (read_at - dt.timedelta(minutes=number)).isoformat(),
            "last_error": "" if number % 50 else "Google відповів 500"})
    path = folder / "councils.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def measure(councils: int) -> dict[str, float | int]:
    import streamlit  # noqa: F401 - imported before the clock starts
    from streamlit.testing.v1 import AppTest

    import odcore.ui.oblast  # noqa: F401 - the app's own modules, likewise
    import odcore.ui.shell  # noqa: F401

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        os.environ["ODCORE_COUNCILS"] = str(write_oblast(folder, councils))
        os.environ["ODCORE_STATE_DIR"] = str(folder / "state")
        os.environ["ODCORE_SECRETS_FILE"] = str(folder / "secrets.toml")
        (folder / "secrets.toml").write_text("", encoding="utf-8")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        if at.exception or not at.dataframe or len(at.dataframe[0].value) != councils:
            raise SystemExit(f"the roll-up page did not render {councils} rows: "
                             f"{[e.value for e in at.exception]}")
        warm = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
    return {"councils": councils, "cold": cold, "warm": statistics.median(warm)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=1470)
    args = parser.parse_args(argv)
    result = measure(args.councils)
    ok = result["cold"] < TARGET_SECONDS and result["warm"] < TARGET_SECONDS
    print(f"| hromadas | cold, s | warm (median of {WARM_RUNS}), s | target |")
    print("|---:|---:|---:|---|")
    print(f"| {result['councils']} | {result['cold']:.2f} | {result['warm']:.2f} | "
          f"< {TARGET_SECONDS:g} s: {'так' if ok else 'НІ'} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "rollup.json").write_text(json.dumps({**result, "ok": ok}, indent=2),
                                         encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
