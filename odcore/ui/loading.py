"""Reading the configured workbook once per change, shared by every page and visitor.

The workbook is cached with ``st.cache_resource`` (one object for all sessions; the rules
never modify it), keyed by the location, a fingerprint of the source and the settings. A
file's fingerprint is its modification time and size, so a saved edit shows up on the next
rerun; every source also expires after ``cache_ttl_seconds`` (linked department workbooks,
Google Sheets). A failed read is not cached. When reading fails the page shows one clear
Ukrainian message, never a traceback; in public mode it shows no reason at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from odcore.access import internal_allowed
from odcore.config import (
    AppConfig,
    ConfigError,
    ensure_demo_workbook,
    is_google_location,
    load_config,
    open_source,
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


def app_config() -> AppConfig | None:
    """The configuration, or None (logged) when it cannot be used: the app then fails closed."""
    try:
        return load_config()
    except ConfigError as exc:
        log.warning("configuration error: %s", exc)
        return None


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
def _read_workbook(location: str, fingerprint: str, settings_json: str,
                   _config: AppConfig) -> Workbook:
    # location, fingerprint and settings_json form the cache key; _config is not hashed.
    return load_workbook(open_source(_config), _config.settings)


def _show_failure(config: AppConfig | None, title_key: str, detail: str) -> None:
    if config is None:
        # The mode is unknown, so no detail: the message is in the server log.
        st.error(t("load.config_error"))
        st.caption(t("load.see_log"))
        return
    if not internal_allowed(config):
        st.warning(t("load.unavailable"))
        return
    st.error(t(title_key))
    if detail:
        st.markdown(escape_markdown(detail))
    st.caption(t("load.fix_hint"))


def _log_only(config: AppConfig | None, title_key: str, detail: str) -> None:
    """Failures are logged where they happen; nothing is shown."""


def load_current(*, report: bool = True) -> LoadedWorkbook | None:
    """The workbook of the configured source, or None after showing why it failed.

    ``report=False`` (the sidebar) only logs a failure; the page shows it.
    """
    config = app_config()
    show = _show_failure if report else _log_only
    if config is None:
        show(None, "load.config_error", "")
        return None
    try:
        if config.is_demo:
            ensure_demo_workbook(Path(config.source_location))
        fingerprint = _source_fingerprint(config)
        with st.spinner(t("load.spinner")):
            workbook = _read_workbook(config.source_location, fingerprint,
                                      config.settings.model_dump_json(), config)
    except (SourceError, ConfigError) as exc:
        log.warning("source %s could not be read: %s", config.source_location, exc)
        show(config, "load.source_error", str(exc))
        return None
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback
        log.exception("reading %s failed", config.source_location)
        show(config, "load.internal_error", "")
        return None
    return LoadedWorkbook(config, workbook, f"{config.source_location}|{fingerprint}")


def require_workbook() -> LoadedWorkbook:
    """For pages: the loaded workbook, or stop the page after the failure message."""
    loaded = load_current()
    if loaded is None:
        st.stop()
    return loaded


@st.cache_resource(max_entries=32, show_spinner=False)
def _cached_plan_view(fingerprint: str, as_of: dt.date, settings_json: str,
                      _loaded: LoadedWorkbook) -> PlanView:
    return plan_view(_loaded.workbook, as_of, _loaded.config.settings)


def current_plan_view(loaded: LoadedWorkbook, as_of: dt.date) -> PlanView:
    """The plan's figures at as_of, computed once per workbook version and date."""
    return _cached_plan_view(loaded.fingerprint, as_of, loaded.config.settings.model_dump_json(),
                             loaded)


def clear_cached_reads() -> None:
    """Forget every cached workbook and the figures computed from it."""
    _read_workbook.clear()
    _cached_plan_view.clear()
