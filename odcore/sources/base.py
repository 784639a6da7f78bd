"""The source interface: raw cells as the Sheets API would give them, with provenance.

A source knows nothing about tasks or datasets. It returns, for one spreadsheet, every tab as
a grid anchored at A1 (``values[0][0]`` is cell A1, so row and column numbers are the
spreadsheet's own), with values of the kinds the Sheets API returns: ``str``, ``int``,
``float``, ``bool``, ``datetime.date``/``datetime.datetime`` (native cells of a file), ``None``
for an empty cell, and :class:`CellError` for a saved error value (``#REF!``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class CellError:
    """A cell that holds a spreadsheet error value such as ``#REF!``."""

    code: str

    def __str__(self) -> str:
        return self.code


CellValue = str | int | float | bool | dt.date | dt.datetime | CellError | None

ERROR_VALUES = frozenset(
    {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#ERROR!", "#NUM!", "#NULL!", "#SPILL!",
     "#CALC!", "#GETTING_DATA"}
)


@dataclass(frozen=True)
class ReadLimits:
    """What reading one spreadsheet may cost; ``Settings.read_limits()`` builds it.

    Rows past ``max_rows`` and columns past ``max_columns`` are not read (the reading layer
    says so at the tab); text longer than ``max_cell_chars`` is cut. At most ``max_cells``
    cells (rows x columns from A1) are read from one spreadsheet, all its sheets together: a
    sheet that would pass them gives fewer rows. A file larger than ``max_file_bytes``, or an
    archive that unpacks to more than ``max_uncompressed_bytes``, is refused before parsing. A workbook is parsed in a child
    process that may use at most ``reader_memory_bytes`` of address space (Linux) and
    ``reader_seconds`` of wall time (docs/sources.md, "Limits").
    """

    max_rows: int = 50_000
    max_columns: int = 500
    max_cell_chars: int = 10_000
    max_cells: int = 500_000
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_file_bytes: int = 100 * 1024 * 1024
    reader_memory_bytes: int = 384 * 1024 * 1024
    reader_seconds: float = 6.0


DEFAULT_LIMITS = ReadLimits()


class SourceError(Exception):
    """The source (or one spreadsheet of it) cannot be read; the message is Ukrainian."""


class SpreadsheetTooLarge(SourceError):
    """A spreadsheet refused before parsing: its file or archive exceeds the read limits."""


@dataclass
class RawTab:
    """One tab: its title as in the spreadsheet and its cells anchored at A1.

    A source may leave part of a sheet out to stay within its ``ReadLimits``, and says so
    here; the reading layer turns each of these into an Issue at the tab, row or cell:

    - ``rows_in_sheet`` / ``columns_in_sheet``: how far the sheet's data reach (its last row
      and column holding a value) when ``values`` stop short of it; 0 when nothing was left out.
    - ``refused``: why the whole sheet could not be read (``values`` is then empty).
    - ``unreadable_rows``: row number (1-based) -> why that row could not be read; the row is
      empty in ``values``.

    Text longer than ``max_cell_chars`` may be shortened by a source to ``max_cell_chars + 1``
    characters (so that a huge cell never travels further); the reading layer cuts it to the
    limit and reports the cell.
    """

    title: str
    values: list[list[CellValue]]
    gid: int | None = None
    rows_in_sheet: int = 0
    columns_in_sheet: int = 0
    refused: str = ""
    unreadable_rows: dict[int, str] = field(default_factory=dict)


@dataclass
class RawSpreadsheet:
    """One spreadsheet as read: a display name, where it lives, its tabs, when it was read.

    ``stale_note`` is set when the data come from a snapshot instead of a fresh read.
    ``cell_link`` builds a link to a cell (Google Sheets) or is None (files).
    """

    name: str
    location: str
    tabs: list[RawTab]
    read_at: dt.datetime
    kind: str = "file"
    stale_note: str = ""
    key: str = ""
    notes: list[str] = field(default_factory=list)

    def tab_link(self, tab: RawTab, row: int | None = None, column: int | None = None) -> str:
        """A link to a cell of a Google Sheet; empty for files."""
        if self.kind != "gsheets" or not self.key:
            return ""
        link = f"https://docs.google.com/spreadsheets/d/{self.key}/edit"
        if tab.gid is not None:
            link += f"#gid={tab.gid}"
            if row is not None:
                col = column_letter(column or 1)
                link += f"&range={col}{row}"
        return link


class Source(Protocol):
    """Reads the main spreadsheet and the department spreadsheets it lists."""

    label: str  # what the sidebar shows: a file name or a spreadsheet title
    is_demo: bool

    def read_main(self) -> RawSpreadsheet:
        """Read the main spreadsheet; raise :class:`SourceError` when it cannot be read."""
        ...

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """Read a department spreadsheet named in ``Підрозділи`` / ``Таблиця``.

        ``reference`` is the cell's text (a path relative to the main workbook for files, a
        Google Sheets URL or key for Google). Raise :class:`SourceError` when it cannot be read.
        """
        ...


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_GOOGLE_KEY = re.compile(r"^[A-Za-z0-9_-]{20,200}$")
_GOOGLE_URL_KEY = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)")


def spreadsheet_key(reference: str) -> str | None:
    """The key of a Google Sheets URL, ``gsheets:KEY`` or a bare key; None if not well formed."""
    text = reference.strip()
    match = _GOOGLE_URL_KEY.search(text)
    key = match.group(1) if match else text.removeprefix("gsheets:").strip()
    return key if _GOOGLE_KEY.match(key) else None
