"""The machine-readable summary's shape and figures (RULES.md "Machine-readable summary")."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from odcore.figures import build_figures
from odcore.settings import Settings
from odcore.summary import build_summary, summary_text
from tests.rules import load, plan_tab, report, tab, task

AS_OF = dt.date(2024, 7, 1)


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    workbook = load(
        plan_tab(task("1.1", "І-й квартал 2024 року"), task("5.1", "Щоквартально"),
                 task("7.1", "незабаром"), task("8.2", None)),
        tab("reports", report("1.1", "2024-Q1", "В роботі", progress=40),
            report("5.1", "2024-Q1", "Виконано"), report("5.1", "2024-Q2", "Виконано"),
            report("8.2", "2024-Q1", "Не застосовується"),
            report("8.2", "2024-Q2", "Не застосовується"),
            report("9.9", "2024-Q1", "Виконано")),
        tab("publications", {"published_on": dt.date(2024, 5, 5), "title": "Пост"}))
    return build_summary(build_figures(workbook, AS_OF, Settings()))


def test_summary_is_json_with_the_documented_top_level_keys(summary: dict[str, Any]) -> None:
    assert json.loads(json.dumps(summary)) == summary
    assert set(summary) >= {"as_of", "plan", "indicators", "datasets", "issues"}
    assert summary["as_of"] == "2024-07-01"


def test_summary_tasks_carry_schedule_due_state_progress_and_missed(
        summary: dict[str, Any]) -> None:
    tasks = {t["code"]: t for t in summary["plan"]["tasks"]}
    assert {k: tasks["1.1"][k] for k in ("schedule", "due", "state", "progress", "missed",
                                         "indicator", "discrepancy")} == {
        "schedule": "one_off", "due": "2024-03-31", "state": "overdue", "progress": 0.4,
        "missed": [], "indicator": None, "discrepancy": False}
    # 7.1 "незабаром" is unrecognised, so continuous; Q1 and Q2 are due without reports.
    assert (tasks["7.1"]["schedule"], tasks["7.1"]["due"], tasks["7.1"]["state"],
            tasks["7.1"]["progress"], tasks["7.1"]["missed"]) == (
        "continuous", None, "behind", 0.0, ["2024-Q1", "2024-Q2"])
    assert (tasks["8.2"]["state"], tasks["8.2"]["progress"]) == ("not_applicable", None)


def test_summary_flags_a_done_report_against_an_unmet_indicator(summary: dict[str, Any]) -> None:
    task_51 = next(t for t in summary["plan"]["tasks"] if t["code"] == "5.1")
    # A publication in 2024-Q2 only: 1 of the 2 due quarters, while Q2 says Виконано.
    assert task_51["indicator"] == {"key": "publications_quarter_share", "value": 0.5,
                                    "met": False}
    assert (task_51["state"], task_51["progress"], task_51["discrepancy"]) == (
        "on_track", 1.0, True)


def test_summary_plan_and_sections_average_the_tasks_left_in(summary: dict[str, Any]) -> None:
    # 1.1 = 0.4, 5.1 = 1.0, 7.1 = 0.0; 8.2 is not applicable: (0.4 + 1 + 0) / 3.
    assert summary["plan"]["progress"] == pytest.approx(1.4 / 3)
    assert [(s["section"], s["title"], s["progress"]) for s in summary["plan"]["sections"]] == [
        ("1", "Розділ 1", 0.4), ("5", "Розділ 5", 1.0), ("7", "Розділ 7", 0.0),
        ("8", "Розділ 8", None)]


def test_summary_indicators_have_value_target_op_and_met(summary: dict[str, Any]) -> None:
    compliance = summary["indicators"]["datasets_compliant_share"]
    # No register: a share over an empty set is null, and so is met.
    assert (compliance["value"], compliance["target"], compliance["op"], compliance["met"]) == (
        None, 0.75, ">=", None)
    assert summary["indicators"]["publications_quarter_share"]["value"] == 0.5
    assert summary["datasets"]["total"] == 0


def test_summary_issues_count_reading_and_deadline_problems(summary: dict[str, Any]) -> None:
    # The report for the unknown task 9.9 is an error; "незабаром" is a warning (the empty
    # deadline of 8.2 is only information).
    assert (summary["issues"]["errors"], summary["issues"]["warnings"]) == (1, 1)


def test_summary_text_names_the_date_and_the_plan_progress(summary: dict[str, Any]) -> None:
    text = summary_text(summary)
    # (0.4 + 1 + 0) / 3 = 46.67 % -> 47 %.
    assert "Станом на 01.07.2024" in text and "Виконання плану: 47 %" in text
    assert "5.1: за графіком, 100 %" in text


def test_summary_text_gives_no_percentage_to_a_task_left_out(summary: dict[str, Any]) -> None:
    # 8.2 is not applicable: its progress is null, so the line names the state only.
    assert "  8.2: не застосовується\n" in summary_text(summary) + "\n"
