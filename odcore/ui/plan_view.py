"""Everything the plan pages show at one ``as_of``, gathered from the rules in one call.

No figure is computed here beyond putting rule results side by side: progress, sections,
departments, debts, the grid and indicators all come from odcore.rules. Pure (no streamlit),
so the pages stay thin and this stays testable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from odcore.checks import all_issues
from odcore.issues import Issue
from odcore.rules.indicators import (
    IndicatorLinks,
    IndicatorValue,
    compute_indicators,
    indicator_links,
    is_discrepancy,
    task_indicator,
)
from odcore.rules.owing import (
    Debt,
    DepartmentProgress,
    ToReport,
    debts,
    department_debts,
    department_progress,
    department_tasks,
    departments_of_plan,
    still_to_report,
    task_departments,
)
from odcore.rules.periods import Quarter
from odcore.rules.progress import (
    GridMark,
    PlanProgress,
    TaskProgress,
    TaskState,
    plan_grid,
    plan_progress,
    previous_quarter_as_of,
)
from odcore.rules.quality import DatasetAssessment, assess_datasets, uk_sort_key
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.workbook import Workbook


@dataclass(frozen=True)
class PlanView:
    """The plan at ``as_of`` and at the end of the previous quarter, with its indicators."""

    as_of: dt.date
    plan: PlanProgress
    previous: PlanProgress
    links: IndicatorLinks
    indicators: dict[str, IndicatorValue]
    departments: list[DepartmentProgress]
    debts: list[Debt]
    grid: dict[str, dict[Quarter, GridMark]]
    assessment: DatasetAssessment

    @property
    def change(self) -> float | None:
        """Plan progress now minus at the end of the previous quarter (None when undefined)."""
        if self.plan.progress is None or self.previous.progress is None:
            return None
        return self.plan.progress - self.previous.progress

    def indicator(self, progress: TaskProgress) -> IndicatorValue | None:
        return task_indicator(progress, self.links, self.indicators)

    def discrepancy(self, progress: TaskProgress) -> bool:
        return is_discrepancy(progress, self.indicator(progress))

    @property
    def discrepancies(self) -> list[TaskProgress]:
        """Tasks reported `Виконано` whose indicator says otherwise."""
        return [t for t in self.plan.tasks if self.discrepancy(t)]

    def debts_of_task(self, code: str) -> list[Debt]:
        wanted = normalize_name(code)
        return [d for d in self.debts if normalize_name(d.code) == wanted]

    @property
    def owed_tasks(self) -> list[TaskProgress]:
        """Behind and overdue tasks, in plan order."""
        owed = {normalize_name(d.code) for d in self.debts}
        return [t for t in self.plan.tasks if normalize_name(t.code) in owed]


def plan_view(workbook: Workbook, as_of: dt.date, settings: Settings) -> PlanView:
    """The overview's and the plan page's figures at as_of."""
    plan = plan_progress(workbook, as_of, settings)
    links = indicator_links(workbook)
    assessment = assess_datasets(workbook, as_of, settings)
    return PlanView(
        as_of=as_of, plan=plan,
        previous=plan_progress(workbook, previous_quarter_as_of(as_of), settings),
        links=links,
        indicators=compute_indicators(workbook, as_of, settings, links=links,
                                      assessment=assessment),
        departments=department_progress(plan, settings),
        debts=debts(plan, settings),
        grid=plan_grid(plan, settings),
        assessment=assessment,
    )


@dataclass(frozen=True)
class DepartmentView:
    """One department at ``as_of``: its tasks, what it still owes and its data problems."""

    department: str
    progress: float | None
    tasks: list[TaskProgress]
    to_report: list[ToReport]
    debts: list[Debt]
    issues: list[Issue]


def department_names(workbook: Workbook, plan: PlanProgress, settings: Settings) -> list[str]:
    """Every department the plan or the `Підрозділи` tab names, in Ukrainian order."""
    names: dict[str, str] = {}
    for name in [*departments_of_plan(plan, settings), *(d.name for d in workbook.departments)]:
        names.setdefault(normalize_name(name), name)
    return sorted(names.values(), key=uk_sort_key)


def department_view(department: str, view: PlanView, workbook: Workbook,
                    settings: Settings) -> DepartmentView:
    """What one department sees on "Мій підрозділ"."""
    wanted = normalize_name(department)
    progress = next((d.progress for d in view.departments
                     if normalize_name(d.department) == wanted), None)
    issues = [i for i in all_issues(workbook, settings)
              if i.department and normalize_name(i.department) == wanted]
    return DepartmentView(
        department=department, progress=progress,
        tasks=department_tasks(department, view.plan, settings),
        to_report=still_to_report(department, view.plan, settings),
        debts=department_debts(department, view.plan, settings),
        issues=issues,
    )


def filter_tasks(view: PlanView, settings: Settings, *, sections: set[str] | None = None,
                 department: str | None = None,
                 states: set[str] | None = None) -> list[TaskProgress]:
    """The plan's tasks in the chosen sections, of the chosen executor, in the chosen states
    (None or empty: no filter)."""
    wanted = normalize_name(department) if department else None
    return [t for t in view.plan.tasks
            if (not sections or t.section in sections)
            and (not states or t.state.value in states)
            and (wanted is None
                 or wanted in {normalize_name(n) for n in task_departments(t, settings)})]


def states_present(view: PlanView) -> list[str]:
    """The states some task is in, in the rules' order (done first, not applicable last)."""
    present = {t.state for t in view.plan.tasks}
    return [s.value for s in TaskState if s in present]
