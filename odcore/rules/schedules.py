"""The plan's deadline wording (`Строк виконання`) becomes a schedule (RULES.md "Deadlines")."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from odcore.deadlines import Schedule, parse_deadline
from odcore.issues import Finding, Issue, display_value
from odcore.schema.models import Task
from odcore.schema.tabs import header_of
from odcore.settings import Settings

if TYPE_CHECKING:
    from odcore.workbook import Workbook

# A deadline's reading depends on its text and the plan's years alone, and each task's is asked
# for by the plan's progress (twice per figures: now and a quarter ago) and by the checks:
# each text is read once (a schedule and a finding are immutable). A long text is read each
# time, not kept.
_CACHED_CHARS = 200
_remembered_deadline = lru_cache(maxsize=1024)(parse_deadline)


def task_schedule(task: Task, settings: Settings) -> tuple[Schedule, Finding | None]:
    """The schedule of one task, and what reading its deadline found."""
    read = _remembered_deadline if len(task.deadline or "") <= _CACHED_CHARS else parse_deadline
    return read(task.deadline, settings.plan_first_year, settings.plan_last_year,
                settings.accepted_years)


def plan_schedules(workbook: Workbook, settings: Settings) -> dict[str, Schedule]:
    """Task code (as written in the plan) -> schedule."""
    return {task.code: task_schedule(task, settings)[0] for task in workbook.tasks}


def deadline_issues(workbook: Workbook, settings: Settings) -> list[Issue]:
    """What reading the plan's deadlines found, placed at each task's `Строк виконання` cell."""
    issues: list[Issue] = []
    for task in workbook.tasks:
        _, finding = task_schedule(task, settings)
        if finding is None:
            continue
        issues.append(Issue(
            Finding.of(finding.code, "task", task=task.code, found=finding.phrase),
            spreadsheet=task.origin.spreadsheet, tab=task.origin.tab, row=task.origin.row,
            column=header_of(task, "deadline"), value=display_value(task.deadline or ""),
            link=task.origin.link))
    return issues
