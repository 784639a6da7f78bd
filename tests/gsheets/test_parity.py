"""The same workbook read as a file and from Google Sheets gives the same figures."""

from __future__ import annotations

import datetime as dt

from odcore.demo import write_demo
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from odcore.workbook import load_workbook
from tests.gsheets.conftest import EMAIL, MAIN_KEY

AS_OF = dt.date(2025, 7, 1)


def test_summary_json_from_sheets_equals_the_summary_from_the_same_workbook_file(
        google, open_source, tmp_path):
    path = tmp_path / "demo.xlsx"
    write_demo(path)
    google.add_workbook(MAIN_KEY, path, readers=[EMAIL])
    settings = Settings()

    from_file = load_workbook(WorkbookFileSource(path), settings)
    from_sheets = load_workbook(open_source(), settings)

    assert from_sheets.spreadsheets[0].kind == "gsheets"
    assert build_summary(from_sheets, AS_OF, settings) == build_summary(from_file, AS_OF, settings)
    assert [(i.code, i.tab, i.row, i.cell) for i in from_sheets.issues] == [
        (i.code, i.tab, i.row, i.cell) for i in from_file.issues]
