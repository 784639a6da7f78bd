"""Quarters, half-years and years at the edges of the calendar never crash anything.

The hostile tester's case 3: a plan deadline (`Строк виконання`) of `0000-Q1`, `0000 рік` or
`IV квартал 9999` made `check` exit 3 and every page crash, the data-problems page too.
Such a deadline is now an error at its cell and the task is left out of the figures.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from odcore.cli import main
from odcore.deadlines import ScheduleKind, parse_deadline
from odcore.figures import build_figures
from odcore.periods import Quarter, parse_quarter, year_is_due
from odcore.reading import load_workbook
from odcore.rules.progress import previous_quarter_as_of
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from tests.helpers import TASK, load, tab
from tests.ui.conftest import make_runner

DEADLINE = "Строк виконання"
BAD_DEADLINES = ["0000-Q1", "0000 рік", "IV квартал 9999", "до 31.12.9999", "ІІ-ге півріччя 0000",
                 "30 вересня 9999 року", "протягом 1989 року", "до кінця 2101 року"]


def _demo_with_deadline(demo_path: Path, tmp_path: Path, wording: str) -> tuple[Path, str]:
    """A copy of the demo whose first task has ``wording`` as its deadline; (path, its code)."""
    book = openpyxl.load_workbook(demo_path)
    sheet = book["План"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index(DEADLINE) + 1).value = wording
    code = str(sheet.cell(2, header.index("Код") + 1).value)
    path = tmp_path / "deadline.xlsx"
    book.save(path)
    return path, code


@pytest.mark.parametrize("wording", BAD_DEADLINES)
def test_check_and_summary_report_the_deadline_year_at_its_cell(
        wording: str, demo_path: Path, tmp_path: Path, secrets_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, code = _demo_with_deadline(demo_path, tmp_path, wording)
    assert main(["check", str(path), "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)
    issues = issues["issues"] if isinstance(issues, dict) else issues
    [issue] = [i for i in issues if i["tab"] == "План" and i["row"] == 2 and i["cell"]]
    assert (issue["code"], issue["severity"], issue["column"]) == (
        "deadline.outside_years", "error", DEADLINE)
    assert "1990" in issue["message"] and "2100" in issue["message"]
    assert main(["summary", str(path), "--as-of", "2025-07-01", "--strict"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert code not in {t["code"] for t in summary["plan"]["tasks"]}


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/plan.py",
                                  "app_pages/department.py", "app_pages/problems.py",
                                  "app_pages/public_programme.py"])
def test_pages_render_without_an_error_box(page: str, demo_path: Path, tmp_path: Path,
                                           secrets_file: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = _demo_with_deadline(demo_path, tmp_path, "IV квартал 9999")
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = make_runner()(page)
    assert not at.exception
    assert not [e.value for e in at.error]


@pytest.mark.parametrize("period", ["0000-Q1", "Q4 9999", "IV кв. 0000", "9999 Q4", "1 кв 1989"])
def test_a_report_period_outside_the_years_is_an_error_not_a_crash(period: str) -> None:
    workbook = load(tab("plan", TASK), tab("reports", {
        "task_code": "4.3", "period": period, "status": "Виконано", "department": "Відділ ІТ"}))
    assert [i.code for i in workbook.issues if i.is_error] == ["quarter.outside_plan"]
    assert workbook.reports == []


@pytest.mark.parametrize("wording", BAD_DEADLINES)
def test_parse_deadline_gives_an_error_and_no_due_date_for_a_year_outside(wording: str) -> None:
    schedule, finding = parse_deadline(wording, 2024, 2026, (1990, 2100))
    assert finding is not None and finding.code == "deadline.outside_years"
    assert finding.severity.value == "error"
    assert (schedule.kind, schedule.due) == (ScheduleKind.ONE_OFF, None)


def test_a_deadline_beyond_the_plan_but_inside_the_accepted_years_stays_a_warning() -> None:
    schedule, finding = parse_deadline("IV квартал 2100", 2024, 2026, (1990, 2100))
    assert schedule.due == dt.date(2100, 12, 31)
    assert finding is not None and finding.code == "deadline.outside_plan"


def test_quarter_arithmetic_is_total_at_both_ends_of_the_calendar() -> None:
    last, first = Quarter(9999, 4), Quarter(1, 1)
    assert last.end == dt.date.max and last.next() is None
    assert last.end_as_of == dt.date.max  # no day follows it: its own last day
    assert not last.is_due(dt.date.max) and not year_is_due(9999, dt.date.max)
    assert first.previous() is None and first.start == dt.date.min
    assert previous_quarter_as_of(dt.date.min) == dt.date.min
    assert previous_quarter_as_of(dt.date.max) == dt.date(9999, 10, 1)
    assert parse_quarter("0000-Q1") is None and parse_quarter("9999-Q4") == last


def test_settings_keep_the_years_inside_the_calendar_and_the_plan_inside_the_years() -> None:
    for bad in ({"earliest_year": 0}, {"latest_year": 10000},
                {"earliest_year": 2025}, {"latest_year": 2025}):
        with pytest.raises(ValidationError, match="earliest_year"):
            Settings(**bad)


def test_a_plan_at_the_end_of_the_calendar_is_computed_to_its_last_day() -> None:
    settings = Settings(latest_year=9999, plan_first_year=9998, plan_last_year=9999)
    task = {**TASK, "deadline": "IV квартал 9999"}
    quarterly = {**TASK, "code": "4.4", "deadline": "Щоквартально"}
    workbook = load_workbook(MemorySource({"book.xlsx": dict([
        tab("plan", task, quarterly),
        tab("reports", {"task_code": "4.4", "period": "9999-Q4", "status": "Виконано",
                        "department": "Відділ ІТ"})])}), settings)
    assert not [i for i in workbook.issues if i.is_error]
    for as_of in (dt.date.min, dt.date(9999, 12, 30), dt.date.max):
        summary = build_summary(build_figures(workbook, as_of, settings))
        json.dumps(summary, allow_nan=False)
    tasks = {t["code"]: t for t in summary["plan"]["tasks"]}
    assert tasks["4.3"]["due"] == "9999-12-31" and tasks["4.3"]["state"] == "not_started"
    assert tasks["4.4"]["state"] == "behind"  # 9999-Q4 is never due; the others are missed
    assert "9999-Q4" not in tasks["4.4"]["missed"]


def test_default_settings_accept_1990_to_2100() -> None:
    assert DEFAULT_SETTINGS.accepted_years == (1990, 2100)
