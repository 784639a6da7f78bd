"""A streaming .xlsx writer for large value-only workbooks (the synthetic benchmark books).

openpyxl builds every cell as a Python object and serialises it through its XML layer: about
19 µs a cell, so a workbook of two million cells takes close to 40 s. This writer formats the
sheet XML directly, row by row, into the zip archive, with one shared-strings table (texts
repeat a lot), one cell style per column format (text ``@``, date ``DD.MM.YYYY``, general),
a bold frozen header row and column widths. It writes values only: no formulas, no data
validation, no comments (odcore.exports.template writes those with openpyxl).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from odcore.exports.safe import atomic_path, xlsx_text
from odcore.exports.template import CellFormat
from odcore.sources.base import column_letter

XlsxValue = str | int | float | bool | dt.date | dt.datetime | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ROWS_PER_CHUNK = 2000

# Cell style indexes of _STYLES' cellXfs.
_GENERAL, _DATE, _TEXT, _HEADER = 0, 1, 2, 3
# Column styles for the cells a user types later.
_COLUMN_STYLE = {CellFormat.GENERAL: _GENERAL, CellFormat.DATE: _DATE, CellFormat.TEXT: _TEXT}

_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


@dataclass(frozen=True)
class StreamColumn:
    """A column of a streamed sheet: its header, width and the format of its cells."""

    header: str
    width: float
    cell_format: CellFormat


@dataclass(frozen=True)
class StreamSheet:
    """A sheet to stream: title, columns, and its rows below the header (values in order)."""

    title: str
    columns: Sequence[StreamColumn]
    rows: Iterable[Sequence[XlsxValue]]


class _SharedStrings:
    """The workbook's shared-strings table: each distinct text stored once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.uses = 0

    def add(self, text: str) -> int:
        self.uses += 1
        number = self.index.get(text)
        if number is None:
            number = self.index[text] = len(self.index)
        return number

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(xlsx_text(t))}</t></si>'
                        for t in self.index)
        return (f'{_HEAD}<sst xmlns="{_MAIN}" count="{self.uses}" '
                f'uniqueCount="{len(self.index)}">{items}</sst>')


def _serial(value: dt.date | dt.datetime) -> str:
    """The spreadsheet serial number of a date (days since 30.12.1899, time as a fraction)."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - _EXCEL_EPOCH
        return repr(delta.days + delta.seconds / 86400)
    return str((value - _EXCEL_EPOCH.date()).days)


class _SheetWriter:
    """Formats one sheet's rows; text cells of a column are cached by value (texts repeat)."""

    def __init__(self, columns: Sequence[StreamColumn], strings: _SharedStrings) -> None:
        self.letters = [column_letter(i) for i in range(1, len(columns) + 1)]
        # A text typed into a date column keeps the general format, as the demo writes it.
        self.styles = [_TEXT if c.cell_format is CellFormat.TEXT else _GENERAL for c in columns]
        self.strings = strings
        self.text_cells: list[dict[str, str]] = [{} for _ in columns]

    def _tail(self, index: int, value: str | int | float | bool | dt.date) -> str:
        """Everything of a ``<c>`` element after its reference, for one value."""
        style = _style_attr(self.styles[index])
        if isinstance(value, str):
            cached = self.text_cells[index].get(value)
            if cached is None:
                number = self.strings.add(value)
                cached = self.text_cells[index][value] = f'"{style} t="s"><v>{number}</v></c>'
            else:
                self.strings.uses += 1
            return cached
        if isinstance(value, bool):
            return f'"{style} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.date):  # datetime is a date too
            return f'" s="{_DATE}"><v>{_serial(value)}</v></c>'
        return f'"{style}><v>{repr(value) if isinstance(value, float) else value}</v></c>'

    def row(self, number: int, values: Sequence[XlsxValue]) -> str:
        """One ``<row>`` of values; empty values are left out, as spreadsheet programs do."""
        suffix = str(number)
        cells = [f'<c r="{self.letters[index]}{suffix}{self._tail(index, value)}'
                 for index, value in enumerate(values) if value is not None and value != ""]
        return f'<row r="{suffix}">{"".join(cells)}</row>'

    def header(self, headers: Sequence[str]) -> str:
        """Row 1: the headers, bold and wrapped."""
        cells = [f'<c r="{letter}1" s="{_HEADER}" t="s"><v>{self.strings.add(h)}</v></c>'
                 for letter, h in zip(self.letters, headers, strict=True)]
        return f'<row r="1">{"".join(cells)}</row>'


def _style_attr(style: int) -> str:
    return f' s="{style}"' if style else ""


def _sheet_head(columns: Sequence[StreamColumn]) -> str:
    cols = "".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1" '
                   f'style="{_COLUMN_STYLE[c.cell_format]}"/>'
                   for i, c in enumerate(columns, start=1))
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews>'
            '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')


def _write_sheet(archive: zipfile.ZipFile, part: str, sheet: StreamSheet,
                 strings: _SharedStrings) -> None:
    writer = _SheetWriter(sheet.columns, strings)
    with archive.open(_entry(part), "w", force_zip64=True) as stream:
        stream.write(_sheet_head(sheet.columns).encode())
        chunk = [writer.header([c.header for c in sheet.columns])]
        for number, values in enumerate(sheet.rows, start=2):
            chunk.append(writer.row(number, values))
            if len(chunk) >= _ROWS_PER_CHUNK:
                stream.write("".join(chunk).encode())
                chunk = []
        chunk.append("</sheetData></worksheet>")
        stream.write("".join(chunk).encode())


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed timestamp, so that the same sheets give the same bytes."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def write_xlsx_stream(path: str | Path, sheets: Iterable[StreamSheet]) -> None:
    """Write the sheets to an .xlsx at ``path`` atomically, streaming their rows.

    The file's bytes depend only on the sheets (fixed zip timestamps)."""
    strings = _SharedStrings()
    titles: list[str] = []
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for number, sheet in enumerate(sheets, start=1):
            titles.append(sheet.title)
            _write_sheet(archive, f"xl/worksheets/sheet{number}.xml", sheet, strings)
        archive.writestr(_entry("xl/sharedStrings.xml"), strings.xml())
        archive.writestr(_entry("xl/styles.xml"), _STYLES)
        archive.writestr(_entry("xl/workbook.xml"), _workbook_xml(titles))
        archive.writestr(_entry("xl/_rels/workbook.xml.rels"), _workbook_rels(len(titles)))
        archive.writestr(_entry("_rels/.rels"), f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
                         f'<Relationship Id="rId1" Type="{_REL}/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr(_entry("[Content_Types].xml"), _content_types(len(titles)))


def _workbook_xml(titles: Sequence[str]) -> str:
    sheets = "".join(f'<sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>'
                     for i, t in enumerate(titles, start=1))
    return f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheets}</sheets></workbook>'


def _workbook_rels(count: int) -> str:
    rels = [f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1)]
    rels.append(f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>')
    rels.append(f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
                'Target="sharedStrings.xml"/>')
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{"".join(rels)}</Relationships>'


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                     f'ContentType="{_CT}.worksheet+xml"/>' for i in range(1, count + 1))
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'{sheets}<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_CT}.sharedStrings+xml"/></Types>')
