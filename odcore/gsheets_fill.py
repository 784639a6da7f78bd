"""``init-sheet``: fill a Google spreadsheet that a person created with the template.

Google no longer lets a service account create files in its own Drive, so a person creates
an empty spreadsheet and shares it with the account as an editor; this module fills it
through the Sheets API only. It renders :func:`odcore.exports.template.describe_tabs` (the
same notes, dropdowns and formats as the xlsx template): every tab, the header row frozen
and protected, dropdowns, text and date formats, locale ``uk_UA`` and the council's time
zone, then the seed plan, or the rows of an existing workbook. Tabs that already hold data
are never overwritten. ``share`` gives people edit access through the Drive API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from odcore.cells import SERIAL_EPOCH, format_date_uk, is_empty
from odcore.exports.template import (
    TEMPLATE_ROWS,
    CellFormat,
    ColumnLayout,
    TabLayout,
    describe_tabs,
)
from odcore.issues import display_value
from odcore.schema.tabs import SPEC_BY_KEY, spec_for_tab_name
from odcore.settings import Settings
from odcore.sources.base import CellError, CellValue, RawSpreadsheet, SourceError
from odcore.sources.csv_folder import read_csv_folder
from odcore.sources.google_http import Deadline, GoogleApi, Target
from odcore.sources.gsheets import (
    VALUE_PARAMS,
    MalformedPayload,
    check_rows,
    checked_metadata,
    checked_value_ranges,
    malformed_error,
    quote_title,
    spreadsheet_url,
)
from odcore.sources.workbook_file import read_workbook

LOCALE = "uk_UA"
DEADLINE_SECONDS = 120.0
HEADER_NOTE = "Рядок заголовків захищено: назви стовпців читає панель. Не змінюйте їх."
_DEFAULT_COLUMNS = 26
_PIXELS_PER_CHARACTER = 7
_METADATA_FIELDS = ("properties.title,sheets(properties(sheetId,title,index,gridProperties),"
                    "protectedRanges(range))")


@dataclass
class SheetFill:
    """What goes into one sheet: its title, header row, data rows and the layout, if any."""

    title: str
    headers: list[str]
    rows: list[list[Any]]
    layout: TabLayout | None = None
    sheet_id: int = 0
    existing: bool = False
    header_protected: bool = False
    renamed_from: str = ""
    row_count: int = TEMPLATE_ROWS
    column_count: int = _DEFAULT_COLUMNS


@dataclass
class FillResult:
    """What ``fill_spreadsheet`` did, for the CLI to print."""

    url: str
    added: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def read_rows_source(path: Path) -> RawSpreadsheet:
    """The workbook (or CSV folder) whose rows ``--from-xlsx`` uploads."""
    return read_csv_folder(path) if path.is_dir() else read_workbook(path)


def fill_spreadsheet(api: GoogleApi, key: str, settings: Settings,
                     rows_from: RawSpreadsheet | None = None) -> FillResult:
    """Fill the spreadsheet ``key``; SourceError when it cannot be read, written or is not empty."""
    deadline = Deadline(DEADLINE_SECONDS, api.clock)
    target = Target(key, key, write=True)
    metadata = api.request("GET", api.sheets_url(f"spreadsheets/{key}"), target, deadline,
                           params={"fields": _METADATA_FIELDS})
    try:
        metadata = _checked_fill_metadata(metadata)
    except MalformedPayload as exc:
        raise malformed_error(key, key, str(exc)) from None
    title = metadata.get("properties", {}).get("title")
    target = Target(title if isinstance(title, str) and title else key, key, write=True)
    try:
        existing = _existing_sheets(api, key, metadata, target, deadline)
    except MalformedPayload as exc:
        raise malformed_error(target.name, key, str(exc)) from None
    fills = _plan_fills(describe_tabs(settings, with_plan=rows_from is None), rows_from)
    result = FillResult(url=spreadsheet_url(key))
    _place(fills, existing, result)
    requests = [{"updateSpreadsheetProperties": {
        "properties": {"locale": LOCALE, "timeZone": settings.time_zone},
        "fields": "locale,timeZone"}}]
    for fill in fills:
        requests += _structure_requests(fill)
    for fill in fills:
        requests += _layout_requests(fill)
    api.request("POST", api.sheets_url(f"spreadsheets/{key}:batchUpdate"), target, deadline,
                body={"requests": requests})
    data = [{"range": f"{quote_title(fill.title)}!A{1 if fill.layout is None else 2}",
             "values": fill.rows if fill.layout else [fill.headers, *fill.rows]}
            for fill in fills if fill.rows or fill.layout is None]
    if data:
        api.request("POST", api.sheets_url(f"spreadsheets/{key}/values:batchUpdate"), target,
                    deadline, body={"valueInputOption": "RAW", "data": data})
    result.rows = {fill.title: len(fill.rows) for fill in fills if fill.rows}
    return result


def share_spreadsheet(api: GoogleApi, key: str, emails: list[str]) -> None:
    """Give each e-mail edit access (Drive API permissions; Google e-mails each person)."""
    deadline = Deadline(DEADLINE_SECONDS, api.clock)
    for email in emails:
        api.request("POST", api.drive_url(f"files/{key}/permissions"), Target(key, key, True),
                    deadline, params={"sendNotificationEmail": "true",
                                      "supportsAllDrives": "true"},
                    body={"type": "user", "role": "writer", "emailAddress": email})


@dataclass
class _Existing:
    title: str
    sheet_id: int
    rows: int  # non-empty rows
    row_count: int
    column_count: int
    header_protected: bool


def _checked_fill_metadata(data: Any) -> dict[str, Any]:
    """The metadata the fill reads, each field of its type; MalformedPayload otherwise."""
    metadata = checked_metadata(data)
    for sheet in metadata["sheets"]:
        title = sheet["properties"]["title"]
        grid = sheet["properties"].get("gridProperties", {})
        if not isinstance(grid, dict) or not all(
                isinstance(grid.get(name, 0), int) for name in ("rowCount", "columnCount")):
            raise MalformedPayload(f"розміри аркуша «{title}» не є цілими числами")
        protected = sheet.get("protectedRanges", [])
        if not isinstance(protected, list) or not all(
                isinstance(p, dict) and isinstance(p.get("range", {}), dict) for p in protected):
            raise MalformedPayload(f"захищені діапазони аркуша «{title}» неочікуваної будови")
    return metadata


def _existing_sheets(api: GoogleApi, key: str, metadata: dict[str, Any], target: Target,
                     deadline: Deadline) -> list[_Existing]:
    """The spreadsheet's sheets and how many non-empty rows each holds (one batchGet);
    MalformedPayload when the answer lacks a sheet or is of the wrong shape."""
    sheets = sorted(metadata["sheets"], key=lambda s: s["properties"].get("index", 0))
    titles = [s["properties"]["title"] for s in sheets]
    params = [("ranges", quote_title(title)) for title in titles]
    values = api.request("GET", api.sheets_url(f"spreadsheets/{key}/values:batchGet"), target,
                         deadline, params=[*params, *VALUE_PARAMS])
    by_title = checked_value_ranges(values, titles)
    found = []
    for sheet, title in zip(sheets, titles, strict=True):
        value_range = by_title.get(title)
        if value_range is None:
            raise MalformedPayload(f"у відповіді немає даних аркуша «{title}»")
        check_rows(title, value_range.get("values", []))
        properties = sheet["properties"]
        grid = properties.get("gridProperties", {})
        rows = [r for r in value_range.get("values", []) if any(not is_empty(v) for v in r)]
        protected = any(p.get("range", {}).get("startRowIndex", 0) == 0
                        and p.get("range", {}).get("endRowIndex") == 1
                        for p in sheet.get("protectedRanges", []))
        found.append(_Existing(title, properties.get("sheetId", 0), len(rows),
                               int(grid.get("rowCount", 1000)),
                               int(grid.get("columnCount", _DEFAULT_COLUMNS)), protected))
    return found


def _plan_fills(layouts: tuple[TabLayout, ...], rows_from: RawSpreadsheet | None
                ) -> list[SheetFill]:
    """One fill per template tab, with the workbook's rows mapped onto it, then its other tabs."""
    fills = []
    used: set[str] = set()
    tabs = rows_from.tabs if rows_from else []
    for layout in layouts:
        headers = [c.header for c in layout.columns]
        source = next((t for t in tabs if t.title not in used and _tab_key(t.title) == layout.key),
                      None)
        if source is None:
            rows = [list(row) for row in layout.rows]
        else:
            used.add(source.title)
            headers, rows = _mapped_rows(layout, source.values)
        fills.append(SheetFill(layout.title, headers, rows, layout))
    for tab in tabs:
        if tab.title not in used and any(not is_empty(v) for row in tab.values for v in row):
            grid = [[_upload_value(v, None) for v in row] for row in tab.values]
            fills.append(SheetFill(tab.title, grid[0] if grid else [], grid[1:]))
    return fills


def _mapped_rows(layout: TabLayout, values: list[list[CellValue]]
                 ) -> tuple[list[str], list[list[Any]]]:
    """A workbook tab's rows in the template's column order; unknown columns kept at the end."""
    spec = SPEC_BY_KEY[layout.key]
    header_index = next((i for i, row in enumerate(values)
                         if any(not is_empty(v) for v in row)), None)
    if header_index is None:
        return [c.header for c in layout.columns], []
    header = values[header_index]
    width = max(len(row) for row in values)
    positions = {c.key: i for i, c in enumerate(layout.columns)}
    mapping: dict[int, int] = {}
    headers = [c.header for c in layout.columns]
    for index in range(width):
        text = display_value(header[index]).strip() if index < len(header) else ""
        col = spec.column_for_header(text) if text else None
        position = positions.get(col.key) if col is not None else None
        if position is not None and position not in mapping.values():
            mapping[index] = position
        elif text or any(index < len(r) and not is_empty(r[index]) for r in values):
            mapping[index] = len(headers)  # a column the template lacks: kept as it is
            headers.append(text)
    rows = []
    for row in values[header_index + 1:]:
        out: list[Any] = [""] * len(headers)
        for index, value in enumerate(row):
            if index in mapping:
                position = mapping[index]
                column = layout.columns[position] if position < len(layout.columns) else None
                out[position] = _upload_value(value, column)
        while out and out[-1] == "":
            out.pop()
        rows.append(out)
    return headers, rows


def _upload_value(value: CellValue, column: ColumnLayout | None) -> Any:
    """A workbook cell as a RAW API value: dates as serials in date and general columns.

    RAW keeps text as typed (no formula, no number parsing); an error cell goes up as its
    text, which the reader reports as the error it is.
    """
    if value is None:
        return ""
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, dt.datetime | dt.date):
        if column is None or column.cell_format is CellFormat.TEXT:
            # The text the reader makes of a date in a text column; a serial would show as a
            # number there (a sheet the template lacks has no date format either).
            if not isinstance(value, dt.datetime):
                return format_date_uk(value)
            return (format_date_uk(value.date()) if value.time() == dt.time()
                    else value.isoformat(" "))
        if isinstance(value, dt.datetime):
            return (value - dt.datetime.combine(SERIAL_EPOCH, dt.time())).total_seconds() / 86400
        return (value - SERIAL_EPOCH).days
    return value


def _place(fills: list[SheetFill], existing: list[_Existing], result: FillResult) -> None:
    """Match fills to existing sheets, refuse sheets with data, pick ids for new sheets."""
    taken: set[str] = set()
    busy = []
    for fill in fills:
        match = next((e for e in existing if e.title not in taken and _matches(e.title, fill)),
                     None)
        if match is None:
            continue
        taken.add(match.title)
        if match.rows > (1 if fill.layout else 0):
            busy.append(f"«{match.title}» ({match.rows} непорожніх рядків)")
        _attach(fill, match)
    if busy:
        raise SourceError(
            "У таблиці вже є дані: " + ", ".join(busy) + ". init-sheet заповнює лише порожню "
            "таблицю і нічого не перезаписує: створіть нову таблицю або перенесіть дані.")
    # An empty sheet of no known tab (the "Аркуш1" of a new spreadsheet) is reused.
    spare = [e for e in existing if e.title not in taken and e.rows == 0
             and _tab_key(e.title) is None]
    used_ids = {e.sheet_id for e in existing}
    next_id = 1
    for fill in fills:
        if fill.existing:
            continue
        if spare:
            _attach(fill, spare.pop(0))
            continue
        while next_id in used_ids:
            next_id += 1
        fill.sheet_id = next_id
        used_ids.add(next_id)
        fill.row_count = max(TEMPLATE_ROWS, len(fill.rows) + 1)
        fill.column_count = max(_DEFAULT_COLUMNS, _width(fill))
        result.added.append(fill.title)
    result.renamed = [(f.renamed_from, f.title) for f in fills if f.renamed_from]


def _matches(title: str, fill: SheetFill) -> bool:
    return title == fill.title or (fill.layout is not None
                                   and _tab_key(title) == fill.layout.key)


def _tab_key(title: str) -> str | None:
    spec = spec_for_tab_name(title)
    return spec.key if spec is not None else None


def _width(fill: SheetFill) -> int:
    return max([len(fill.headers), *(len(row) for row in fill.rows)])


def _attach(fill: SheetFill, sheet: _Existing) -> None:
    fill.sheet_id, fill.existing = sheet.sheet_id, True
    fill.header_protected = sheet.header_protected
    fill.renamed_from = sheet.title if sheet.title != fill.title else ""
    fill.row_count = max(sheet.row_count, TEMPLATE_ROWS, len(fill.rows) + 1)
    fill.column_count = max(sheet.column_count, _width(fill))


def _structure_requests(fill: SheetFill) -> list[dict[str, Any]]:
    """Add the sheet or rename and resize the one it reuses; freeze a template tab's header."""
    grid: dict[str, int] = {"rowCount": fill.row_count, "columnCount": fill.column_count}
    fields = ["title", "gridProperties.rowCount", "gridProperties.columnCount"]
    if fill.layout is not None:
        grid["frozenRowCount"] = 1
        fields.append("gridProperties.frozenRowCount")
    properties = {"sheetId": fill.sheet_id, "title": fill.title, "gridProperties": grid}
    if fill.existing:
        return [{"updateSheetProperties": {"properties": properties,
                                           "fields": ",".join(fields)}}]
    return [{"addSheet": {"properties": properties}}]


def _layout_requests(fill: SheetFill) -> list[dict[str, Any]]:
    """The header row with its notes, its protection, and each column's format and check."""
    if fill.layout is None:
        return []
    sheet_id = fill.sheet_id
    notes = {c.header: c.note for c in fill.layout.columns}
    header_format = {"textFormat": {"bold": True}, "wrapStrategy": "WRAP",
                     "verticalAlignment": "TOP"}
    requests: list[dict[str, Any]] = [{"updateCells": {
        "rows": [{"values": [{"userEnteredValue": {"stringValue": header},
                              "note": notes.get(header, ""),
                              "userEnteredFormat": header_format}
                             for header in fill.headers]}],
        "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
        "fields": "userEnteredValue,note,userEnteredFormat(textFormat,wrapStrategy,"
                  "verticalAlignment)"}}]
    if not fill.header_protected:
        requests.append({"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
            "description": HEADER_NOTE, "warningOnly": False}}})
    for index, column in enumerate(fill.layout.columns):
        cells = {"sheetId": sheet_id, "startRowIndex": 1, "endRowIndex": fill.row_count,
                 "startColumnIndex": index, "endColumnIndex": index + 1}
        number_format = _NUMBER_FORMATS.get(column.cell_format)
        if number_format is not None:
            requests.append({"repeatCell": {
                "range": cells, "cell": {"userEnteredFormat": {"numberFormat": number_format}},
                "fields": "userEnteredFormat.numberFormat"}})
        requests.append({"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": index,
                      "endIndex": index + 1},
            "properties": {"pixelSize": column.width * _PIXELS_PER_CHARACTER},
            "fields": "pixelSize"}})
        rule = _validation_rule(column)
        if rule is not None:
            requests.append({"setDataValidation": {"range": cells, "rule": rule}})
    return requests


_NUMBER_FORMATS: dict[CellFormat, dict[str, str]] = {
    CellFormat.TEXT: {"type": "TEXT"},
    CellFormat.DATE: {"type": "DATE", "pattern": "dd.mm.yyyy"},
}


def _validation_rule(column: ColumnLayout) -> dict[str, Any] | None:
    """A Sheets data-validation rule from the layout's dropdown, date or number range."""
    if column.choices:
        condition = {"type": "ONE_OF_LIST",
                     "values": [{"userEnteredValue": c} for c in column.choices]}
    elif column.date_range is not None:
        condition = {"type": "DATE_BETWEEN",
                     "values": [{"userEnteredValue": d.isoformat()} for d in column.date_range]}
    elif column.number_range is not None:
        condition = {"type": "NUMBER_BETWEEN",
                     "values": [{"userEnteredValue": f"{n:g}"} for n in column.number_range]}
    else:
        return None
    return {"condition": condition, "strict": column.strict, "showCustomUi": True}
