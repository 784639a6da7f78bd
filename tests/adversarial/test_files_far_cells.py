"""A value far from the data (the last cell of a sheet) made calamine allocate the whole grid
and abort the process (exit 134): the first page visit killed the server. Now the sheet is
read up to the limits, with one Issue per limit at its tab, and everything else loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlwt
from openpyxl import Workbook, load_workbook

from tests.adversarial.hostile import CheckRun, run_check

NBSP = "\u00a0"


def _places(run: CheckRun) -> set[tuple[str, str, str, int | None, str]]:
    return {(i["code"], i["spreadsheet"], i["tab"], i["row"], i["cell"]) for i in run.issues}


@pytest.fixture(scope="module")
def demo_run(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> CheckRun:
    folder = tmp_path_factory.mktemp("demo-run")
    path = folder / "demo.xlsx"
    path.write_bytes(demo_path.read_bytes())
    return run_check(path, folder)


def _spoiled(demo_path: Path, target: Path, tab: str, cell: str) -> Path:
    book = load_workbook(demo_path)
    book[tab][cell] = "далеко"
    book.save(target)
    return target


def _same_as_demo(run: CheckRun, demo_run: CheckRun, limit_codes: set[str]) -> None:
    ours = {place[0:1] + place[2:] for place in _places(run) if place[0] not in limit_codes}
    theirs = {place[0:1] + place[2:] for place in _places(demo_run)}
    assert ours == theirs


def test_a_value_in_the_last_cell_of_a_sheet_is_reported_and_the_rest_loads(
        demo_path: Path, tmp_path: Path, demo_run: CheckRun) -> None:
    path = _spoiled(demo_path, tmp_path / "far.xlsx", "План", "XFD1048576")
    run = run_check(path, tmp_path)
    assert (run.code, run.stderr) == (1, "")
    [rows] = run.found("tab.too_many_rows", "План")
    assert f"1{NBSP}048{NBSP}576" in rows["message"] and rows["severity"] == "error"
    [columns] = run.found("tab.too_many_columns", "План")
    assert "XFD" in columns["message"] and columns["severity"] == "warning"
    _same_as_demo(run, demo_run, {"tab.too_many_rows", "tab.too_many_columns"})


def test_a_far_cell_in_the_middle_of_the_sheet_costs_no_more(
        demo_path: Path, tmp_path: Path, demo_run: CheckRun) -> None:
    # The hostile tester's 33 KB file whose last cell is ZZ200000: 95 s and 6.7 GB before.
    path = _spoiled(demo_path, tmp_path / "zz.xlsx", "Звіти", "ZZ200000")
    run = run_check(path, tmp_path)
    assert (run.code, run.stderr) == (1, "")
    assert run.found("tab.too_many_rows", "Звіти") and run.found("tab.too_many_columns", "Звіти")
    _same_as_demo(run, demo_run, {"tab.too_many_rows", "tab.too_many_columns"})


def test_a_department_spreadsheet_with_a_far_cell_is_reported_at_its_tab(
        demo_path: Path, tmp_path: Path) -> None:
    main = load_workbook(demo_path)
    departments = main["Підрозділи"]
    department = departments["A2"].value
    departments["D2"] = "dept.xlsx"
    main.save(tmp_path / "main.xlsx")
    dept = Workbook()
    sheet = dept.active
    sheet.title = "Навчання"
    sheet.append(["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"])
    sheet.append(["Коваль Ірина", department, "Відкриті дані", "14.03.2024", None])
    sheet["XFD1048576"] = "далеко"
    dept.save(tmp_path / "dept.xlsx")
    run = run_check(tmp_path / "main.xlsx", tmp_path)
    assert (run.code, run.stderr) == (1, "")
    [rows] = run.found("tab.too_many_rows", "Навчання")
    assert rows["spreadsheet"] == "dept.xlsx"
    assert not run.found("spreadsheet.unreadable")


def test_an_xls_with_a_value_in_its_last_cell_is_read_up_to_the_limits(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Навчання")
    for column, header in enumerate(["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"]):
        sheet.write(0, column, header)
    for column, value in enumerate(["Коваль Ірина", "Відділ ІТ", "Відкриті дані", "14.03.2024"]):
        sheet.write(1, column, value)
    sheet.write(65535, 255, "далеко")
    book.save(str(tmp_path / "far.xls"))
    run = run_check(tmp_path / "far.xls", tmp_path)
    assert (run.code, run.stderr) == (1, "")
    [rows] = run.found("tab.too_many_rows", "Навчання")
    assert f"65{NBSP}536" in rows["message"]
    assert not run.found("date.invalid", "Навчання")  # row 2 was read, its date too
