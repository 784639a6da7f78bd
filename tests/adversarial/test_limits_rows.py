"""A 1,000,000-row Звіти took `check` 6 min, 5.6 GB and 588 MB of JSON. Rows past
max_rows_per_tab are not read now, for every source, with one Issue at the tab; the same for
columns. (The million rows themselves are in bench/bench_limits.py; here the limits are low.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.base import ReadLimits
from odcore.sources.csv_folder import CsvFolderSource
from odcore.sources.memory import MemorySource
from odcore.sources.workbook_file import WorkbookFileSource
from tests.adversarial.hostile import run_check

NBSP = "\u00a0"
TRAINING = ["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"]


def _training_rows(count: int) -> list[list[object]]:
    return [TRAINING] + [[f"Особа {n}", "Відділ ІТ", "Відкриті дані", "14.03.2024", None]
                         for n in range(1, count + 1)]


def test_rows_past_the_setting_are_not_read_and_the_tab_says_so(
        demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    path.write_bytes(demo_path.read_bytes())
    run = run_check(path, tmp_path, "max_rows_per_tab = 20")
    assert (run.code, run.stderr) == (1, "")
    [reports] = run.found("tab.too_many_rows", "Звіти")
    assert reports["severity"] == "error" and reports["row"] is None
    assert "сягають рядка 77" in reports["message"] and "рядки 1–20" in reports["message"]
    assert not [i for i in run.issues if i["tab"] == "Звіти" and (i["row"] or 0) > 20]


def test_a_workbook_source_reads_only_up_to_its_row_limit(demo_path: Path) -> None:
    sheet = WorkbookFileSource(demo_path, limits=ReadLimits(max_rows=20)).read_main()
    reports = next(tab for tab in sheet.tabs if tab.title == "Звіти")
    assert (len(reports.values), reports.rows_in_sheet) == (20, 77)
    plan = next(tab for tab in sheet.tabs if tab.title == "План")
    assert (len(plan.values), plan.rows_in_sheet) == (17, 0)


def test_a_sheet_past_the_cell_limit_is_cut_before_calamine_reads_it(demo_path: Path) -> None:
    # 77 rows x 12 columns of Звіти exceed 200 cells: the sheet's XML is cut in a copy of the
    # file, which is what calamine is given. The limit bounds the workbook: План (17 rows x 7
    # columns) came first, so 6 rows of Звіти fit, and of later tabs at most a header row
    # (the 9 cells left hold the 8 headers of Перевірки якості).
    limits = ReadLimits(max_cells=200)
    sheet = WorkbookFileSource(demo_path, limits=limits).read_main()
    whole = WorkbookFileSource(demo_path).read_main()
    reports = next(tab for tab in sheet.tabs if tab.title == "Звіти")
    assert reports.rows_in_sheet == 77 and len(reports.values) == (200 - 17 * 7) // 12
    assert reports.values == next(t for t in whole.tabs if t.title == "Звіти").values[:6]
    assert [len(tab.values) <= 1 for tab in sheet.tabs[2:]] == [True] * (len(sheet.tabs) - 2)
    assert all(tab.rows_in_sheet for tab in sheet.tabs[2:])


def test_columns_past_the_setting_are_not_read_and_the_tab_says_so(demo_path: Path) -> None:
    settings = Settings(max_columns_per_tab=4)
    workbook = load_workbook(WorkbookFileSource(demo_path, limits=settings.read_limits()),
                             settings)
    [columns] = [i for i in workbook.issues
                 if i.code == "tab.too_many_columns" and i.tab == "Звіти"]
    assert columns.severity == "warning"
    assert "стовпця L" in columns.message and "стовпці A–D" in columns.message


def test_every_source_is_cut_by_the_reading_layer(tmp_path: Path) -> None:
    # A source that reads everything (memory, Google) is cut where it is read.
    settings = Settings(max_rows_per_tab=10, max_columns_per_tab=5)
    rows = _training_rows(30)
    rows[1] = rows[1] + [None, "зайве"]
    workbook = load_workbook(MemorySource({"main": {"Навчання": rows}}), settings)
    assert [t.person for t in workbook.trainings] == [f"Особа {n}" for n in range(1, 10)]
    codes = {i.code: i for i in workbook.issues if i.tab == "Навчання"}
    assert "сягають рядка 31" in codes["tab.too_many_rows"].message
    assert "стовпця G" in codes["tab.too_many_columns"].message


def test_a_csv_file_is_read_streaming_up_to_its_limits(tmp_path: Path) -> None:
    folder = tmp_path / "main"
    folder.mkdir()
    lines = [";".join(str(v or "") for v in row) for row in _training_rows(200)]
    lines[5] += ";;;далеко"
    (folder / "Навчання.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    limits = ReadLimits(max_rows=50, max_columns=6, max_cell_chars=5)
    [tab] = CsvFolderSource(folder, limits=limits).read_main().tabs
    assert (len(tab.values), tab.rows_in_sheet, tab.columns_in_sheet) == (50, 201, 8)
    assert len(tab.values[5]) == 4  # "далеко" in column 8 is not read
    assert tab.values[1][0] == "Особа " and tab.values[1][2] == "Відкри"  # 5 + 1 characters


def test_a_csv_file_larger_than_the_limit_is_refused_at_its_tab(tmp_path: Path) -> None:
    folder = tmp_path / "main"
    folder.mkdir()
    (folder / "Навчання.csv").write_text("ПІБ;Підрозділ\n" + "а;б\n" * 1000, encoding="utf-8")
    (folder / "План.csv").write_text("Код;Розділ;Завдання\n1.1;1. Р;Завдання\n",
                                     encoding="utf-8")
    settings = Settings(max_file_bytes=1000)
    workbook = load_workbook(CsvFolderSource(folder, limits=settings.read_limits()), settings)
    [refused] = [i for i in workbook.issues if i.code == "tab.unreadable"]
    assert refused.tab == "Навчання" and "Навчання.csv завеликий" in refused.message
    assert [t.code for t in workbook.tasks] == ["1.1"]
    assert not [i for i in workbook.issues if i.code == "tab.missing" and i.tab == "Навчання"]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_rows_within_the_limit_give_no_issue(count: int) -> None:
    settings = Settings(max_rows_per_tab=3)
    workbook = load_workbook(MemorySource({"main": {"Навчання": _training_rows(count)}}),
                             settings)
    assert not [i for i in workbook.issues if i.code.startswith("tab.too_many")]
