"""Cells that calamine reads wrongly, found in the workbook file itself.

Calamine hides a saved error value (``#REF!``) as empty text, and returns values that a merge
hides. The sheet XML of an .xlsx/.xlsm, ``content.xml`` of an .ods and the BIFF records of an
.xls (through xlrd) say which cells those are; docs/sources.md has the measurement behind each
scan.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

import xlrd

from odcore.sources.base import ERROR_VALUES, CellError, CellValue

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
GENERIC_ERROR = "#ERROR!"
_LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")


@dataclass(frozen=True)
class CellArea:
    """Cells that calamine reads wrongly and their true value (a saved error, or empty).

    ``row`` and ``col`` are 0-based; an .ods repeats one cell over ``rows`` x ``cols``.
    """

    row: int
    col: int
    value: CellError | None
    rows: int = 1
    cols: int = 1


def apply_areas(grid: list[list[CellValue]], areas: list[CellArea], max_rows: int,
                max_columns: int) -> list[list[CellValue]]:
    """Set the areas' values; drop trailing empty cells of each row and trailing empty rows.

    Nothing is set past ``max_rows`` and ``max_columns``: those cells were not read.
    """
    height = len(grid)
    width = max((len(row) for row in grid), default=0)
    for area in areas:
        if area.row >= max_rows or area.col >= max_columns:
            continue
        area = CellArea(area.row, area.col, area.value, min(area.rows, max_rows - area.row),
                        min(area.cols, max_columns - area.col))
        # Repeats are clipped to the sheet's used area; the first cell of an error is kept
        # even beyond it, while an emptied cell outside the grid is empty already.
        last_row = min(area.row + area.rows, height)
        last_col = min(area.col + area.cols, width)
        if area.value is not None:
            last_row, last_col = max(last_row, area.row + 1), max(last_col, area.col + 1)
        for row_index in range(area.row, last_row):
            while len(grid) <= row_index:
                grid.append([])
            row = grid[row_index]
            if len(row) < last_col:
                row.extend([None] * (last_col - len(row)))
            for col_index in range(area.col, last_col):
                row[col_index] = area.value
    for row in grid:
        while row and row[-1] is None:
            row.pop()
    while grid and not grid[-1]:
        grid.pop()
    return grid


def scan_zip(path: Path) -> dict[str, list[CellArea]]:
    """Per sheet title, the cells calamine misreads in an .xlsx/.xlsm or .ods (by content):
    for an .xlsx, ``xlsx_sheet_parts`` and ``xlsx_part_errors`` do the same sheet by sheet."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE):
            return _ods_fixes(archive.read("content.xml"))
        return _xlsx_fixes(archive, names)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _xlsx_fixes(archive: zipfile.ZipFile, names: set[str]) -> dict[str, list[CellArea]]:
    errors: dict[str, list[CellArea]] = {}
    for title, part in xlsx_sheet_parts(archive, names).items():
        found = xlsx_part_errors(archive.read(part))
        if found:
            errors[title] = found
    return errors


def xlsx_part_errors(data: bytes) -> list[CellArea]:
    """The error cells of one .xlsx sheet's XML."""
    found = _xlsx_scan_errors(data)
    return found if found is not None else _xlsx_sheet_errors(io.BytesIO(data))


def xlsx_sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet title -> zip member of its XML, through workbook.xml and its relationships."""
    workbook_part = "xl/workbook.xml"
    for rel in _relationships(archive, "_rels/.rels", names, ""):
        if rel[0].endswith("/officeDocument"):
            workbook_part = rel[1]
    folder, file_name = posixpath.split(workbook_part)
    targets = {
        rel_id: target
        for _, target, rel_id in _relationships(
            archive, posixpath.join(folder, "_rels", file_name + ".rels"), names, folder
        )
    }
    parts: dict[str, str] = {}
    for element in ET.fromstring(archive.read(workbook_part)).iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        part = targets.get(rel_id, "")
        if part in names:
            parts[element.get("name", "")] = part
    return parts


def _relationships(
    archive: zipfile.ZipFile, rels_part: str, names: set[str], folder: str
) -> list[tuple[str, str, str]]:
    """(type, zip member, id) of each internal relationship in a .rels part."""
    if rels_part not in names:
        return []
    found = []
    for element in ET.fromstring(archive.read(rels_part)).iter():
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        # Targets are relative to the source part's folder, or absolute from the zip root.
        member = target[1:] if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target)
        )
        found.append((element.get("Type", ""), member, element.get("Id", "")))
    return found


# An error cell from its start tag: attributes, then content. Cell attributes never hold ">",
# and formula text comes after the start tag, so a match is exactly a cell with t="e".
_XML_NAME_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_XLSX_ERROR_CELL = re.compile(
    rb"<" + _XML_NAME_PREFIX + rb"c\s([^>]*?\bt\s*=\s*[\"']e[\"'][^>]*?)(?:/>|>(.*?)</"
    + _XML_NAME_PREFIX + rb"c>)",
    re.DOTALL,
)
# What marks an error cell in .xlsx XML (the reader skips the scan of a sheet without it):
# its type attribute, t="e" or t='e', with any white space around "=" (XML allows it, and a
# cell written t = "e" was read as empty while only the two spellings without it were looked
# for). Found by one search of the regular expression engine (K=100: 5 ms for its sheets).
# Also an attribute whose name ends in t (xt="e"): a sheet that only looks marked is scanned.
XLSX_ERROR_MARK = re.compile(rb't\s*=\s*(?:"e"|\'e\')')
# Every mark ends in e" or e': the engine finds that pair about three times faster than the
# mark itself (whose literal prefix, t, opens every cell's t="s"), so a sheet without it, as
# most are, is passed in one quick search (K=100: 5.5 -> 1.7 ms for its sheets).
_ERROR_MARK_END = re.compile(rb"e[\"']")


def holds_error_mark(data: bytes) -> bool:
    """Whether ``XLSX_ERROR_MARK`` matches in ``data``."""
    return _ERROR_MARK_END.search(data) is not None and XLSX_ERROR_MARK.search(data) is not None
_XLSX_REFERENCE = re.compile(rb"\br\s*=\s*[\"']([A-Z]+[0-9]+)[\"']")
_XLSX_VALUE = re.compile(rb"<" + _XML_NAME_PREFIX + rb"v>([^<]*)<")


def _xlsx_scan_errors(data: bytes) -> list[CellArea] | None:
    """Cells with ``t="e"`` found by byte search, many times faster than parsing the XML in
    Python (docs/sources.md); None when an error cell has no ``r`` reference."""
    errors: list[CellArea] = []
    for mark in XLSX_ERROR_MARK.finditer(data):
        match = _XLSX_ERROR_CELL.match(data, data.rfind(b"<", 0, mark.start()))
        if match is None:
            continue  # the text is not a cell's type, e.g. it is inside a formula
        reference = _XLSX_REFERENCE.search(match.group(1))
        place = _cell_reference(reference.group(1).decode()) if reference else None
        if place is None:
            return None
        value = _XLSX_VALUE.search(match.group(2) or b"")
        code = value.group(1).decode("utf-8", "replace").strip() if value else ""
        errors.append(CellArea(place[0], place[1], CellError(code or GENERIC_ERROR)))
    return errors


def _xlsx_sheet_errors(stream: IO[bytes]) -> list[CellArea]:
    """Cells with ``t="e"`` in one sheet's XML, parsed; ``r`` may be omitted, as the format
    allows, and a cell without it follows the one before."""
    errors: list[CellArea] = []
    row_index, col_index = -1, -1
    for event, element in ET.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row_number = element.get("r")
                row_index = int(row_number) - 1 if row_number else row_index + 1
                col_index = -1
            continue
        if name == "c":
            reference = _cell_reference(element.get("r", ""))
            if reference:
                row_index, col_index = reference
            else:
                col_index += 1
            if element.get("t") == "e":
                text = next((child.text for child in element if _local(child.tag) == "v"), None)
                code = (text or "").strip() or GENERIC_ERROR
                errors.append(CellArea(row_index, col_index, CellError(code)))
        elif name == "row":
            element.clear()
    return errors


_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _cell_reference(text: str) -> tuple[int, int] | None:
    """``C2`` -> (1, 2), 0-based row and column; None for anything else."""
    match = _CELL_REFERENCE.fullmatch(text)
    if not match:
        return None
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, col - 1


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_CALCEXT_NS = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_ODS_TABLE = f"{{{_TABLE_NS}}}table"
_ODS_ROW = f"{{{_TABLE_NS}}}table-row"
_ODS_CELL = f"{{{_TABLE_NS}}}table-cell"
_ODS_COVERED_CELL = f"{{{_TABLE_NS}}}covered-table-cell"
_ODS_NAME = f"{{{_TABLE_NS}}}name"
_ODS_FORMULA = f"{{{_TABLE_NS}}}formula"
_ODS_ROWS_REPEATED = f"{{{_TABLE_NS}}}number-rows-repeated"
_ODS_COLS_REPEATED = f"{{{_TABLE_NS}}}number-columns-repeated"
_ODS_CALC_TYPE = f"{{{_CALCEXT_NS}}}value-type"


def _ods_fixes(content: bytes) -> dict[str, list[CellArea]]:
    """Error cells and merge-covered cells of each table in an .ods ``content.xml``.

    LibreOffice marks a formula whose saved result is an error with
    ``calcext:value-type="error"`` and writes the error's text (``#DIV/0!``, ``Err:502``) as
    the cell's paragraph; calamine returns such a cell as empty text or 0. A file without
    calcext attributes (other producers, older versions) gives only a formula and its text: a
    formula cell showing an error token counts as an error. A plain text cell that reads
    ``#REF!`` stays text. A covered cell (under a merge) may keep hidden contents, which
    calamine returns; it is emptied, as LibreOffice shows it.
    """
    tokens = [token.encode() for token in ERROR_VALUES] + [b"Err:"]
    if not (
        b'value-type="error"' in content
        or b"covered-table-cell" in content
        or (b"formula=" in content and any(token in content for token in tokens))
    ):
        return {}
    fixes: dict[str, list[CellArea]] = {}
    table_fixes: list[CellArea] = []
    row_fixes: list[CellArea] = []
    row_index = col_index = 0
    # Only end events: a cell ends before its row, a row before its table.
    for _, element in ET.iterparse(io.BytesIO(content)):
        tag = element.tag
        if tag in (_ODS_CELL, _ODS_COVERED_CELL):
            repeat = _repeat(element.get(_ODS_COLS_REPEATED))
            if tag == _ODS_COVERED_CELL:
                row_fixes.append(CellArea(row_index, col_index, None, cols=repeat))
            elif code := _ods_error_code(element):
                row_fixes.append(CellArea(row_index, col_index, CellError(code), cols=repeat))
            col_index += repeat
        elif tag == _ODS_ROW:
            repeat = _repeat(element.get(_ODS_ROWS_REPEATED))
            table_fixes.extend(
                CellArea(row_index, fix.col, fix.value, rows=repeat, cols=fix.cols)
                for fix in row_fixes
            )
            row_index += repeat
            col_index, row_fixes = 0, []
            element.clear()
        elif tag == _ODS_TABLE:
            if table_fixes:
                fixes[element.get(_ODS_NAME, "")] = table_fixes
            table_fixes, row_index = [], 0
            element.clear()
    return fixes


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def _ods_error_code(cell: ET.Element) -> str:
    """The error text of an .ods cell that holds a saved error; empty for any other cell."""
    calc_type = cell.get(_ODS_CALC_TYPE)
    if calc_type is not None and calc_type != "error":
        return ""
    if calc_type is None and cell.get(_ODS_FORMULA) is None:
        return ""
    text = "\n".join(
        "".join(paragraph.itertext())
        for paragraph in cell
        if _local(paragraph.tag) == "p"
    ).strip()
    if calc_type == "error":
        return text or GENERIC_ERROR
    return text if text in ERROR_VALUES or _LIBREOFFICE_ERROR.fullmatch(text) else ""


def xls_sheet_errors(sheet: xlrd.sheet.Sheet) -> list[CellArea]:
    """Error cells (BIFF error and formula-error records) of one .xls sheet loaded by xlrd."""
    return [
        CellArea(row, col, CellError(_xls_error_text(sheet.cell_value(row, col))))
        for row in range(sheet.nrows)
        for col, cell_type in enumerate(sheet.row_types(row))
        if cell_type == xlrd.XL_CELL_ERROR
    ]


def _xls_error_text(code: int) -> str:
    return xlrd.error_text_from_code.get(code, GENERIC_ERROR)
