"""What reading Google Sheets costs through the deadline transport, and what hostile replies cost.

Run from the repository root: ``.venv/bin/python -m bench.bench_google [--tabs 5] [--rows 500]``.
It starts the loopback fake Sheets server of the tests, reads one spreadsheet through the real
google-auth/requests stack and prints a Markdown table (best of the runs): a cold read (token,
metadata, values), the requests of a first read and of each refresh after the values' TTL
(token and sheet list kept; issue 14's target, one values request per spreadsheet, exits 1
when missed), a fresh read with and without the kept snapshot (the cost of comparing
with it, "a reply never replaces kept data with less", and of writing it), serving the snapshot while Google answers 500,
and a reply whose range starts at row 900 000 000 (time and peak memory: bounded), and the wall
time of a refresh against an endless trickle with a 2 s deadline. The figures in
docs/sources.md come from it. Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from odcore.config import AppConfig
from odcore.schema.tabs import TAB_SPECS
from odcore.service import open_source as open_configured_source
from odcore.service import sheets_policy
from odcore.settings import Settings
from odcore.sources.base import Source, SourceError
from odcore.sources.google_http import (
    READ_SCOPES,
    GoogleApi,
    forget_tokens,
    load_service_account,
)
from odcore.sources.gsheets import (
    GoogleSheetsSource,
    ReadCache,
    read_snapshot,
)
from odcore.sources.snapshots import SnapshotStore
from tests.gsheets.fake_sheets import FakeGoogle

KEY = "1BenchSheetKey_0123456789abcdefghijklmnop"
EMAIL = "bench@odcore-bench.iam.gserviceaccount.com"
COLUMNS = 10


def best(runs: int, work: Callable[[], Any]) -> float:
    """The fastest of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def source(settings: Settings, *, snapshots: bool = True) -> Source:
    """A fresh source on a private cache: every read asks the server."""
    config = AppConfig(settings=settings, source_location=f"gsheets:{KEY}", is_demo=False)
    if snapshots:
        return open_configured_source(config, cache=ReadCache(), sleep=lambda seconds: None)
    policy = sheets_policy(settings)
    api = GoogleApi(load_service_account({}), READ_SCOPES, limits=policy.limits)
    return GoogleSheetsSource(KEY, api=api, policy=policy, cache=ReadCache(), snapshots=None)


class _Clock:
    """A monotonic clock that moves only when told to: the values' TTL passes at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def requests_per_refresh(google: FakeGoogle, settings: Settings, refreshes: int = 3
                         ) -> tuple[dict[str, int], dict[str, float]]:
    """Requests of the first read, and of each refresh after the values' TTL (token and sheet
    list kept), counted by the server by kind."""
    forget_tokens()
    clock = _Clock()
    cache = ReadCache(clock)
    config = AppConfig(settings=settings, source_location=f"gsheets:{KEY}", is_demo=False)

    def counts() -> dict[str, int]:
        return {kind: google.count(kind) for kind in ("token", "metadata", "values")}

    before = counts()
    open_configured_source(config, cache=cache, sleep=lambda s: None, clock=clock).read_main()
    first = counts()
    for _ in range(refreshes):
        clock.now += settings.cache_ttl_seconds + 1
        open_configured_source(config, cache=cache, sleep=lambda s: None,
                               clock=clock).read_main()
    after = counts()
    return ({k: first[k] - before[k] for k in first},
            {k: (after[k] - first[k]) / refreshes for k in after})


def far_away(answer: dict[str, Any]) -> dict[str, Any]:
    answer["valueRanges"][0]["range"] = "'План'!A900000000:J900000001"
    return answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-google-"))
    google = FakeGoogle().start()
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    google.add_account(EMAIL, private_key.public_key())
    key_file = folder / "key.json"
    key_file.write_text(json.dumps(google.key_info(EMAIL, private_key)), encoding="utf-8")
    os.environ.update({"ODCORE_SHEETS_ENDPOINT": google.url,
                       "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
                       "ODCORE_STATE_DIR": str(folder / "state")})
    tabs = {spec.title: [[f"{spec.title} {r}:{c}" for c in range(COLUMNS)]
                         for r in range(args.rows + 1)] for spec in TAB_SPECS[:args.tabs]}
    google.add_spreadsheet(KEY, "Bench", tabs, readers=[EMAIL])
    settings = Settings()
    try:
        source(settings).read_main()  # the snapshot
        size = SnapshotStore().path(KEY).stat().st_size
        first, refresh = requests_per_refresh(google, settings)
        met = refresh == {"token": 0, "metadata": 0, "values": 1}

        def cold() -> None:
            forget_tokens()
            source(settings).read_main()

        rows: list[tuple[str, str]] = [
            ("requests of the first read (token, sheet list, values)",
             " + ".join(f"{first[k]:g} {k}" for k in first)),
            ("requests per refresh after the values' TTL (target: 1 values request)",
             " + ".join(f"{refresh[k]:g} {k}" for k in refresh)
             + (" (met)" if met else " (**NOT MET**)")),
            ("cold read: token, metadata, values, snapshot compared and written",
             f"{best(args.runs, cold):.0f} ms"),
            ("fresh read, no snapshot kept (doctor's way)",
             f"{best(args.runs, lambda: source(settings, snapshots=False).read_main()):.0f} ms"),
            ("reading and checking the kept snapshot (added to each fresh read)",
             f"{best(args.runs, lambda: read_snapshot(SnapshotStore(), KEY)):.0f} ms"),
        ]
        google.fail("values", status=500, times=None)
        rows.append(("Google answers 500: the snapshot serves (3 tries, no sleeps)",
                     f"{best(args.runs, lambda: source(settings).read_main()):.0f} ms"))
        google.faults.clear()
        google.fail("values", status=200, times=None, mutate=far_away)
        tracemalloc.start()
        elapsed = best(1, lambda: source(settings, snapshots=False).read_main())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append(("a range starting at row 900 000 000 (that tab fails)",
                     f"{elapsed:.0f} ms, peak {peak / 2**20:.1f} MB traced"))
        google.faults.clear()
        google.fail("values", status=200, trickle=0.3, endless=True)
        deadline = Settings(refresh_deadline_seconds=2.0)

        def trickled() -> None:
            with contextlib.suppress(SourceError):  # the deadline failure is the point
                source(deadline, snapshots=False).read_main()

        rows.append(("an endless trickle, refresh_deadline_seconds = 2",
                     f"{best(1, trickled):.0f} ms"))
    finally:
        google.stop()
    cells = args.tabs * (args.rows + 1) * COLUMNS
    print(f"{args.tabs} tabs x {args.rows + 1} rows x {COLUMNS} columns = {cells} cells; "
          f"snapshot {size / 1024:.0f} KiB; best of {args.runs}")
    print("| case | time |")
    print("|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
