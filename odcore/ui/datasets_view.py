"""Choosing register rows for the datasets page: search and filters over the assessment.

Pure (no streamlit): the verdicts come from odcore.rules.quality; this only selects rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from odcore.issues import Issue, IssueCode
from odcore.rules.quality import DatasetAssessment, DatasetQuality, uk_sort_key
from odcore.text import normalize_name


@dataclass(frozen=True)
class RegisterFilter:
    """What the register table shows; empty fields filter nothing."""

    search: str = ""
    departments: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    compliant: bool | None = None
    overdue: bool | None = None


def _haystack(item: DatasetQuality) -> str:
    dataset = item.dataset
    parts = [dataset.id, dataset.title, dataset.description or "", dataset.department,
             *dataset.keywords]
    return normalize_name(" ".join(parts))


def matches(item: DatasetQuality, chosen: RegisterFilter) -> bool:
    """Whether one register row passes the search (case-folded, apostrophes unified) and
    every filter."""
    if chosen.search.strip() and normalize_name(chosen.search) not in _haystack(item):
        return False
    if chosen.departments and item.department not in chosen.departments:
        return False
    if chosen.statuses and item.status.value not in chosen.statuses:
        return False
    if chosen.formats and not chosen.formats & set(item.formats):
        return False
    if chosen.compliant is not None and item.compliant != chosen.compliant:
        return False
    return chosen.overdue is None or item.overdue == chosen.overdue


def filter_register(assessment: DatasetAssessment, chosen: RegisterFilter) -> list[DatasetQuality]:
    """The register rows that pass, in the register's order."""
    return [i for i in assessment.items if matches(i, chosen)]


def register_choices(assessment: DatasetAssessment) -> tuple[list[str], list[str], list[str]]:
    """The departments, statuses and formats the register holds, for the filters."""
    departments = sorted({i.department for i in assessment.items}, key=uk_sort_key)
    statuses = list(dict.fromkeys(i.status.value for i in assessment.items))
    formats = sorted({f for i in assessment.items for f in i.formats})
    return departments, statuses, formats


def overdue_items(assessment: DatasetAssessment) -> list[DatasetQuality]:
    """Published datasets past their next due date, the longest overdue first."""
    return sorted((i for i in assessment.items if i.overdue),
                  key=lambda i: (-(i.days_overdue or 0), i.id))


def unknown_departments(assessment: DatasetAssessment, issues: list[Issue]) -> list[Issue]:
    """For each bar of compliance by department whose name «Підрозділи» does not know (a typo
    makes a second bar), the reading Issue of its first register row, in the chart's order."""
    at_row = {(i.spreadsheet, i.tab, i.row): i for i in issues
              if i.code is IssueCode.REF_UNKNOWN_DEPARTMENT}
    found: dict[str, Issue] = {}
    for item in assessment.published():
        origin = item.dataset.origin
        issue = at_row.get((origin.spreadsheet, origin.tab, origin.row))
        if issue is not None:
            found.setdefault(item.department, issue)
    return [found[d.department] for d in assessment.by_department() if d.department in found]
