"""Departments: their progress, what each executor owes, what each still has to report.

RULES.md "Departments". Executors are the names ``load_workbook`` split from `Виконавець`;
a group executor counts for the departments the settings map it to, else as an entry of
its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from odcore.deadlines import ScheduleKind
from odcore.periods import Quarter, latest_due_quarter
from odcore.rules.names import NameKeys
from odcore.rules.progress import PlanProgress, TaskProgress, TaskState, mean
from odcore.schema.models import Task
from odcore.settings import Settings
from odcore.text import normalize_name


def task_departments(progress: TaskProgress, settings: Settings) -> tuple[str, ...]:
    """The task's executors, a mapped group executor replaced by its departments."""
    return executors_of(progress.task, settings)


def executors_of(task: Task, settings: Settings) -> tuple[str, ...]:
    """A plan row's executors, a mapped group executor replaced by its departments."""
    return _executors(task, _groups(settings), NameKeys())


def _groups(settings: Settings) -> dict[str, list[str]]:
    """settings.group_executors keyed by the normalised group name."""
    return {normalize_name(g): names for g, names in settings.group_executors.items()}


def _executors(task: Task, groups: dict[str, list[str]], keys: NameKeys) -> tuple[str, ...]:
    """executors_of, with the names compared through ``keys`` (each distinct name read once
    for all the tasks of a pass)."""
    names: dict[str, str] = {}
    for executor in task.executors:
        for name in groups.get(keys[executor], [executor]):
            names.setdefault(keys[name], name)
    return tuple(names.values())


def departments_of_plan(plan: PlanProgress, settings: Settings) -> list[str]:
    """Every department or group that executes a task, in order of first appearance."""
    names: dict[str, str] = {}
    for progress in plan.tasks:
        for name in task_departments(progress, settings):
            names.setdefault(normalize_name(name), name)
    return list(names.values())


def department_tasks(department: str, plan: PlanProgress,
                     settings: Settings) -> list[TaskProgress]:
    """The tasks that list the department as an executor (directly or through a group)."""
    wanted = normalize_name(department)
    return [t for t in plan.tasks
            if wanted in {normalize_name(n) for n in task_departments(t, settings)}]


@dataclass(frozen=True)
class DepartmentProgress:
    """A department's mean task progress (None when all its tasks are left out)."""

    department: str
    progress: float | None
    codes: list[str]


def department_progress(plan: PlanProgress, settings: Settings) -> list[DepartmentProgress]:
    """Every executor's progress: the mean progress of the tasks that list it."""
    # One pass over the tasks: the departments in order of first appearance (the spelling
    # departments_of_plan keeps), each with its tasks in plan order, as department_tasks
    # gives them (a task's executors are already distinct by normalised name).
    groups = _groups(settings)
    keys = NameKeys()  # a few departments over all the tasks: each name read once
    names: dict[str, str] = {}
    members: dict[str, list[TaskProgress]] = {}
    for progress in plan.tasks:
        for name in _executors(progress.task, groups, keys):
            key = keys[name]
            names.setdefault(key, name)
            members.setdefault(key, []).append(progress)
    return [DepartmentProgress(name, mean(t.progress for t in members[key]),
                               [t.code for t in members[key]])
            for key, name in names.items()]


@dataclass(frozen=True)
class Debt:
    """What one executor owes on one task: missed periods, or an overdue one-off deadline."""

    department: str
    code: str
    missed: list[str]
    overdue_since: dt.date | None  # the one-off deadline that has passed


def debts(plan: PlanProgress, settings: Settings) -> list[Debt]:
    """Every executor of every behind or overdue task owes it (RULES.md "Departments")."""
    result = []
    for progress in plan.tasks:
        if progress.state is TaskState.BEHIND:
            missed, overdue = list(progress.missed), None
        elif progress.state is TaskState.OVERDUE:
            missed, overdue = [], progress.due
        else:
            continue
        for name in task_departments(progress, settings):
            result.append(Debt(name, progress.code, missed, overdue))
    return result


def department_debts(department: str, plan: PlanProgress, settings: Settings) -> list[Debt]:
    """What one department owes."""
    wanted = normalize_name(department)
    return [d for d in debts(plan, settings) if normalize_name(d.department) == wanted]


class ToReportReason(StrEnum):
    NO_REPORT = "no_report"  # a periodic task without this department's report for the quarter
    NOT_DONE = "not_done"  # a one-off task not done yet


@dataclass(frozen=True)
class ToReport:
    """One item a department still has to report; ``quarter`` for periodic tasks."""

    code: str
    reason: ToReportReason
    quarter: Quarter | None


def still_to_report(department: str, plan: PlanProgress,
                    settings: Settings) -> list[ToReport]:
    """Periodic tasks with no report from the department for the latest due quarter, and
    one-off tasks not yet done (a task left as `Не застосовується` owes nothing)."""
    quarter = latest_due_quarter(settings.plan_first_year, settings.plan_last_year, plan.as_of)
    wanted = normalize_name(department)
    items = []
    for progress in department_tasks(department, plan, settings):
        if progress.state is TaskState.NOT_APPLICABLE:
            continue
        if progress.schedule.kind is ScheduleKind.ONE_OFF:
            if progress.state is not TaskState.DONE:
                items.append(ToReport(progress.code, ToReportReason.NOT_DONE, None))
            continue
        if quarter is None:
            continue
        reported = any(r.period == quarter and normalize_name(r.department) == wanted
                       for r in progress.reports)
        if not reported:
            items.append(ToReport(progress.code, ToReportReason.NO_REPORT, quarter))
    return items

