"""The quarterly score card: "Картка оцінки стану оприлюднення і оновлення відкритих даних".

The card's sections, their indicators and the columns of its sheets are declared once, in
CARD_SECTIONS, DATASET_COLUMNS and PLAN_COLUMNS, so that they can be aligned with the
official template when a council supplies it; the writer only renders them. Every figure
comes from one Figures (odcore.figures) at the quarter's end date, the summary's figures.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlsxWorkbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from odcore.exports.safe import atomic_path, set_value, write_row
from odcore.figures import Figures, build_figures
from odcore.i18n import translate
from odcore.periods import Quarter
from odcore.rounding import whole_percent
from odcore.rules.indicators import IndicatorValue, title_phrase
from odcore.rules.mqa import rating_phrase
from odcore.rules.progress import TaskProgress
from odcore.rules.quality import DatasetAssessment, DatasetQuality
from odcore.rules.reasons import reason_phrase
from odcore.settings import Settings
from odcore.textsafe import safe_link
from odcore.workbook import Workbook

CARD_TITLE = "Картка оцінки стану оприлюднення і оновлення відкритих даних"
NO_DATA = "немає даних"
# The percentage bands of the national assessment, lowest percent first.
NATIONAL_BANDS: tuple[tuple[int, str], ...] = (
    (0, "0–24 %"), (25, "25–49 %"), (50, "50–74 %"), (75, "75–100 %"),
)


class ValueKind(StrEnum):
    COUNT = "count"
    SHARE = "share"


@dataclass(frozen=True)
class CardData:
    """What the card's indicators read: the quarter and the figures at its end date."""

    quarter: Quarter
    figures: Figures

    @property
    def as_of(self) -> dt.date:
        return self.figures.as_of

    @property
    def assessment(self) -> DatasetAssessment:
        return self.figures.assessment


@dataclass(frozen=True)
class CardIndicator:
    key: str
    label_uk: str
    kind: ValueKind
    value: Callable[[CardData], int | float | None]


@dataclass(frozen=True)
class CardSection:
    """A section of the summary sheet; ``band`` is the key of the share that gives its band."""

    key: str
    title_uk: str
    indicators: tuple[CardIndicator, ...]
    band: str


def _count(key: str, label: str, value: Callable[[CardData], int | None]) -> CardIndicator:
    return CardIndicator(key, label, ValueKind.COUNT, value)


def _share(key: str, label: str, value: Callable[[CardData], float | None]) -> CardIndicator:
    return CardIndicator(key, label, ValueKind.SHARE, value)


CARD_SECTIONS: tuple[CardSection, ...] = (
    CardSection("register", "Реєстр наборів даних", (
        _count("datasets_in_register", "Наборів даних у реєстрі (рядки без помилок)",
               lambda d: d.assessment.counts.total),
        _count("register_rows", "Рядків реєстру, разом із рядками з помилками",
               lambda d: d.assessment.counts.register_rows),
        _share("register_complete_share", "Частка рядків реєстру з усіма полями паспорта",
               lambda d: d.assessment.register_complete_share),
    ), band="register_complete_share"),
    CardSection("publication", "Оприлюднення", (
        _count("published", "Оприлюднено наборів даних", lambda d: d.assessment.counts.published),
        _count("mandatory", "Обовʼязкових наборів (без «Обмежено»)",
               lambda d: d.assessment.counts.mandatory),
        _count("mandatory_published", "З них оприлюднено",
               lambda d: d.assessment.counts.mandatory_published),
        _share("mandatory_share", "Охоплення обовʼязкових наборів",
               lambda d: d.assessment.mandatory_share),
        _count("restricted", "Наборів з обмеженим доступом (не оцінюються)",
               lambda d: d.assessment.counts.restricted),
    ), band="mandatory_share"),
    CardSection("timeliness", "Оновлення", (
        _count("evaluable", "Оприлюднених наборів із частотою оновлення",
               lambda d: d.assessment.counts.evaluable),
        _count("on_time", "Оновлено вчасно", lambda d: d.assessment.counts.on_time),
        _share("on_time_share", "Частка вчасно оновлених", lambda d: d.assessment.on_time_share),
        _count("overdue", "Не оновлено вчасно", lambda d: d.assessment.counts.overdue),
        _count("not_evaluable", "Не оцінюються («Не оновлюється» або без частоти)",
               lambda d: d.assessment.counts.not_evaluable),
    ), band="on_time_share"),
    CardSection("compliance", "Відповідність стандартам", (
        _count("compliant", "Оприлюднених наборів, що відповідають стандартам",
               lambda d: d.assessment.counts.compliant),
        _share("compliant_share", "Частка наборів, що відповідають стандартам",
               lambda d: d.assessment.compliant_share),
        _share("compliance_target", "Ціль плану (завдання 6.2)",
               lambda d: d.assessment.compliance_target),
    ), band="compliant_share"),
    CardSection("checks", "Перевірки якості", (
        _count("checked", "Оприлюднених наборів, перевірених за квартал",
               lambda d: d.assessment.counts.checked_latest_quarter),
        _share("quality_checked_share", "Частка перевірених наборів",
               lambda d: d.assessment.quality_checked_share),
    ), band="quality_checked_share"),
    CardSection("recommendations", "Виконання рекомендацій", (
        _count("with_recommendations", "Наборів, остання перевірка яких має рекомендації",
               lambda d: d.assessment.counts.with_recommendations),
        _count("recommendations_resolved", "З них рекомендації виконано",
               lambda d: d.assessment.counts.recommendations_resolved),
        _share("recommendations_resolved_share", "Частка виконаних рекомендацій",
               lambda d: d.assessment.recommendations_resolved_share),
    ), band="recommendations_resolved_share"),
    CardSection("plan", "Виконання плану заходів", (
        _share("plan_progress", "Виконання плану", lambda d: d.figures.plan.progress),
    ), band="plan_progress"),
)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("так" if value else "ні")


@dataclass(frozen=True)
class Column:
    """A column of a table sheet: header, width and the value of one row.

    ``number_format`` applies to every value, ``float_format`` only to fractional ones (an
    indicator's value is a share or a count); ``link`` makes an http(s) text a hyperlink.
    """

    header: str
    width: int
    value: Callable[[Any], object]
    number_format: str = ""
    float_format: str = ""
    link: bool = False


DATASET_COLUMNS: tuple[Column, ...] = (
    Column("ID", 12, lambda i: i.id),
    Column("Назва", 40, lambda i: i.dataset.title),
    Column("Розпорядник", 28, lambda i: i.department),
    Column("Статус", 14, lambda i: i.status.value),
    Column("Обовʼязковий", 13, lambda i: _yes_no(i.dataset.mandatory)),
    Column("Посилання на портал", 34, lambda i: i.dataset.portal_url, link=True),
    Column("Формати", 16, lambda i: ", ".join(i.formats)),
    Column("Зірки відкритості", 10, lambda i: i.stars),
    Column("Машиночитний", 13, lambda i: _yes_no(i.machine_readable)),
    Column("Ліцензія", 18, lambda i: i.dataset.license),
    Column("Частота оновлення", 18, lambda i: (i.dataset.update_frequency.value
                                               if i.dataset.update_frequency else None)),
    Column("Дата останнього оновлення", 14, lambda i: i.dataset.last_updated, "DD.MM.YYYY"),
    Column("Оновити до", 14, lambda i: i.next_due, "DD.MM.YYYY"),
    Column("Вчасно", 12, lambda i: _timeliness_text(i)),
    Column("Днів прострочено", 11, lambda i: i.days_overdue),
    Column("Відповідає стандартам", 13, lambda i: _yes_no(i.compliant)),
    Column("Причини", 60, lambda i: "\n".join(reason_phrase(r).render("uk") for r in i.reasons)),
    Column("Бали якості", 9, lambda i: i.points.total),
    Column("Оцінка", 12, lambda i: rating_phrase(i.rating).render("uk")),
    Column("Що виправити насамперед", 50,
           lambda i: i.fix_first.action.render("uk") if i.fix_first else ""),
)

PLAN_COLUMNS: tuple[Column, ...] = (
    Column("Код", 8, lambda r: r.progress.code),
    Column("Розділ", 30, lambda r: r.progress.task.section),
    Column("Завдання", 50, lambda r: r.progress.task.task),
    Column("Строк виконання", 22, lambda r: r.progress.task.deadline),
    Column("Виконавці", 32, lambda r: ", ".join(r.progress.task.executors)),
    Column("Стан", 16, lambda r: translate(f"state.{r.progress.state.value}")),
    Column("Прогрес", 10, lambda r: r.progress.progress, "0%"),
    Column("Пропущені періоди", 20, lambda r: ", ".join(r.progress.missed)),
    Column("Показник", 28,
           lambda r: title_phrase(r.indicator.key).render("uk") if r.indicator else ""),
    Column("Значення показника", 12, lambda r: r.indicator.value if r.indicator else None,
           float_format="0%"),
    Column("Показник досягнуто", 12, lambda r: _yes_no(r.indicator.met) if r.indicator else ""),
    Column("Розбіжність звіту і даних", 14, lambda r: "так" if r.discrepancy else ""),
)


def _timeliness_text(item: DatasetQuality) -> str:
    if not item.published:
        return ""
    if item.not_evaluable:
        return "не оцінюється"
    return "ні" if item.overdue else "так"



def national_band(share: float | None) -> str:
    """The national assessment's band of a share (by its whole percentage), or "немає даних"."""
    if share is None:
        return NO_DATA
    percent = whole_percent(share)
    label = NATIONAL_BANDS[0][1]
    for lowest, name in NATIONAL_BANDS:
        if percent >= lowest:
            label = name
    return label


def card_figures(data: CardData) -> dict[str, int | float | None]:
    """Each indicator's value by key, as the summary sheet shows it."""
    return {i.key: i.value(data) for s in CARD_SECTIONS for i in s.indicators}


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_SECTION_FILL = PatternFill("solid", fgColor="EEF2F7")
_THIN = Side(style="thin", color="9AA5B1")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TABLE_STYLE = "Картка: таблиця,"  # + the number format: the named styles of table cells


def _style_header(sheet: Worksheet, row: int, columns: int) -> None:
    for column in range(1, columns + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _print_setup(sheet: Worksheet, header_row: int, *, landscape: bool) -> None:
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = "&P / &N"


def _table_style(sheet: Worksheet, number_format: str) -> str:
    """The named style of a table cell (wrapped, bordered) with this number format."""
    name = f"{_TABLE_STYLE} {number_format or 'General'}"
    book = sheet.parent
    if name not in book.named_styles:
        book.add_named_style(NamedStyle(name=name, alignment=_WRAP, border=_BORDER,
                                        number_format=number_format or "General"))
    return name


def _write_table(sheet: Worksheet, first_row: int, columns: tuple[Column, ...],
                 rows: list[Any], *, landscape: bool) -> None:
    write_row(sheet, first_row, [c.header for c in columns])
    _style_header(sheet, first_row, len(columns))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    # One named style per cell, not an alignment, a border and a number format: openpyxl
    # hashes the style object on every attribute assignment (10 of 13 s for 4,000 datasets).
    styles = [(_table_style(sheet, c.number_format),
               _table_style(sheet, c.float_format) if c.float_format else "")
              for c in columns]
    for offset, record in enumerate(rows, start=1):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=first_row + offset, column=index)
            value = column.value(record)
            plain, fractional = styles[index - 1]
            # Before the value: set_value may mark the cell's style as quoted text.
            cell.style = fractional if fractional and isinstance(value, float) else plain
            set_value(cell, value)
            if column.link and isinstance(value, str) and safe_link(value):
                cell.hyperlink = value
    if rows:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + len(rows)}"
    _print_setup(sheet, first_row, landscape=landscape)


def _write_summary_sheet(sheet: Worksheet, data: CardData, settings: Settings) -> None:
    council = settings.council
    write_row(sheet, 1, [CARD_TITLE])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    write_row(sheet, 2, [council.full_name])
    write_row(sheet, 3, [f"Код за ЄДРПОУ: {council.edrpou}" if council.edrpou else ""])
    write_row(sheet, 4, [f"Період: {data.quarter.label_uk()} (станом на "
                         f"{data.as_of:%d.%m.%Y}, стан реєстру — на дату формування)"])
    header_row = 6
    write_row(sheet, header_row, ["№", "Розділ / показник", "Значення", "Діапазон оцінювання"])
    _style_header(sheet, header_row, 4)
    for letter, width in zip("ABCD", (7, 62, 16, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    row = header_row
    for s_index, section in enumerate(CARD_SECTIONS, start=1):
        row += 1
        band_value = next(i.value(data) for i in section.indicators if i.key == section.band)
        write_row(sheet, row, [str(s_index), section.title_uk, None,
                               national_band(band_value if isinstance(band_value, float | int)
                                             else None)])
        for column in range(1, 5):
            cell = sheet.cell(row=row, column=column)
            cell.font = _HEADER_FONT
            cell.fill = _SECTION_FILL
            cell.border = _BORDER
        for i_index, indicator in enumerate(section.indicators, start=1):
            row += 1
            value = indicator.value(data)
            write_row(sheet, row, [f"{s_index}.{i_index}", indicator.label_uk,
                                   NO_DATA if value is None else value])
            value_cell = sheet.cell(row=row, column=3)
            if indicator.kind is ValueKind.SHARE and value is not None:
                value_cell.number_format = "0%"
            for column in range(1, 5):
                sheet.cell(row=row, column=column).border = _BORDER
            sheet.cell(row=row, column=2).alignment = _WRAP
    row += 2
    notes = [
        "Частки — від оприлюднених наборів; набори зі статусом «Обмежено» не входять у жодну "
        "частку. «Немає даних» — частка від порожньої множини.",
        "Діапазон оцінювання — діапазон національного оцінювання (0–24, 25–49, 50–74, "
        "75–100 %) за часткою розділу, округленою до цілого відсотка.",
        "Зміст наборів (статус, дати оновлення) — з реєстру на дату формування картки: "
        "таблиця не зберігає історії.",
    ]
    for note in notes:
        write_row(sheet, row, [None, note])
        sheet.cell(row=row, column=2).alignment = _WRAP
        row += 1
    _print_setup(sheet, header_row, landscape=False)


@dataclass(frozen=True)
class PlanRow:
    """A task of the plan sheet with its indicator (None when no indicator is linked)."""

    progress: TaskProgress
    indicator: IndicatorValue | None
    discrepancy: bool


def _plan_rows(figures: Figures) -> list[PlanRow]:
    return [PlanRow(t, figures.indicator(t), figures.discrepancy(t)) for t in figures.plan.tasks]


def _write_plan_sheet(sheet: Worksheet, data: CardData) -> None:
    progress = data.figures.plan.progress
    write_row(sheet, 1, ["Виконання плану заходів", None,
                         f"станом на {data.as_of:%d.%m.%Y}"])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
    write_row(sheet, 2, ["Усього", None, NO_DATA if progress is None else progress])
    if progress is not None:
        sheet.cell(row=2, column=3).number_format = "0%"
    _write_table(sheet, 4, PLAN_COLUMNS, _plan_rows(data.figures), landscape=True)


def write_score_card(workbook: Workbook, quarter: Quarter, settings: Settings,
                     path: str | Path) -> CardData:
    """Write the quarter's score card (.xlsx) atomically; returns the figures it shows."""
    data = CardData(quarter, build_figures(workbook, quarter.end_as_of, settings))
    book = XlsxWorkbook()
    summary_sheet = book.active
    assert summary_sheet is not None  # a new workbook has one sheet
    summary_sheet.title = "Зведення"
    _write_summary_sheet(summary_sheet, data, settings)
    items = [i for i in data.assessment.items if not i.restricted]
    items += [i for i in data.assessment.items if i.restricted]  # listed apart, at the end
    _write_table(book.create_sheet("Набори даних"), 1, DATASET_COLUMNS, items, landscape=True)
    _write_plan_sheet(book.create_sheet("Виконання плану"), data)
    book.properties.title = f"{CARD_TITLE}, {data.quarter.label_uk()}"
    book.properties.creator = settings.council.name
    with atomic_path(path) as tmp:
        book.save(tmp)
    return data


def score_card_bytes(workbook: Workbook, quarter: Quarter, settings: Settings) -> bytes:
    """The quarter's score card as .xlsx bytes, written through a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"score-card-{quarter}.xlsx"
        write_score_card(workbook, quarter, settings, path)
        return path.read_bytes()
