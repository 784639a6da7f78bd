"""The data service: the one place that reads, keeps and serves a council's data and figures.

Pages, the CLI, the exports and (later) a refresh worker all call a :class:`DataService`; none
of it needs Streamlit. It decides when to read (a source's fingerprint and the cache TTL), what
a partial read means (one spreadsheet served from its kept copy or not read: kept only for
``failure_retry_seconds``, then read again), and when the public pages serve the public
projection kept from the last complete read instead of this one. What is kept between reads
lives behind :class:`SnapshotStore`: today files in the state folder, PostgreSQL later.

Thread-safe: one service serves every session of a Streamlit process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from odcore.checks import all_issues
from odcore.config import AppConfig
from odcore.figures import Figures, FiguresKey, build_figures
from odcore.history import (
    ClosedQuarter,
    closed_folder,
    load_closes,
    save_close,
    serving_closes,
)
from odcore.issues import Issue
from odcore.periods import Quarter
from odcore.portal.content_runs import ContentStore
from odcore.portal.reconcile import ReconciliationStore
from odcore.portal.records import ContentRun, KeptPortal, Reconciliation
from odcore.public import PublicView, public_view
from odcore.public_snapshot import (
    PublicSnapshot,
    PublicSnapshotError,
    load_public_snapshot,
    save_public_snapshot,
)
from odcore.reading import load_workbook
from odcore.schema.tabs import tab_key
from odcore.settings import Settings
from odcore.sources.base import Source, SourceError, spreadsheet_key
from odcore.sources.gsheets import ReadCache, SheetsPolicy
from odcore.sources.recorded import RawRead, RecordingSource
from odcore.sources.snapshots import PayloadStore, state_dir
from odcore.sources.snapshots import SnapshotStore as FilePayloadStore
from odcore.stores.records import DEFAULT_COUNCIL, FileRecords, council_id
from odcore.workbook import Workbook

log = logging.getLogger(__name__)

FIGURES_KEPT = 32  # Figures per service: a handful of as_of dates for a few data versions


class SourceKind(StrEnum):
    """What kind of place the data come from."""

    WORKBOOK = "workbook"  # a .xlsx/.xlsm/.xls/.ods file
    CSV_FOLDER = "csv_folder"
    GSHEETS = "gsheets"


@dataclass(frozen=True)
class SourceRef:
    """Where a council's main spreadsheet lives, parsed once from the configuration.

    ``location`` is as configured (a path, a Google Sheets address or ``gsheets:KEY``);
    ``key`` is the Google key; ``path`` the file or folder. ``is_demo`` marks the bundled
    demo workbook (written when absent).
    """

    kind: SourceKind
    location: str
    key: str = ""
    path: Path | None = None
    is_demo: bool = False

    @classmethod
    def parse(cls, location: str, *, is_demo: bool = False) -> SourceRef:
        """The reference for a configured location; SourceError for a malformed Google one."""
        text = location.strip()
        if text.startswith("gsheets:") or "docs.google.com/spreadsheets/" in text:
            key = spreadsheet_key(text)
            if key is None:
                raise SourceError(
                    f"«{text}» не є посиланням на Google Таблицю: вставте адресу з браузера "
                    "(https://docs.google.com/spreadsheets/d/…/edit) або gsheets:КЛЮЧ.")
            return cls(SourceKind.GSHEETS, text, key=key)
        path = Path(text).expanduser()
        kind = SourceKind.CSV_FOLDER if path.is_dir() else SourceKind.WORKBOOK
        return cls(kind, text, path=path, is_demo=is_demo)

    @property
    def is_google(self) -> bool:
        return self.kind is SourceKind.GSHEETS

    @property
    def store_id(self) -> str:
        """The name under which copies of this source are kept (the configured location:
        the kept copy's file name is a hash of it)."""
        return self.location

    def fingerprint(self) -> str:
        """What changes when the data may have changed without the TTL passing: a file's
        modification time and size, a folder's files'; empty for Google (the TTL decides)."""
        if self.path is None:
            return ""
        try:
            if self.path.is_dir():
                stamps = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                for p in self.path.iterdir() if p.is_file())
                return repr(stamps)
            stat = self.path.stat()
        except OSError:
            return "missing"
        return f"{stat.st_mtime_ns}:{stat.st_size}"


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One read of a source: the workbook with its Issues, when, and whether it is whole.

    ``version`` identifies the data (the same text: the same records) and keys every cache
    derived from it. Never modified once made.
    """

    ref: SourceRef
    workbook: Workbook
    read_at: dt.datetime
    version: str
    raw: RawRead | None = None  # the grids read, kept only when asked (closing a quarter)
    # Each file spreadsheet read (its resolved path) -> its modification time and size when
    # it was read: the report form refuses to rewrite a file that changed since.
    file_stamps: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    @property
    def partial(self) -> bool:
        """True when a spreadsheet came from its kept copy or could not be read."""
        return is_partial(self.workbook)

    @property
    def main_read_at(self) -> dt.datetime | None:
        """When the main spreadsheet's data were read (a kept copy's own time)."""
        return next((s.read_at for s in self.workbook.spreadsheets if s.main), None)


def _file_stamp(path: Path | None) -> tuple[int, int] | None:
    """A kept file's modification time and size (None when absent)."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _file_stamps(workbook: Workbook, main_stamp: tuple[int, int] | None
                 ) -> dict[str, tuple[int, int] | None]:
    """The stamp of every workbook file read: the main one's as taken before the read, a
    department file's as it is now (read a moment ago)."""
    stamps: dict[str, tuple[int, int] | None] = {}
    for sheet in workbook.spreadsheets:
        if sheet.kind != "file" or not sheet.location:
            continue
        stamps[sheet.location] = main_stamp if sheet.main else _file_stamp(Path(sheet.location))
    return stamps


def is_partial(workbook: Workbook) -> bool:
    """True when a spreadsheet came from its snapshot or could not be read."""
    return any(s.stale_note or not s.ok for s in workbook.spreadsheets)


class SnapshotStore(Protocol):
    """What is kept between reads so that a failed read never means a blank page: each
    Google spreadsheet's last good answer (``raw``: the Google source reads and writes it),
    the public projection of the last complete read, the closed quarters and the refresh
    worker's records. One store holds one council's copies (its ``council``): files in the
    state folder (:class:`FileSnapshotStore`) or rows in PostgreSQL
    (``odcore.stores.postgres``, chosen by :func:`store_for`)."""

    def raw(self, max_bytes: int) -> PayloadStore:
        """Where the Google source keeps each spreadsheet's last good answer."""

    def save_public(self, ref: SourceRef, view: PublicView, read_at: dt.datetime) -> None:
        """Keep the public projection of a complete read; OSError when it cannot."""

    def load_public(self, ref: SourceRef) -> PublicSnapshot | None:
        """The kept public projection, None when there is none or it is unusable (logged)."""

    def save_closed(self, ref: SourceRef, closed: ClosedQuarter) -> None:
        """Keep one close of a quarter beside the earlier ones; OSError when it cannot."""

    def list_closed(self, ref: SourceRef) -> list[ClosedQuarter]:
        """Every kept close, oldest first (unusable ones logged and left out)."""

    def load_closed(self, ref: SourceRef, quarter: Quarter) -> ClosedQuarter | None:
        """The close that serves a quarter (its latest), None when it is not closed."""

    def save_record(self, kind: str, name: str, data: dict[str, Any]) -> None:
        """Keep one JSON record (the refresh worker's state) in place of the previous one;
        ValueError for a kind that is not a short lowercase word or an empty or too long
        name, or data that are not a JSON object; OSError when it cannot be kept."""

    def load_record(self, kind: str, name: str) -> dict[str, Any] | None:
        """The record, None when there is none or it is unusable (logged)."""

    def list_records(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """Every usable record of ``kind`` as (name, data), by name."""


@dataclass(frozen=True)
class FileSnapshotStore:
    """Kept copies as private files in the state folder (``ODCORE_STATE_DIR``); a council
    other than the default keeps its own in ``councils/<id>`` there, so two councils' copies
    never mix. ValueError when ``council`` is not a slug."""

    folder: Path | None = None
    council: str = ""

    def __post_init__(self) -> None:
        council_id(self.council)

    @property
    def base(self) -> Path:
        """This council's state folder (resolved when used: ODCORE_STATE_DIR may change)."""
        root = self.folder or state_dir()
        council = council_id(self.council)
        return root if council == DEFAULT_COUNCIL else root / "councils" / council

    def raw(self, max_bytes: int) -> PayloadStore:
        return FilePayloadStore(self.base, max_bytes=max_bytes)

    def save_public(self, ref: SourceRef, view: PublicView, read_at: dt.datetime) -> None:
        save_public_snapshot(ref.store_id, view, read_at, self.base)

    def load_public(self, ref: SourceRef) -> PublicSnapshot | None:
        try:
            return load_public_snapshot(ref.store_id, self.base)
        except PublicSnapshotError as exc:
            log.warning("%s", exc)
            return None

    def save_closed(self, ref: SourceRef, closed: ClosedQuarter) -> None:
        save_close(closed_folder(ref.store_id, self.base), closed)

    def list_closed(self, ref: SourceRef) -> list[ClosedQuarter]:
        closes, problems = load_closes(closed_folder(ref.store_id, self.base))
        for problem in problems:
            log.warning("%s", problem)
        return closes

    def load_closed(self, ref: SourceRef, quarter: Quarter) -> ClosedQuarter | None:
        serving = [c for c in self.list_closed(ref) if c.quarter == quarter]
        return serving[-1] if serving else None

    def save_record(self, kind: str, name: str, data: dict[str, Any]) -> None:
        FileRecords(self.base).save(kind, name, data)

    def load_record(self, kind: str, name: str) -> dict[str, Any] | None:
        return FileRecords(self.base).load(kind, name)

    def list_records(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        return FileRecords(self.base).list(kind)


@dataclass(frozen=True)
class PublicServe:
    """What the public pages show: the projection, when its data were read, and whether it is
    the copy kept from an earlier complete read (this read failed or was partial)."""

    view: PublicView
    read_at: dt.datetime | None
    kept_copy: bool = False


@dataclass
class _Cached:
    snapshot: Snapshot
    key: tuple[str, int]
    partial_since: float | None = None


@dataclass
class DataService:
    """Reads one council's source and serves its snapshot, figures and public projection.

    ``open_source`` builds the Source for ``ref`` (the configuration layer knows the
    credentials); ``keep_public_copy`` keeps the public projection of every complete read
    and serves it when a read fails or is partial (public-only sites on Google Sheets).
    ``clock`` is monotonic seconds, injectable for tests.
    """

    ref: SourceRef
    settings: Settings
    open_source: Callable[[], Source]
    store: SnapshotStore = field(default_factory=FileSnapshotStore)
    keep_public_copy: bool = False
    prepare: Callable[[], None] | None = None  # e.g. write the demo workbook when absent
    google_cache: ReadCache | None = None  # what the Google source remembers between reads
    clock: Callable[[], float] = time.monotonic
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _cached: _Cached | None = field(default=None, init=False, repr=False)
    _reads: int = field(default=0, init=False, repr=False)
    _figures: OrderedDict[FiguresKey, Figures] = field(default_factory=OrderedDict, init=False,
                                                       repr=False)
    _public: dict[tuple[str, dt.date], PublicView] = field(default_factory=dict, init=False,
                                                           repr=False)
    _last_refresh: float | None = field(default=None, init=False, repr=False)
    # The portal work's kept records (docs/portal.md, "Content checks as an input"): read
    # from the state folder, again only when a file changed.
    portal_folder: Path | None = None
    _kept: tuple[tuple[object, ...], KeptPortal] | None = field(default=None, init=False,
                                                                 repr=False)
    _reconciling: threading.Thread | None = field(default=None, init=False, repr=False)
    _reconcile_error: str = field(default="", init=False, repr=False)
    _closes: tuple[int, dict[Quarter, ClosedQuarter]] | None = field(default=None, init=False,
                                                                     repr=False)

    def _cache_key(self) -> tuple[str, int]:
        bucket = int(time.time() // max(self.settings.cache_ttl_seconds, 1))
        return self.ref.fingerprint(), bucket

    def snapshot(self, *, keep_raw: bool = False) -> Snapshot:
        """The current snapshot: read again when the source changed, the TTL passed, or a
        partial read is older than ``failure_retry_seconds``; SourceError when unreadable.
        ``keep_raw`` asks for a snapshot that keeps the grids it was built from (read again
        when the cached one did not keep them)."""
        key = self._cache_key()
        with self._lock:
            cached = self._cached
            if (cached is not None and cached.key == key and not self._partial_expired(cached)
                    and (cached.snapshot.raw is not None or not keep_raw)):
                return cached.snapshot
            snapshot = self._read(key, keep_raw=keep_raw)
            now = self.clock()
            self._cached = _Cached(snapshot, key, now if snapshot.partial else None)
        if not snapshot.partial and self.keep_public_copy:
            self._keep_public(snapshot)
        return snapshot

    def _partial_expired(self, cached: _Cached) -> bool:
        if cached.partial_since is None:
            return False
        return self.clock() - cached.partial_since >= self.settings.failure_retry_seconds

    def _read(self, key: tuple[str, int], *, keep_raw: bool = False) -> Snapshot:
        if self.prepare is not None:
            self.prepare()
        source = self.open_source()
        # Taken before the read: a file saved while it is read then counts as changed.
        main_stamp = _file_stamp(self.ref.path) if self.ref.kind is SourceKind.WORKBOOK else None
        # The grids are kept only when asked: they would double what a snapshot holds.
        recorder = RecordingSource(source) if keep_raw else None
        workbook = load_workbook(recorder or source, self.settings)
        self._reads += 1
        version = f"{self.ref.store_id}|{key[0]}|{key[1]}|{self._reads}"
        return Snapshot(self.ref, workbook, dt.datetime.now(self.settings.tz), version,
                        raw=recorder.record if recorder is not None else None,
                        file_stamps=_file_stamps(workbook, main_stamp))

    @property
    def reads(self) -> int:
        """How many times the source was read (a benchmark and the tests count them)."""
        return self._reads

    def figures(self, snapshot: Snapshot, as_of: dt.date) -> Figures:
        """Every figure of ``snapshot`` at ``as_of``, built once per snapshot and date."""
        portal = self.kept_portal()
        key = FiguresKey.of(snapshot.version, as_of, self.settings, portal)
        with self._lock:
            found = self._figures.get(key)
            if found is not None:
                self._figures.move_to_end(key)
                return found
        built = build_figures(snapshot.workbook, as_of, self.settings, portal)
        with self._lock:
            self._figures[key] = built
            while len(self._figures) > FIGURES_KEPT:
                self._figures.popitem(last=False)
        return built

    # --- The portal work: run outside any page, kept, read by the figures ------------------

    @property
    def organization(self) -> str:
        """The council's organisation on the portal (``[odcore.council]``)."""
        return self.settings.council.portal_organization.strip()

    def _content_store(self) -> ContentStore:
        return ContentStore(self.portal_folder)

    def _reconciliation_store(self) -> ReconciliationStore:
        return ReconciliationStore(self.portal_folder)

    def _kept_paths(self) -> tuple[Path, Path | None]:
        try:
            reconciliation = (self._reconciliation_store().path(self.organization)
                              if self.organization else None)
        except ValueError:  # not a slug: nothing can be kept under it
            reconciliation = None
        return self._content_store().path(self.ref.store_id), reconciliation

    def kept_portal(self) -> KeptPortal:
        """The content run and the reconciliation last kept (either None when not kept)."""
        paths = self._kept_paths()
        stamp = tuple(_file_stamp(p) for p in paths)
        with self._lock:
            if self._kept is not None and self._kept[0] == stamp:
                return self._kept[1]
        content = self._content_store().load(self.ref.store_id)
        reconciliation = (self._reconciliation_store().load(self.organization)
                          if paths[1] is not None else None)
        kept = KeptPortal(content, reconciliation)
        with self._lock:
            self._kept = (stamp, kept)
        return kept

    def run_content_checks(self, snapshot: Snapshot, **options: Any) -> ContentRun:
        """Check every register row with a structure and a resource file, keep the result
        (OSError when it cannot be kept) and return it; the next figures count it."""
        from odcore.portal.content_runs import check_register

        run = check_register(snapshot.workbook.datasets, now=self.settings.now,
                             **options)
        self._content_store().save(self.ref.store_id, run)
        return run

    def run_reconciliation(self, snapshot: Snapshot, **options: Any) -> Reconciliation:
        """Reconcile the register with the portal now (bounded by the client's deadline) and
        keep the result; when the portal cannot be read, the last kept one with its note.
        PortalError without one; ValueError when the organisation is not a slug."""
        from odcore.portal.reconcile import reconcile_or_last

        return reconcile_or_last(snapshot.workbook.datasets, self.organization,
                                 store=self._reconciliation_store(),
                                 settings=self.settings, **options)

    def start_reconciliation(self, snapshot: Snapshot, **options: Any) -> bool:
        """Run :meth:`run_reconciliation` in a background thread; False when one is running
        already (one at a time per service). The pages read the kept result."""
        with self._lock:
            if self._reconciling is not None and self._reconciling.is_alive():
                return False
            self._reconcile_error = ""
            thread = threading.Thread(target=self._reconcile_in_background,
                                      args=(snapshot, options), daemon=True,
                                      name="odcore-reconcile")
            self._reconciling = thread
        thread.start()
        return True

    def _reconcile_in_background(self, snapshot: Snapshot, options: dict[str, Any]) -> None:
        from odcore.portal.ckan import PortalError

        try:
            self.run_reconciliation(snapshot, **options)
        except (PortalError, ValueError) as exc:
            with self._lock:
                self._reconcile_error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a background run must never die silently
            log.exception("reconciliation with the portal failed")
            with self._lock:
                self._reconcile_error = type(exc).__name__

    @property
    def reconciling(self) -> bool:
        """A reconciliation started here is still running."""
        with self._lock:
            return self._reconciling is not None and self._reconciling.is_alive()

    @property
    def reconcile_error(self) -> str:
        """Why the last background reconciliation produced nothing ("" when it did)."""
        with self._lock:
            return self._reconcile_error

    def wait_reconciliation(self, timeout: float | None = None) -> None:
        """Wait for a background reconciliation (the CLI and the tests)."""
        thread = self._reconciling
        if thread is not None:
            thread.join(timeout)

    def closed_quarters(self) -> dict[Quarter, ClosedQuarter]:
        """The close that serves each closed quarter, read from the store at most once per
        cache TTL (and again after :meth:`forget`, which a close made here calls)."""
        bucket = int(time.time() // max(self.settings.cache_ttl_seconds, 1))
        with self._lock:
            if self._closes is not None and self._closes[0] == bucket:
                return self._closes[1]
        closes = serving_closes(self.store.list_closed(self.ref))
        with self._lock:
            self._closes = (bucket, closes)
        return closes

    def issues(self, snapshot: Snapshot) -> list[Issue]:
        """Every Issue of the snapshot, as `check` reports them (they do not depend on as_of)."""
        return all_issues(snapshot.workbook, self.settings)

    def public(self, as_of: dt.date | None = None) -> PublicServe:
        """The public projection at ``as_of`` (today); the kept copy when this read failed or
        was partial and one is kept; SourceError when there is neither."""
        as_of = as_of or self.settings.today()
        try:
            snapshot = self.snapshot()
        except SourceError:
            kept = self._kept_public()
            if kept is None:
                raise
            return PublicServe(kept.view, kept.read_at, kept_copy=True)
        if snapshot.partial:
            kept = self._kept_public()
            if kept is not None:
                return PublicServe(kept.view, kept.read_at, kept_copy=True)
        return PublicServe(self._public_view(snapshot, as_of), snapshot.main_read_at)

    def _public_view(self, snapshot: Snapshot, as_of: dt.date) -> PublicView:
        key = (snapshot.version, as_of)
        with self._lock:
            found = self._public.get(key)
        if found is None:
            found = public_view(self.figures(snapshot, as_of))
            with self._lock:
                self._public = {k: v for k, v in self._public.items() if k[0] == key[0]}
                self._public[key] = found
        return found

    def _keep_public(self, snapshot: Snapshot) -> None:
        read_at = snapshot.main_read_at
        if read_at is None:
            return
        view = self._public_view(snapshot, self.settings.today())
        try:
            self.store.save_public(self.ref, view, read_at)
        except OSError as exc:
            log.warning("the public copy of %s was not kept: %s", self.ref.store_id, exc)

    def _kept_public(self) -> PublicSnapshot | None:
        if not self.keep_public_copy:
            return None
        return self.store.load_public(self.ref)

    def refresh_wait(self) -> float:
        """Seconds until «Оновити дані» works again (0 when it works now)."""
        with self._lock:
            last = self._last_refresh
        if last is None:
            return 0.0
        return max(0.0, self.settings.refresh_cooldown_seconds - (self.clock() - last))

    def refresh(self) -> bool:
        """«Оновити дані»: forget what Google answered and the snapshot, so the next call reads
        every spreadsheet again; False during the cooldown (no one may spend the quota)."""
        if self.refresh_wait() > 0:
            return False
        if self.google_cache is not None:
            self.google_cache.clear()
        self.forget()
        with self._lock:
            self._last_refresh = self.clock()
        return True

    def written(self) -> None:
        """The report form appended a row: forget what Google answered and the snapshot, so
        the next call reads the source again and shows the row (no cooldown: one write is
        one read, never a way to spend the quota)."""
        if self.google_cache is not None:
            self.google_cache.clear()
        self.forget()

    def forget(self) -> None:
        """Drop the cached snapshot and figures: the next call reads the source again."""
        with self._lock:
            self._cached = None
            self._figures.clear()
            self._public.clear()
            self._closes = None


def sheets_policy(settings: Settings) -> SheetsPolicy:
    """What the Google source is told of the settings and the contract's tabs."""
    return SheetsPolicy(tab_key=tab_key, limits=settings.read_limits(), tz=settings.tz,
                        cache_ttl_seconds=settings.cache_ttl_seconds,
                        failure_retry_seconds=settings.failure_retry_seconds,
                        refresh_deadline_seconds=settings.refresh_deadline_seconds)


def open_source(config: AppConfig, *, cache: ReadCache | None = None,
                store: SnapshotStore | None = None,
                sleep: Callable[[float], None] = time.sleep,
                clock: Callable[[], float] = time.monotonic,
                before_request: Callable[[], float] | None = None) -> Source:
    """The Source for the configured location, given only what it needs; SourceError when
    it cannot be used. ``cache``, ``store`` (the kept copies), ``sleep``, ``clock`` and
    ``before_request`` (the refresh worker's quota: called before every Google request, it
    returns the seconds it waited) are the Google source's. When the refresh worker is
    configured (``config.worker``) a Google source serves only the copies the worker kept
    and never calls Google."""
    ref = SourceRef.parse(config.source_location, is_demo=config.is_demo)
    if ref.is_google:
        from odcore.sources.gsheets import KeptSheetsSource, open_google_source

        policy = sheets_policy(config.settings)
        kept = (store or store_for(config.database_url)).raw(policy.limits.max_file_bytes)
        if config.worker:
            return KeptSheetsSource(ref.key, kept, policy)
        from odcore.sources.google_http import load_service_account

        account = load_service_account(config.gsheets_secrets,
                                       from_environment=not config.own_service_account)
        return open_google_source(ref.key, account,
                                  policy, store_snapshots=not config.public_only, cache=cache,
                                  snapshots=kept, sleep=sleep, clock=clock,
                                  before_request=before_request)
    assert ref.path is not None  # a file or folder reference has its path
    if ref.kind is SourceKind.CSV_FOLDER:
        from odcore.sources.csv_folder import CsvFolderSource

        return CsvFolderSource(ref.path, is_demo=config.is_demo,
                               limits=config.settings.read_limits())
    from odcore.sources.workbook_file import WorkbookFileSource

    if not ref.path.exists():
        raise SourceError(f"Файл не знайдено: {ref.path}")
    return WorkbookFileSource(ref.path, is_demo=config.is_demo,
                              limits=config.settings.read_limits())


def ensure_demo_workbook(path: Path) -> None:
    """Write the bundled demo workbook when it is absent (``make run`` writes it too)."""
    if not path.exists():
        from odcore.demo import write_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path)


def service_identity(config: AppConfig) -> str:
    """What a service depends on, as text: two configurations with the same identity may share
    one service (the council, the source, the demo flag, the public-only and worker modes,
    the settings, and a digest of the Google credentials, so that a new key is a new
    service). The council comes first: one council's data never serve another's pages."""
    credentials = json.dumps(config.gsheets_secrets, sort_keys=True, default=str)
    return json.dumps([config.council, config.source_location, config.is_demo,
                       config.public_only, config.worker, config.settings.model_dump_json(),
                       hashlib.sha256(credentials.encode("utf-8")).hexdigest(),
                       hashlib.sha256(config.database_url.encode("utf-8")).hexdigest()])


def store_for(database_url: str, council: str = "") -> SnapshotStore:
    """Where ``council``'s copies are kept: PostgreSQL at ``database_url`` (connected and
    migrated on first use), else files in the state folder. ValueError when ``council`` is
    not a slug."""
    if database_url.strip():
        from odcore.stores.postgres import PostgresSnapshotStore

        return PostgresSnapshotStore(database_url.strip(), council)
    return FileSnapshotStore(council=council)


def open_service(config: AppConfig, store: SnapshotStore | None = None) -> DataService:
    """The service for a configuration; SourceError when its location cannot be a source.

    The public projection is kept for public-only sites on Google Sheets (files do not go
    down that way, and an internal site shows the spreadsheets' own kept copies). Copies are
    kept where ``store`` says, else where :func:`store_for` puts the configured database's.
    """
    ref = SourceRef.parse(config.source_location, is_demo=config.is_demo)
    demo_path = ref.path if ref.is_demo else None
    cache = ReadCache() if ref.is_google else None
    kept = store or store_for(config.database_url, config.council)
    return DataService(
        ref, config.settings, lambda: open_source(config, cache=cache, store=kept),
        store=kept,
        keep_public_copy=config.public_only and ref.is_google,
        prepare=(lambda: ensure_demo_workbook(demo_path)) if demo_path is not None else None,
        google_cache=cache,
        # A council's portal work (content checks, reconciliation) is kept in its own state
        # folder (files, whichever store keeps the copies); the default council's is the
        # state folder itself, resolved when used.
        portal_folder=(FileSnapshotStore(council=config.council).base
                       if council_id(config.council) != DEFAULT_COUNCIL else None),
    )
