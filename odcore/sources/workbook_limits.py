"""What a workbook file would cost to parse, found before parsing it, and cuts that bound it.

Everything here reads the file as bytes, streaming, with the standard library only: the zip
directory (number of parts, declared sizes), each .xlsx sheet's extent (its last row and
column holding a value, found by a regular-expression scan of the sheet XML, since calamine
trusts the cells it reads and not the sheet's ``<dimension>``), each .ods table's extent
(counting repeated rows and cells), and rewrites that hand calamine a bounded copy: an .xlsx
sheet cut to its first rows and columns, an .ods table emptied. docs/sources.md, "Limits",
has the measurements behind each check.
"""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from odcore.sources.base import ReadLimits, SourceError, SpreadsheetTooLarge

# A workbook's parts: Excel writes a few dozen, one per sheet, image or table; more than this
# is no spreadsheet, and listing a million entries would itself cost hundreds of MB.
MAX_ARCHIVE_ENTRIES = 10_000
# Deflate cannot shrink data more than 1032:1, nor grow it by more than a few bytes per
# 16 KiB block: a part whose declared size breaks either bound has a forged directory entry.
_DEFLATE_MAX_RATIO = 1032
_CHUNK = 4 * 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_MEBIBYTE = 1024 * 1024


def megabytes(size: int) -> str:
    """A byte count as the Ukrainian text people read: ``12,5 МБ``."""
    return f"{size / _MEBIBYTE:.1f}".replace(".", ",") + " МБ"


def check_file_size(path: Path, limits: ReadLimits) -> None:
    """Refuse a file larger than ``max_file_bytes`` before opening it."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise SpreadsheetTooLarge(
            f"Файл {path.name} завеликий: {megabytes(size)} (межа — "
            f"{megabytes(limits.max_file_bytes)}, налаштування max_file_bytes). Видаліть зайві "
            "аркуші, малюнки чи порожні відформатовані рядки або розділіть книгу на кілька.")


def archive_entry_count(path: Path) -> int | None:
    """The number of parts the zip's end-of-directory record declares, read from the file's
    tail without listing the directory; None when there is no such record."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        tail_size = min(size, 65_557)  # the record (22 bytes) and a comment of up to 64 KiB
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    position = tail.rfind(_EOCD)
    if position < 0 or position + 22 > len(tail):
        return None
    count = struct.unpack("<H", tail[position + 10:position + 12])[0]
    locator = position - 20
    if count == 0xFFFF and locator >= 0 and tail[locator:locator + 4] == _EOCD64_LOCATOR:
        # Zip64: the true count sits in another record; assume the worst rather than seek.
        return MAX_ARCHIVE_ENTRIES + 1
    return count


def check_archive(path: Path, archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse an archive that unpacks to more than ``max_uncompressed_bytes`` or whose
    directory declares sizes that deflate cannot produce (a zip bomb hiding its size)."""
    total = 0
    for info in archive.infolist():
        if info.compress_type == zipfile.ZIP_STORED:
            forged = info.compress_size != info.file_size
        else:
            forged = (info.compress_size > info.file_size + info.file_size // 1000 + 1024
                      or info.file_size > info.compress_size * _DEFLATE_MAX_RATIO + 1024)
        if forged:
            raise SourceError(
                f"Файл {path.name} пошкоджений: розміри частини {info.filename} у змісті архіву "
                "не сходяться зі стиснутими даними. Збережіть книгу ще раз у Excel або LibreOffice.")
        total += info.file_size
    if total > limits.max_uncompressed_bytes:
        raise SpreadsheetTooLarge(
            f"Файл {path.name} розпаковується у {megabytes(total)} даних (межа — "
            f"{megabytes(limits.max_uncompressed_bytes)}, налаштування max_uncompressed_bytes). "
            "Видаліть зайві аркуші, малюнки чи порожні відформатовані рядки або розділіть "
            "книгу на кілька.")


def check_entry_count(path: Path) -> None:
    """Refuse an archive whose directory lists more parts than any workbook has."""
    count = archive_entry_count(path)
    if count is not None and count > MAX_ARCHIVE_ENTRIES:
        raise SpreadsheetTooLarge(
            f"Файл {path.name} містить забагато частин ({count}; книга має їх кілька десятків): "
            "це не схоже на книгу Excel або LibreOffice. Збережіть книгу ще раз.")


@dataclass(frozen=True)
class Extent:
    """How far a sheet's values reach: its last row and column holding a value (1-based, 0 for
    an empty sheet), and its last row holding a value within the first ``max_columns``."""

    rows: int = 0
    columns: int = 0
    rows_within_columns: int = 0


@dataclass(frozen=True)
class Cut:
    """The rows and columns of a sheet that may be read, and how far its values reach."""

    rows: int
    columns: int
    extent: Extent


def plan_cut(extent: Extent, limits: ReadLimits) -> Cut:
    """The first rows and columns to read so that the area from A1 stays within the limits.

    Columns past ``max_columns`` go first; then rows past ``max_rows``, and past as many as
    ``max_cells`` allows for the remaining width.
    """
    columns = min(extent.columns, limits.max_columns)
    height = extent.rows if columns == extent.columns else extent.rows_within_columns
    rows = min(height, limits.max_rows)
    if columns and rows * columns > limits.max_cells:
        rows = max(1, limits.max_cells // columns)
    return Cut(rows=rows, columns=columns, extent=extent)


# --- .xlsx sheets ------------------------------------------------------------------------------

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# A cell that may hold a value: written with its reference first (as Excel, LibreOffice and
# openpyxl write it) and not self-closing. <c r="B2" s="1"/> is a formatted empty cell, which
# calamine skips; an empty inline string still counts, as calamine counts it.
_VALUE_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')
_VALUE_CELL_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"[^>]*(?<!/)>')
_ANY_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})')
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s>/]")
# Whether a piece may hold one: the regular expression engine finds ":c" in sheet XML five
# times faster than ``in`` does (its last byte, "c", is everywhere there).
_COLON_C = re.compile(rb":c")
# A cell written as <c>, <c/>, <c and a tab or line break (XML allows any white space
# there), or <c and a space followed by anything but r="...: the fast scan cannot place it
# (one search, where counting each form took four passes over the sheet).
_UNREFERENCED_CELL = re.compile(rb'<c(?:[>/\t\r\n]| (?!r="))')
_TOKEN = re.compile(rb"<" + _PREFIX + rb"(row|c)(?=[\s>/])([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\']([0-9]{1,7})["\']')
_CELL_REFERENCE = re.compile(rb'\br\s*=\s*["\']([A-Z]{1,3})([0-9]{1,7})["\']')


def column_number(letters: bytes | str) -> int:
    """``b"A"`` -> 1, ``b"AA"`` -> 27."""
    number = 0
    for letter in letters if isinstance(letters, str) else letters.decode("ascii"):
        number = number * 26 + ord(letter) - 64
    return number


def _pieces(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream in chunks that never split a tag: a chunk ends before a ``<`` whose tag has
    not ended yet. Text between tags may be split (a long string spans many chunks)."""
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            if carry:
                yield carry
            return
        data = carry + chunk if carry else chunk
        cut = data.rfind(b"<")
        if cut < 0 or data.find(b">", cut) >= 0:
            yield data
            carry = b""
        elif cut == 0 and len(data) > _CHUNK:
            carry = data  # one tag longer than a chunk: an attribute of megabytes
        else:
            if cut:
                yield data[:cut]
            carry = data[cut:]


def xlsx_extent(open_part: Callable[[], IO[bytes]], max_columns: int) -> Extent:
    """How far one sheet's values reach, from a streaming scan of its XML.

    The fast path collects the column letters of the cells that hold a value with one regular
    expression, and takes the last row from the last such cell of each piece, as the format
    keeps rows in ascending order (a file that breaks the order is still bounded by the
    reader's memory cap): about 0.3 s per 40 MB of XML (a million cells). Only a sheet with
    values past ``max_columns`` is scanned cell by cell for its last row within them; a sheet
    whose cells omit their reference (the format allows it: a cell then follows the one before
    it) is scanned again token by token.
    """
    rows = within = rightmost = 0
    column_letters = _ColumnLetters()
    letters = column_letters.found
    with open_part() as stream:
        for piece in _pieces(stream):
            if not column_letters.add(piece):
                return _xlsx_extent_by_tokens(open_part, max_columns)
            if not letters:
                continue
            # A piece without a value cell gives 0 here and changes nothing below.
            rows = max(rows, _last_row(piece))
            rightmost = _rightmost(letters)
            if rightmost <= max_columns:
                within = rows
            else:
                within = max(within, max(
                    (int(row) for letter, row in _VALUE_CELL.findall(piece)
                     if column_number(letter) <= max_columns), default=0))
    return Extent(rows, rightmost, within)


# Past this many column letters the scan of every cell is cheaper than a pattern that names
# them all (and a hostile sheet of 16,384 columns would compile thousands of patterns).
_KNOWN_LETTERS_MAX = 64
# The search once a letter is found, by (the search before it, the letter): a workbook's
# sheets find their letters in the same few orders, so a read compiles nothing.
_SEARCH_AFTER: dict[tuple[re.Pattern[bytes], bytes], re.Pattern[bytes]] = {}
# A few kilobytes each: the child's memory cap is not for them (a hostile series of files
# could otherwise fill it with patterns of 64 letters).
_SEARCHES_KEPT = 1_024


class _ColumnLetters:
    """The column letters of a sheet's cells holding a value, piece by piece: exactly what
    ``_VALUE_CELL_LETTERS.findall`` finds, with the cells that cannot be placed
    (:func:`_cells_without_reference`) in the same search.

    The search visits every ``<c`` of a piece and stops only at a cell with a reference of
    new letters, or at a cell without a reference: a sheet has a few dozen columns and
    hundreds of thousands of cells (K=100: 14 ms for the letters of every cell and 10 ms for
    the cells without a reference; 4 ms for this search). A tag holding a ``<`` (no
    spreadsheet writes one; it hides a cell from findall) sends the piece to the scan of
    every cell.
    """

    def __init__(self, found: set[bytes] | None = None) -> None:
        self.found: set[bytes] = set(found or ())
        self._search = _new_letter_search(self.found)

    def add(self, piece: bytes) -> bool:
        """Add the letters of ``piece``; False when a cell in it cannot be placed."""
        if (_COLON_C.search(piece) is not None
                and _PREFIXED_CELL.search(piece) is not None):
            return False
        found, position = self.found, 0
        while len(found) <= _KNOWN_LETTERS_MAX:
            match = self._search.search(piece, position)
            if match is None:
                return True
            letter = match.group(1)
            if letter is None:  # a cell without a reference
                return False
            start, end = match.span()
            if (piece.find(b"<", piece.rfind(b">", 0, start) + 1, start) >= 0
                    or piece.find(b"<", start + 1, end) >= 0):
                break
            found.add(letter)
            following = _SEARCH_AFTER.get((self._search, letter))
            if following is None:
                if len(_SEARCH_AFTER) >= _SEARCHES_KEPT:
                    _SEARCH_AFTER.clear()
                following = _SEARCH_AFTER[self._search, letter] = _new_letter_search(found)
            self._search, position = following, end
        if _UNREFERENCED_CELL.search(piece) is not None:
            return False
        found.update(_VALUE_CELL_LETTERS.findall(piece))
        self._search = _new_letter_search(found) if len(found) <= _KNOWN_LETTERS_MAX \
            else self._search
        return True


def _new_letter_search(letters: set[bytes]) -> re.Pattern[bytes]:
    """``_UNREFERENCED_CELL`` or ``_VALUE_CELL_LETTERS`` for letters not in ``letters``, in
    one pattern: group 1 holds the new letters, and is None for a cell without a reference."""
    singles = b"".join(sorted(letter for letter in letters if len(letter) == 1))
    longer = sorted(letter for letter in letters if len(letter) > 1)
    known = b"|".join(([b"[" + singles + b"]"] if singles else []) + longer)
    skip_known = b"(?!(?:" + known + b")[0-9])" if known else b""
    return re.compile(rb'<c(?:[>/\t\r\n]| (?!r=")| r="' + skip_known
                      + rb'([A-Z]{1,3})[0-9]{1,7}"[^>]*(?<!/)>)')


def _rightmost(letters: set[bytes]) -> int:
    """The number of the rightmost of these column letters (more letters, further right; then
    the alphabet), converting only that one."""
    widest = max(map(len, letters))
    return column_number(max(letter for letter in letters if len(letter) == widest))


def _cells_without_reference(piece: bytes) -> bool:
    """Whether a cell in ``piece`` is not written as ``<c r="..."`` (no reference, another
    attribute first, or a namespace prefix): the fast scan cannot place it."""
    return (_UNREFERENCED_CELL.search(piece) is not None
            or (_COLON_C.search(piece) is not None
                and _PREFIXED_CELL.search(piece) is not None))


def _last_row(piece: bytes) -> int:
    """The row of the last cell holding a value in ``piece`` (searched from its end)."""
    # A few cells (a sheet's XML ends with its last row; a wider window cost 5 us a sheet);
    # grown eightfold while no cell is found.
    window = 256
    while True:
        found = _VALUE_CELL.findall(piece, max(0, len(piece) - window))
        if found or window >= len(piece):
            return int(found[-1][1]) if found else 0
        window *= 8


def _xlsx_extent_by_tokens(open_part: Callable[[], IO[bytes]], max_columns: int) -> Extent:
    """The extent of a sheet whose cells may omit ``r``, following rows and cells in order."""
    rows = columns = within = 0
    row = column = 0
    with open_part() as stream:
        for piece in _pieces(stream):
            for name, attributes in _TOKEN.findall(piece):
                if name == b"row":
                    number = _ROW_NUMBER.search(attributes)
                    row = int(number.group(1)) if number else row + 1
                    column = 0
                    continue
                reference = _CELL_REFERENCE.search(attributes)
                if reference:
                    column, row = column_number(reference.group(1)), int(reference.group(2))
                else:
                    column += 1
                if attributes.endswith(b"/"):
                    continue
                rows, columns = max(rows, row), max(columns, column)
                if column <= max_columns:
                    within = max(within, row)
    return Extent(rows, columns, within)


_SHEET_DATA_START = re.compile(rb"<" + _PREFIX + rb"sheetData(?=[\s>/])[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</" + _PREFIX + rb"sheetData>")
_ROW_TAG = re.compile(rb"<" + _PREFIX + rb"row(?=[\s>/])([^>]*)>")
_CELL_ELEMENT = re.compile(
    rb"<(" + _PREFIX + rb"c)(?=[\s>/])([^>]*?)(/>|>(.*?)</" + _PREFIX + rb"c>)", re.DOTALL)
_STYLE = re.compile(rb'\ss\s*=\s*["\'][^"\']*["\']')
_CELL_TYPE = re.compile(rb'\bt\s*=\s*["\']([a-zA-Z]+)["\']')
_NUMBER_VALUE = re.compile(rb"<" + _PREFIX + rb"v>\s*([-+0-9.eE]+)\s*<")
# calamine 0.9.1 panics turning a date-formatted number below about -1.07e11 into a date; such a
# cell is given without its style, so it reads as the plain number it holds.
PANIC_DATE_MAGNITUDE = 1e11


def cut_xlsx_sheet(source: IO[bytes], target: IO[bytes], rows: int, columns: int,
                   unstyle_rows: frozenset[int] = frozenset()) -> None:
    """Copy a sheet's XML keeping rows 1..``rows`` and columns 1..``columns``, streaming.

    In the rows listed in ``unstyle_rows``, numbers too large to be dates lose their style (see
    ``PANIC_DATE_MAGNITUDE``). Everything outside ``<sheetData>`` (merged ranges, column
    widths) is copied as it is. Pieces never split a tag, so a row ends where the next
    ``<row`` or ``</sheetData>`` starts; a piece without either only adds to the open row.
    """
    state = "head"
    pending: list[bytes] = []  # the open row, in pieces, while no boundary shows
    row = 0
    for piece in _pieces(source):
        if state == "rows" and b"row" not in piece and b"sheetData>" not in piece:
            pending.append(piece)
            continue
        if state == "skip":
            end = _SHEET_DATA_END.search(piece) if b"sheetData>" in piece else None
            if end:
                target.write(piece[end.start():])
                state = "tail"
            continue
        if state == "tail":
            target.write(piece)
            continue
        buffer = b"".join([*pending, piece])
        pending = []
        if state == "head":
            start = _SHEET_DATA_START.search(buffer)
            if not start:
                target.write(buffer)
                continue
            target.write(buffer[:start.end()])
            buffer = buffer[start.end():]
            if start.group(1):  # <sheetData/>: nothing to cut
                target.write(buffer)
                state = "tail"
                continue
            state = "rows"
        end = _SHEET_DATA_END.search(buffer) if b"sheetData>" in buffer else None
        limit = end.start() if end else len(buffer)
        tags = list(_ROW_TAG.finditer(buffer, 0, limit))
        first = tags[0].start() if tags else limit
        target.write(buffer[:first])
        bounds = [tag.start() for tag in tags] + ([limit] if end else [])
        numbers = []
        for tag in tags[:len(bounds) - 1]:
            number = _ROW_NUMBER.search(tag.group(1))
            row = int(number.group(1)) if number else row + 1
            numbers.append(row)
        whole = sum(1 for number in numbers if number <= rows)
        kept = bounds[whole] if whole else first
        if whole < len(numbers):
            state = "skip"
        if _copied_as_is(buffer[first:kept], columns, numbers[:whole], unstyle_rows):
            target.write(buffer[first:kept])
        else:
            for index in range(whole):
                target.write(_cut_row(buffer[bounds[index]:bounds[index + 1]], numbers[index],
                                      columns, unstyle_rows))
        if state == "skip":
            if end:
                target.write(buffer[limit:])
                state = "tail"
        elif end:
            target.write(buffer[limit:])
            state = "tail"
        else:
            pending = [buffer[kept:]] if kept < len(buffer) else []
    target.write(b"".join(pending))


def _copied_as_is(rows_xml: bytes, columns: int, numbers: list[int],
                  unstyle_rows: frozenset[int]) -> bool:
    """Whether whole rows need no change: no cell past ``columns``, none to unstyle."""
    return (not unstyle_rows.intersection(numbers) and not _cells_without_reference(rows_xml)
            and all(column_number(letter) <= columns
                    for letter in set(_ANY_LETTERS.findall(rows_xml))))


def _cut_row(segment: bytes, row: int, columns: int, unstyle_rows: frozenset[int]) -> bytes:
    """One ``<row>`` element without its cells past ``columns`` (and unstyled, if listed)."""
    unstyle = row in unstyle_rows
    column = 0

    def keep(match: re.Match[bytes]) -> bytes:
        nonlocal column
        attributes = match.group(2)
        reference = _CELL_REFERENCE.search(attributes)
        column = column_number(reference.group(1)) if reference else column + 1
        if column > columns:
            return b""
        if unstyle and _is_huge_number(attributes, match.group(4) or b""):
            return b"<" + match.group(1) + _STYLE.sub(b"", attributes) + match.group(3)
        return match.group(0)

    return _CELL_ELEMENT.sub(keep, segment)


def _is_huge_number(attributes: bytes, content: bytes) -> bool:
    cell_type = _CELL_TYPE.search(attributes)
    if cell_type and cell_type.group(1) != b"n":
        return False
    value = _NUMBER_VALUE.search(content)
    if not value:
        return False
    try:
        return abs(float(value.group(1))) >= PANIC_DATE_MAGNITUDE
    except ValueError:
        return False


def rewrite_archive(path: Path, target: Path,
                    parts: dict[str, Callable[[IO[bytes], IO[bytes]], None]]) -> None:
    """Copy a zip, passing the listed parts through their rewrite, streaming.

    The copy is stored, not compressed: it lives only while calamine reads it, and deflating
    hundreds of MB again would cost seconds. Part order is kept (an .ods needs its
    ``mimetype`` first).
    """
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for info in archive.infolist():
            if info.is_dir():
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            with archive.open(info) as source, copy.open(entry, "w", force_zip64=True) as sink:
                rewrite = parts.get(info.filename)
                if rewrite is None:
                    shutil.copyfileobj(source, sink, _CHUNK)
                else:
                    rewrite(source, sink)


# --- .ods tables -------------------------------------------------------------------------------

_TABLE_NAMESPACE = re.compile(
    rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']urn:oasis:names:tc:opendocument:xmlns:table:1\.0["\']')
_ROWS_REPEATED = re.compile(rb'number-rows-repeated\s*=\s*["\']([0-9]+)["\']')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated\s*=\s*["\']([0-9]+)["\']')
_VALUE_TYPE = re.compile(rb"value-type\s*=")
_TABLE_NAME = re.compile(rb'[\s:]name\s*=\s*"([^"]*)"|[\s:]name\s*=\s*\'([^\']*)\'')


@dataclass(frozen=True)
class OdsTable:
    """One table of an .ods ``content.xml``: its name, where it lies and how far it reaches."""

    name: str
    start: int  # offset of its start tag
    body: int  # offset just after its start tag
    end: int  # offset just after its end tag
    extent: Extent


def ods_tables(content: bytes, max_columns: int) -> list[OdsTable]:
    """Every top-level table of ``content.xml`` with the extent of its values.

    A cell holds a value when it has a value type (calamine skips cells without one). Repeated
    rows and cells count as many times as they repeat, without being expanded: LibreOffice
    writes a million repeated empty rows at the end of a sheet, and a hostile file can repeat a
    filled cell just as cheaply.
    """
    namespace = _TABLE_NAMESPACE.search(content, 0, 65_536)
    prefix = re.escape(namespace.group(1)) if namespace else rb"table"
    token = re.compile(rb"<(/?)" + prefix + rb":(table|table-row|table-cell|covered-table-cell)"
                       rb"(?=[\s>/])([^>]*)>")
    tables: list[OdsTable] = []
    depth = 0
    name, start, body = "", 0, 0
    rows = columns = within = 0
    row_at = row_repeat = column_at = row_last_column = 0
    row_open = row_filled = row_filled_within = False

    def close_row() -> None:
        nonlocal rows, columns, within, row_at, row_open
        if row_open:
            if row_filled:
                rows = row_at + row_repeat
                columns = max(columns, row_last_column)
            if row_filled_within:
                within = row_at + row_repeat
            row_at += row_repeat
        row_open = False

    for match in token.finditer(content):
        closing, kind, attributes = match.group(1), match.group(2), match.group(3)
        if kind == b"table":
            if closing:
                depth -= 1
                if depth == 0:
                    close_row()
                    tables.append(OdsTable(name, start, body, match.end(),
                                           Extent(rows, columns, within)))
            elif depth == 0 and attributes.endswith(b"/"):
                named = _TABLE_NAME.search(attributes)
                tables.append(OdsTable(_name(named), match.start(), match.end(), match.end(),
                                       Extent()))
            else:
                if depth == 0:
                    named = _TABLE_NAME.search(attributes)
                    name, start, body = _name(named), match.start(), match.end()
                    rows = columns = within = row_at = 0
                    row_open = False
                depth += 1
            continue
        if depth != 1 or closing:
            continue
        if kind == b"table-row":
            close_row()
            repeated = _ROWS_REPEATED.search(attributes)
            row_repeat = max(1, int(repeated.group(1))) if repeated else 1
            column_at = row_last_column = 0
            row_open, row_filled, row_filled_within = True, False, False
            if attributes.endswith(b"/"):
                close_row()
            continue
        repeated = _COLUMNS_REPEATED.search(attributes)
        repeat = max(1, int(repeated.group(1))) if repeated else 1
        if _VALUE_TYPE.search(attributes):
            row_filled = True
            row_last_column = column_at + repeat
            if column_at < max_columns:
                row_filled_within = True
        column_at += repeat
    return tables


def _name(match: re.Match[bytes] | None) -> str:
    if match is None:
        return ""
    raw = (match.group(1) if match.group(1) is not None else match.group(2)).decode("utf-8")
    # The name is XML-escaped in the file; calamine and the error scan give it unescaped.
    return (raw.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def ods_without_tables(content: bytes, emptied: list[OdsTable]) -> bytes:
    """``content.xml`` with the listed tables emptied: their start tag kept, no rows."""
    parts: list[bytes] = []
    position = 0
    for table in sorted(emptied, key=lambda t: t.start):
        closing = content[table.start + 1:table.body].split(None, 1)[0].rstrip(b">/")
        parts.append(content[position:table.body])
        if table.body != table.end:
            parts.append(b"</" + closing + b">")
        position = table.end
    parts.append(content[position:])
    return b"".join(parts)
