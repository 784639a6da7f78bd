"""The empty workbook a department is handed: every tab, explained headers, dropdowns.

``describe_tabs`` holds everything the template knows (header notes, dropdown lists, cell
formats, widths, the pre-filled plan) as plain data, so that the xlsx writer here and the
Google Sheets filler render the same notes and dropdowns. ``write_template`` renders it with
openpyxl.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from odcore.cells import SERIAL_EPOCH
from odcore.periods import plan_quarters
from odcore.plan_seed import DEFAULT_INDICATORS, SEED_PLAN, PlanTask
from odcore.schema.columns import Col, Kind
from odcore.schema.tabs import TAB_SPECS, TabSpec
from odcore.schema.vocab import allowed_values
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.base import column_letter

TEMPLATE_ROWS = 1000  # dropdowns and date checks cover rows 2..TEMPLATE_ROWS
YES_NO = ("так", "ні")
PERSONAL_NOTE = "особисті дані — не публікуються"

_EXCEL_LIST_LIMIT = 255  # Excel refuses an inline dropdown list longer than this
_AUTHOR = "odcore"


class CellFormat(StrEnum):
    """How a column's cells are formatted, whatever the spreadsheet program."""

    TEXT = "text"  # kept as typed: 4.10 stays 4.10, 007 stays 007
    DATE = "date"  # shown as 31.03.2024
    GENERAL = "general"


@dataclass(frozen=True)
class ColumnLayout:
    """One template column: header, note, format, width and its cell check.

    ``choices`` is a dropdown list; ``strict`` refuses any other value (a closed vocabulary
    or yes/no), otherwise the list only suggests. ``date_range`` and ``number_range`` are
    checks that warn and still let the value in. ``error`` is the check's message.
    """

    key: str
    header: str
    note: str
    required: bool
    personal: bool
    cell_format: CellFormat
    width: int
    choices: tuple[str, ...] = ()
    strict: bool = False
    date_range: tuple[dt.date, dt.date] | None = None
    number_range: tuple[float, float] | None = None
    error: str = ""


@dataclass(frozen=True)
class TabLayout:
    """One template tab: its title, columns in order, and pre-filled rows (text cells)."""

    key: str
    title: str
    columns: tuple[ColumnLayout, ...]
    rows: tuple[tuple[str, ...], ...] = ()



_KIND_HINTS: dict[Kind, str] = {
    Kind.DATE: "Дата у форматі 31.03.2024.",
    Kind.QUARTER: "Квартал: 2024-Q1 (є у списку) або «І кв. 2024».",
    Kind.URL: "Повне посилання, що починається з https:// (або http://).",
    Kind.IMAGE_URL: "Посилання на зображення, що починається з https://.",
    Kind.EMAIL: "Одна адреса, наприклад name@example.ua.",
    Kind.LIST: "Кілька значень — через кому, крапку з комою або з нового рядка.",
    Kind.DEPARTMENTS: "Кілька значень — через кому, крапку з комою або з нового рядка.",
    Kind.PERCENT: "Число від 0 до 100, можна з %: 50 або 50%.",
    Kind.YESNO: "«так» або «ні» зі списку; порожньо — не вказано (це не те саме, що «ні»).",
}

# Free-text columns that hold sentences get wide columns.
_LONG_TEXT = frozenset({
    ("plan", "task"), ("plan", "kpi"), ("plan", "section"), ("reports", "done"),
    ("datasets", "description"), ("datasets", "purpose"), ("quality_checks", "findings"),
    ("quality_checks", "recommendations"), ("products", "description"),
    ("events", "outcome"),
})
_WIDTHS: dict[Kind, int] = {
    Kind.TEXT: 28, Kind.DEADLINE: 28, Kind.CODE: 12, Kind.LIST: 24, Kind.DEPARTMENTS: 40,
    Kind.DATE: 14, Kind.YESNO: 12, Kind.QUARTER: 12, Kind.URL: 40, Kind.IMAGE_URL: 40, Kind.EMAIL: 30,
    Kind.PERCENT: 12, Kind.VOCAB: 16,
}
_LONG_WIDTH = 60


def _cell_format(col: Col) -> CellFormat:
    if col.kind is Kind.DATE:
        return CellFormat.DATE
    if col.kind in (Kind.YESNO, Kind.PERCENT):
        return CellFormat.GENERAL
    # Every other kind holds text: a text format stops the spreadsheet from turning a code
    # into a number or a date, or dropping a phone number's leading zero.
    return CellFormat.TEXT


def _choices(spec: TabSpec, col: Col, settings: Settings) -> tuple[tuple[str, ...], bool]:
    """The dropdown list of a column and whether it is strict."""
    if col.vocabulary is not None:
        return tuple(allowed_values(col.vocabulary)), True
    if col.kind is Kind.YESNO:
        return YES_NO, True
    if col.kind is Kind.QUARTER:
        # Other spellings (І кв. 2024) are read too, so the list only suggests.
        return tuple(str(q) for q in plan_quarters(*settings.plan_years)), False
    if (spec.key, col.key) == ("plan", "indicator"):
        # The keys RULES.md defines; an indicator added later must stay typeable.
        return tuple(DEFAULT_INDICATORS.values()), False
    return (), False


def _note(spec: TabSpec, col: Col, choices: tuple[str, ...], strict: bool) -> str:
    lines = [col.note]
    if col.kind in _KIND_HINTS:
        lines.append(_KIND_HINTS[col.kind])
    lines.append("Обовʼязковий стовпець: заповніть у кожному рядку." if col.required
                 else "Необовʼязковий стовпець.")
    if col.vocabulary is not None:
        lines.append("Допустимі значення: " + ", ".join(f"«{c}»" for c in choices) + ".")
    elif choices and not strict and col.kind is not Kind.QUARTER:
        lines.append("Можливі значення: " + ", ".join(choices) + ".")
    if col.personal:
        lines.append(f"Увага: {PERSONAL_NOTE}.")
    return "\n".join(line for line in lines if line)


def _error(col: Col, strict: bool) -> str:
    if strict:
        return "Виберіть значення зі списку (стрілка біля клітинки)."
    if col.kind is Kind.DATE:
        return "Це не схоже на дату. Напишіть дату у форматі 31.03.2024."
    if col.kind is Kind.PERCENT:
        return "Прогрес — число від 0 до 100."
    return ""


def _width(spec: TabSpec, col: Col, choices: tuple[str, ...]) -> int:
    if (spec.key, col.key) in _LONG_TEXT:
        return _LONG_WIDTH
    base = _WIDTHS[col.kind]
    if choices:
        base = max(base, max(len(c) for c in choices) + 4)
    # Headers wrap, so a long header widens its column only up to a point.
    return min(max(base, min(len(col.header) + 4, 30)), _LONG_WIDTH)


def _column_layout(spec: TabSpec, col: Col, settings: Settings) -> ColumnLayout:
    choices, strict = _choices(spec, col, settings)
    return ColumnLayout(
        key=col.key, header=col.header, note=_note(spec, col, choices, strict),
        required=col.required, personal=col.personal, cell_format=_cell_format(col),
        width=_width(spec, col, choices), choices=choices, strict=strict,
        # The dates the reading layer accepts (settings.earliest_year..latest_year).
        date_range=(dt.date(settings.earliest_year, 1, 1), dt.date(settings.latest_year, 12, 31))
        if col.kind is Kind.DATE else None,
        number_range=(0.0, 100.0) if col.kind is Kind.PERCENT else None,
        error=_error(col, strict),
    )


def _plan_cells(task: PlanTask) -> dict[str, str]:
    """A seed task's cells by the ``План`` tab's column keys."""
    return {"code": task.code, "section": task.section, "task": task.task,
            "deadline": task.deadline, "kpi": task.kpi, "executors_text": task.executors,
            "indicator": task.indicator}


def describe_tabs(settings: Settings = DEFAULT_SETTINGS, *,
                  with_plan: bool = True) -> tuple[TabLayout, ...]:
    """Every tab of the template as data: columns with notes, checks, formats, widths, rows."""
    layouts = []
    for spec in TAB_SPECS:
        columns = tuple(_column_layout(spec, c, settings) for c in spec.columns if not c.extra)
        rows: tuple[tuple[str, ...], ...] = ()
        if spec.key == "plan" and with_plan:
            rows = tuple(tuple(_plan_cells(t)[c.key] for c in columns) for t in SEED_PLAN)
        layouts.append(TabLayout(spec.key, spec.title, columns, rows))
    return tuple(layouts)


_HEADER_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_NUMBER_FORMATS = {CellFormat.TEXT: "@", CellFormat.DATE: "DD.MM.YYYY",
                   CellFormat.GENERAL: "General"}


def _serial(day: dt.date) -> str:
    return str((day - SERIAL_EPOCH).days)


def _validation(column: ColumnLayout, cells: str) -> DataValidation | None:
    """The openpyxl check of a column (dropdown, date or number range), or None."""
    if column.choices:
        if any("," in c for c in column.choices):
            raise ValueError(f"a dropdown value of «{column.header}» contains a comma")
        formula = '"' + ",".join(column.choices) + '"'
        if len(formula) > _EXCEL_LIST_LIMIT:
            raise ValueError(f"the dropdown of «{column.header}» is too long for Excel")
        rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                              showErrorMessage=column.strict,
                              errorStyle="stop" if column.strict else "information")
    elif column.date_range is not None:
        first, last = column.date_range
        rule = DataValidation(type="date", operator="between", formula1=_serial(first),
                              formula2=_serial(last), allow_blank=True,
                              showErrorMessage=True, errorStyle="warning")
    elif column.number_range is not None:
        low, high = column.number_range
        rule = DataValidation(type="decimal", operator="between", formula1=f"{low:g}",
                              formula2=f"{high:g}", allow_blank=True,
                              showErrorMessage=True, errorStyle="warning")
    else:
        return None
    if column.error:
        rule.errorTitle = column.header[:32]  # Excel's limit for a message title
        rule.error = column.error
    rule.add(cells)
    return rule


def _comment(text: str) -> Comment:
    comment = Comment(text, _AUTHOR)
    lines = sum(max(1, math.ceil(len(line) / 45)) for line in text.splitlines())
    comment.width, comment.height = 340, 24 + 18 * lines
    return comment


def _render_tab(sheet: Worksheet, layout: TabLayout) -> None:
    header_lines = 1
    for index, column in enumerate(layout.columns, start=1):
        letter = column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.alignment = _WRAP_TOP
        cell.comment = _comment(column.note)
        header_lines = max(header_lines, math.ceil(len(column.header) / column.width))
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        # A column style formats every cell typed later, without writing 1000 empty cells.
        dimension.number_format = _NUMBER_FORMATS[column.cell_format]
        rule = _validation(column, f"{letter}2:{letter}{TEMPLATE_ROWS}")
        if rule is not None:
            sheet.add_data_validation(rule)
    sheet.row_dimensions[1].height = 15 * header_lines + 5
    sheet.freeze_panes = "A2"
    for r_index, row in enumerate(layout.rows, start=2):
        for c_index, (column, value) in enumerate(zip(layout.columns, row, strict=True),
                                                  start=1):
            cell = sheet.cell(row=r_index, column=c_index, value=value or None)
            cell.number_format = _NUMBER_FORMATS[column.cell_format]
            cell.alignment = _WRAP_TOP


def write_template(path: str | Path, settings: Settings = DEFAULT_SETTINGS, *,
                   with_plan: bool = True) -> None:
    """Write the template workbook (.xlsx) to ``path`` atomically; the plan pre-filled.

    Raises ValueError for a path that does not end in .xlsx, OSError when it cannot be written.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"Шаблон записується у файл .xlsx, а не «{target.name}»")
    book = Workbook()
    book.remove(book.active)
    for layout in describe_tabs(settings, with_plan=with_plan):
        _render_tab(book.create_sheet(layout.title), layout)
    book.properties.title = f"Програма відкритих даних — {settings.council.name}"
    book.properties.creator = settings.council.name
    # A unique name beside the target (so os.replace stays on one file system), created
    # with the usual permissions rather than mkstemp's owner-only ones.
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        book.save(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
