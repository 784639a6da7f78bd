"""The Workbook: every record read from a source, the Issues found, and where each came from.

Every rule reads this type; odcore.reading builds it (``load_workbook``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from odcore.departments import DepartmentNames
from odcore.issues import Issue
from odcore.schema.models import (
    Dataset,
    Department,
    Event,
    Product,
    Publication,
    QualityCheck,
    Report,
    Task,
    Training,
)
from odcore.sources.base import (
    column_letter,
)
from odcore.text import normalize_name


@dataclass
class SpreadsheetInfo:
    """What the sidebar and the data-problems page say about one spreadsheet."""

    name: str
    location: str
    kind: str
    read_at: dt.datetime | None
    main: bool
    department: str = ""
    stale_note: str = ""
    ok: bool = True


@dataclass
class Workbook:
    """Every record of every tab, merged across spreadsheets, and every Issue found."""

    tasks: list[Task] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    quality_checks: list[QualityCheck] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    spreadsheets: list[SpreadsheetInfo] = field(default_factory=list)
    tabs_present: set[str] = field(default_factory=set)
    columns_present: dict[str, set[str]] = field(default_factory=dict)
    rows_total: dict[str, int] = field(default_factory=dict)  # non-empty rows, error rows too
    # (spreadsheet, tab) -> normalised column header -> column number, to place Issues on cells
    column_numbers: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    # (spreadsheet, tab, row) -> the dataset ID a quality-check row names, so that its Issues
    # are grouped under the dataset's department (that tab has no department column)
    dataset_refs: dict[tuple[str, str, int], str] = field(default_factory=dict)
    source_label: str = ""
    is_demo: bool = False

    def records(self, key: str) -> list[Any]:
        return getattr(self, "tasks" if key == "plan" else key)

    @property
    def plan_has_indicator_column(self) -> bool:
        return "indicator" in self.columns_present.get("plan", set())

    def department_names(self) -> DepartmentNames:
        return DepartmentNames(d.name for d in self.departments)


def place_on_cell(workbook: Workbook, issue: Issue) -> Issue:
    """Give a row-level Issue about a named column its cell (``C5``) and a link to that cell."""
    if issue.cell or issue.row is None or not issue.column:
        return issue
    letter = column_letter_of(workbook, issue.spreadsheet, issue.tab, issue.column)
    if letter is None:
        return issue
    return issue.replaced(cell=f"{letter}{issue.row}",
                          link=link_to_cell(issue.link, issue.row, letter))


def column_letter_of(workbook: Workbook, spreadsheet: str, tab: str, column: str) -> str | None:
    """The letter of the column headed ``column`` in that tab, when the tab was read."""
    number = workbook.column_numbers.get((spreadsheet, tab), {}).get(normalize_name(column))
    return None if number is None else column_letter(number)


def link_to_cell(link: str, row: int, letter: str) -> str:
    """A link to a row's first cell (``&range=A5``) made a link to its cell ``letter``."""
    if not link:  # a file's rows have no links
        return link
    return link.replace(f"&range=A{row}", f"&range={letter}{row}")
