"""Task, section and plan progress (RULES.md "Task progress and state"), computed by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from odcore.periods import Quarter
from odcore.rules.progress import (
    GridMark,
    PeriodMark,
    PlanProgress,
    TaskProgress,
    TaskState,
    plan_grid,
    plan_progress,
    previous_quarter_as_of,
    quarter_grid,
)
from odcore.settings import Settings
from tests.rules import FIN, IT, load, plan_tab, report, tab, task

SETTINGS = Settings()
DONE, WORKING, NOT_STARTED, NOT_DONE, NA = (
    "Виконано", "В роботі", "Не розпочато", "Не виконано", "Не застосовується")


def plan_at(tasks: list[dict[str, Any]], reports: list[dict[str, Any]],
            as_of: dt.date) -> PlanProgress:
    workbook = load(plan_tab(*tasks), tab("reports", *reports))
    return plan_progress(workbook, as_of, SETTINGS)


def one(deadline: str | None, reports: list[dict[str, Any]], as_of: dt.date) -> TaskProgress:
    result = plan_at([task("4.3", deadline)], reports, as_of).task("4.3")
    assert result is not None
    return result


# Quarterly -----------------------------------------------------------------------------------

def test_quarter_is_due_on_the_first_day_of_the_next_quarter_and_not_the_day_before() -> None:
    reports = [report("4.3", "2024-Q1", DONE)]
    day_before = one("Щоквартально", reports, dt.date(2024, 6, 30))
    first_day = one("Щоквартально", reports, dt.date(2024, 7, 1))
    # On 30 June only 2024-Q1 is due, and it is fulfilled: 1/1.
    assert (day_before.state, day_before.progress, day_before.missed) == (
        TaskState.ON_TRACK, 1.0, [])
    # On 1 July 2024-Q2 is due too and has no report: 1/2, Q2 missed.
    assert (first_day.state, first_day.progress, first_day.missed) == (
        TaskState.BEHIND, 0.5, ["2024-Q2"])


def test_quarterly_task_with_no_due_quarter_is_not_due_and_left_out_of_averages() -> None:
    plan = plan_at([task("4.3", "Щоквартально"), task("4.4", "2024 рік")],
                   [report("4.3", "2024-Q1", DONE), report("4.4", "2024-Q1", WORKING,
                                                           progress=40)],
                   dt.date(2024, 3, 31))
    quarterly = plan.task("4.3")
    assert quarterly is not None
    assert (quarterly.state, quarterly.progress, quarterly.periods) == (TaskState.NOT_DUE, None, [])
    # Only the one-off (40 %) counts, in its section and in the plan.
    assert plan.progress == 0.4
    assert plan.sections[0].progress == 0.4


def test_quarterly_quarter_is_fulfilled_only_by_done() -> None:
    reports = [report("4.3", "2024-Q1", WORKING), report("4.3", "2024-Q2", DONE),
               report("4.3", "2024-Q3", NOT_DONE)]
    result = one("Щоквартально", reports, dt.date(2024, 10, 1))
    # Due Q1, Q2, Q3; only Q2 says Виконано: 1/3.
    assert result.progress == pytest.approx(1 / 3)
    assert result.missed == ["2024-Q1", "2024-Q3"]
    assert [p.mark for p in result.periods] == [PeriodMark.MISSED, PeriodMark.FULFILLED,
                                                PeriodMark.MISSED]


def test_report_of_any_department_fulfils_the_quarter() -> None:
    reports = [report("4.3", "2024-Q1", NOT_DONE, IT), report("4.3", "2024-Q1", DONE, FIN)]
    assert one("Щоквартально", reports, dt.date(2024, 4, 1)).state is TaskState.ON_TRACK


# Continuous and yearly ------------------------------------------------------------------------

def test_continuous_task_is_fulfilled_by_in_progress() -> None:
    reports = [report("4.3", "2024-Q1", WORKING), report("4.3", "2024-Q2", DONE),
               report("4.3", "2024-Q3", NOT_STARTED)]
    result = one("Постійно", reports, dt.date(2024, 10, 1))
    # Q1 (В роботі) and Q2 (Виконано) fulfilled, Q3 (Не розпочато) missed: 2/3.
    assert result.progress == pytest.approx(2 / 3)
    assert (result.state, result.missed) == (TaskState.BEHIND, ["2024-Q3"])


def test_empty_deadline_is_judged_as_continuous() -> None:
    result = one(None, [report("4.3", "2024-Q1", WORKING)], dt.date(2024, 4, 1))
    assert (result.schedule.kind.value, result.state, result.progress) == (
        "continuous", TaskState.ON_TRACK, 1.0)


@pytest.mark.parametrize("quarter", ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
def test_yearly_task_is_fulfilled_by_a_report_in_any_quarter_of_the_year(quarter: str) -> None:
    result = one("1 раз на рік", [report("4.3", quarter, DONE)], dt.date(2025, 1, 1))
    assert (result.state, result.progress, result.missed) == (TaskState.ON_TRACK, 1.0, [])
    assert [(p.label, p.mark) for p in result.periods] == [("2024", PeriodMark.FULFILLED)]


def test_yearly_task_is_due_on_the_first_of_january_of_the_next_year() -> None:
    reports = [report("4.3", "2024-Q2", DONE)]
    assert one("1 раз на рік", reports, dt.date(2024, 12, 31)).state is TaskState.NOT_DUE
    # On 2026-01-01 the years 2024 (fulfilled) and 2025 (no report) are due: 1/2.
    later = one("1 раз на рік", reports, dt.date(2026, 1, 1))
    assert (later.state, later.progress, later.missed) == (TaskState.BEHIND, 0.5, ["2025"])


def test_periods_after_the_plan_window_are_never_due() -> None:
    reports = [report("4.3", f"{y}-Q{q}", DONE) for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    result = one("Щоквартально", reports, dt.date(2030, 1, 1))
    assert (len(result.periods), result.progress) == (12, 1.0)


# Not applicable -------------------------------------------------------------------------------

def test_task_with_only_not_applicable_reports_is_left_out_of_averages() -> None:
    plan = plan_at([task("4.3", "Щоквартально"), task("4.4", "Щоквартально")],
                   [report("4.3", "2024-Q1", DONE), report("4.4", "2024-Q1", NA),
                    report("4.4", "2024-Q2", NA)],
                   dt.date(2024, 7, 1))
    left_out = plan.task("4.4")
    assert left_out is not None
    assert (left_out.state, left_out.progress, left_out.missed) == (
        TaskState.NOT_APPLICABLE, None, [])
    # 4.3: Q1 fulfilled, Q2 missed = 0.5; 4.4 is left out, so the plan is 0.5, not 0.25.
    assert plan.progress == 0.5
    assert plan.sections[0].progress == 0.5


def test_due_period_with_only_not_applicable_reports_leaves_the_due_set() -> None:
    reports = [report("4.3", "2024-Q1", NA), report("4.3", "2024-Q2", DONE)]
    result = one("Щоквартально", reports, dt.date(2024, 10, 1))
    # Due Q1 (not applicable: out), Q2 (fulfilled), Q3 (missed): 1/2.
    assert (result.progress, result.missed) == (0.5, ["2024-Q3"])
    assert result.periods[0].mark is PeriodMark.NOT_APPLICABLE


def test_not_applicable_beside_another_status_does_not_excuse_the_period() -> None:
    reports = [report("4.3", "2024-Q1", NA, IT), report("4.3", "2024-Q1", NOT_DONE, FIN)]
    result = one("Щоквартально", reports, dt.date(2024, 4, 1))
    assert (result.state, result.missed) == (TaskState.BEHIND, ["2024-Q1"])


def test_one_off_task_with_only_not_applicable_reports_is_left_out() -> None:
    result = one("2024 рік", [report("4.3", "2024-Q1", NA)], dt.date(2025, 3, 1))
    assert (result.state, result.progress) == (TaskState.NOT_APPLICABLE, None)


# One-off ----------------------------------------------------------------------------------------

def test_one_off_is_done_when_any_report_says_done() -> None:
    reports = [report("4.3", "2024-Q1", DONE, FIN),
               report("4.3", "2024-Q2", WORKING, IT, progress=30)]
    result = one("2024 рік", reports, dt.date(2024, 7, 1))
    assert (result.state, result.progress, result.missed, result.due) == (
        TaskState.DONE, 1.0, [], dt.date(2024, 12, 31))


def test_one_off_progress_is_the_latest_reports_by_period() -> None:
    reports = [report("4.3", "2024-Q2", WORKING, progress=60),
               report("4.3", "2024-Q1", WORKING, progress=30)]
    result = one("2024 рік", reports, dt.date(2024, 7, 1))
    assert (result.state, result.progress) == (TaskState.IN_PROGRESS, 0.6)


def test_latest_report_of_a_period_is_the_later_report_date_before_row_order() -> None:
    reports = [report("4.3", "2024-Q1", WORKING, FIN, progress=20,
                      reported_on=dt.date(2024, 4, 10)),
               report("4.3", "2024-Q1", WORKING, IT, progress=50,
                      reported_on=dt.date(2024, 4, 5))]
    assert one("2024 рік", reports, dt.date(2024, 4, 15)).progress == 0.2


def test_latest_report_with_equal_dates_is_the_later_row() -> None:
    reports = [report("4.3", "2024-Q1", WORKING, FIN, progress=20),
               report("4.3", "2024-Q1", WORKING, IT, progress=50)]
    assert one("2024 рік", reports, dt.date(2024, 4, 15)).progress == 0.5


def test_dated_report_is_later_than_an_undated_one_of_the_same_period() -> None:
    reports = [report("4.3", "2024-Q1", WORKING, FIN, progress=20,
                      reported_on=dt.date(2024, 4, 1)),
               report("4.3", "2024-Q1", WORKING, IT, progress=50)]
    assert one("2024 рік", reports, dt.date(2024, 4, 15)).progress == 0.2


def test_not_applicable_report_is_passed_over_as_the_latest() -> None:
    reports = [report("4.3", "2024-Q1", WORKING, IT, progress=40),
               report("4.3", "2024-Q1", NA, FIN, reported_on=dt.date(2024, 4, 20))]
    result = one("2024 рік", reports, dt.date(2024, 5, 1))
    assert (result.state, result.progress) == (TaskState.IN_PROGRESS, 0.4)
    assert result.latest is not None and result.latest.department == IT


def test_report_for_a_period_not_yet_started_does_not_count() -> None:
    reports = [report("4.3", "2024-Q3", DONE)]
    before = one("ІІ-ге півріччя 2024 року", reports, dt.date(2024, 6, 30))
    assert (before.state, before.progress, before.latest) == (TaskState.NOT_STARTED, 0.0, None)
    # The report counts from the first day of its period, whatever its `Дата звіту`.
    assert one("ІІ-ге півріччя 2024 року", reports, dt.date(2024, 7, 1)).state is TaskState.DONE


def test_one_off_is_overdue_after_its_due_date_and_keeps_its_progress() -> None:
    reports = [report("4.3", "2024-Q1", WORKING, progress=70)]
    on_due_day = one("І-й квартал 2024 року", reports, dt.date(2024, 3, 31))
    after = one("І-й квартал 2024 року", reports, dt.date(2024, 4, 1))
    assert (on_due_day.state, on_due_day.progress) == (TaskState.IN_PROGRESS, 0.7)
    assert (after.state, after.progress, after.missed) == (TaskState.OVERDUE, 0.7, [])


def test_one_off_without_an_in_progress_report_is_not_started() -> None:
    reports = [report("4.3", "2024-Q1", NOT_DONE, progress=10)]
    result = one("2024 рік", reports, dt.date(2024, 4, 1))
    assert (result.state, result.progress) == (TaskState.NOT_STARTED, 0.1)


def test_one_off_without_progress_counts_as_zero() -> None:
    result = one("2024 рік", [report("4.3", "2024-Q1", WORKING)], dt.date(2024, 4, 1))
    assert (result.state, result.progress) == (TaskState.IN_PROGRESS, 0.0)


def test_one_off_due_in_the_future_counts_in_averages_at_its_progress() -> None:
    plan = plan_at([task("4.3", "Щоквартально"), task("4.4", "2026 рік")],
                   [report("4.3", "2024-Q1", DONE)], dt.date(2024, 4, 1))
    # 4.3: 1/1 = 1.0; 4.4 has nothing reported but the plan promised it: 0.0. Mean 0.5.
    assert plan.progress == 0.5


# Sections and plan ------------------------------------------------------------------------------

def test_plan_progress_is_the_mean_over_tasks_not_over_sections() -> None:
    plan = plan_at([task("4.1", "2024 рік"), task("4.2", "2024 рік"), task("5.1", "2024 рік")],
                   [report("4.1", "2024-Q1", DONE), report("4.2", "2024-Q1", DONE)],
                   dt.date(2024, 4, 1))
    assert [(s.number, s.title, s.progress, s.codes) for s in plan.sections] == [
        ("4", "Розділ 4", 1.0, ["4.1", "4.2"]), ("5", "Розділ 5", 0.0, ["5.1"])]
    # Tasks 1.0, 1.0, 0.0 -> 2/3 (the sections' mean would be 0.5).
    assert plan.progress == pytest.approx(2 / 3)


def test_section_whose_tasks_are_all_left_out_has_no_progress() -> None:
    plan = plan_at([task("4.1", "Щоквартально")], [], dt.date(2024, 3, 1))
    assert plan.sections[0].progress is None
    assert plan.progress is None


def test_section_without_a_number_takes_the_task_codes_first_part() -> None:
    plan = plan_at([task("7.1", "Постійно", section="Культура управління даними")], [],
                   dt.date(2024, 4, 1))
    assert (plan.sections[0].number, plan.sections[0].title) == ("7", "Культура управління даними")


# Grid -------------------------------------------------------------------------------------------

def test_grid_marks_each_quarter_of_a_periodic_task() -> None:
    result = one("Щоквартально", [report("4.3", "2024-Q1", DONE), report("4.3", "2024-Q3", NA),
                                  report("4.3", "2024-Q4", DONE)], dt.date(2024, 10, 1))
    grid = quarter_grid(result, SETTINGS)
    assert len(grid) == 12
    assert [grid[Quarter(2024, q)] for q in (1, 2, 3, 4)] == [
        GridMark.FULFILLED, GridMark.MISSED, GridMark.NOT_APPLICABLE, GridMark.NOT_DUE]
    assert grid[Quarter(2026, 4)] is GridMark.NOT_DUE


def test_grid_fills_a_yearly_verdict_into_the_years_quarters() -> None:
    result = one("1 раз на рік", [report("4.3", "2024-Q2", DONE)], dt.date(2025, 1, 1))
    grid = quarter_grid(result, SETTINGS)
    assert {grid[Quarter(2024, q)] for q in (1, 2, 3, 4)} == {GridMark.FULFILLED}
    assert grid[Quarter(2025, 1)] is GridMark.NOT_DUE


@pytest.mark.parametrize(("reports", "as_of", "mark"), [
    ([], dt.date(2024, 7, 1), GridMark.DEADLINE),
    ([report("4.3", "2024-Q3", DONE)], dt.date(2024, 10, 1), GridMark.FULFILLED),
    ([], dt.date(2025, 1, 1), GridMark.MISSED),
])
def test_grid_shows_a_one_off_in_its_deadlines_quarter(reports: list[dict[str, Any]],
                                                       as_of: dt.date, mark: GridMark) -> None:
    plan = plan_at([task("4.3", "ІІ-ге півріччя 2024 року")], reports, as_of)
    grid = plan_grid(plan, SETTINGS)["4.3"]
    assert grid[Quarter(2024, 4)] is mark
    assert {m for q, m in grid.items() if q != Quarter(2024, 4)} == {GridMark.NONE}


@pytest.mark.parametrize(("as_of", "previous"), [
    (dt.date(2025, 7, 1), dt.date(2025, 4, 1)),
    (dt.date(2025, 8, 15), dt.date(2025, 7, 1)),
    (dt.date(2025, 1, 1), dt.date(2024, 10, 1)),
])
def test_previous_quarter_as_of_is_the_end_of_the_quarter_before(as_of: dt.date,
                                                                 previous: dt.date) -> None:
    assert previous_quarter_as_of(as_of) == previous


def test_period_groups_are_the_due_years_or_quarters_of_the_window():
    from odcore.rules.progress import _period_groups

    as_of = dt.date(2025, 7, 1)
    assert _period_groups(2024, 2026, as_of, True) == (
        ("2024", tuple(Quarter(2024, q) for q in range(1, 5))),)
    assert [label for label, _ in _period_groups(2024, 2026, as_of, False)] == [
        "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert _period_groups(2024, 2026, dt.date(2024, 3, 31), False) == ()
