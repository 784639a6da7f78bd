"""The Google source keeps each spreadsheet's last good answer in PostgreSQL when a database is
configured: a second replica (a new store, its own connection, no files) serves it, dated, when
Google fails, while the other spreadsheets are read fresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg

from odcore.config import AppConfig
from odcore.reading import load_workbook
from odcore.service import open_source
from odcore.settings import Settings
from odcore.sources.gsheets import ReadCache
from tests.gsheets.conftest import DEPT_KEY, FINANCE, IT, MAIN_KEY, OTHER_KEY, Clock
from tests.gsheets.fake_sheets import FakeGoogle


def _replica(config: AppConfig, clock: Clock) -> Any:
    """A Google source as a new web replica opens it (its own cache and store)."""
    return open_source(config, cache=ReadCache(), sleep=clock.advance, clock=clock)


def test_a_second_replica_serves_the_answer_the_first_kept_in_postgres(
        three_sheets: FakeGoogle, clock: Clock, pg_url: str, tmp_path: Path) -> None:
    config = AppConfig(settings=Settings(), source_location=f"gsheets:{MAIN_KEY}",
                       is_demo=False, database_url=pg_url)
    load_workbook(_replica(config, clock))
    assert not (tmp_path / "state" / "snapshots").exists()  # nothing went to files
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT council, key, read_at IS NOT NULL, partial FROM odcore_raw "
                            "ORDER BY key").fetchall()
    assert sorted(rows) == sorted(("default", key, True, False)
                                  for key in (MAIN_KEY, DEPT_KEY, OTHER_KEY))

    three_sheets.fail("values", key=DEPT_KEY, times=None, status=500)
    workbook = load_workbook(_replica(config, clock))
    assert {r.department for r in workbook.reports} == {IT, FINANCE}
    notes = {info.location: info.stale_note for info in workbook.spreadsheets}
    stale = next(note for location, note in notes.items() if DEPT_KEY in location)
    assert stale.startswith("Дані таблиці «Звіти ІТ» станом на ")
    assert all(note == "" for location, note in notes.items() if DEPT_KEY not in location)
