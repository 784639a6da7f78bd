"""Departments: progress, debts and "still to report" (RULES.md "Departments")."""

from __future__ import annotations

import datetime as dt

from odcore.periods import Quarter
from odcore.rules.owing import (
    Debt,
    DepartmentProgress,
    ToReport,
    ToReportReason,
    debts,
    department_debts,
    department_progress,
    department_tasks,
    departments_of_plan,
    still_to_report,
)
from odcore.rules.progress import PlanProgress, mean, plan_progress
from odcore.settings import Settings
from tests.rules import FIN, IT, departments_tab, load, plan_tab, report, tab, task

HEADS = "Начальники управлінь та відділів"
PLAIN = Settings()
HOUSING = "Управління ЖКГ, транспорту та благоустрою"
MAPPED = Settings(group_executors={HEADS: [IT, FIN]})


def plan_at(as_of: dt.date, settings: Settings = PLAIN) -> PlanProgress:
    workbook = load(
        departments_tab(IT, FIN, HOUSING),
        plan_tab(task("1.1", "І-й квартал 2024 року", f"{IT}, {FIN}"),
                 task("1.2", "2026 рік", f"{HEADS}, {IT}"),
                 task("4.3", "Щоквартально", f"{IT}, {HOUSING}"),
                 task("7.1", "Постійно", FIN)),
        tab("reports", report("1.1", "2024-Q1", "В роботі", IT, progress=50),
            report("4.3", "2024-Q1", "Виконано", IT),
            report("4.3", "2024-Q2", "Виконано", HOUSING),
            report("7.1", "2024-Q1", "Не застосовується", FIN)))
    return plan_progress(workbook, as_of, settings)


def test_known_department_with_a_comma_is_one_executor() -> None:
    plan = plan_at(dt.date(2024, 7, 1))
    assert [t.code for t in department_tasks(HOUSING, plan, PLAIN)] == ["4.3"]


def test_department_progress_is_the_mean_of_the_tasks_listing_it() -> None:
    progress = {d.department: d.progress for d in department_progress(plan_at(dt.date(2024, 7, 1)),
                                                                       PLAIN)}
    # On 2024-07-01: 1.1 overdue at 0.5; 1.2 not started at 0.0; 4.3 Q1 and Q2 done = 1.0;
    # 7.1 not applicable (left out).
    # ІТ: 1.1, 1.2, 4.3 -> (0.5 + 0 + 1) / 3 = 0.5. Фінансове: 1.1 only (7.1 left out) = 0.5.
    # The unmapped group executor is an entry of its own: 1.2 = 0.0. ЖКГ: 4.3 = 1.0.
    assert progress == {IT: 0.5, FIN: 0.5, HEADS: 0.0, HOUSING: 1.0}


def test_mapped_group_executor_counts_for_its_departments() -> None:
    plan = plan_at(dt.date(2024, 7, 1), MAPPED)
    progress = {d.department: d.progress for d in department_progress(plan, MAPPED)}
    # Фінансове now executes 1.1 (0.5) and 1.2 (0.0): 0.25; ІТ is unchanged (1.2 counted once).
    assert progress == {IT: 0.5, FIN: 0.25, HOUSING: 1.0}


def test_department_progress_in_one_pass_is_a_pass_per_department() -> None:
    # department_progress groups the tasks in one pass; it must list what departments_of_plan
    # and department_tasks give, name by name and task by task, mapped groups or not.
    for settings in (PLAIN, MAPPED):
        plan = plan_at(dt.date(2024, 10, 1), settings)
        expected = []
        for name in departments_of_plan(plan, settings):
            tasks = department_tasks(name, plan, settings)
            expected.append(DepartmentProgress(name, mean(t.progress for t in tasks),
                                               [t.code for t in tasks]))
        assert department_progress(plan, settings) == expected
        assert len(expected) >= 3


def test_every_executor_owes_missed_periods_and_overdue_deadlines() -> None:
    plan = plan_at(dt.date(2024, 10, 1))
    # 1.1 was due 2024-03-31 (overdue); 4.3 misses 2024-Q3.
    assert debts(plan, PLAIN) == [
        Debt(IT, "1.1", [], dt.date(2024, 3, 31)), Debt(FIN, "1.1", [], dt.date(2024, 3, 31)),
        Debt(IT, "4.3", ["2024-Q3"], None), Debt(HOUSING, "4.3", ["2024-Q3"], None)]
    assert department_debts(FIN, plan, PLAIN) == [Debt(FIN, "1.1", [], dt.date(2024, 3, 31))]


def test_still_to_report_lists_periodic_tasks_without_its_own_report_and_open_one_offs() -> None:
    plan = plan_at(dt.date(2024, 7, 1))
    q2 = Quarter(2024, 2)
    # 4.3 has a 2024-Q2 report from ЖКГ but none from ІТ; 1.1 and 1.2 are not done.
    assert still_to_report(IT, plan, PLAIN) == [
        ToReport("1.1", ToReportReason.NOT_DONE, None),
        ToReport("1.2", ToReportReason.NOT_DONE, None),
        ToReport("4.3", ToReportReason.NO_REPORT, q2)]
    assert still_to_report(HOUSING, plan, PLAIN) == []
    # 7.1 is not applicable: Фінансове owes only the open one-off 1.1.
    assert still_to_report(FIN, plan, PLAIN) == [
        ToReport("1.1", ToReportReason.NOT_DONE, None)]


def test_before_any_quarter_is_due_only_open_one_offs_are_still_to_report() -> None:
    plan = plan_at(dt.date(2024, 3, 1))
    assert [i.code for i in still_to_report(HOUSING, plan, PLAIN)] == []
    assert [i.code for i in still_to_report(IT, plan, PLAIN)] == ["1.1", "1.2"]
