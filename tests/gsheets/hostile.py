"""What the hostile-Google tests (tests/adversarial/test_google_*.py) share.

A main spreadsheet with three filled tabs, a source on the real clock (the deadline tests
measure wall time), a harness that gives up on a read that never ends instead of hanging
the test run, and edits of a kept snapshot file.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

from odcore.config import AppConfig
from odcore.service import open_source as open_configured_source
from odcore.settings import Settings
from odcore.sources.gsheets import GoogleSheetsSource, ReadCache
from odcore.sources.snapshots import SnapshotStore
from tests.gsheets.conftest import EMAIL, IT, MAIN_KEY, report
from tests.gsheets.fake_sheets import FakeGoogle
from tests.helpers import DEPT, TASK, tab

TAB_TITLES = ["План", "Підрозділи", "Звіти"]


def add_main(google: FakeGoogle) -> None:
    """The main spreadsheet: a plan task, a department and its report, shared for editing."""
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([
        tab("plan", TASK), tab("departments", DEPT), tab("reports", report(IT)),
    ]), readers=[EMAIL], writers=[EMAIL])


def real_source(key: str = MAIN_KEY, **settings: Any) -> GoogleSheetsSource:
    """The Google source as the app opens it: the real clock and sleep, a private cache."""
    config = AppConfig(settings=Settings(**settings), source_location=f"gsheets:{key}",
                       is_demo=False)
    return open_configured_source(config, cache=ReadCache())


def finished_within(seconds: float, work: Callable[[], Any]) -> tuple[Any, float]:
    """``work()``'s result and its wall time; AssertionError when it is still running after
    ``seconds`` (the thread is left to end when the fake server stops)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            outcome["error"] = exc

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    elapsed = time.monotonic() - started
    assert not thread.is_alive(), f"still running after {elapsed:.1f} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"], elapsed


def edit_snapshot(key: str, change: Callable[[dict[str, Any]], Any]) -> None:
    """Rewrite the kept snapshot of ``key``: ``change`` edits its parsed file in place."""
    path = SnapshotStore().path(key)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def value_range(data: dict[str, Any], title: str) -> dict[str, Any]:
    """The value range of ``title`` in a batchGet answer (or a snapshot's ``values``)."""
    return next(r for r in data["valueRanges"] if r["range"].startswith(f"'{title}'!"))
