"""A reply or a kept snapshot whose range lies far from A1 never makes the source allocate
a grid padded to A1: the range's start and the padded grid's size are checked against the
reading limits first, and a range past them fails its tab only, with a Ukrainian note.
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

from typing import Any

import pytest

from odcore.reading import load_workbook
from tests.gsheets.conftest import MAIN_KEY
from tests.gsheets.hostile import add_main, edit_snapshot, value_range
from tests.helpers import headers

FAR_AWAY = "'Звіти'!A900000000:Z900000001"


def _move_reports(new_range: str):
    def mutate(answer: dict[str, Any]) -> dict[str, Any]:
        value_range(answer, "Звіти")["range"] = new_range
        return answer
    return mutate


def _notes(workbook) -> list[str]:
    return [i.message for i in workbook.issues
            if i.code in ("spreadsheet.note", "spreadsheet.stale")]


@pytest.mark.parametrize(("new_range", "words"), [
    (FAR_AWAY, "з рядка 900\u00a0000\u00a0000"),
    ("'Звіти'!ZZZZ1:ZZZZ2", "зі стовпця ZZZZ"),
    ("'Звіти'!XFD1048576", "з рядка 1\u00a0048\u00a0576"),
    ("'Звіти'!A" + "9" * 15, "з рядка 999\u00a0999\u00a0999\u00a0999\u00a0999"),
    ("'Звіти'!A" + "9" * 400, "незрозумілий діапазон"),
    ("'Звіти'!R1C1:R2C9", "незрозумілий діапазон"),
])
def test_a_reply_whose_range_lies_past_the_limits_fails_that_tab_only(google, open_source,
                                                                       new_range, words):
    add_main(google)
    google.fail("values", status=200, mutate=_move_reports(new_range))

    workbook = load_workbook(open_source())

    assert [t.code for t in workbook.tasks] == ["4.3"]
    assert [d.name for d in workbook.departments] == ["Відділ ІТ"]
    assert workbook.reports == [] and "reports" not in workbook.tabs_present
    (note,) = [n for n in _notes(workbook) if "«Звіти»" in n]
    assert note.startswith("Вкладку «Звіти» не прочитано: ") and words in note


def test_a_grid_padded_to_a1_past_the_cell_limit_fails_that_tab_only(google, open_source):
    add_main(google)
    google.fail("values", status=200, mutate=_move_reports("'Звіти'!A40001:J40002"))

    workbook = load_workbook(open_source(max_used_range_cells=100_000))

    assert [t.code for t in workbook.tasks] == ["4.3"] and workbook.reports == []
    (note,) = [n for n in _notes(workbook) if "«Звіти»" in n]
    width = len(headers("reports"))
    assert f"40\u00a0002 рядків × {width} стовпців" in note and "max_used_range_cells" in note


def test_a_range_inside_the_limits_still_reads_at_its_place(google, open_source):
    add_main(google)
    google.fail("values", status=200, mutate=_move_reports("'Звіти'!C5:K6"))

    workbook = load_workbook(open_source())

    (report,) = workbook.reports
    assert (report.origin.row, report.department) == (6, "Відділ ІТ")


def test_a_kept_snapshot_whose_range_lies_far_away_fails_that_tab_only(google, open_source,
                                                                        clock):
    add_main(google)
    load_workbook(open_source())
    edit_snapshot(MAIN_KEY, lambda data: value_range(data["payload"]["values"], "Звіти")
                  .__setitem__("range", FAR_AWAY))
    clock.advance(301)
    google.fail("values", status=500, times=None)

    workbook = load_workbook(open_source())

    assert [t.code for t in workbook.tasks] == ["4.3"] and workbook.reports == []
    assert workbook.spreadsheets[0].stale_note
    (stale,) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    assert "Вкладку «Звіти» не прочитано" in stale.message
    assert "900\u00a0000\u00a0000" in stale.message


def test_a_fresh_tab_past_the_limits_is_served_from_the_kept_copy(google, open_source, clock):
    add_main(google)
    load_workbook(open_source())
    clock.advance(301)
    google.fail("values", status=200, times=None, mutate=_move_reports(FAR_AWAY))

    workbook = load_workbook(open_source())

    assert len(workbook.reports) == 1 and [t.code for t in workbook.tasks] == ["4.3"]
    (stale,) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    assert "з рядка 900\u00a0000\u00a0000" in stale.message
    assert "«Звіти» — станом на" in stale.message
