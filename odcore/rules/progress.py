"""Task, section and plan progress and state (RULES.md "Task progress and state")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from odcore.deadlines import Schedule, ScheduleKind
from odcore.periods import Quarter, plan_quarters, year_is_due
from odcore.rules.names import NameKeys
from odcore.rules.schedules import task_schedule
from odcore.schema.models import Report, Task
from odcore.schema.vocab import ReportStatus
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.workbook import Workbook


class TaskState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_DUE = "not_due"
    NOT_APPLICABLE = "not_applicable"


class PeriodMark(StrEnum):
    """The verdict on one due period of a periodic task."""

    FULFILLED = "fulfilled"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"


class GridMark(StrEnum):
    """One cell of the tasks-by-quarters grid."""

    FULFILLED = "fulfilled"
    MISSED = "missed"
    NOT_DUE = "not_due"
    NOT_APPLICABLE = "not_applicable"
    DEADLINE = "deadline"  # the quarter of a one-off deadline still ahead
    NONE = "none"  # a one-off task's quarter that is not its deadline


@dataclass(frozen=True)
class PeriodResult:
    """A due period (``2024-Q3`` or ``2024``), its quarters and its verdict."""

    label: str
    quarters: tuple[Quarter, ...]
    mark: PeriodMark


class TaskProgress(NamedTuple):
    """A task's state at ``as_of``; ``progress`` is None when it is left out of averages.

    A named tuple (immutable, compared field by field, as the frozen dataclass it was): one
    is built in one C call for every task, where a frozen dataclass set its 11 fields one by
    one through ``object.__setattr__`` (docs/performance.md, round 7).
    """

    task: Task
    code: str
    section: str
    schedule: Schedule
    state: TaskState
    progress: float | None
    missed: list[str]
    due: dt.date | None
    latest: Report | None
    periods: list[PeriodResult]
    reports: list[Report]  # the counted reports, in merge order


@dataclass(frozen=True)
class SectionProgress:
    """A plan section: ``number`` ("4"), ``title`` and the mean progress of its tasks."""

    number: str
    title: str
    progress: float | None
    codes: list[str]


@dataclass(frozen=True)
class PlanProgress:
    """Every task's progress, the sections and the whole plan at ``as_of``."""

    as_of: dt.date
    tasks: list[TaskProgress]
    sections: list[SectionProgress]
    progress: float | None

    def task(self, code: str) -> TaskProgress | None:
        """The task with this code (compared like headers), or None."""
        wanted = normalize_name(code)
        return next((t for t in self.tasks if normalize_name(t.code) == wanted), None)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values; None when there is none."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


# A named tuple built from its values in one C call, without the Python __new__ that binds
# each field by name.
_TUPLE_NEW = tuple.__new__
_PROGRESS_OF = attrgetter("progress")  # a task's progress, read in C (mean over tasks)


def counted_reports(task: Task, reports: Iterable[Report], as_of: dt.date) -> list[Report]:
    """The task's reports for periods that have started by as_of, in merge order."""
    code = normalize_name(task.code)
    return [r for r in reports
            if normalize_name(r.task_code) == code and r.period.has_started(as_of)]


def latest_report(reports: Sequence[Report]) -> Report | None:
    """Latest by period, then by `Дата звіту` (an undated report first), then by row order.

    A `Не застосовується` report is passed over while the task has any other report: it says
    the task does not apply to its department, not how far the task has got.
    """
    applicable = [r for r in reports if r.status is not ReportStatus.NOT_APPLICABLE]
    return _latest_of(applicable or list(reports))


def _latest_of(pool: Sequence[Report]) -> Report | None:
    """latest_report of the reports it chooses from (the applicable ones, if any)."""
    if len(pool) < 2:  # a task's usual one report in a quarter: nothing to compare
        return pool[0] if pool else None
    # The period as (year, quarter), the order Quarter compares in, without its Python calls.
    return max(enumerate(pool), key=lambda ir: (
        ir[1].period.year, ir[1].period.q, ir[1].reported_on is not None,
        ir[1].reported_on or dt.date.min, ir[0]))[1]


def task_progress(task: Task, reports: Iterable[Report], schedule: Schedule, as_of: dt.date,
                  settings: Settings) -> TaskProgress:
    """One task's state, progress and due periods at as_of (reports of any department)."""
    return _task_progress(task, counted_reports(task, reports, as_of), schedule, as_of,
                          settings)


def _task_progress(task: Task, counted: list[Report], schedule: Schedule, as_of: dt.date,
                   settings: Settings) -> TaskProgress:
    """task_progress of the task's reports already counted (counted_reports)."""
    # The applicable reports found once: latest_report chooses among them, and a task whose
    # reports all say `Не застосовується` has none. One TaskProgress built at the end (a
    # closure per task built it before).
    applicable = [r for r in counted if r.status is not ReportStatus.NOT_APPLICABLE]
    latest = _latest_of(applicable or counted)
    progress: float | None = None
    missed: list[str] = []
    due, periods = schedule.due, []
    if counted and not applicable:  # every report says `Не застосовується`
        state = TaskState.NOT_APPLICABLE
        periods = [PeriodResult(p.label, p.quarters, PeriodMark.NOT_APPLICABLE)
                   for p in _due_periods(schedule, counted, as_of, settings)]
    elif schedule.kind is ScheduleKind.ONE_OFF:
        state, progress = _one_off(schedule, counted, latest, as_of)
    else:
        due, periods = None, _due_periods(schedule, counted, as_of, settings)
        judged = [p for p in periods if p.mark is not PeriodMark.NOT_APPLICABLE]
        missed = [p.label for p in judged if p.mark is PeriodMark.MISSED]
        if not judged:
            state = TaskState.NOT_DUE
        else:
            state = TaskState.BEHIND if missed else TaskState.ON_TRACK
            progress = (len(judged) - len(missed)) / len(judged)
    # TaskProgress's fields in order, in one C call.
    return _TUPLE_NEW(TaskProgress, (task, task.code, section_number(task), schedule, state,
                                     progress, missed, due, latest, periods, counted))


def _one_off(schedule: Schedule, counted: Sequence[Report], latest: Report | None,
             as_of: dt.date) -> tuple[TaskState, float]:
    if any(r.status is ReportStatus.DONE for r in counted):
        return TaskState.DONE, 1.0
    progress = (latest.progress or 0.0) / 100 if latest is not None else 0.0
    if schedule.due is not None and as_of > schedule.due:
        return TaskState.OVERDUE, progress
    if latest is not None and latest.status is ReportStatus.IN_PROGRESS:
        return TaskState.IN_PROGRESS, progress
    return TaskState.NOT_STARTED, progress


def _due_periods(schedule: Schedule, counted: Sequence[Report], as_of: dt.date,
                 settings: Settings) -> list[PeriodResult]:
    """The plan window's due periods (quarters, or years for a yearly task) with verdicts."""
    if schedule.kind is ScheduleKind.ONE_OFF:
        return []
    periods = _period_verdicts(settings.plan_first_year, settings.plan_last_year, as_of,
                               schedule.kind is ScheduleKind.YEARLY)
    # One pass over the reports marks their quarters, as (year, quarter): reported, with a
    # report that fulfils, with a report other than `Не застосовується`. A period is then
    # fulfilled when a quarter of it has a fulfilling report, and not applicable when it has
    # reports and all say `Не застосовується` (every report of it says so). A plain
    # tuple hashes and compares without a Python call; no list is built per period.
    reported: set[tuple[int, int]] = set()
    fulfilling: set[tuple[int, int]] = set()
    applicable: set[tuple[int, int]] = set()
    # A report fulfils its quarter when it says `Виконано`, or `В роботі` in a continuous
    # task (tested inline: a call per report cost more than the test).
    in_progress_fulfils = schedule.kind is ScheduleKind.CONTINUOUS
    for report in counted:
        period, status = report.period, report.status
        key = (period.year, period.q)
        reported.add(key)
        if status is ReportStatus.DONE or (in_progress_fulfils
                                           and status is ReportStatus.IN_PROGRESS):
            fulfilling.add(key)
        if status is not ReportStatus.NOT_APPLICABLE:
            applicable.add(key)
    results = []
    for keys, fulfilled, missed, not_applicable in periods:
        if reported.isdisjoint(keys):
            results.append(missed)
        elif not fulfilling.isdisjoint(keys):
            results.append(fulfilled)
        elif applicable.isdisjoint(keys):
            results.append(not_applicable)
        else:
            results.append(missed)
    return results


# Each due period with its three possible verdicts, built once per kind and as_of (a
# PeriodResult is immutable, so every task shares them), and its quarters as (year, quarter).
@lru_cache(maxsize=256)
def _period_verdicts(first_year: int, last_year: int, as_of: dt.date, yearly: bool
                     ) -> tuple[tuple[tuple[tuple[int, int], ...], PeriodResult, PeriodResult,
                                      PeriodResult], ...]:
    return tuple(
        (tuple((q.year, q.q) for q in group), PeriodResult(label, group, PeriodMark.FULFILLED),
         PeriodResult(label, group, PeriodMark.MISSED),
         PeriodResult(label, group, PeriodMark.NOT_APPLICABLE))
        for label, group in _period_groups(first_year, last_year, as_of, yearly))


# The same for every task of a kind at one as_of, and asked for each task: built once.
@lru_cache(maxsize=256)
def _period_groups(first_year: int, last_year: int, as_of: dt.date,
                   yearly: bool) -> tuple[tuple[str, tuple[Quarter, ...]], ...]:
    """(label, its quarters) of each due period of the plan window: years or quarters."""
    quarters = plan_quarters(first_year, last_year)
    if yearly:
        return tuple((str(year), tuple(q for q in quarters if q.year == year))
                     for year in range(first_year, last_year + 1) if year_is_due(year, as_of))
    return tuple((str(q), (q,)) for q in quarters if q.is_due(as_of))


_SECTION = re.compile(r"^\s*(\d+)\s*[.)]?\s*(.*)$", re.DOTALL)


def section_number(task: Task) -> str:
    """The section's number ("4" of "4. Підвищення якості…"), else the task code's first part."""
    number = _section_parts(task.section)[0]
    return number if number is not None else task.code.split(".")[0].strip()


def section_title(task: Task) -> str:
    """The section's name without its number."""
    return _section_parts(task.section)[1]


def _section_parts(section: str) -> tuple[str | None, str]:
    """(the number, or None; the title) of a `Розділ` text. A plan names a few sections over
    its tasks, read for every task at every as_of: each short text is read once."""
    if len(section) <= 300:
        return _remembered_section_parts(section)
    return _read_section_parts(section)


def _read_section_parts(section: str) -> tuple[str | None, str]:
    match = _SECTION.match(section)
    title = match.group(2) if match else section
    return (match.group(1) if match else None), " ".join(title.split())


_remembered_section_parts = lru_cache(maxsize=256)(_read_section_parts)


def plan_progress(workbook: Workbook, as_of: dt.date, settings: Settings) -> PlanProgress:
    """Every task, section and the plan at as_of."""
    # Reports indexed by task once, in merge order, instead of a scan of all reports per task.
    # Each distinct code normalised once (a few dozen over thousands of reports), and a
    # group's list built only for its first report (setdefault built one for every report).
    keys = NameKeys()
    by_task: dict[str, list[Report]] = {}
    for report in workbook.reports:
        key = keys[report.task_code]
        group = by_task.get(key)
        if group is None:
            group = by_task[key] = []
        group.append(report)
    # A task's group holds its reports only, in merge order: counted by their period alone
    # (counted_reports would compare every report's code again), as (year, quarter) tuples
    # (Quarter.has_started builds the period's first day: a Python call per report).
    started = (as_of.year, (as_of.month + 2) // 3)
    tasks = [_task_progress(task, [r for r in by_task.get(normalize_name(task.code), ())
                                   if (r.period.year, r.period.q) <= started],
                            task_schedule(task, settings)[0], as_of, settings)
             for task in workbook.tasks]
    return PlanProgress(as_of=as_of, tasks=tasks, sections=_sections(tasks),
                        progress=mean(map(_PROGRESS_OF, tasks)))


def _sections(tasks: Sequence[TaskProgress]) -> list[SectionProgress]:
    """Sections in the order they first appear in the plan."""
    titles: dict[str, str] = {}
    members: dict[str, list[TaskProgress]] = {}
    for progress in tasks:
        number = progress.section
        if not titles.get(number):  # the first task that names the section gives its title
            titles[number] = section_title(progress.task)
        members.setdefault(number, []).append(progress)
    return [SectionProgress(number, titles[number], mean(map(_PROGRESS_OF, group)),
                            [t.code for t in group])
            for number, group in members.items()]


def quarter_grid(progress: TaskProgress, settings: Settings) -> dict[Quarter, GridMark]:
    """Each plan quarter's cell for one task in the tasks-by-quarters grid.

    Periodic tasks: a due quarter carries its period's verdict (a yearly task's verdict fills
    the four quarters of its year); a quarter not yet due is ``not_due``. One-off tasks: the
    deadline's quarter carries the task's state (done, overdue, not applicable, or the
    deadline still ahead); the other quarters are ``none``.
    """
    quarters = plan_quarters(settings.plan_first_year, settings.plan_last_year)
    if progress.schedule.kind is ScheduleKind.ONE_OFF:
        due = progress.schedule.due
        deadline = Quarter.of(due) if due is not None else None
        mark = {TaskState.DONE: GridMark.FULFILLED, TaskState.OVERDUE: GridMark.MISSED,
                TaskState.NOT_APPLICABLE: GridMark.NOT_APPLICABLE}.get(progress.state,
                                                                       GridMark.DEADLINE)
        return {q: mark if q == deadline else GridMark.NONE for q in quarters}
    marks = {q: GridMark(p.mark.value) for p in progress.periods for q in p.quarters}
    return {q: marks.get(q, GridMark.NOT_DUE) for q in quarters}


def plan_grid(plan: PlanProgress, settings: Settings) -> dict[str, dict[Quarter, GridMark]]:
    """Task code -> quarter -> grid cell, for the overview heatmap."""
    return {t.code: quarter_grid(t, settings) for t in plan.tasks}


def previous_quarter_as_of(as_of: dt.date) -> dt.date:
    """The as_of of "the previous quarter" for a change: the latest quarter start before as_of.

    On 2025-07-01 (the end of 2025-Q2) that is 2025-04-01 (the end of 2025-Q1); on 2025-08-15
    it is 2025-07-01. On 0001-01-01, before which no quarter starts, it is as_of itself.
    """
    quarter = Quarter.of(as_of)
    if as_of > quarter.start:
        return quarter.start
    previous = quarter.previous()
    return previous.start if previous is not None else as_of
