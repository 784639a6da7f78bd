"""Parse one workbook file within its read limits: the program a child process runs.

``odcore.sources.workbook_file`` starts ``python -c`` with :func:`main` and one JSON request
(the file, the limits, sheets to skip, a scratch folder). The child caps its own address space
(Linux), so that calamine, which aborts the process when an allocation fails, can only take
itself down; checks the archive and each sheet's extent before any parsing; hands calamine
only what fits (an .xlsx sheet cut to its first rows and columns, an .ods table emptied); and
writes its results to ``frames`` in the scratch folder as a sequence of pickled lists of
tuples (the frames, a list up to each ``start`` frame):

- ``("start", title)`` before a sheet is parsed, so a crash names the sheet;
- ``("rows", title, rows)``: the next rows of that sheet, in batches;
- ``("tab", title, values, rows_in_sheet, columns_in_sheet, refused, unreadable_rows,
  layout)``: ``values`` is None when they came in ``rows`` frames, and ``layout`` says what
  the parent applies to them (``odcore.sources.workbook_file.assemble``: rows that were read
  again, merged ranges, error cells);
- ``("note", text)``: a Ukrainian note about the whole file;
- ``("error", kind, text)``: the file cannot be read (``password``, ``too_large``, ``source``
  with a Ukrainian message, or ``damaged``);
- ``("done",)``.

Only the standard library, python-calamine, xlrd and ``odcore.sources`` are imported (no
pydantic): the child starts and imports in about 55 ms of CPU (docs/sources.md, "Limits").
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import re
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import python_calamine
import xlrd

from odcore.sources.base import CellError, CellValue, ReadLimits, SourceError, SpreadsheetTooLarge
from odcore.sources.error_cells import (
    GENERIC_ERROR,
    ODS_MIMETYPE,
    XLSX_ERROR_MARK,
    CellArea,
    holds_error_mark,
    scan_zip,
    xls_sheet_errors,
    xlsx_part_errors,
    xlsx_sheet_parts,
)
from odcore.sources.workbook_limits import (
    Cut,
    Extent,
    check_archive,
    check_entry_count,
    cut_xlsx_sheet,
    ods_tables,
    ods_without_tables,
    plan_cut,
    rewrite_archive,
    xlsx_extent,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Floats beyond 2**53 are not exact integers; turning them into int would invent digits.
_EXACT_INT_LIMIT = 2**53
FRAMES = "frames"
_BATCH_ROWS = 2_000
# A sheet's XML up to this size is measured from its bytes read whole (one piece of the
# streaming scan, workbook_limits._CHUNK, is as large); a larger one is streamed.
_WHOLE_PART_BYTES = 4 * 1024 * 1024


@dataclass
class _Plan:
    """What calamine is given: the file to open and, per sheet title, how much of it to take."""

    path: Path
    kind: str  # "xlsx", "ods" or "xls"
    cuts: dict[str, Cut] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)  # .xlsx sheet title -> its XML part
    # .xlsx parts seen whole while measured with no error cell's mark in them: not scanned again
    error_free: set[str] = field(default_factory=set)


class _Frames:
    """The results, written as they are made: a crash loses only the sheet being parsed.

    Frames are pickled together, a list at a time, up to each ``start`` frame (written with
    them and flushed) and at the end: one pickle per sheet for a sheet of one batch of rows
    (27 dumps and loads for the demo's nine sheets became 10). A list never holds two
    batches of rows, so no pickle memo holds more than one batch's values.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._pending: list[tuple[Any, ...]] = []
        self._rows_pending = False

    def write(self, *frame: Any) -> None:
        kind = frame[0]
        if kind == "rows":
            if self._rows_pending:
                self.dump()
            self._rows_pending = True
        self._pending.append(frame)
        if kind == "start":
            # On disk before calamine parses the sheet, with every frame before it: a crash
            # then loses only this sheet's rows, and the parent knows which sheet it was. The
            # last frames reach the file when it is closed, before the child replies.
            self.dump()
            self._stream.flush()

    def dump(self) -> None:
        """Pickle the frames written since the last dump, as one list."""
        if self._pending:
            pickle.dump(self._pending, self._stream, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending, self._rows_pending = [], False

    def rows(self, title: str) -> Callable[[list[list[CellValue]]], None]:
        """Where a sheet's rows go as they are read, a batch at a time: neither a sheet's
        Python values nor one pickle memo of them all (100 bytes a cell) is ever whole here."""
        return lambda batch: self.write("rows", title, batch)

    def tab(self, title: str, tab: _SheetRead) -> None:
        """The end of a sheet whose rows came in ``rows`` frames: what the parent applies."""
        layout = {"rows": tab.rows, "columns": tab.columns, "merged": tab.merged,
                  "fixes": [(a.row, a.col, a.value, a.rows, a.cols) for a in tab.fixes],
                  "patches": tab.patches}
        self.write("tab", title, None, tab.rows_in_sheet, tab.columns_in_sheet, "",
                   tab.unreadable_rows, layout)


def main(argv: list[str]) -> int:
    """Read the workbook the JSON request in ``argv[0]`` names into the frames file; 0, unless
    the memory cap ends the process."""
    request = json.loads(argv[0])
    _cap_memory(ReadLimits(**request["limits"]).reader_memory_bytes)
    handle(request)
    return 0


def serve(argv: list[str]) -> int:
    """Answer requests until standard input ends: the parser child that
    ``odcore.sources.workbook_file`` starts once and reuses.

    ``argv[0]`` is the address-space cap in bytes, set once for the process. One line of JSON
    goes back when the child is ready, and one after each request (a line on standard input,
    as for :func:`main`) once its frames are written: this process's CPU seconds so far
    (``cpu``, so the parent can count them), its address space in bytes (``size``, so the
    parent can retire a child that grew) and its peak resident memory (``peak``).
    Anything a library prints goes to /dev/null, never into the replies.
    """
    _cap_memory(int(argv[0]))
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    _report(replies)  # ready
    for line in sys.stdin:
        handle(json.loads(line))
        _report(replies)
    return 0


def _report(replies: IO[str]) -> None:
    replies.write(json.dumps({"cpu": time.process_time(), "size": _address_space(),
                              "peak": _peak_resident()}) + "\n")
    replies.flush()


def _peak_resident() -> int:
    """This process's peak resident memory in bytes (for the benchmarks); 0 where unknown."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere


def _address_space() -> int:
    """This process's virtual memory in bytes (what RLIMIT_AS bounds); -1 where unknown (no
    /proc: the parent then starts a new child for the next read)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return -1


def handle(request: dict[str, Any]) -> None:
    """Read the workbook one request names into the frames file of its scratch folder."""
    limits = ReadLimits(**request["limits"])
    scratch = Path(request["scratch"])
    with (scratch / FRAMES).open("wb") as stream:
        frames = _Frames(stream)
        try:
            read(Path(request["path"]), limits, dict(request["skip"]), scratch, frames)
        except python_calamine.PasswordError:
            frames.write("error", "password", "")
        except SpreadsheetTooLarge as exc:
            frames.write("error", "too_large", str(exc))
        except SourceError as exc:
            frames.write("error", "source", str(exc))
        except MemoryError:
            # Past the address-space cap: end here, so the parent sees which sheet was being
            # read (its "start" frame has no "tab") and reads the others without it.
            raise
        except BaseException as exc:
            # A Rust panic is pyo3's PanicException, a BaseException; a broken file must end
            # as a message, never a traceback.
            if not _is_reader_failure(exc):
                raise
            frames.write("error", "damaged", type(exc).__name__)
        finally:
            frames.dump()  # also when ending on the cap: what the sheets before it gave
        frames.write("done")
        frames.dump()


def _cap_memory(size: int) -> None:
    """Limit this process's address space, so a failed allocation ends only this process."""
    try:
        import resource
    except ImportError:  # Windows: only the time limit and the pre-checks apply
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (ValueError, OSError):  # a platform that does not enforce it (macOS)
        return


def read(path: Path, limits: ReadLimits, skip: dict[str, str], scratch: Path,
         frames: _Frames) -> None:
    """Check the file, cut what does not fit, parse the rest; results go to ``frames``."""
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(OLE_MAGIC):
        _read_xls(path, limits, skip, frames)
        return
    check_entry_count(path)
    with zipfile.ZipFile(path) as archive:
        check_archive(path, archive, limits)
        names = set(archive.namelist())
        is_ods = "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE)
        plan = (_plan_ods(path, archive, limits, scratch) if is_ods
                else _plan_xlsx(path, archive, names, limits, scratch))
    notes: list[str] = []
    fixes = _Fixes(path, plan, notes)
    try:
        with _open_calamine(plan.path) as book:
            _read_sheets(book, plan, fixes.of, limits, skip, frames,
                         _unstyled_rescue(plan, limits, scratch))
    finally:
        fixes.close()
    for note in notes:
        frames.write("note", note)


class _Fixes:
    """The error cells of each sheet. An .xlsx sheet is scanned when its turn comes (its XML
    may be large: a crash then names the sheet); an .ods is scanned at once, as calamine parses
    it. A file whose scan fails still loads, with a note."""

    def __init__(self, path: Path, plan: _Plan, notes: list[str]) -> None:
        self._path, self._plan, self._notes = path, plan, notes
        self._all: dict[str, list[CellArea]] | None = None
        self._archive: zipfile.ZipFile | None = None  # opened once for all the sheets
        if plan.kind != "xlsx" or not plan.parts:
            self._all = self._guarded(lambda: scan_zip(plan.path), {})

    def of(self, title: str) -> list[CellArea]:
        if self._all is not None:
            return self._all.get(title, [])
        part = self._plan.parts.get(title)
        if part is None or part in self._plan.error_free:
            return []

        def scan() -> list[CellArea]:
            if self._archive is None:
                self._archive = zipfile.ZipFile(self._plan.path)
            return xlsx_part_errors(self._archive.read(part))

        return self._guarded(scan, [])

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()

    def _guarded(self, scan: Callable[[], Any], empty: Any) -> Any:
        try:
            return scan()
        except Exception as exc:  # noqa: BLE001 - a file calamine reads must still load
            if not self._notes:
                self._notes.append(
                    f"Не вдалося перевірити клітинки з помилками (#REF! тощо) у файлі "
                    f"{self._path.name} ({type(exc).__name__}): такі клітинки можуть виглядати "
                    "порожніми")
            return empty


# Reads again the rows of a sheet that calamine panicked on, into the read's ``patches``.
_Rescue = Callable[[str, "_SheetRead"], None]


def _read_sheets(book: python_calamine.CalamineWorkbook, plan: _Plan,
                 fixes: Callable[[str], list[CellArea]], limits: ReadLimits,
                 skip: dict[str, str], frames: _Frames, rescue: _Rescue | None) -> None:
    """Every sheet in workbook order, each one framed, within one cell budget."""
    budget = _Budget(limits.max_cells)
    for title in book.sheet_names:
        reason = skip.get(title) or plan.refused.get(title)
        if reason:
            frames.write("tab", title, [], 0, 0, reason, {}, None)
            continue
        frames.write("start", title)
        try:
            sheet = book.get_sheet_by_name(title)
        except BaseException as exc:
            if not _is_reader_failure(exc):
                raise
            frames.write("tab", title, [], 0, 0, _damaged_sheet(exc), {}, None)
            continue
        tab = _read_sheet(sheet, plan.cuts.get(title), limits, budget, frames.rows(title))
        del sheet  # calamine's copy of the cells goes before anything else is read
        tab.fixes = fixes(title)
        if tab.unreadable_rows and rescue is not None:
            rescue(title, tab)
        frames.tab(title, tab)


def _damaged_sheet(exc: BaseException) -> str:
    return ("Аркуш не вдалося прочитати: файл у цьому місці пошкоджений або записаний так, "
            f"як Excel і LibreOffice не пишуть ({type(exc).__name__}). Збережіть книгу ще раз "
            "або перенесіть дані на новий аркуш.")


def _open_calamine(path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_path(path)
    except python_calamine.PasswordError:
        raise
    except python_calamine.CalamineError:
        # Calamine picks the format by suffix; a workbook saved under another suffix (an .xlsx
        # named .xls, as some exporters do) is read by detecting the format from the content.
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))


class _Budget:
    """Cells left to read in this workbook: ``max_cells`` bounds all its sheets together."""

    def __init__(self, cells: int) -> None:
        self.cells = cells

    def rows(self, rows: int, columns: int) -> int:
        """How many of ``rows`` rows of ``columns`` cells still fit; takes them."""
        fitting = min(rows, self.cells // columns) if columns else rows
        self.cells -= fitting * columns
        return fitting


@dataclass
class _SheetRead:
    """A sheet whose rows went out in batches: how many rows and columns were read, how far
    its values reach, and what the parent applies to the rows."""

    rows: int
    columns: int
    rows_in_sheet: int = 0
    columns_in_sheet: int = 0
    unreadable_rows: dict[int, str] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    fixes: list[CellArea] = field(default_factory=list)
    patches: dict[int, list[CellValue]] = field(default_factory=dict)  # row number -> row


def _read_sheet(sheet: python_calamine.CalamineSheet, cut: Cut | None, limits: ReadLimits,
                budget: _Budget, emit: Callable[[list[list[CellValue]]], None]) -> _SheetRead:
    """One sheet's values from A1, within the limits and the workbook's cell budget, sent to
    ``emit`` a batch of rows at a time; a row calamine fails on is sent empty."""
    start, end = sheet.start, sheet.end
    height = end[0] + 1 if end else 0
    width = end[1] + 1 if end else 0
    reach = Extent(max(height, cut.extent.rows if cut else 0),
                   max(width, cut.extent.columns if cut else 0))
    columns = min(width, limits.max_columns)
    rows = budget.rows(min(height, limits.max_rows), columns)
    shared: dict[Any, CellValue] = {}
    batch: list[list[CellValue]] = []
    failures: dict[int, str] = {}
    offset: list[CellValue] = [None] * (start[1] if start else 0)
    iterator = sheet.iter_rows()
    for index in range(rows):
        try:
            raw = next(iterator)
        except StopIteration:
            break
        except BaseException as exc:
            if not _is_reader_failure(exc):
                raise
            failures[index + 1] = str(exc) or type(exc).__name__
            batch.append([])
        else:
            batch.append(_row_values(raw, offset, columns, limits.max_cell_chars, shared))
        if len(batch) == _BATCH_ROWS:
            emit(batch)
            batch = []
    if batch:
        emit(batch)
    return _SheetRead(
        rows, columns,
        rows_in_sheet=reach.rows if reach.rows > rows else 0,
        columns_in_sheet=reach.columns if reach.columns > columns else 0,
        unreadable_rows=failures,
        merged=list(sheet.merged_cell_ranges or []),
    )


def _is_reader_failure(exc: BaseException) -> bool:
    """Whether an exception from calamine means an unreadable cell or file (also a panic)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _unstyled_rescue(plan: _Plan, limits: ReadLimits, scratch: Path) -> _Rescue:
    """For an .xlsx: the failed rows read again with their huge numbers unstyled.

    calamine panics turning a date-formatted number beyond about -1.07e11 days into a date,
    which loses the whole row; without its date style the cell reads as the number it holds
    (the reading layer then reports it at its own cell), and the row's other cells as usual.
    """

    def rescue(title: str, tab: _SheetRead) -> None:
        part = plan.parts.get(title)
        if part is None:
            return
        failed = frozenset(tab.unreadable_rows)

        def unstyle(source: IO[bytes], target: IO[bytes]) -> None:
            cut_xlsx_sheet(source, target, tab.rows, tab.columns, failed)

        unstyled = scratch / f"unstyled{plan.path.suffix.lower()}"
        rewrite_archive(plan.path, unstyled, {part: unstyle})
        with python_calamine.CalamineWorkbook.from_path(unstyled) as book:
            sheet = book.get_sheet_by_name(title)
            offset: list[CellValue] = [None] * (sheet.start[1] if sheet.start else 0)
            texts: dict[Any, CellValue] = {}
            iterator = sheet.iter_rows()
            for number in range(1, max(failed) + 1):
                try:
                    raw = next(iterator)
                except StopIteration:
                    break
                except BaseException as exc:
                    if not _is_reader_failure(exc):
                        raise
                    continue
                if number in failed:
                    row = offset + [_cell_value(v, limits.max_cell_chars, texts) for v in raw]
                    tab.patches[number] = _trimmed(row[:tab.columns])
                    del tab.unreadable_rows[number]
            del sheet
        unstyled.unlink()

    return rescue


def _trimmed(row: list[CellValue]) -> list[CellValue]:
    while row and row[-1] is None:
        row.pop()
    return row


def blank_merged(
    grid: list[list[CellValue]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Empty every cell of a merged range but its top-left one, as the spreadsheet shows it.

    Excel keeps only the top-left value; files from other writers may hold hidden values under
    a merge, which calamine would return.
    """
    for (top, left), (bottom, right) in ranges:
        for row_index in range(top, min(bottom + 1, len(grid))):
            row = grid[row_index]
            for col_index in range(left, min(right + 1, len(row))):
                if (row_index, col_index) != (top, left):
                    row[col_index] = None


def _row_values(raw: list[Any], offset: list[CellValue], columns: int, max_chars: int,
                shared: dict[Any, CellValue]) -> list[CellValue]:
    """One row of calamine values as CellValues, ``offset`` empty cells before them, cut to
    ``columns`` and without trailing empty cells: :func:`_cell_value` for each cell, with the
    common types (text, whole numbers, fractions, dates) handled here without a call (a
    quarter of a million cells at 100 times the demo).

    Equal texts and equal dates share one object (``shared``): each is then pickled once
    per frame, not once per cell (a date is a call to its class each way).
    """
    row = offset.copy()
    append = row.append
    setdefault = shared.setdefault
    for value in raw:
        kind = type(value)
        if kind is str:
            if not value:
                append(None)
            elif len(value) > max_chars:
                append(_cell_value(value, max_chars, shared))
            else:
                append(setdefault(value, value))
        elif kind is dt.date or kind is dt.datetime:
            append(setdefault(value, value))
        elif kind is float:
            append(int(value) if value.is_integer() and -_EXACT_INT_LIMIT < value
                   < _EXACT_INT_LIMIT else value)
        elif kind is int or kind is bool:
            append(value)
        else:
            append(_cell_value(value, max_chars, shared))
    if len(row) > columns:
        del row[columns:]
    return _trimmed(row)


def _cell_value(value: Any, max_chars: int, texts: dict[Any, CellValue]) -> CellValue:
    """One calamine value as a CellValue (see docs/sources.md for the mapping).

    Text longer than ``max_chars`` is kept to ``max_chars + 1`` characters, so the reading
    layer knows to cut and report it; equal texts share one object (a workbook may repeat one
    long shared string in every cell).
    """
    if isinstance(value, str):
        if value == "":
            return None
        if len(value) > max_chars:
            value = value[:max_chars + 1]
        return texts.setdefault(value, value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INT_LIMIT:
            return int(value)
        return value
    if isinstance(value, (int, dt.date)):
        return value
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return _duration_text(value)
    return str(value)


def _duration_text(value: dt.timedelta) -> str:
    """A duration as a spreadsheet shows it with ``[h]:mm:ss``: ``30:00:00``."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


# --- planning what calamine is given ----------------------------------------------------------


def _plan_xlsx(path: Path, archive: zipfile.ZipFile, names: set[str], limits: ReadLimits,
               scratch: Path) -> _Plan:
    """Measure every sheet; sheets larger than ``max_cells`` are cut in a copy of the file."""
    try:
        parts = xlsx_sheet_parts(archive, names)
    except Exception:  # noqa: BLE001 - an irregular file: calamine may still find its sheets
        parts = {}
    plan = _Plan(path, "xlsx", parts=parts)
    if not parts:
        # Sheets cannot be told apart: every worksheet part must fit as it is.
        for part in sorted(n for n in names if n.startswith("xl/worksheets/")
                           and n.endswith(".xml")):
            extent = xlsx_extent(_opener(archive, part), limits.max_columns)
            if extent.rows * extent.columns > limits.max_cells:
                raise SpreadsheetTooLarge(_unmapped_too_large(path, extent, limits))
        return plan
    rewrites: dict[str, Callable[[IO[bytes], IO[bytes]], None]] = {}
    for title, part in parts.items():
        if archive.getinfo(part).file_size <= _WHOLE_PART_BYTES:
            # Read whole (no larger than one piece of the streaming scan): the marks are one
            # search of the bytes, and no stream is wrapped to watch for them.
            xml = archive.read(part)
            extent = xlsx_extent(_in_memory(xml), limits.max_columns)
            if not holds_error_mark(xml):
                plan.error_free.add(part)
            del xml
        else:
            watched: list[_Marks] = []
            extent = xlsx_extent(_watching_opener(archive, part, watched), limits.max_columns)
            if watched and all(marks.whole and not marks.seen for marks in watched):
                plan.error_free.add(part)
        cut = plan_cut(extent, limits)
        plan.cuts[title] = cut
        if extent.rows * extent.columns > limits.max_cells:
            rewrites[part] = _cutter(cut)
    if rewrites:
        plan.path = scratch / f"cut{path.suffix.lower()}"
        rewrite_archive(path, plan.path, rewrites)
    return plan


# How far the error-mark watch looks across the border of two reads (see _Marks).
_SEAM = 256


class _Marks(io.RawIOBase):
    """A sheet's XML stream that notes whether ``marks`` matched in it (also across two
    reads, within ``_SEAM`` bytes of their border) and whether it was read to its end.

    A mark split by a border is seen when it is at most ``_SEAM`` bytes long: an error cell's
    type with more white space around its "=", exactly at the border of two 4 MiB reads of
    a sheet larger than 4 MiB, would be missed (that one cell then reads as empty)."""

    def __init__(self, stream: IO[bytes], marks: re.Pattern[bytes]) -> None:
        super().__init__()
        self._stream, self._marks = stream, marks
        self._tail = b""
        self.seen = self.whole = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data:
            self.whole = True
        elif not self.seen:
            # The seam with the previous read, then the read itself (not joined: a copy of
            # megabytes for a few bytes of seam).
            seam = self._tail + data[:_SEAM]
            self.seen = (self._marks.search(seam) is not None
                         or self._marks.search(data) is not None)
            self._tail = seam[-_SEAM:] if len(data) < _SEAM else data[-_SEAM:]
        return data

    def close(self) -> None:
        self._stream.close()
        super().close()


def _watching_opener(archive: zipfile.ZipFile, part: str,
                     watched: list[_Marks]) -> Callable[[], IO[bytes]]:
    """Opens ``part`` for measuring, each opening's marks noted in ``watched``."""

    def opener() -> IO[bytes]:
        watched.append(_Marks(archive.open(part), XLSX_ERROR_MARK))
        return cast(IO[bytes], watched[-1])

    return opener


def _in_memory(xml: bytes) -> Callable[[], IO[bytes]]:
    return lambda: io.BytesIO(xml)


def _opener(archive: zipfile.ZipFile, part: str) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(part)


def _cutter(cut: Cut) -> Callable[[IO[bytes], IO[bytes]], None]:
    def rewrite(source: IO[bytes], target: IO[bytes]) -> None:
        cut_xlsx_sheet(source, target, cut.rows, cut.columns)

    return rewrite


def _unmapped_too_large(path: Path, extent: Extent, limits: ReadLimits) -> str:
    return (f"Файл {path.name}: один з аркушів сягає рядка {extent.rows} і стовпця "
            f"{extent.columns} — більше за {limits.max_cells} клітинок (налаштування "
            "max_used_range_cells), а визначити, який саме, не вдалося: зміст книги "
            "пошкоджений. Збережіть книгу ще раз у Excel або LibreOffice.")


def _plan_ods(path: Path, archive: zipfile.ZipFile, limits: ReadLimits, scratch: Path) -> _Plan:
    """Measure every table; calamine parses them all at once, so a table larger than
    ``max_cells`` is emptied in a copy of the file and refused at its tab."""
    plan = _Plan(path, "ods")
    content = archive.read("content.xml")
    emptied = []
    remaining = limits.max_cells
    for table in ods_tables(content, limits.max_columns):
        extent = table.extent
        plan.cuts[table.name] = plan_cut(extent, limits)
        area = extent.rows * extent.columns
        if area > remaining:
            emptied.append(table)
            plan.refused[table.name] = too_large_sheet(extent, limits, area <= limits.max_cells)
        else:
            remaining -= area
    if emptied:
        plan.path = scratch / "emptied.ods"
        replaced = ods_without_tables(content, emptied)
        rewrite_archive(path, plan.path, {"content.xml": _constant(replaced)})
    return plan


def _constant(data: bytes) -> Callable[[IO[bytes], IO[bytes]], None]:
    def rewrite(_source: IO[bytes], target: IO[bytes]) -> None:
        target.write(data)

    return rewrite


def too_large_sheet(extent: Extent, limits: ReadLimits, with_others: bool = False) -> str:
    """Why a sheet is not read at all: its values reach too far (Ukrainian)."""
    whose = "разом з попередніми аркушами книги " if with_others else ""
    return (f"Аркуш завеликий, щоб його прочитати: його дані сягають рядка {extent.rows} і "
            f"стовпця {extent.columns} ({extent.rows * extent.columns} клітинок від A1; "
            f"{whose}більше за межу {limits.max_cells}, налаштування max_used_range_cells). "
            "Видаліть зайві рядки й стовпці (зокрема заповнені клітинки далеко від даних) або "
            "розділіть книгу.")


# --- .xls --------------------------------------------------------------------------------------


def _read_xls(path: Path, limits: ReadLimits, skip: dict[str, str], frames: _Frames) -> None:
    """An .xls: xlrd measures each sheet and finds error cells; calamine reads the values,
    unless a sheet is larger than the cell budget (calamine parses every sheet of an .xls when
    it opens it), in which case xlrd's values are used for the whole workbook."""
    try:
        # xlrd writes warnings about odd files to stdout unless given a log of its own.
        book = xlrd.open_workbook(str(path), on_demand=True, ragged_rows=True,
                                  logfile=io.StringIO())
    except Exception:  # noqa: BLE001 - not BIFF (an encrypted .xlsx): calamine says what it is
        with _open_calamine(path) as calamine:
            _read_sheets(calamine, _Plan(path, "xls"), lambda _title: [], limits, skip, frames,
                         None)
        return
    try:
        extents: dict[str, Extent] = {}
        fixes: dict[str, list[CellArea]] = {}
        for index, title in enumerate(book.sheet_names()):
            sheet = book.sheet_by_index(index)
            extents[title] = _xls_extent(sheet, limits.max_columns)
            fixes[title] = xls_sheet_errors(sheet)
            book.unload_sheet(index)
        total = sum(extent.rows * extent.columns for extent in extents.values())
        if total <= limits.max_cells:
            with _open_calamine(path) as calamine:
                _read_sheets(calamine, _Plan(path, "xls"), lambda title: fixes.get(title, []),
                             limits, skip, frames, _xlrd_rescue(book, limits))
            return
        budget = _Budget(limits.max_cells)
        for index, title in enumerate(book.sheet_names()):
            frames.write("start", title)
            sheet = book.sheet_by_index(index)
            tab = _xls_values(sheet, book.datemode, extents[title], limits, budget,
                              frames.rows(title))
            tab.fixes = fixes[title]
            frames.tab(title, tab)
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _xlrd_rescue(book: xlrd.book.Book, limits: ReadLimits) -> _Rescue:
    """For an .xls: the rows calamine panicked on, taken from xlrd's values of the same cells
    (a date xlrd cannot place in the calendar stays the number it is)."""

    def rescue(title: str, tab: _SheetRead) -> None:
        index = book.sheet_names().index(title)
        sheet = book.sheet_by_index(index)
        texts: dict[Any, CellValue] = {}
        for number in sorted(tab.unreadable_rows):
            row = number - 1
            tab.patches[number] = _trimmed([
                _xls_value(sheet.cell_type(row, col), sheet.cell_value(row, col), book.datemode,
                           limits.max_cell_chars, texts)
                for col in range(min(sheet.row_len(row), tab.columns))])
            del tab.unreadable_rows[number]
        book.unload_sheet(index)

    return rescue


def _xls_extent(sheet: xlrd.sheet.Sheet, max_columns: int) -> Extent:
    rows = columns = within = 0
    for row in range(sheet.nrows):
        length = sheet.row_len(row)
        if length:
            rows, columns = row + 1, max(columns, length)
            if any(sheet.cell_type(row, col) != xlrd.XL_CELL_EMPTY
                   for col in range(min(length, max_columns))):
                within = row + 1
    return Extent(rows, columns, within)


def _xls_values(sheet: xlrd.sheet.Sheet, datemode: int, extent: Extent, limits: ReadLimits,
                budget: _Budget, emit: Callable[[list[list[CellValue]]], None]) -> _SheetRead:
    """One sheet's values from xlrd, as calamine would give them (without merges)."""
    cut = plan_cut(extent, limits)
    rows = budget.rows(cut.rows, cut.columns)
    texts: dict[Any, CellValue] = {}
    batch: list[list[CellValue]] = []
    for row in range(rows):
        batch.append(_trimmed([
            _xls_value(sheet.cell_type(row, col), sheet.cell_value(row, col), datemode,
                       limits.max_cell_chars, texts)
            for col in range(min(sheet.row_len(row), cut.columns))
        ]))
        if len(batch) == _BATCH_ROWS:
            emit(batch)
            batch = []
    if batch:
        emit(batch)
    return _SheetRead(rows, cut.columns,
                      rows_in_sheet=extent.rows if extent.rows > rows else 0,
                      columns_in_sheet=extent.columns if extent.columns > cut.columns else 0)


def _xls_value(cell_type: int, value: Any, datemode: int, max_chars: int,
               texts: dict[Any, CellValue]) -> CellValue:
    if cell_type in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell_type == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if cell_type == xlrd.XL_CELL_ERROR:
        return CellError(xlrd.error_text_from_code.get(value, GENERIC_ERROR))
    if cell_type == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell_value(value, max_chars, texts)
        if 0 <= value < 1:
            return moment.time().isoformat()
        return moment.date() if moment.time() == dt.time() else moment
    return _cell_value(value, max_chars, texts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
