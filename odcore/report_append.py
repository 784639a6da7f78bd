"""Appending a submitted report to the `Звіти` tab (docs/report-form.md). Append-only: a row
is added, never edited or deleted.

- Google Sheets: ``values.append`` with ``valueInputOption=RAW`` (nothing typed is ever read
  as a formula) and ``insertDataOption=INSERT_ROWS``, through the reading's HTTP client, with
  the service account's read-write scope and one deadline. The append is tried once at a
  time: after a reply that was lost, cut or refused by an outage, the tab is read back and
  the submission's id looked for before it is tried again, so a row is never written twice
  or lost without a word.
- A workbook file (.xlsx): under a lock file beside it, the workbook is opened, the row added
  after the last filled row, the result written to a new file in the same folder and moved
  into place (``os.replace``); the previous file is kept in ``<name>.backups/``. A file that
  changed since the dashboard read it is left untouched and the form asks to refresh.
- Any other file (a CSV folder, .xls, .xlsm, .ods): refused with what to do instead.

No Streamlit here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from odcore.config import AppConfig
from odcore.report_form import (
    FORM_FIELDS,
    ReportDraft,
    ReportRefused,
    Submission,
    TabLayout,
    check_draft,
    ids_in,
    tab_layout,
    with_headers,
)
from odcore.roles import Viewer
from odcore.schema.tabs import spec_for_tab_name
from odcore.service import Snapshot
from odcore.settings import Settings
from odcore.sources.base import CellValue, SourceError, spreadsheet_key
from odcore.sources.google_http import (
    BACKOFF_SECONDS,
    MAX_TRIES,
    WRITE_SCOPES,
    ApiError,
    Deadline,
    Failure,
    GoogleApi,
    Target,
    load_service_account,
)
from odcore.sources.gsheets import VALUE_PARAMS, grid_of, quote_title
from odcore.text import normalize_name
from odcore.workbook import Workbook

try:  # POSIX; Windows locks the same lock file through msvcrt
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_SECONDS = 10.0
BACKUPS_SUFFIX = ".backups"
# Failures after which the append may or may not have happened: read back before trying
# again. Any other (not shared, not found, a bad key, a bad range) is certain not to have.
_UNCERTAIN = frozenset({Failure.NETWORK, Failure.DEADLINE, Failure.SERVER, Failure.QUOTA,
                        Failure.TRUNCATED_REPLY, Failure.MALFORMED_REPLY, Failure.NOT_GOOGLE})


class FileChanged(ReportRefused):
    """The workbook changed on disk since the dashboard read it; nothing was written."""


@dataclass(frozen=True)
class ReportTarget:
    """The spreadsheet and tab a department's reports go to."""

    kind: str  # "gsheets", "file" or "csv"
    name: str  # as the pages name the spreadsheet
    location: str  # a resolved path, or the Google address
    tab: str  # the `Звіти` tab's title as the spreadsheet spells it

    @property
    def place(self) -> str:
        return f"таблиця «{self.name}», вкладка «{self.tab}»"


@dataclass(frozen=True)
class Appended:
    """What an append did: the row number written, and whether the row was already there
    (a retry found it: nothing was written again)."""

    target: ReportTarget
    report_id: str
    row: int | None
    already_there: bool = False
    backup: Path | None = None


def report_target(workbook: Workbook, department: str) -> ReportTarget:
    """The `Звіти` tab of the department's own spreadsheet when it has one, else the main
    spreadsheet's; ReportRefused when neither has a `Звіти` tab that was read."""
    wanted = normalize_name(department)
    own = [s for s in workbook.spreadsheets
           if not s.main and normalize_name(s.department) == wanted]
    if any(not s.ok for s in own):
        # Its reports would land in the main spreadsheet while its own one is down.
        raise ReportRefused([f"Таблицю підрозділу «{department}» ({own[0].name}) зараз не "
                             "прочитано, тож звіт не записано. Спробуйте пізніше або "
                             "перегляньте «Проблеми в таблицях»."])
    main = [s for s in workbook.spreadsheets if s.main]
    tabs: dict[str, str] = {}
    for sheet_name, tab in workbook.column_numbers:
        spec = spec_for_tab_name(tab)
        if spec is not None and spec.key == "reports":
            tabs.setdefault(sheet_name, tab)
    for sheet in [*own, *main]:
        if sheet.name in tabs:
            return ReportTarget(sheet.kind, sheet.name, sheet.location, tabs[sheet.name])
    where = (own or main)[0].name if (own or main) else "основна таблиця"
    raise ReportRefused([f"У таблиці «{where}» немає вкладки «Звіти» з заголовками, тож звіт "
                         "нікуди записати. Додайте вкладку «Звіти» (заголовки — з шаблону: "
                         "python -m odcore template) і оновіть дані."])


# --- Google Sheets --------------------------------------------------------------------------

class GoogleReports:
    """Appends a submission to a Google spreadsheet's `Звіти` tab, exactly once."""

    def __init__(self, api: GoogleApi, settings: Settings, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.api, self.settings, self.sleep, self.clock = api, settings, sleep, clock

    def append(self, target: ReportTarget, submission: Submission) -> Appended:
        key = spreadsheet_key(target.location)
        if key is None:
            raise ReportRefused([f"«{target.location}» не є адресою Google Таблиці."])
        deadline = Deadline(self.settings.refresh_deadline_seconds, self.clock)
        about = Target(target.name, key, write=True)
        grid = self._grid(key, target, about, deadline)
        layout = _layout(grid, target)
        missing = layout.missing()
        if missing:
            raise ReportRefused([
                f"{_capital(target.place)}: бракує стовпців "
                + ", ".join(f"«{h}»" for h in missing)
                + ". Допишіть ці заголовки в рядок заголовків праворуч від останнього і "
                "спробуйте знову (форма не змінює заголовків у Google Таблиці)."])
        if submission.report_id in ids_in(grid, layout):
            return Appended(target, submission.report_id, None, already_there=True)
        row = layout.row({k: _google_value(submission, k) for k in FORM_FIELDS}, empty="")
        a1 = f"{quote_title(target.tab)}!A{layout.header_index + 1}"
        url = self.api.sheets_url(f"spreadsheets/{key}/values/{quote(a1, safe='')}:append")
        params = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS",
                  "includeValuesInResponse": "false"}
        body = {"range": a1, "majorDimension": "ROWS", "values": [row]}
        for attempt in range(1, MAX_TRIES + 1):
            try:
                reply = self.api.request("POST", url, about, deadline, params=params,
                                         body=body, tries=1)
            except ApiError as error:
                if error.failure not in _UNCERTAIN:
                    raise
                found = self._read_back(key, target, about, deadline, submission, error)
                if found is not None:
                    return found
                if attempt == MAX_TRIES:
                    raise
                wait = BACKOFF_SECONDS[attempt - 1]
                if wait >= deadline.remaining():
                    raise
                self.sleep(wait)
                continue
            return Appended(target, submission.report_id, _updated_row(reply))
        raise AssertionError("unreachable: the loop returns or raises")

    def _read_back(self, key: str, target: ReportTarget, about: Target, deadline: Deadline,
                   submission: Submission, error: ApiError) -> Appended | None:
        """The appended row when the tab now holds the submission's id; None when it does
        not (then it is safe to try again); ApiError saying the outcome is unknown when the
        tab cannot be read back."""
        try:
            grid = self._grid(key, target, about, deadline)
        except SourceError:
            raise ApiError(
                f"{_capital(target.place)}: {error} Чи записано звіт, перевірити не вдалося. "
                f"Оновіть дані й знайдіть у вкладці ID {submission.report_id}; подати ще раз "
                "можна: рядок із тим самим ID форма вдруге не запише.",
                error.failure, status=error.status, detail=error.detail) from None
        layout = _layout(grid, target)
        column = layout.columns.get("report_id")
        if column is None:
            return None
        for index in range(layout.header_index + 1, len(grid)):
            row = grid[index]
            if column < len(row) and str(row[column]).strip() == submission.report_id:
                return Appended(target, submission.report_id, index + 1)
        return None

    def _grid(self, key: str, target: ReportTarget, about: Target,
              deadline: Deadline) -> list[list[CellValue]]:
        params = [("ranges", quote_title(target.tab)), *VALUE_PARAMS]
        data = self.api.request("GET", self.api.sheets_url(f"spreadsheets/{key}/values:batchGet"),
                                about, deadline, params=params)
        ranges = data.get("valueRanges")
        if not isinstance(ranges, list) or len(ranges) != 1:
            raise SourceError(f"{_capital(target.place)}: відповідь Google не містить вкладки.")
        return grid_of(target.tab, ranges[0], self.settings.read_limits())


def _google_value(submission: Submission, key: str) -> Any:
    """A cell as sent with RAW input: a number stays a number, everything else is text."""
    value = submission.cells.get(key)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return value
    return submission.cell_text(key)


def _updated_row(reply: dict[str, Any]) -> int | None:
    """The first row number of ``updates.updatedRange`` (``'Звіти'!A7:K7`` -> 7)."""
    updates = reply.get("updates")
    text = updates.get("updatedRange") if isinstance(updates, dict) else None
    if not isinstance(text, str):
        return None
    cells = text.rpartition("!")[2].split(":")[0]
    digits = "".join(ch for ch in cells if ch.isdigit())
    return int(digits) if digits else None


def writer_api(config: AppConfig) -> GoogleApi:
    """The Google client the form writes with: the reading's key, read-write scope."""
    account = load_service_account(config.gsheets_secrets)
    return GoogleApi(account, WRITE_SCOPES, limits=config.settings.read_limits())


# --- Workbook files -------------------------------------------------------------------------

@contextlib.contextmanager
def file_lock(path: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold ``<workbook>.lock`` (beside the workbook) exclusively; ReportRefused after
    ``wait`` seconds. The lock file stays: removing it would let two writers hold two."""
    lock_path = path.with_name(path.name + ".lock")
    handle = open(lock_path, "a+b")  # noqa: SIM115 - closed in the finally below
    try:
        end = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= end:
                raise ReportRefused([f"Книгу «{path.name}» саме записує інший звіт. "
                                     "Спробуйте за хвилину."])
            time.sleep(0.05)
        yield
    finally:
        handle.close()  # closing releases the lock


def _try_lock(handle: Any) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:  # pragma: no cover - Windows
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover - Windows
        return False
    return True  # pragma: no cover - Windows


def stamp_of(path: Path) -> tuple[int, int] | None:
    """A file's modification time (ns) and size; None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def append_to_workbook(target: ReportTarget, submission: Submission,
                       read_stamp: tuple[int, int] | None, *,
                       now: dt.datetime | None = None) -> Appended:
    """Append the submission to an .xlsx file unless it changed since ``read_stamp``;
    ReportRefused (FileChanged) when it cannot, the file then left as it was."""
    path = Path(target.location)
    if target.kind == "csv" or path.is_dir():
        raise ReportRefused([
            f"{_capital(target.place)}: форма не дописує у файли CSV (кодування й роздільник "
            "у кожного файлу свої, і дописаний рядок легко зіпсувати). Допишіть рядок у "
            "«Звіти.csv» вручну або перейдіть на книгу .xlsx."])
    if path.suffix.lower() != ".xlsx":
        raise ReportRefused([
            f"{_capital(target.place)}: форма дописує лише в книги .xlsx, а «{path.name}» — "
            f"{path.suffix or 'без розширення'}. Збережіть книгу як .xlsx (Файл → Зберегти "
            "як) або допишіть рядок у таблицю вручну."])
    try:
        return _append_locked(path, target, submission, read_stamp,
                              now or dt.datetime.now(dt.UTC))
    except ReportRefused:
        raise
    except OSError as exc:
        raise ReportRefused([f"{_capital(target.place)}: книгу не вдалося записати "
                             f"({exc.strerror or exc}); звіт не подано, книгу не змінено."]
                            ) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl's own errors: a message, not a traceback
        raise ReportRefused([f"{_capital(target.place)}: книгу не вдалося відкрити для запису "
                             f"({type(exc).__name__}); звіт не подано, книгу не змінено. "
                             "Збережіть її ще раз як .xlsx і спробуйте знову."]) from None


def _append_locked(path: Path, target: ReportTarget, submission: Submission,
                   read_stamp: tuple[int, int] | None, now: dt.datetime) -> Appended:
    import openpyxl

    with file_lock(path):
        _unchanged(path, read_stamp, target)
        book = openpyxl.load_workbook(path)
        if target.tab not in book.sheetnames:
            raise FileChanged([f"{_capital(target.place)}: вкладки вже немає в книзі. "
                               "Оновіть дані й спробуйте знову."])
        sheet = book[target.tab]
        grid: list[list[CellValue]] = [list(r) for r in sheet.iter_rows(values_only=True)]
        layout, added = with_headers(_layout(grid, target))
        if submission.report_id in ids_in(grid, layout):
            return Appended(target, submission.report_id, None, already_there=True)
        for column, header in added.items():
            sheet.cell(row=layout.header_index + 1, column=column + 1, value=header)
        row_number = _last_filled(grid) + 2
        for column, value in enumerate(layout.row(dict(submission.cells))):
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=…" is never a formula
            elif isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
        backup = _replace_with(path, book, read_stamp, target, now)
    return Appended(target, submission.report_id, row_number, backup=backup)


def _unchanged(path: Path, read_stamp: tuple[int, int] | None, target: ReportTarget) -> None:
    if read_stamp is None or stamp_of(path) != read_stamp:
        raise FileChanged([f"{_capital(target.place)}: книгу змінено після того, як панель її "
                           "прочитала, тож звіт не записано, а книгу не змінено. Натисніть "
                           "«Оновити дані» (або перезавантажте сторінку), перевірте звіт і "
                           "подайте ще раз."])


def _last_filled(grid: list[list[CellValue]]) -> int:
    """The 0-based index of the last row holding any value (-1 for none)."""
    for index in range(len(grid) - 1, -1, -1):
        if any(v is not None and str(v).strip() for v in grid[index]):
            return index
    return -1


def backups_folder(path: Path) -> Path:
    """Where the previous versions of a workbook are kept: ``<name>.backups`` beside it."""
    return path.with_name(path.name + BACKUPS_SUFFIX)


def _replace_with(path: Path, book: Any, read_stamp: tuple[int, int] | None,
                  target: ReportTarget, now: dt.datetime) -> Path:
    """Write ``book`` to a new file beside ``path``, keep the old one as a backup, move the
    new one into place; the file is never half-written."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix,
                                         dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            book.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copymode(path, temp)
        folder = backups_folder(path)
        folder.mkdir(exist_ok=True)
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = folder / f"{path.stem}-{stamp}{path.suffix}"
        shutil.copy2(path, backup)
        _unchanged(path, read_stamp, target)  # once more, just before the move
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return backup


def _layout(grid: list[list[CellValue]], target: ReportTarget) -> TabLayout:
    layout = tab_layout(grid)
    if layout is None:
        raise ReportRefused([f"{_capital(target.place)}: у вкладці немає рядка заголовків. "
                             "Додайте заголовки з шаблону (python -m odcore template)."])
    return layout


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- The form's one call --------------------------------------------------------------------

class ReportingService(Protocol):
    """What a submission needs of the data service (odcore.service.DataService)."""

    @property
    def settings(self) -> Settings: ...

    def snapshot(self, *, keep_raw: bool = False) -> Snapshot: ...

    def written(self) -> None: ...


def submit_report(service: ReportingService, viewer: Viewer, department: str,
                  draft: ReportDraft, *,
                  read_stamps: Mapping[str, tuple[int, int] | None] | None = None,
                  report_id: str | None = None,
                  google: Callable[[], GoogleReports] | None = None) -> Appended:
    """Check the draft against the current data, append it, and make the service read the
    source again so that the row shows at once. ``read_stamps``: the files' stamps when the
    form was drawn (the current snapshot's when None): a file changed since is refused
    (FileChanged). ReportRefused when it cannot be written; ApiError/SourceError when Google
    fails. ``report_id`` keeps a retried submission's id (never written twice)."""
    snapshot = service.snapshot()
    submission = check_draft(draft, workbook=snapshot.workbook, settings=service.settings,
                             viewer=viewer, department=department, report_id=report_id)
    target = report_target(snapshot.workbook, department)
    if target.kind == "gsheets":
        if google is None:
            raise ReportRefused(["Запис у Google Таблиці не налаштовано."])
        appended = google().append(target, submission)
    else:
        stamps = snapshot.file_stamps if read_stamps is None else read_stamps
        appended = append_to_workbook(target, submission, stamps.get(target.location))
    service.written()
    return appended

