"""A date whose year is outside settings.earliest_year..latest_year is an error at its cell,
in every form a date cell takes, and no command or page falls over on it.

The hostile tester's case 2: `31.12.9999` in `Дата останнього оновлення` of a published
dataset made `summary`, `report` and `export-public` exit 3 (last update + interval + grace
overflowed) and every page show Streamlit's error box.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from odcore.cells import read_cell
from odcore.cli import main
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from tests.helpers import tab
from tests.ui.conftest import make_runner

LAST_UPDATED = "Дата останнього оновлення"
AS_OF = "2025-07-01"


def _published_row(path: Path) -> tuple[int, str, str]:
    """(row, column letter, dataset ID) of the first published dataset's last update."""
    sheet = openpyxl.load_workbook(path, read_only=True)["Набори даних"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    column = header.index(LAST_UPDATED)
    for number, row in enumerate(rows[1:], start=2):
        if row[header.index("Статус")] == "Оприлюднено" and row[column] is not None:
            return number, openpyxl.utils.get_column_letter(column + 1), row[0]
    raise AssertionError("the demo has a published dataset with a last update")


def _demo_with_last_update(demo_path: Path, tmp_path: Path, value: Any) -> tuple[Path, str, str]:
    """A copy of the demo whose first published dataset was last updated on ``value``."""
    row, letter, dataset_id = _published_row(demo_path)
    book = openpyxl.load_workbook(demo_path)
    book["Набори даних"][f"{letter}{row}"] = value
    path = tmp_path / "far-future.xlsx"
    book.save(path)
    return path, f"{letter}{row}", dataset_id


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def far_future(demo_path: Path, tmp_path: Path, secrets_file: Path) -> tuple[Path, str, str]:
    return _demo_with_last_update(demo_path, tmp_path, "31.12.9999")


def test_check_reports_the_far_future_date_at_its_cell_and_names_the_accepted_years(
        far_future: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    path, cell, _ = far_future
    code, out, _ = _run(["check", str(path), "--format", "json"], capsys)
    assert code == 1
    issues = json.loads(out)
    issues = issues["issues"] if isinstance(issues, dict) else issues
    [issue] = [i for i in issues if i["cell"] == cell and i["tab"] == "Набори даних"]
    assert (issue["code"], issue["severity"]) == ("date.outside_years", "error")
    assert issue["column"] == LAST_UPDATED and issue["value"] == "31.12.9999"
    assert "1990–2100" in issue["message"]


def test_summary_leaves_the_row_out_and_prints_valid_json(
        far_future: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    path, _, dataset_id = far_future
    code, out, err = _run(["summary", str(path), "--as-of", AS_OF, "--strict"], capsys)
    assert code == 1, err
    summary = json.loads(out)
    assert dataset_id not in {item["id"] for item in summary["datasets"]["items"]}
    json.dumps(summary, allow_nan=False)


def test_report_and_export_public_finish_with_the_data_errors_exit_code(
        far_future: tuple[Path, str, str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, _, dataset_id = far_future
    code, _, err = _run(["report", str(path), "--quarter", "2025-Q2", "--out",
                         str(tmp_path / "card.xlsx"), "--strict"], capsys)
    assert code == 1, err
    code, _, err = _run(["export-public", str(path), str(tmp_path / "site"), "--as-of", AS_OF,
                         "--strict"], capsys)
    assert code == 1, err
    published = json.loads((tmp_path / "site" / "datasets.json").read_text(encoding="utf-8"))
    published = published["datasets"] if isinstance(published, dict) else published
    assert dataset_id not in {d["id"] for d in published}


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/datasets.py",
                                  "app_pages/problems.py", "app_pages/public_catalogue.py"])
def test_pages_render_without_an_error_box(far_future: tuple[Path, str, str], page: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path, _, _ = far_future
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = make_runner()(page)
    assert not at.exception
    assert not [e.value for e in at.error]


LAST_UPDATED_COL = SPEC_BY_KEY["datasets"].column("last_updated")


@pytest.mark.parametrize("raw", [
    "31.12.9999", "9999-12-31", "31/12/9999", "1.1.0001", "0001-01-01", "01.01.1989",
    "01.01.2101", "29.02.0000", "00.00.0000",
    dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59),
    dt.datetime(1989, 12, 31), 2958465, 2958465.99, 1.0, -693593,
])
def test_a_date_outside_the_accepted_years_is_an_error_in_every_form(raw: object) -> None:
    result = read_cell(LAST_UPDATED_COL, raw, DEFAULT_SETTINGS.plan_years)
    assert result.value is None and not result.ok
    assert [f.code for f in result.findings] == ["date.outside_years"]
    assert "1990–2100" in result.findings[0].message


@pytest.mark.parametrize("raw", [1e308, -1e308, float("inf"), float("nan"), 10**30,
                                 "NaN", "Infinity", "31.12.99999", "99999-12-31"])
def test_a_number_or_text_that_names_no_day_at_all_is_an_unreadable_date(raw: object) -> None:
    result = read_cell(LAST_UPDATED_COL, raw, DEFAULT_SETTINGS.plan_years)
    assert [f.code for f in result.findings] == ["date.invalid"]


def _register(last_updated: object, **extra: object) -> MemorySource:
    row = {"id": "D1", "title": "Бюджет", "department": "Відділ", "status": "Оприлюднено",
           "update_frequency": "Щороку", "last_updated": last_updated, **extra}
    return MemorySource({"book.xlsx": dict([tab("datasets", row)])})


def test_the_accepted_years_come_from_the_settings() -> None:
    narrow = Settings(earliest_year=2020, latest_year=2030)
    assert load_workbook(_register("31.12.2019"), narrow).datasets == []
    assert load_workbook(_register("31.12.2019")).datasets != []  # 1990-2100 by default
    [issue] = [i for i in load_workbook(_register("01.01.2031"), narrow).issues if i.is_error]
    assert issue.code == "date.outside_years" and "2020–2030" in issue.message


def test_a_huge_grace_saturates_next_due_at_the_last_representable_day() -> None:
    settings = Settings(grace_days={"Щороку": 10**12})
    workbook = load_workbook(_register("31.12.2100"), settings)
    summary = build_summary(build_figures(workbook, dt.date.max, settings))
    [item] = summary["datasets"]["items"]
    assert item["next_due"] == "9999-12-31"
    assert item["overdue"] is False and item["days_overdue"] is None
    json.dumps(summary, allow_nan=False)


def test_a_last_update_at_the_end_of_the_window_is_overdue_only_after_its_interval() -> None:
    workbook = load_workbook(_register("31.12.2100"))
    on_time = build_summary(build_figures(workbook, dt.date(2101, 12, 31), DEFAULT_SETTINGS))
    late = build_summary(build_figures(workbook, dt.date(2102, 1, 1), DEFAULT_SETTINGS))
    assert on_time["datasets"]["items"][0]["overdue"] is False
    assert late["datasets"]["items"][0]["days_overdue"] == 1


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_as_of_at_either_end_of_the_calendar_works_for_every_dated_command(
        as_of: str, demo_path: Path, tmp_path: Path, secrets_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["summary", str(demo_path), "--as-of", as_of, "--strict"], capsys)
    assert code == 1, err  # the demo has planted mistakes
    summary = json.loads(out)
    assert summary["as_of"] == as_of
    json.dumps(summary, allow_nan=False)
    for argv in (["summary", str(demo_path), "--as-of", as_of, "--format", "text", "--strict"],
                 ["check", str(demo_path), "--as-of", as_of]):
        code, out, err = _run(argv, capsys)
        assert code == 1, err
    code, _, err = _run(["export-public", str(demo_path), str(tmp_path / "site"),
                         "--as-of", as_of, "--strict"], capsys)
    assert code == 1, err


def test_as_of_outside_the_calendar_is_a_clean_argument_error(
        demo_path: Path, secrets_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", str(demo_path), "--as-of", "10000-01-01"])
    assert exit_info.value.code == 2
    assert "РРРР-ММ-ДД" in capsys.readouterr().err
