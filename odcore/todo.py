"""Who owes what: a department's datasets to act on, and the overview's department table.

Pure functions of one Figures (no Streamlit), so the overview and "Мій підрозділ" show the
same counts as the tests. RULES.md defines every input (debts, reports still owed, the
dataset verdicts, the Issues); this module only puts them side by side per department.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from odcore.figures import Figures
from odcore.i18n import Phrase
from odcore.issues import Severity
from odcore.rules.owing import debts, departments_of_plan, still_to_report
from odcore.rules.progress import TaskState
from odcore.rules.quality import DatasetQuality, uk_sort_key
from odcore.text import normalize_name
from odcore.workbook import Workbook


class DatasetDue(StrEnum):
    """Why a published dataset is on its department's to-do list."""

    OVERDUE = "overdue"  # past its update interval (which also fails the standard)
    NON_COMPLIANT = "non_compliant"  # fails the standard for another reason


@dataclass(frozen=True)
class DatasetToDo:
    """One dataset its department has to act on, with the one action that fixes it."""

    item: DatasetQuality
    due: DatasetDue
    action: Phrase | None  # the "fix first" of the assessment, worded by the UI; None: none

    @property
    def id(self) -> str:
        return self.item.id


def dataset_to_do(figures: Figures, department: str) -> list[DatasetToDo]:
    """The department's published datasets that are overdue or fail the standard: overdue
    ones first (most days first), then the rest by ID."""
    result = _datasets_due(figures).get(normalize_name(department), [])
    return sorted(result, key=lambda d: (d.due is not DatasetDue.OVERDUE,
                                         -(d.item.days_overdue or 0), d.id))


def _datasets_due(figures: Figures) -> dict[str, list[DatasetToDo]]:
    """Every published dataset to act on, by its department's normalised name, in one pass
    (the overview's table asks for every department: one pass each was rows x departments)."""
    by_department: dict[str, list[DatasetToDo]] = {}
    for item in figures.assessment.published():
        if item.compliant and not item.overdue:
            continue
        due = DatasetDue.OVERDUE if item.overdue else DatasetDue.NON_COMPLIANT
        by_department.setdefault(normalize_name(item.department), []).append(
            DatasetToDo(item, due, item.fix_first.action if item.fix_first else None))
    return by_department


@dataclass(frozen=True)
class DepartmentDebt:
    """One row of the overview's department table: what the department owes at as_of."""

    department: str
    tasks_owed: int  # behind or overdue tasks it executes
    reports_missing: int  # items "Ще звітувати" lists for it
    datasets_overdue: int
    datasets_non_compliant: int  # failing the standard for a reason other than being overdue
    errors: int  # data problems of severity error in its rows
    warnings: int

    @property
    def problems(self) -> int:
        """Errors and warnings (notes are left out: they need no action)."""
        return self.errors + self.warnings

    @property
    def owed(self) -> int:
        """Everything it has to act on: the sort key of the table."""
        return (self.tasks_owed + self.reports_missing + self.datasets_overdue
                + self.datasets_non_compliant + self.errors)


def _names(figures: Figures, workbook: Workbook | None) -> list[str]:
    settings = figures.settings
    candidates = [*departments_of_plan(figures.plan, settings),
                  *(d.name for d in (workbook.departments if workbook else ())),
                  *(i.department for i in figures.assessment.published()),
                  *(i.department for i in figures.issues)]
    names: dict[str, str] = {}
    for name in candidates:
        if name and name.strip():
            names.setdefault(normalize_name(name), name.strip())
    return list(names.values())


def department_debts_table(figures: Figures,
                           workbook: Workbook | None = None) -> list[DepartmentDebt]:
    """Every department (the plan's executors, the `Підрозділи` tab, dataset owners and the
    departments of Issues), most owed first, then in Ukrainian order."""
    settings = figures.settings
    owed_tasks: dict[str, set[str]] = {}
    for debt in debts(figures.plan, settings):
        owed_tasks.setdefault(normalize_name(debt.department), set()).add(
            normalize_name(debt.code))
    due = _datasets_due(figures)
    # Issues by (department, severity) in one pass, as the datasets above.
    severities: dict[tuple[str, Severity], int] = {}
    for issue in figures.issues:
        pair = (normalize_name(issue.department), issue.severity)
        severities[pair] = severities.get(pair, 0) + 1
    rows = []
    for name in _names(figures, workbook):
        key = normalize_name(name)
        to_do = due.get(key, [])
        rows.append(DepartmentDebt(
            department=name,
            tasks_owed=len(owed_tasks.get(key, ())),
            reports_missing=len(still_to_report(name, figures.plan, settings)),
            datasets_overdue=sum(d.due is DatasetDue.OVERDUE for d in to_do),
            datasets_non_compliant=sum(d.due is DatasetDue.NON_COMPLIANT for d in to_do),
            errors=severities.get((key, Severity.ERROR), 0),
            warnings=severities.get((key, Severity.WARNING), 0),
        ))
    rows.sort(key=lambda r: (-r.owed, uk_sort_key(r.department)))
    return rows


@dataclass(frozen=True)
class PlanHeadline:
    """The overview's verdict in counts: tasks behind and overdue out of the tasks counted."""

    counted: int  # tasks not marked `Не застосовується`
    behind: int
    overdue: int
    done: int

    @property
    def owed(self) -> int:
        return self.behind + self.overdue


def plan_headline(figures: Figures) -> PlanHeadline:
    """Counts of the plan's tasks by the states a leader acts on."""
    tasks = [t for t in figures.plan.tasks if t.state is not TaskState.NOT_APPLICABLE]
    return PlanHeadline(counted=len(tasks),
                        behind=sum(t.state is TaskState.BEHIND for t in tasks),
                        overdue=sum(t.state is TaskState.OVERDUE for t in tasks),
                        done=sum(t.state is TaskState.DONE for t in tasks))
