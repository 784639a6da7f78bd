"""The report form of «Мій підрозділ» (docs/report-form.md): what may be reported, by whom,
and the one row a submission appends to the `Звіти` tab.

A draft is checked by the reading code itself: its cells go through ``read_tab`` as a
one-row `Звіти` tab, so the form accepts exactly what the spreadsheet would, and every
finding (an error, a warning, even a note) refuses it. No Streamlit here; the writing is in
odcore.report_append.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from odcore.cells import format_date_uk, is_empty, shortest_number_text
from odcore.periods import Quarter, parse_quarter, plan_quarters
from odcore.reading import read_tab
from odcore.reading.headers import column_for, header_row
from odcore.roles import Role, Viewer
from odcore.rules.owing import executors_of
from odcore.schema.models import Report, Task
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.schema.vocab import ReportStatus
from odcore.settings import Settings
from odcore.sources.base import CellValue, RawSpreadsheet, RawTab
from odcore.text import normalize_name
from odcore.workbook import Workbook

REPORTS = SPEC_BY_KEY["reports"]
# What the form writes, in the contract's order; the tab's own order decides where.
FORM_FIELDS = ("task_code", "period", "status", "progress", "done", "evidence_url",
               "department", "reported_on", "report_id", "submitted_by", "submitted_at")
ID_PREFIX = "R-"


class ReportRefused(Exception):
    """A draft or a submission that cannot be written; ``lines`` are Ukrainian sentences,
    each naming the field (the `Звіти` column) it is about."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__(" ".join(lines))
        self.lines = tuple(lines)


@dataclass(frozen=True)
class ReportDraft:
    """What the form holds: the clerk's choices, not yet checked."""

    task_code: str
    period: str  # "2025-Q2"
    status: str  # a value of ReportStatus
    progress: float | None = None
    evidence_url: str = ""
    comment: str = ""


@dataclass(frozen=True)
class Submission:
    """A checked draft: the row's cells by field, its id, and the record it reads as."""

    report_id: str
    department: str
    cells: Mapping[str, CellValue]
    record: Report
    submitted_at: dt.datetime

    def cell_text(self, key: str) -> str:
        """A cell as text for a target that stores text (Google with RAW input)."""
        value = self.cells.get(key)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return format_date_uk(value)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return shortest_number_text(value)
        return str(value)


def may_report(viewer: Viewer, department: str) -> bool:
    """A coordinator for any department; staff for their own; nobody else (the public,
    staff without a department, public-only mode, which serves everyone as the public)."""
    if viewer.role is Role.COORDINATOR:
        return True
    return (viewer.role is Role.STAFF and bool(viewer.department)
            and normalize_name(viewer.department) == normalize_name(department))


def department_tasks(workbook: Workbook, settings: Settings, department: str) -> list[Task]:
    """The plan's tasks that name the department as an executor (directly or through a
    group executor), in the plan's order: the only tasks its form offers."""
    wanted = normalize_name(department)
    return [task for task in workbook.tasks
            if wanted in {normalize_name(n) for n in executors_of(task, settings)}]


def report_periods(settings: Settings, today: dt.date) -> list[Quarter]:
    """The plan's quarters that have started by ``today``, latest first: the form offers
    these, the first (the quarter under way) preselected."""
    started = [q for q in plan_quarters(*settings.plan_years) if q.has_started(today)]
    return list(reversed(started))


def new_report_id(now: dt.datetime) -> str:
    """A submission's id: its UTC time and 48 random bits (``R-20261207T130405Z-1a2b3c4d5e6f``),
    unique without asking anyone, sortable by time."""
    return f"{ID_PREFIX}{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(6)}"


def _refuse_choices(draft: ReportDraft, tasks: list[Task], periods: list[Quarter],
                    department: str) -> list[str]:
    """Choices the widgets offer only from lists: checked again, since a request can say
    anything."""
    lines = []
    task_header, period_header = (REPORTS.column(k).header for k in ("task_code", "period"))
    if normalize_name(draft.task_code) not in {normalize_name(t.code) for t in tasks}:
        lines.append(f"«{task_header}»: завдання «{draft.task_code}» не належить підрозділу "
                     f"«{department}» за вкладкою «План»; звітувати можна лише про свої "
                     "завдання.")
    quarter = parse_quarter(draft.period)
    first, last = (periods[-1], periods[0]) if periods else (None, None)
    if quarter is not None and first is not None and last is not None and (
            first.year <= quarter.year <= last.year + 1) and quarter not in periods:
        lines.append(f"«{period_header}»: {quarter.label_uk()} ще не почався або поза роками "
                     "плану; звітувати можна за квартали, що вже почалися.")
    return lines


def check_draft(draft: ReportDraft, *, workbook: Workbook, settings: Settings,
                viewer: Viewer, department: str, now: dt.datetime | None = None,
                report_id: str | None = None) -> Submission:
    """The submission a draft makes, or ReportRefused with every reason at once."""
    if not may_report(viewer, department):
        raise ReportRefused([f"Звіт за підрозділ «{department}» може подати лише його "
                             "працівник або координатор."])
    now = now or settings.now()
    tasks = department_tasks(workbook, settings, department)
    lines = _refuse_choices(draft, tasks, report_periods(settings, now.date()), department)
    known = {normalize_name(t.code): t.code for t in tasks}
    cells: dict[str, CellValue] = {
        "task_code": known.get(normalize_name(draft.task_code), draft.task_code.strip()),
        "period": draft.period.strip(),
        "status": draft.status.strip(),
        "progress": draft.progress,
        "done": draft.comment.strip() or None,
        "evidence_url": draft.evidence_url.strip() or None,
        "department": department,
        "reported_on": now.date(),
        "report_id": report_id or new_report_id(now),
        "submitted_by": viewer.email.strip() or None,
        "submitted_at": now.isoformat(timespec="seconds"),
    }
    record, problems = read_row(cells, settings)
    lines += problems
    if lines or record is None:
        raise ReportRefused(lines or ["Звіт не вдалося перевірити."])
    return Submission(str(cells["report_id"]), department, cells, record, now)


def read_row(cells: Mapping[str, CellValue], settings: Settings) -> tuple[Report | None,
                                                                           list[str]]:
    """The row read exactly as the `Звіти` tab is read: its record (None when refused) and a
    line per finding, naming the column."""
    columns = [REPORTS.column(key) for key in FORM_FIELDS]
    tab = RawTab(REPORTS.title, [[c.header for c in columns],
                                 [_as_cell(cells.get(c.key)) for c in columns]])
    sheet = RawSpreadsheet("форма звіту", "", [tab], dt.datetime.now(dt.UTC))
    read = read_tab(sheet, tab, REPORTS, settings)
    lines = [f"«{issue.column}»: {issue.message}" if issue.column else issue.message
             for issue in read.issues]
    record = read.records[0] if read.records and not lines else None
    return (record if isinstance(record, Report) else None), lines


def _as_cell(value: CellValue) -> CellValue:
    # A progress arrives as a number; read as the text a clerk would type, so that 0.5 is
    # refused as ambiguous (a fraction?) rather than silently taken as 50 %.
    if isinstance(value, float | int) and not isinstance(value, bool):
        return shortest_number_text(value)
    return value


@dataclass(frozen=True)
class TabLayout:
    """Where a `Звіти` tab's header row is and which column (0-based) holds each field."""

    header_index: int
    columns: Mapping[str, int] = field(default_factory=dict)
    width: int = 0  # the header row's length

    def missing(self) -> list[str]:
        """The headers of the form's fields the tab has no column for."""
        return [REPORTS.column(k).header for k in FORM_FIELDS if k not in self.columns]

    def row(self, values: Mapping[str, Any], *, empty: Any = None) -> list[Any]:
        """The row to append: each field's value under its column, ``empty`` elsewhere."""
        width = max([self.width, *(i + 1 for i in self.columns.values())])
        row: list[Any] = [empty] * width
        for key, index in self.columns.items():
            value = values.get(key)
            row[index] = empty if value is None else value
        return row


def tab_layout(grid: Sequence[Sequence[CellValue]]) -> TabLayout | None:
    """The layout of a `Звіти` grid (A1-anchored), None when it has no header row."""
    index = header_row([list(r) for r in grid])
    if index is None:
        return None
    columns: dict[str, int] = {}
    header = grid[index]
    for c_index, cell in enumerate(header):
        if is_empty(cell):
            continue
        col = column_for(REPORTS, str(cell).strip())
        if col is not None:
            columns.setdefault(col.key, c_index)
    return TabLayout(index, columns, len(header))


def ids_in(grid: Sequence[Sequence[CellValue]], layout: TabLayout) -> set[str]:
    """Every report id already in the tab's id column."""
    column = layout.columns.get("report_id")
    if column is None:
        return set()
    return {str(row[column]).strip() for row in grid[layout.header_index + 1:]
            if column < len(row) and not is_empty(row[column])}


def with_headers(layout: TabLayout) -> tuple[TabLayout, dict[int, str]]:
    """The layout once the missing form columns are added after the header row's last cell,
    and the header cells to write (0-based column -> header)."""
    added: dict[int, str] = {}
    columns = dict(layout.columns)
    next_free = layout.width
    for key in FORM_FIELDS:
        if key not in columns:
            columns[key] = next_free
            added[next_free] = REPORTS.column(key).header
            next_free += 1
    return TabLayout(layout.header_index, columns, next_free), added


def status_choices() -> list[str]:
    """The statuses the form offers, as the spreadsheet spells them."""
    return [status.value for status in ReportStatus]
