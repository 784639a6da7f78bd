"""Reading the configured workbook once per change, shared by every page and visitor.

The workbook is cached with ``st.cache_resource`` (one object for all sessions; the rules
never modify it), keyed by the location, a fingerprint of the source and the settings. A
file's fingerprint is its modification time and size, so a saved edit shows up on the next
rerun; every source also expires after ``cache_ttl_seconds`` (linked department workbooks,
Google Sheets). A failed read is not cached, and a read in which a spreadsheet was served
from its snapshot or not read at all is kept only ``failure_retry_seconds``. When reading
fails the page shows one clear Ukrainian message, never a traceback; in public mode it shows
no reason at all. A configuration that cannot be used (docs/public-export.md, "When the
settings are broken") is named in full, with its file, key and value, only on internal pages
that its access flags still allow; a public page shows a neutral notice, and the full
message goes to the server log once.

The figures (odcore.figures) are cached the same way, one Figures per workbook version, as_of
and settings (:func:`current_figures`); the plan, datasets and public pages derive their views
from that one object.

Public pages take their data through :func:`require_public_view`. In public-only mode on a
Google source every read in which each spreadsheet was read fresh stores the public
projection (:mod:`odcore.public_snapshot`), and when a read fails, or leaves a spreadsheet
out, the last stored projection is served with its date, so a public site never goes blank
when Google is down.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from odcore.access import internal_allowed
from odcore.config import (
    AccessFlags,
    AppConfig,
    ConfigError,
    ensure_demo_workbook,
    is_google_location,
    load_config,
    open_source,
    secrets_paths,
)
from odcore.figures import Figures, FiguresKey, build_figures
from odcore.public import PublicView, public_view
from odcore.public_snapshot import (
    PublicSnapshot,
    PublicSnapshotError,
    load_public_snapshot,
    save_public_snapshot,
)
from odcore.sources.base import SourceError
from odcore.textsafe import escape_markdown
from odcore.ui.i18n import t
from odcore.ui.plan_view import PlanView, plan_view
from odcore.workbook import Workbook, load_workbook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedWorkbook:
    """The configuration and the workbook read with it; ``fingerprint`` keys derived caches."""

    config: AppConfig
    workbook: Workbook
    fingerprint: str


@dataclass(frozen=True)
class PublicData:
    """What the public pages show: the projection, the day its data were read, and whether it
    is the copy kept from an earlier read (the source could not be read now)."""

    config: AppConfig
    view: PublicView
    data_date: dt.date | None
    kept_copy: bool = False


# Configuration errors already written to the log: the app loads the configuration several
# times on every rerun, and one broken file should be one log line, not thousands.
_logged_config_errors: set[str] = set()


def _config_or_error() -> AppConfig | ConfigError:
    try:
        return load_config()
    except ConfigError as exc:
        message = str(exc)
        if message not in _logged_config_errors:
            _logged_config_errors.add(message)
            log.error("configuration error: %s", message)
        return exc


def app_config() -> AppConfig | None:
    """The configuration, or None (logged) when it cannot be used: the app then fails closed."""
    found = _config_or_error()
    return found if isinstance(found, AppConfig) else None


def page_access() -> AppConfig | AccessFlags | None:
    """What decides the pages: the configuration, or when it cannot be used the access flags
    that could still be resolved (None when nothing is known: only public pages)."""
    found = _config_or_error()
    return found.access if isinstance(found, ConfigError) else found


def config_error_text() -> str:
    """Why the configuration cannot be used, naming the file and the line, with no folder
    (the full message, with the server's paths, is in the log)."""
    found = _config_or_error()
    if not isinstance(found, ConfigError):
        return ""
    text = str(found)
    for path in secrets_paths():
        text = text.replace(str(path), f"{path.parent.name}/{path.name}")
    return text


def _source_fingerprint(config: AppConfig) -> str:
    bucket = int(time.time() // max(config.settings.cache_ttl_seconds, 1))
    location = config.source_location
    if is_google_location(location):
        return f"{bucket}"
    path = Path(location).expanduser()
    try:
        if path.is_dir():
            stamps = [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in path.iterdir()
                      if p.is_file()]
            return f"{bucket}:{sorted(stamps)}"
        stat = path.stat()
    except OSError:
        return f"{bucket}:missing"
    return f"{bucket}:{stat.st_mtime_ns}:{stat.st_size}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _read_workbook(location: str, fingerprint: str, settings_json: str, is_demo: bool,
                   _config: AppConfig) -> Workbook:
    # location, fingerprint, settings_json and is_demo form the cache key (the same file read
    # as the bundled demo and through ODCORE_SOURCE differ: only one is the demo); _config is
    # not hashed.
    return load_workbook(open_source(_config), _config.settings)


# When a cached read first served a snapshot or missed a spreadsheet (monotonic seconds), by
# its cache key: after failure_retry_seconds the entry is dropped and the source asked again.
_PARTIAL_SINCE: dict[tuple[str, str, str, bool], float] = {}
_PARTIAL_LOCK = threading.Lock()


def is_partial(workbook: Workbook) -> bool:
    """True when a spreadsheet came from its snapshot or could not be read."""
    return any(s.stale_note or not s.ok for s in workbook.spreadsheets)


def _cached_read(config: AppConfig, fingerprint: str) -> Workbook:
    """The cached workbook; a partial one is read again once failure_retry_seconds pass."""
    args = (config.source_location, fingerprint, config.settings.model_dump_json(),
            config.is_demo)
    workbook = _read_workbook(*args, config)
    if is_partial(workbook) and _partial_expired(args, config.settings.failure_retry_seconds):
        _read_workbook.clear(*args, config)
        workbook = _read_workbook(*args, config)
        if is_partial(workbook):
            _partial_expired(args, config.settings.failure_retry_seconds)  # starts its window
    return workbook


def _partial_expired(args: tuple[str, str, str, bool], window: float) -> bool:
    """Whether the partial read cached under ``args`` is older than ``window`` seconds (its
    first sighting starts the window; an expired one is forgotten)."""
    now = time.monotonic()
    with _PARTIAL_LOCK:
        for old in [k for k in _PARTIAL_SINCE if k[0] == args[0] and k != args]:
            del _PARTIAL_SINCE[old]  # an earlier fingerprint of the same source
        since = _PARTIAL_SINCE.get(args)
        if since is None:
            _PARTIAL_SINCE[args] = now
            return False
        if now - since < window:
            return False
        del _PARTIAL_SINCE[args]
        return True


def show_config_failure(*, internal: bool) -> None:
    """Why the configuration cannot be used: in full (file, key, value) on an internal page
    that the access flags allow, else a neutral notice that names no setting or value."""
    if not (internal and internal_allowed(page_access())):
        st.warning(t("load.config_unavailable"))
        return
    st.error(t("load.config_error"))
    reason = config_error_text()
    if reason:
        st.markdown(escape_markdown(reason))
    st.caption(t("load.see_log"))


def _show_failure(config: AppConfig, title_key: str, detail: str) -> None:
    if not internal_allowed(config):
        st.warning(t("load.unavailable"))
        return
    st.error(t(title_key))
    if detail:
        st.markdown(escape_markdown(detail))
    st.caption(t("load.fix_hint"))


def _log_only(config: AppConfig, title_key: str, detail: str) -> None:
    """Failures are logged where they happen; nothing is shown."""


def _load(config: AppConfig) -> LoadedWorkbook | tuple[str, str]:
    """The loaded workbook, or the failure (a message key and its detail), logged."""
    try:
        if config.is_demo:
            ensure_demo_workbook(Path(config.source_location))
        fingerprint = _source_fingerprint(config)
        with st.spinner(t("load.spinner")):
            workbook = _cached_read(config, fingerprint)
    except (SourceError, ConfigError) as exc:
        log.warning("source %s could not be read: %s", config.source_location, exc)
        return "load.source_error", str(exc)
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback
        log.exception("reading %s failed", config.source_location)
        return "load.internal_error", ""
    return LoadedWorkbook(config, workbook, f"{config.source_location}|{fingerprint}")


def load_current(*, report: bool = True) -> LoadedWorkbook | None:
    """The workbook of the configured source, or None after showing why it failed.

    ``report=False`` (the sidebar) only logs a failure; the page shows it.
    """
    config = app_config()
    if config is None:
        if report:
            show_config_failure(internal=True)
        return None
    show = _show_failure if report else _log_only
    loaded = _load(config)
    if isinstance(loaded, tuple):
        show(config, *loaded)
        return None
    return loaded


def require_workbook() -> LoadedWorkbook:
    """For pages: the loaded workbook, or stop the page after the failure message."""
    loaded = load_current()
    if loaded is None:
        st.stop()
    return loaded


@st.cache_resource(max_entries=32, show_spinner=False)
def _cached_figures(key: FiguresKey, _loaded: LoadedWorkbook) -> Figures:
    # key (snapshot, as_of, settings) is hashed; _loaded is the workbook that key names.
    return build_figures(_loaded.workbook, key.as_of, _loaded.config.settings)


def figures_key(loaded: LoadedWorkbook, as_of: dt.date) -> FiguresKey:
    """The cache key of the figures of this workbook version at as_of."""
    return FiguresKey.of(loaded.fingerprint, as_of, loaded.config.settings)


def current_figures(loaded: LoadedWorkbook, as_of: dt.date) -> Figures:
    """Every figure at as_of, computed once per workbook version, date and settings."""
    return _cached_figures(figures_key(loaded, as_of), loaded)


def current_plan_view(loaded: LoadedWorkbook, as_of: dt.date) -> PlanView:
    """The plan pages' view of the figures at as_of."""
    return plan_view(current_figures(loaded, as_of))


def data_date(loaded: LoadedWorkbook) -> dt.date | None:
    """The day the main spreadsheet was read, in the council's time zone."""
    for sheet in loaded.workbook.spreadsheets:
        if sheet.main and sheet.read_at is not None:
            return local_day(sheet.read_at, loaded.config)
    return None


def local_day(moment: dt.datetime, config: AppConfig) -> dt.date:
    """The day of a moment in the council's time zone (a naive one is taken as local)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(config.settings.tz)
    return moment.date()


def keeps_public_copy(config: AppConfig) -> bool:
    """Public-only mode on Google Sheets: the public projection is kept (never the raw rows,
    which the Google source then does not store)."""
    return config.public_only and is_google_location(config.source_location)


@st.cache_resource(max_entries=8, show_spinner=False)
def _cached_public_view(key: FiguresKey, _loaded: LoadedWorkbook) -> PublicView:
    view = public_view(current_figures(_loaded, key.as_of))
    config = _loaded.config
    main_read = next((s.read_at for s in _loaded.workbook.spreadsheets if s.main), None)
    if keeps_public_copy(config) and not is_partial(_loaded.workbook) and main_read:
        try:
            save_public_snapshot(config.source_location, view, main_read)
        except OSError as exc:
            log.warning("the public copy of %s was not kept: %s", config.source_location, exc)
    return view


def kept_public_copy(config: AppConfig) -> PublicSnapshot | None:
    """The public projection kept from the last complete read (public-only mode), if any."""
    if not keeps_public_copy(config):
        return None
    try:
        return load_public_snapshot(config.source_location)
    except PublicSnapshotError as exc:
        log.warning("%s", exc)
        return None


def kept_copy_to_serve(config: AppConfig, loaded: LoadedWorkbook | None) -> PublicSnapshot | None:
    """The kept public copy that public pages show instead of this read: when the read failed
    (``loaded`` is None) or left a spreadsheet out, and a copy is kept."""
    if loaded is not None and not is_partial(loaded.workbook):
        return None
    return kept_public_copy(config)


def _kept(config: AppConfig, kept: PublicSnapshot) -> PublicData:
    day = local_day(kept.read_at, config)
    st.info(t("load.kept_copy", date=day.strftime("%d.%m.%Y")))
    return PublicData(config, kept.view, day, kept_copy=True)


def require_public_view() -> PublicData:
    """For public pages: the public projection at today's date, or stop the page after the
    failure message. In public-only mode a failed or partial read serves the kept copy."""
    config = app_config()
    if config is None:
        show_config_failure(internal=False)  # a public page never names a setting
        st.stop()
    loaded = _load(config)
    kept = kept_copy_to_serve(config, loaded if isinstance(loaded, LoadedWorkbook) else None)
    if kept is not None:
        return _kept(config, kept)
    if isinstance(loaded, tuple):
        _show_failure(config, *loaded)
        st.stop()
    view = _cached_public_view(figures_key(loaded, config.settings.today()), loaded)
    return PublicData(config, view, data_date(loaded))


def clear_cached_reads() -> None:
    """Forget every cached workbook and the figures computed from it."""
    _read_workbook.clear()
    _cached_figures.clear()
    _cached_public_view.clear()
    with _PARTIAL_LOCK:
        _PARTIAL_SINCE.clear()
