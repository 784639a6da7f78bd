"""Real files through the whole reading layer: saved error cells and a sheet starting at B3.

Each format is built as its own program saves it (Excel's ``t="e"`` cells, LibreOffice's
``calcext:value-type="error"``, BIFF error records), then read by ``load_workbook`` and by
``check``: a saved error is an Issue at its own row and column, never an empty cell, and row
and column numbers are the spreadsheet's own although the data start at B3.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from odcore.cli import main
from odcore.reading import load_workbook
from odcore.sources.workbook_file import WorkbookFileSource
from tests.sources.conftest import _replace_cell, _rewrite_zip, build_ods

HEADERS = ["ID", "Назва", "Розпорядник", "Статус", "Дата останнього оновлення"]
# Rows 4, 5 and 7 from column B; row 6 is empty. F5 holds a saved #DIV/0! (a formula),
# C7 (the required title) a saved #REF!: calamine alone would read both as empty cells.
EXPECTED_ERRORS = [("cell.spreadsheet_error", 5, "F5", "Дата останнього оновлення", "#DIV/0!"),
                   ("cell.spreadsheet_error", 7, "C7", "Назва", "#REF!")]


def _xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Набори даних"
    for offset, header in enumerate(HEADERS):
        sheet.cell(row=3, column=2 + offset, value=header)
    rows = {4: ["ZHM-001", "Бюджет", "Фінансове управління", "Оприлюднено", dt.date(2025, 1, 10)],
            5: ["ZHM-002", "Ремонт доріг", "Відділ ЖКГ", "Оприлюднено", 0],
            7: ["ZHM-003", "placeholder", "Відділ освіти", "Готується", None]}
    for row, values in rows.items():
        for offset, value in enumerate(values):
            sheet.cell(row=row, column=2 + offset, value=value)
    book.save(path)
    _rewrite_zip(path, {"xl/worksheets/sheet1.xml": lambda xml: _replace_cell(
        _replace_cell(xml, "F5", '<c r="F5" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        "C7", '<c r="C7" t="e"><f>#REF!</f><v>#REF!</v></c>')}, {})
    return path


def _ods_cell(value: str) -> str:
    return ('<table:table-cell office:value-type="string" calcext:value-type="string">'
            f"<text:p>{value}</text:p></table:table-cell>")


def _ods(path: Path) -> Path:
    error = ('<table:table-cell table:formula="of:={formula}" office:value-type="string" '
             'office:string-value="" calcext:value-type="error"><text:p>{text}</text:p>'
             "</table:table-cell>")
    date = ('<table:table-cell office:value-type="date" office:date-value="2025-01-10" '
            'calcext:value-type="date"><text:p>10.01.2025</text:p></table:table-cell>')
    empty = "<table:table-cell/>"
    row = "<table:table-row>{}</table:table-row>".format
    table = ('<table:table table:name="Набори даних">'
             '<table:table-row table:number-rows-repeated="2"><table:table-cell '
             'table:number-columns-repeated="8"/></table:table-row>'
             + row(empty + "".join(_ods_cell(h) for h in HEADERS))
             + row(empty + "".join(_ods_cell(v) for v in
                                   ["ZHM-001", "Бюджет", "Фінансове управління", "Оприлюднено"])
                   + date)
             + row(empty + "".join(_ods_cell(v) for v in
                                   ["ZHM-002", "Ремонт доріг", "Відділ ЖКГ", "Оприлюднено"])
                   + error.format(formula="1/0", text="#DIV/0!"))
             + row(empty)
             + row(empty + _ods_cell("ZHM-003") + error.format(formula="#REF!", text="#REF!")
                   + _ods_cell("Відділ освіти") + _ods_cell("Готується"))
             + "</table:table>")
    return build_ods(path, table)


def _xls(path: Path) -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Набори даних")
    for offset, header in enumerate(HEADERS):
        sheet.write(2, 1 + offset, header)
    for offset, value in enumerate(["ZHM-001", "Бюджет", "Фінансове управління", "Оприлюднено"]):
        sheet.write(3, 1 + offset, value)
    sheet.write(3, 5, dt.date(2025, 1, 10), xlwt.easyxf(num_format_str="DD.MM.YYYY"))
    for offset, value in enumerate(["ZHM-002", "Ремонт доріг", "Відділ ЖКГ", "Оприлюднено"]):
        sheet.write(4, 1 + offset, value)
    sheet.row(4).set_cell_error(5, "#DIV/0!")
    sheet.write(6, 1, "ZHM-003")
    sheet.row(6).set_cell_error(2, "#REF!")
    sheet.write(6, 3, "Відділ освіти")
    sheet.write(6, 4, "Готується")
    book.save(str(path))
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {".xlsx": _xlsx, ".ods": _ods, ".xls": _xls}


@pytest.fixture(params=sorted(BUILDERS))
def saved_book(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return BUILDERS[request.param](tmp_path / f"register{request.param}")


def test_saved_error_cells_are_issues_at_their_own_cells(saved_book: Path) -> None:
    workbook = load_workbook(WorkbookFileSource(saved_book))
    errors = [(i.code, i.row, i.cell, i.column, i.value) for i in workbook.issues if i.is_error]
    assert errors == EXPECTED_ERRORS


def test_rows_keep_the_spreadsheets_own_numbers_when_data_start_at_b3(saved_book: Path) -> None:
    workbook = load_workbook(WorkbookFileSource(saved_book))
    assert [(d.id, d.origin.row) for d in workbook.datasets] == [("ZHM-001", 4)]
    assert workbook.datasets[0].last_updated == dt.date(2025, 1, 10)
    assert workbook.rows_total["datasets"] == 3


def test_check_prints_the_saved_errors_with_their_places_and_exits_1(
        saved_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "none.toml"))
    assert main(["check", str(saved_book), "--format", "json"]) == 1
    errors = [i for i in json.loads(capsys.readouterr().out) if i["severity"] == "error"]
    assert [(i["row"], i["cell"], i["tab"]) for i in errors] == [(5, "F5", "Набори даних"),
                                                                 (7, "C7", "Набори даних")]


def test_a_csv_folder_with_english_and_ukrainian_file_names_loads_through_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from odcore.sources.csv_folder import CsvFolderSource

    folder = tmp_path / "рада"
    folder.mkdir()
    # What Ukrainian-locale Excel writes: cp1251 and ";"; and a UTF-8 file with a BOM and ",".
    (folder / "plan.csv").write_bytes(
        "Код;Розділ;Завдання\n4.3;4. Якість;Контроль якості, з комою всередині\n".encode("cp1251"))
    (folder / "Звіти.csv").write_bytes(
        "Код завдання,Період,Статус,Підрозділ\n4.3,І кв. 2024,Виконано,Відділ ІТ\n\n"
        "4.3,2024-Q5,Виконано,Відділ ІТ\n".encode("utf-8-sig"))
    workbook = load_workbook(CsvFolderSource(folder))
    assert [(t.code, t.task) for t in workbook.tasks] == [("4.3", "Контроль якості, з комою всередині")]
    assert [(str(r.period), r.origin.row) for r in workbook.reports] == [("2024-Q1", 2)]
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "none.toml"))
    assert main(["check", str(folder), "--format", "json"]) == 1
    (error,) = [i for i in json.loads(capsys.readouterr().out) if i["severity"] == "error"]
    assert (error["code"], error["spreadsheet"], error["tab"], error["row"], error["cell"]) == (
        "quarter.invalid", "рада", "Звіти", 4, "B4")
