"""A date-formatted cell holding -1e15 made calamine panic: the whole workbook was "damaged",
with no place named, and ~60 lines of a Rust stack trace reached stderr. Now the cell is
reported at its own cell, the rest of its row and of the workbook loads, and stderr stays
clean."""

from __future__ import annotations

from pathlib import Path

import xlwt
from openpyxl import load_workbook

from odcore.sources.base import RawSpreadsheet, RawTab
from odcore.sources.workbook_file import WorkbookFileSource
from tests.adversarial.hostile import run_check


def _with_date(demo_path: Path, target: Path, cell: str, value: float) -> Path:
    book = load_workbook(demo_path)
    book["Звіти"][cell] = value
    book["Звіти"][cell].number_format = "DD.MM.YYYY"
    book.save(target)
    return target


def test_a_date_cell_holding_minus_1e15_is_an_error_at_its_own_cell(
        demo_path: Path, tmp_path: Path) -> None:
    path = _with_date(demo_path, tmp_path / "date.xlsx", "H5", -1e15)
    run = run_check(path, tmp_path)
    assert (run.code, run.stderr) == (1, "")
    at_cell = [i for i in run.issues if i["tab"] == "Звіти" and i["cell"] == "H5"]
    assert [i["severity"] for i in at_cell] == ["error"]
    assert at_cell[0]["column"] == "Дата звіту"
    assert not run.found("cell.unreadable") and not run.found("tab.unreadable")


def test_the_other_cells_of_the_row_with_the_huge_date_are_read(
        demo_path: Path, tmp_path: Path) -> None:
    path = _with_date(demo_path, tmp_path / "date.xlsx", "H5", -1e15)
    spoiled = _tab(WorkbookFileSource(path).read_main(), "Звіти")
    clean = _tab(WorkbookFileSource(demo_path).read_main(), "Звіти")
    # Without its date style the cell reads as the number it holds; the row's other cells
    # are read as in the clean workbook.
    assert spoiled.values[4][7] == -1e15
    assert spoiled.values[4][:7] == clean.values[4][:7]
    assert spoiled.values[5:] == clean.values[5:] and spoiled.unreadable_rows == {}


def _tab(sheet: RawSpreadsheet, title: str) -> RawTab:
    return next(tab for tab in sheet.tabs if tab.title == title)


def test_an_xls_row_calamine_cannot_read_is_reported_at_its_row(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Навчання")
    date = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for column, header in enumerate(["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"]):
        sheet.write(0, column, header)
    sheet.write(1, 0, "Коваль Ірина")
    sheet.write(1, 1, "Відділ ІТ")
    sheet.write(1, 2, "Відкриті дані")
    sheet.write(1, 3, -1e15, date)
    sheet.write(2, 0, "Мельник Олег")
    sheet.write(2, 1, "Відділ ІТ")
    sheet.write(2, 2, "Відкриті дані")
    sheet.write(2, 3, 45366, date)
    book.save(str(tmp_path / "date.xls"))
    run = run_check(tmp_path / "date.xls", tmp_path)
    assert (run.code, run.stderr) == (1, "")
    [row] = [i for i in run.issues if i["tab"] == "Навчання" and i["row"] == 2
             and i["severity"] == "error"]
    assert (row["code"], row["cell"]) == ("date.invalid", "D2")
    assert not [i for i in run.issues if i["tab"] == "Навчання" and i["row"] == 3]
