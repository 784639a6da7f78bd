"""The synthetic K-times workbook: the demo at K=1, K copies of its rows and mistakes at K>1."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook as open_xlsx
from python_calamine import CalamineWorkbook

from odcore.checks import all_issues
from odcore.cli import main
from odcore.demo import demo_tabs
from odcore.exports.template import describe_tabs
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.csv_folder import CsvFolderSource
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from odcore.synth import (
    SCALED_TABS,
    report_capacity,
    synth_tabs,
    write_synth_csv,
    write_synth_xlsx,
)
from odcore.workbook import Workbook

SETTINGS = Settings()
AS_OF = dt.date(2026, 1, 1)
TITLES = {layout.key: layout.title for layout in describe_tabs(with_plan=False)}
SCALED_TITLES = {TITLES[key] for key in SCALED_TABS}


def _load(path: Path) -> Workbook:
    source = CsvFolderSource(path) if path.is_dir() else WorkbookFileSource(path)
    return load_workbook(source, SETTINGS)


def _issues_by_tab_and_code(workbook: Workbook) -> Counter[tuple[str, str]]:
    return Counter((i.tab, i.code) for i in all_issues(workbook, SETTINGS))


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> Workbook:
    return _load(demo_path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("synth")


@pytest.fixture(scope="module")
def three(folder: Path) -> Path:
    path = folder / "k3.xlsx"
    write_synth_xlsx(path, 3)
    return path


def test_scale_one_is_the_demo_cell_for_cell():
    assert synth_tabs(1) == demo_tabs()


@pytest.mark.parametrize("csv", [False, True])
def test_scale_one_has_the_demos_issues_and_figures(demo, folder, csv):
    path = folder / ("k1-csv" if csv else "k1.xlsx")
    if csv:
        write_synth_csv(path, 1)
    else:
        write_synth_xlsx(path, 1)
    workbook = _load(path)
    assert _issues_by_tab_and_code(workbook) == _issues_by_tab_and_code(demo)
    assert (build_summary(build_figures(workbook, AS_OF, SETTINGS))
            == build_summary(build_figures(demo, AS_OF, SETTINGS)))


def test_scale_three_has_three_times_the_rows_of_each_scaled_tab():
    demo, three = demo_tabs(), synth_tabs(3)
    assert list(three) == list(demo)
    for title, grid in demo.items():
        assert three[title][0] == grid[0]
        factor = 3 if title in SCALED_TITLES else 1
        assert len(three[title]) - 1 == factor * (len(grid) - 1), title
    assert three[TITLES["plan"]] == demo[TITLES["plan"]]
    assert three[TITLES["departments"]] == demo[TITLES["departments"]]


def test_scale_three_keeps_dataset_ids_unique_and_references_inside_their_copy(three):
    workbook = _load(three)
    ids = [d.id for d in workbook.datasets]
    assert len(ids) == len(set(ids)) == 3 * 40  # the planted duplicate row is left out
    copy_of = re.compile(r"^ZHM-(?:(\d+)-)?\d{3}$")
    for check in workbook.quality_checks:
        assert check.dataset_id in ids
    # Each product names datasets of its own copy only (rows 2-9 are copy 0, 10-17 copy 1...).
    for product in workbook.products:
        copies = {copy_of.match(i).group(1) or "0" for i in product.dataset_ids}
        assert copies == {str((product.origin.row - 2) // 8)}, product.origin.row


def test_scale_three_has_each_planted_mistake_once_per_copy(demo, three):
    once = _issues_by_tab_and_code(demo)
    expected = Counter({key: count * (3 if key[0] in SCALED_TITLES else 1)
                        for key, count in once.items()})
    assert _issues_by_tab_and_code(_load(three)) == expected


def test_scale_three_csv_folder_has_the_same_issues_as_the_workbook(folder, three):
    path = folder / "k3-csv"
    write_synth_csv(path, 3)
    assert sorted(p.name for p in path.iterdir()) == sorted(f"{t}.csv" for t in TITLES.values())
    assert _issues_by_tab_and_code(_load(path)) == _issues_by_tab_and_code(_load(three))


def test_two_runs_write_the_same_bytes_and_cells(folder, three):
    again = folder / "k3-again.xlsx"
    write_synth_xlsx(again, 3)
    assert again.read_bytes() == three.read_bytes()
    first, second = CalamineWorkbook.from_path(str(three)), CalamineWorkbook.from_path(str(again))
    for name in first.sheet_names:
        assert (first.get_sheet_by_name(name).to_python()
                == second.get_sheet_by_name(name).to_python())


def test_the_written_cells_are_the_synthetic_grid_with_the_templates_formats(three):
    book = open_xlsx(three)
    grids = synth_tabs(3)
    assert book.sheetnames == list(grids)
    for title, grid in grids.items():
        sheet = book[title]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        # openpyxl reads a date cell as a datetime at midnight.
        expected = [[dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v
                     for v in row] for row in grid]
        assert cells == expected, title
    reports = book[TITLES["reports"]]
    assert reports["H2"].number_format == "DD.MM.YYYY"  # Дата звіту
    assert reports["A2"].number_format == "@"  # Код завдання: a text cell


def test_reports_repeat_a_task_quarter_and_department_only_past_the_capacity(folder):
    capacity = report_capacity()
    assert capacity >= 3
    for scale, extra in ((capacity, False), (capacity + 1, True)):
        path = folder / f"k{scale}.xlsx"
        write_synth_xlsx(path, scale)
        duplicates = sum(1 for i in _load(path).issues if i.code == "report.duplicate")
        # One planted duplicate per copy; past the capacity the triples wrap around.
        assert (duplicates > scale) is extra, scale


def test_the_synth_command_writes_a_workbook_and_a_csv_folder(tmp_path, capsys):
    assert main(["synth", "--scale", "2", str(tmp_path / "out" / "k2.xlsx")]) == 0
    assert main(["synth", "--scale", "2", "--csv", str(tmp_path / "k2")]) == 0
    assert "K = 2" in capsys.readouterr().out
    for path in (tmp_path / "out" / "k2.xlsx", tmp_path / "k2"):
        assert len(_load(path).datasets) == 2 * 40


def test_the_synth_command_refuses_a_scale_below_one(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["synth", "--scale", "0", str(tmp_path / "k0.xlsx")])
    assert exit_info.value.code == 2
    assert "K має бути цілим числом від 1" in capsys.readouterr().err
    assert not (tmp_path / "k0.xlsx").exists()
