"""Exports that are safe against formula injection and keep what people typed.

In .xlsx every text is a string cell (never a formula), its content unchanged. In CSV a text
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, except plain numbers and phone numbers (``-5``, ``+380 44 123 45 67``). CSV for
people is UTF-8 with a BOM, so that Ukrainian Excel opens it correctly. Files are replaced
atomically: a reader never sees half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from odcore.cells import shortest_number_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d[\d \u00a0]*(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?%?$")
_PHONE = re.compile(r"^\+\d[\d ()\-]{5,}\d$")
# Characters XML 1.0 cannot hold; openpyxl refuses them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XLSX_TEXT_LIMIT = 32767  # Excel's longest cell text
CSV_ESCAPE = "'"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read the text as a formula."""
    if not text.startswith(FORMULA_STARTS):
        return False
    return not (_PLAIN_NUMBER.match(text) or _PHONE.match(text))


def csv_text(text: str) -> str:
    """A text for a CSV cell: a leading apostrophe when it could be read as a formula."""
    return CSV_ESCAPE + text if is_formula_like(text) else text


def csv_value(value: object) -> str:
    """Any value as the text of a CSV cell (None empty, yes/no in Ukrainian, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "так" if value else "ні"
    if isinstance(value, int | float):
        return shortest_number_text(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return csv_text(value if isinstance(value, str) else str(value))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], *,
              bom: bool = True) -> bytes:
    """A whole CSV (comma-separated, CRLF line ends) as UTF-8, with a BOM for people."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_value(h) for h in header])
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]], *,
              bom: bool = True) -> None:
    """Write a CSV atomically (see csv_bytes)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(csv_bytes(header, rows, bom=bom))


def xlsx_text(text: str) -> str:
    """The text as an xlsx cell can hold it: characters XML forbids become U+FFFD."""
    text = _XML_ILLEGAL.sub("\ufffd", text)
    return text if len(text) <= XLSX_TEXT_LIMIT else text[: XLSX_TEXT_LIMIT - 1] + "…"


def set_value(cell: Cell | MergedCell, value: object) -> None:
    """Put a value in a cell; a text always becomes a string cell, never a formula."""
    if isinstance(cell, MergedCell):
        return
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # xlsx has no time zones; openpyxl refuses them
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime):
        cell.value = value
        return
    text = xlsx_text(value if isinstance(value, str) else str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text when someone edits the cell


def write_row(sheet: Worksheet, row: int, values: Sequence[object], *,
              first_column: int = 1) -> None:
    """Write one row of values with set_value."""
    for offset, value in enumerate(values):
        set_value(sheet.cell(row=row, column=first_column + offset), value)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``; on success it replaces ``path`` in one step."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    # Created by open(), not mkstemp, so that the file gets the usual (umask) permissions.
    with open(tmp, "xb"):
        pass
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
