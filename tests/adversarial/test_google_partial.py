"""A reply holding no known tab, or fewer tabs than the kept snapshot, never replaces a copy
that holds data: the tabs it lacks are served (and kept) from the snapshot with their date,
the read says so, and a later outage still shows the old data (docs/google-sheets.md).
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

from typing import Any

import pytest

from odcore.reading import load_workbook
from odcore.sources.snapshots import SnapshotStore
from tests.gsheets.conftest import MAIN_KEY
from tests.gsheets.hostile import add_main, edit_snapshot

OLD_READ = "2024-01-15T09:30:00+02:00"


def _renamed_ranges(answer: dict[str, Any]) -> dict[str, Any]:
    """Every value range names a sheet that was never asked for, and holds no values."""
    return {"valueRanges": [{"range": "'Аркуш1'!A1:Z1000", "majorDimension": "ROWS"}
                            for _ in answer["valueRanges"]]}


def _without(title: str):
    def mutate(answer: dict[str, Any]) -> dict[str, Any]:
        answer["valueRanges"] = [r for r in answer["valueRanges"]
                                 if not r["range"].startswith(f"'{title}'!")]
        return answer
    return mutate


def _sheet_dropped(title: str):
    def mutate(answer: dict[str, Any]) -> dict[str, Any]:
        answer["sheets"] = [s for s in answer["sheets"] if s["properties"]["title"] != title]
        return answer
    return mutate


@pytest.fixture
def kept(google, open_source, clock):
    """The main spreadsheet read once (its snapshot kept), then the caches run out."""
    add_main(google)
    load_workbook(open_source())
    clock.advance(3601)
    return google


def _all_there(workbook) -> bool:
    return ([t.code for t in workbook.tasks] == ["4.3"] and len(workbook.reports) == 1
            and [d.name for d in workbook.departments] == ["Відділ ІТ"])


def _stale(workbook) -> str:
    (issue,) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    return issue.message


def _a_later_outage_still_shows_the_data(google, open_source, clock) -> None:
    google.faults.clear()
    google.fail("values", status=500, times=None)
    clock.advance(3601)
    assert _all_there(load_workbook(open_source()))


@pytest.mark.parametrize(("kind", "mutate"), [
    ("metadata", lambda answer: {}),
    ("values", lambda answer: {}),
    ("values", lambda answer: {"spreadsheetId": answer["spreadsheetId"], "valueRanges": []}),
    ("values", _renamed_ranges),
], ids=["metadata-empty", "values-empty", "values-no-ranges", "values-other-sheet"])
def test_a_reply_with_no_known_tab_never_replaces_the_kept_copy(kept, open_source, clock,
                                                                kind, mutate):
    kept.fail(kind, status=200, times=None, mutate=mutate)

    workbook = load_workbook(open_source())

    assert _all_there(workbook)
    assert workbook.spreadsheets[0].stale_note  # the read says it is not fresh
    _a_later_outage_still_shows_the_data(kept, open_source, clock)


def test_a_reply_lacking_one_tab_serves_the_others_fresh_and_that_one_from_the_copy(
        kept, open_source):
    kept.spreadsheets[MAIN_KEY].sheet("План").cells[1][2] = "Контроль якості (оновлено)"
    kept.fail("values", status=200, times=None, mutate=_without("Підрозділи"))

    workbook = load_workbook(open_source())

    assert [t.task for t in workbook.tasks] == ["Контроль якості (оновлено)"]
    assert [d.name for d in workbook.departments] == ["Відділ ІТ"]
    message = _stale(workbook)
    assert "«Підрозділи» — станом на" in message and "немає її даних" in message
    assert "«План»" not in message and "«Звіти»" not in message


def test_a_tab_missing_from_the_metadata_is_kept_from_the_copy_and_stays_kept(
        kept, open_source, clock):
    kept.fail("metadata", status=200, times=None, mutate=_sheet_dropped("Звіти"))

    workbook = load_workbook(open_source())

    assert _all_there(workbook)
    assert "«Звіти» — станом на" in _stale(workbook)
    (carried,) = SnapshotStore().load(MAIN_KEY)["kept"]
    assert carried["title"] == "Звіти" and carried["value_range"]["values"][1]
    _a_later_outage_still_shows_the_data(kept, open_source, clock)


def test_a_carried_tab_keeps_the_time_it_was_read(kept, open_source, clock):
    edit_snapshot(MAIN_KEY, lambda data: data["payload"].__setitem__("read_at", OLD_READ))
    kept.fail("values", status=200, times=None, mutate=_without("Звіти"))

    first = load_workbook(open_source())
    clock.advance(3601)
    again = load_workbook(open_source())

    for workbook in (first, again):
        assert len(workbook.reports) == 1
        assert "«Звіти» — станом на 15.01.2024 09:30" in _stale(workbook)
    (carried,) = SnapshotStore().load(MAIN_KEY)["kept"]
    assert carried["read_at"] == OLD_READ


def test_a_tab_back_in_the_reply_replaces_its_carried_copy(kept, open_source, clock):
    kept.fail("values", status=200, mutate=_without("Звіти"))
    load_workbook(open_source())
    kept.spreadsheets[MAIN_KEY].sheet("Звіти").cells = kept.spreadsheets[MAIN_KEY].sheet(
        "Звіти").cells[:1]
    clock.advance(3601)

    workbook = load_workbook(open_source())

    assert workbook.reports == [] and not workbook.spreadsheets[0].stale_note
    assert "kept" not in SnapshotStore().load(MAIN_KEY)
