"""Everything the plan pages show at one ``as_of``, derived from one Figures.

No figure is computed here beyond putting rule results side by side: progress, sections,
departments and indicators come from odcore.figures, debts and the grid from odcore.rules.
Pure (no streamlit), so the pages stay thin and this stays testable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from odcore.figures import Figures
from odcore.history import ClosedQuarter, QuarterChange, change_since_previous
from odcore.issues import Issue
from odcore.periods import Quarter
from odcore.rules.indicators import IndicatorLinks, IndicatorValue
from odcore.rules.owing import (
    Debt,
    DepartmentProgress,
    ToReport,
    debts,
    department_debts,
    department_tasks,
    departments_of_plan,
    still_to_report,
    task_departments,
)
from odcore.rules.progress import GridMark, PlanProgress, TaskProgress, TaskState, plan_grid
from odcore.rules.quality import DatasetAssessment, uk_sort_key
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.todo import DatasetToDo, dataset_to_do
from odcore.workbook import Workbook


@dataclass(frozen=True)
class PlanView:
    """The figures at ``as_of`` with what the plan pages add: debts and the quarter grid."""

    figures: Figures
    debts: list[Debt]
    grid: dict[str, dict[Quarter, GridMark]]
    # The change since the previous quarter, from its close when it is closed (None: the
    # figures' own, recomputed from today's data).
    quarter_change: QuarterChange | None = None

    @property
    def as_of(self) -> dt.date:
        return self.figures.as_of

    @property
    def plan(self) -> PlanProgress:
        return self.figures.plan

    @property
    def previous(self) -> PlanProgress:
        """The plan at the end of the previous quarter."""
        return self.figures.previous

    @property
    def links(self) -> IndicatorLinks:
        return self.figures.links

    @property
    def indicators(self) -> Mapping[str, IndicatorValue]:
        return self.figures.indicators

    @property
    def departments(self) -> tuple[DepartmentProgress, ...]:
        return self.figures.departments

    @property
    def assessment(self) -> DatasetAssessment:
        return self.figures.assessment

    @property
    def change(self) -> float | None:
        """Plan progress now minus at the end of the previous quarter (None when undefined):
        that quarter's frozen figure when it is closed."""
        if self.quarter_change is not None:
            return self.quarter_change.points
        return self.figures.change

    def indicator(self, progress: TaskProgress) -> IndicatorValue | None:
        return self.figures.indicator(progress)

    def discrepancy(self, progress: TaskProgress) -> bool:
        return self.figures.discrepancy(progress)

    @property
    def discrepancies(self) -> list[TaskProgress]:
        """Tasks reported `Виконано` whose indicator says otherwise."""
        return self.figures.discrepancies

    def debts_of_task(self, code: str) -> list[Debt]:
        wanted = normalize_name(code)
        return [d for d in self.debts if normalize_name(d.code) == wanted]

    @property
    def owed_tasks(self) -> list[TaskProgress]:
        """Behind and overdue tasks, in plan order."""
        owed = {normalize_name(d.code) for d in self.debts}
        return [t for t in self.plan.tasks if normalize_name(t.code) in owed]


def plan_view(figures: Figures, closes: Mapping[Quarter, ClosedQuarter] | None = None
              ) -> PlanView:
    """The overview's and the plan page's figures; with ``closes`` the change since the
    previous quarter comes from its close when that quarter is closed."""
    change = change_since_previous(figures, closes) if closes is not None else None
    return PlanView(figures=figures, debts=debts(figures.plan, figures.settings),
                    grid=plan_grid(figures.plan, figures.settings), quarter_change=change)


@dataclass(frozen=True)
class DepartmentView:
    """One department at ``as_of``: its tasks, what it still owes (tasks, reports, datasets)
    and its data problems."""

    department: str
    progress: float | None
    tasks: list[TaskProgress]
    to_report: list[ToReport]
    debts: list[Debt]
    issues: list[Issue]
    datasets: list[DatasetToDo]  # its overdue and non-compliant published datasets


def department_names(workbook: Workbook, plan: PlanProgress, settings: Settings) -> list[str]:
    """Every department the plan or the `Підрозділи` tab names, in Ukrainian order."""
    names: dict[str, str] = {}
    for name in [*departments_of_plan(plan, settings), *(d.name for d in workbook.departments)]:
        names.setdefault(normalize_name(name), name)
    return sorted(names.values(), key=uk_sort_key)


def department_view(department: str, view: PlanView) -> DepartmentView:
    """What one department sees on "Мій підрозділ": its whole to-do list."""
    settings = view.figures.settings
    wanted = normalize_name(department)
    progress = next((d.progress for d in view.departments
                     if normalize_name(d.department) == wanted), None)
    issues = [i for i in view.figures.issues
              if i.department and normalize_name(i.department) == wanted]
    return DepartmentView(
        department=department, progress=progress,
        tasks=department_tasks(department, view.plan, settings),
        to_report=still_to_report(department, view.plan, settings),
        debts=department_debts(department, view.plan, settings),
        issues=issues,
        datasets=dataset_to_do(view.figures, department),
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
