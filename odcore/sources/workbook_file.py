"""A local workbook (.xlsx, .xlsm, .xls, LibreOffice .ods) as a source of raw cells.

Values come from python-calamine, parsed in a child process (``odcore.sources.workbook_reader``)
that caps its own memory and is given a deadline: calamine aborts the whole process when an
allocation fails and prints a Rust panic to stderr, and neither may reach the dashboard or the
command line. Calamine hides a saved error value (``#REF!``) as empty text, so error cells are
found in the file itself (``odcore.sources.error_cells``). docs/sources.md has the
measurements behind these choices, the value types returned and the limits.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import json
import math
import os
import pickle
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from odcore.sources.base import (
    DEFAULT_LIMITS,
    CellValue,
    RawSpreadsheet,
    RawTab,
    ReadLimits,
    SourceError,
    SpreadsheetTooLarge,
)
from odcore.sources.csv_folder import read_csv_folder
from odcore.sources.error_cells import CellArea, apply_areas
from odcore.sources.workbook_limits import check_file_size, megabytes
from odcore.sources.workbook_reader import FRAMES, OLE_MAGIC, blank_merged

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_URL = re.compile(r"^([a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
# The child imports odcore and python-calamine from where this process found them, wherever it
# was started from; -S skips the site machinery (10 ms of a 25 ms start).
# argv: the paths, "main" or "serve" (odcore.sources.workbook_reader), that function's arguments.
_CHILD_PROGRAM = (
    "import sys, json; sys.path[:0] = json.loads(sys.argv[1]); "
    "from odcore.sources import workbook_reader as r; "
    "sys.exit(getattr(r, sys.argv[2])(sys.argv[3:]))"
)


def _not_a_workbook(path: Path) -> SourceError:
    return SourceError(
        f"Файл {path.name} не є книгою Excel або LibreOffice (.xlsx, .xlsm, .xls, .ods) "
        "або пошкоджений"
    )


class WorkbookFileSource:
    """The main spreadsheet is a workbook file; department spreadsheets are files beside it."""

    def __init__(self, path: str | Path, *, is_demo: bool = False,
                 limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self.is_demo = is_demo
        self.limits = limits

    def read_main(self) -> RawSpreadsheet:
        """Read every sheet of the workbook."""
        return read_workbook(self.path, self.limits)

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """Read a workbook or CSV folder named by a path relative to this workbook's folder."""
        return read_file_reference(self.path.parent, reference, self.limits)


def read_file_reference(folder: Path, reference: str,
                        limits: ReadLimits = DEFAULT_LIMITS) -> RawSpreadsheet:
    """Read the workbook or CSV folder ``reference`` names (absolute, or relative to ``folder``)."""
    text = reference.strip()
    if not text:
        raise SourceError("Порожнє посилання на таблицю у «Підрозділи» / «Таблиця»")
    if _URL.match(text):
        raise SourceError(
            f"«{text}» у «Підрозділи» / «Таблиця» — веб-адреса, а дані читаються з файлів: "
            f"вкажіть шлях до книги або папки CSV відносно {folder}"
        )
    # Backslashes come from paths typed on Windows; "/" works on every system.
    path = Path(text.replace("\\", "/"))
    if not path.is_absolute():
        path = folder / path
    try:
        is_folder, exists = path.is_dir(), path.exists()
    except (OSError, ValueError):
        is_folder, exists = False, False
    if is_folder:
        return read_csv_folder(path, limits)
    if not exists:
        raise SourceError(
            f"Таблицю «{text}» з «Підрозділи» / «Таблиця» не знайдено: немає файлу {path}"
        )
    return read_workbook(path, limits)


def read_workbook(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> RawSpreadsheet:
    """Every sheet of a workbook file as a grid anchored at A1, error cells as CellError.

    Raises SourceError (SpreadsheetTooLarge past the limits) with one Ukrainian line naming the
    file; no exception of the parser reaches the caller.
    """
    read_at = dt.datetime.now(dt.UTC)  # shown in the council's time zone by the views
    try:
        if not path.exists():
            raise SourceError(f"Файл не знайдено: {path}")
        if path.is_dir():
            raise SourceError(f"{path} — папка, а не файл книги (.xlsx, .xlsm, .xls, .ods)")
        with path.open("rb") as handle:
            magic = handle.read(8)
        suffix = path.suffix.lower()
        if suffix not in WORKBOOK_SUFFIXES:
            raise SourceError(
                f"Файл {path.name} має непідтримуваний тип «{path.suffix or 'без розширення'}»: "
                "потрібна книга .xlsx, .xlsm, .xls або .ods чи папка з файлами CSV"
            )
        if not magic.startswith(_ZIP_MAGIC) and not magic.startswith(OLE_MAGIC):
            raise _not_a_workbook(path)
        check_file_size(path, limits)
    except OSError as exc:
        raise SourceError(f"Не вдалося відкрити файл {path}: {exc.strerror or exc}") from None
    location = str(path.resolve())
    outcome = _read_in_child(path, location, limits)
    return RawSpreadsheet(
        name=path.name,
        location=location,
        tabs=outcome.tabs,
        read_at=read_at,
        kind="file",
        notes=outcome.notes,
    )


@dataclass
class _Outcome:
    """What one run of the child wrote before it ended."""

    tabs: list[RawTab] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: str | None = None  # a sheet whose parsing began and did not end
    rows: list[list[Any]] = field(default_factory=list)  # of the started sheet, so far
    error: tuple[str, str] | None = None
    done: bool = False


def _read_in_child(path: Path, location: str, limits: ReadLimits) -> _Outcome:
    """Parse the file in a child process within the limits; retry without a sheet that
    exhausted the child's memory, as long as the time allows."""
    deadline = time.monotonic() + limits.reader_seconds
    skip: dict[str, str] = {}
    while True:
        try:
            outcome, timed_out = _run_child(location, limits, skip, deadline)
        except OSError as exc:  # no process or no temporary folder to be had
            raise SourceError(
                f"Файл {path.name} не вдалося прочитати: не запустився процес читання "
                f"({exc.strerror or exc}). Повторіть спробу пізніше.") from None
        if outcome.error is not None:
            raise _error(path, *outcome.error)
        # A read the deadline ended is refused even when its frames were all written just
        # before the child was stopped: the limit does not depend on who was scheduled first.
        if outcome.done and not timed_out:
            return outcome
        if timed_out:
            where = f" (аркуш «{outcome.started}»)" if outcome.started else ""
            raise SourceError(
                f"Файл {path.name} не вдалося прочитати за {limits.reader_seconds:g} с{where}: "
                "книга завелика або пошкоджена. Видаліть зайві аркуші чи далекі заповнені "
                "клітинки або розділіть книгу на кілька.")
        if outcome.started is None or outcome.started in skip:
            raise SourceError(
                f"Файл {path.name} не вдалося прочитати: читання перевищило межу пам'яті "
                f"({megabytes(limits.reader_memory_bytes)}). Книга завелика або пошкоджена; "
                "збережіть її ще раз або розділіть на кілька.")
        skip[outcome.started] = (
            "Аркуш не вдалося прочитати: читання перевищило межу пам'яті "
            f"({megabytes(limits.reader_memory_bytes)}). Найімовірніше, в ньому є заповнені "
            "клітинки дуже далеко від даних або надто довгі тексти; видаліть їх або розділіть "
            "аркуш.")


def _run_child(location: str, limits: ReadLimits, skip: dict[str, str],
               deadline: float) -> tuple[_Outcome, bool]:
    """What the child wrote for the file at ``location`` (absolute), and whether the
    deadline ended it."""
    fields = _limit_fields(limits)

    def request(scratch: str) -> str:
        return json.dumps({"path": location, "limits": fields, "skip": skip,
                           "scratch": scratch})

    kept = _PARSER.run(request, limits.reader_memory_bytes, deadline)
    if kept is not None:
        return kept
    # The kept parser is busy with another read, or cannot be kept: a child of its own.
    with tempfile.TemporaryDirectory(prefix="odcore-read-") as scratch:
        timed_out = _run_once(request(scratch), scratch, deadline)
        return _outcome(Path(scratch) / FRAMES), timed_out


@functools.lru_cache(maxsize=16)
def _limit_fields(limits: ReadLimits) -> dict[str, Any]:
    """The limits as the request's JSON gives them (``asdict`` copies each field deeply: a
    tenth of the parent's side of a read of the demo workbook). Never changed by a caller."""
    return asdict(limits)


def _child_command(*arguments: str) -> list[str]:
    return [sys.executable, "-S", "-c", _CHILD_PROGRAM, json.dumps([_PACKAGE_ROOT, *sys.path]),
            *arguments]


# RUST_BACKTRACE would make a panic print its whole stack; stderr is dropped anyway.
def _child_env() -> dict[str, str]:
    return {**os.environ, "RUST_BACKTRACE": "0"}


def _run_once(request: str, scratch: str, deadline: float) -> bool:
    """Parse in a child of its own that ends with the read; whether the deadline ended it."""
    child = subprocess.Popen(
        _child_command("main", request),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=_child_env(), cwd=scratch,
    )
    with child:
        try:
            child.wait(timeout=max(0.001, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            return True
    return False


class _KeptParser:
    """One parser child started on the first read and kept for the next ones.

    Starting Python and importing the parser costs about 55 ms of CPU, more than parsing the
    demo workbook; a kept child pays it once per process. The isolation stays: the child caps
    its own address space and is killed at the deadline, and a child that died, timed out or
    grew past half its cap is replaced on the next read. One read at a time uses it; a read
    that finds it busy (another session's thread) runs in a child of its own, as every read
    did before. On Windows, where a pipe cannot be waited on with a deadline, every read has a
    child of its own. docs/sources.md, "Decision: one parser child kept per process".
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._owner = 0  # the process that started the child (a fork must not share it)
        self._cap = 0
        self._cpu = 0.0  # the live child's CPU seconds, as it last reported them
        self.peak = 0  # the largest peak resident memory any kept child reported, in bytes
        self._scratch: str | None = None
        self._scratch_owner = 0

    def run(self, request: Callable[[str], str], cap: int,
            deadline: float) -> tuple[_Outcome, bool] | None:
        """What the kept child wrote for ``request(scratch folder)`` and whether the deadline
        ended it; None when the read must find another child (busy, or none could start)."""
        if os.name != "posix" or not self._lock.acquire(blocking=False):
            return None
        try:
            scratch = self._scratch_folder()
            try:
                fresh, outcome = self._ensure(cap, deadline)
                if outcome is None:
                    outcome = self._ask(request(scratch), deadline)
                    if outcome is None and not fresh:
                        # A kept child may have died of what earlier reads left in it: the
                        # read goes once more to a new child.
                        _empty(scratch)
                        fresh, outcome = self._ensure(cap, deadline)
                        if outcome is None:
                            outcome = self._ask(request(scratch), deadline)
                if outcome is _ENDED:
                    return None  # no child could start: let a child of its own try
                # A new child that ended mid-read (its cap): what it wrote names the sheet
                # it had started, which the caller refuses before reading the rest.
                return _outcome(Path(scratch) / FRAMES), outcome is _TIMED_OUT
            except BaseException:
                # Interrupted between a request and its reply (an error, a signal): the reply
                # would be taken by the next read, so the child goes.
                self._kill()
                raise
            finally:
                _empty(scratch)
        finally:
            self._lock.release()

    def after_fork(self) -> None:
        """In a forked process: forget the parent's child and folder (never use nor hold
        them: an inherited pipe end would keep the child from seeing its input end)."""
        self._lock = threading.Lock()
        child, self._child, self._cpu, self._scratch = self._child, None, 0.0, None
        if child is not None:
            _close_pipes(child)

    def _scratch_folder(self) -> str:
        """The kept child's folder for frames and cut copies: one per process, emptied after
        every read, made again if something removed it (a /tmp cleaner)."""
        if self._scratch is None or self._scratch_owner != os.getpid() \
                or not os.path.isdir(self._scratch):
            self._scratch = tempfile.mkdtemp(prefix="odcore-parser-")
            self._scratch_owner = os.getpid()
        _empty(self._scratch)
        return self._scratch

    def cpu_seconds(self) -> float:
        """CPU seconds of the live kept child (an ended one is counted by RUSAGE_CHILDREN)."""
        return self._cpu

    def start(self, cap: int, seconds: float) -> None:
        """Start the child now, rather than on the first read, and wait until it is ready."""
        if os.name == "posix" and self._lock.acquire(blocking=False):
            try:
                self._ensure(cap, time.monotonic() + seconds)
            finally:
                self._lock.release()

    def stop(self) -> None:
        """End the kept child (standard input closed: it leaves its loop and exits) and
        remove its folder; a read still running past 10 s is left to the process's end."""
        if not self._lock.acquire(timeout=10):
            return
        try:
            self._retire()
            if self._scratch is not None and self._scratch_owner == os.getpid():
                shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
        finally:
            self._lock.release()

    def _kill(self) -> None:
        if self._child is not None and self._owner == os.getpid():
            with contextlib.suppress(OSError):
                self._child.kill()
        self._retire()

    def _ensure(self, cap: int, deadline: float) -> tuple[bool, object]:
        """A live, ready child with this cap: (whether it was started now, None), or the
        outcome of a start that failed (_TIMED_OUT, or _ENDED when it ended at once)."""
        child = self._child
        if child is not None and self._owner == os.getpid() and self._cap == cap \
                and child.poll() is None:
            return False, None
        self._retire()
        self._child = subprocess.Popen(
            _child_command("serve", str(cap)),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=_child_env(), cwd=tempfile.gettempdir(),
        )
        self._owner, self._cap, self._cpu = os.getpid(), cap, 0.0
        ready = self._reply(deadline)  # the child's first line: imported and capped
        return True, (None if ready is _DONE else ready or _ENDED)  # _TIMED_OUT or _ENDED

    def _retire(self) -> None:
        child, self._child, self._cpu = self._child, None, 0.0
        if child is None or self._owner != os.getpid():
            return  # a forked copy leaves its parent's child alone
        _close_pipes(child)  # its input ends: it leaves its loop and exits
        try:
            child.wait(timeout=1)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    def _ask(self, request: str, deadline: float) -> object:
        """Send one request; _DONE, _TIMED_OUT, or None when the child ended without a reply."""
        child = self._child
        assert child is not None and child.stdin is not None
        try:
            child.stdin.write(request.encode() + b"\n")
            child.stdin.flush()
        except OSError:  # it ended before the request
            self._retire()
            return None
        return self._reply(deadline)

    def _reply(self, deadline: float) -> object:
        """The child's next line of JSON: _DONE once read, _TIMED_OUT (the child killed) or
        None (it ended) otherwise. A child that grew past half its cap is retired after it."""
        child = self._child
        assert child is not None and child.stdout is not None
        reply = b""
        # poll, not select: select refuses a descriptor numbered past 1023 (a busy server).
        waiting = select.poll()
        waiting.register(child.stdout.fileno(), select.POLLIN)
        while not reply.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not waiting.poll(max(1, math.ceil(left * 1000))):
                if time.monotonic() < deadline:
                    continue  # woken early: wait for what is left
                self._kill()
                return _TIMED_OUT
            part = os.read(child.stdout.fileno(), 4096)
            if not part:
                self._retire()
                return None
            reply += part
        try:
            report = json.loads(reply)
            self._cpu = float(report["cpu"])
            self.peak = max(self.peak, int(report["peak"]))
            size = int(report["size"])
        except (ValueError, KeyError, TypeError):
            self._kill()  # not one reply of this child's: never trusted
            return None
        if size < 0 or size > self._cap // 2:  # grown, or unknown (no /proc): retired
            self._retire()
        return _DONE


def _close_pipes(child: subprocess.Popen[bytes]) -> None:
    """Close this process's ends of a kept child's pipes."""
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _empty(folder: str) -> None:
    """Remove what a read left in the kept child's folder (its frames, a cut copy)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


_DONE, _TIMED_OUT, _ENDED = object(), object(), object()
_PARSER = _KeptParser()
atexit.register(_PARSER.stop)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_PARSER.after_fork)


def start_parser(limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Start the kept parser child now and wait until it is ready (a server or a benchmark
    warming up), within the read deadline."""
    _PARSER.start(limits.reader_memory_bytes, limits.reader_seconds)


def parser_peak_bytes() -> int:
    """The largest peak resident memory a kept parser child of this process reported."""
    return _PARSER.peak


def parser_cpu_seconds() -> float:
    """CPU seconds the live kept parser child has used (reported by it after each read).

    With ``resource.getrusage(RUSAGE_CHILDREN)`` (the ended children this process waited for)
    it gives all the CPU the reads of this process cost; the benchmarks add the two."""
    return _PARSER.cpu_seconds()


def _outcome(frames: Path) -> _Outcome:
    outcome = _Outcome()
    try:
        stream = frames.open("rb")
    except OSError:
        return outcome
    with stream:
        while True:
            try:
                # One unpickler per list of frames: each was pickled with a memo of its own.
                written = _FrameLoader(stream).load()
            except Exception:  # noqa: BLE001 - the end, or a list cut short by a crash
                return outcome
            for frame in written:
                _take(outcome, frame)


def _take(outcome: _Outcome, frame: tuple[Any, ...]) -> None:
    kind = frame[0]
    if kind == "start":
        outcome.started, outcome.rows = frame[1], []
    elif kind == "rows":
        outcome.rows.extend(frame[2])
    elif kind == "tab":
        _, title, values, rows, columns, refused, unreadable, layout = frame
        if values is None:
            values = assemble(outcome.rows, layout)
        outcome.tabs.append(RawTab(title=title, values=values, rows_in_sheet=rows,
                                   columns_in_sheet=columns, refused=refused,
                                   unreadable_rows=unreadable))
        outcome.started, outcome.rows = None, []
    elif kind == "note":
        outcome.notes.append(frame[1])
    elif kind == "error":
        outcome.error = (frame[1], frame[2])
    elif kind == "done":
        outcome.done = True


def assemble(rows: list[list[CellValue]], layout: dict[str, Any]) -> list[list[CellValue]]:
    """A sheet's grid from the rows the child sent: rows read again replace theirs, merged
    ranges keep only their top-left value, saved errors go to their cells, and trailing
    empty cells and rows go (docs/sources.md)."""
    for number, values in layout["patches"].items():
        while len(rows) < number:
            rows.append([])
        rows[number - 1] = values
    if not layout["merged"] and not layout["fixes"]:
        # Every row comes without its trailing empty cells (the child's rows, its patches):
        # only trailing empty rows are left to drop, not a pass over every row.
        while rows and not rows[-1]:
            rows.pop()
        return rows
    blank_merged(rows, layout["merged"])
    areas = [CellArea(*fix) for fix in layout["fixes"]]
    return apply_areas(rows, areas, layout["rows"], layout["columns"])


class _FrameLoader(pickle.Unpickler):
    """Unpickles only what the child writes: tuples, lists, dicts, text, numbers, dates and
    CellError; anything else in the file is refused."""

    _ALLOWED = {("datetime", "date"), ("datetime", "datetime"),
                ("odcore.sources.base", "CellError")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name}")
        return super().find_class(module, name)


def _error(path: Path, kind: str, text: str) -> SourceError:
    if kind == "password":
        return SourceError(f"Файл {path.name} захищено паролем: збережіть його без пароля")
    if kind == "too_large":
        return SpreadsheetTooLarge(text)
    if kind == "source":
        return SourceError(text)
    return _not_a_workbook(path)


__all__ = ["WORKBOOK_SUFFIXES", "WorkbookFileSource", "parser_cpu_seconds", "parser_peak_bytes",
           "read_file_reference", "read_workbook", "start_parser"]
