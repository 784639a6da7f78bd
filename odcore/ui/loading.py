"""The pages' door to the data service: one service per configuration, shared by every page
and visitor, and what a page shows when reading fails.

When to read, how long a read stays valid, what a partial read means and when the kept
public copy serves are the service's rules (:mod:`odcore.service`); this module only keeps
one :class:`~odcore.service.DataService` per configuration in ``st.cache_resource`` and
turns failures into messages. When reading fails the page shows one clear Ukrainian
message, never a traceback; in public mode it shows no reason at all. A configuration that cannot be used (docs/public-export.md, "When the
settings are broken") is named in full, with its file, key and value, only on internal pages
that its access flags still allow; a public page shows a neutral notice, and the full
message goes to the server log once.

The service builds one Figures per snapshot, as_of and settings (:func:`current_figures`);
the plan, datasets and public pages derive their views from that one object. Public pages
take their data through :func:`require_public_view`: in public-only mode on a Google source,
when a read fails or leaves a spreadsheet out, the public projection kept from the last
complete read is served with its date, so a public site never goes blank when Google is down.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import streamlit as st

from odcore.bench_stats import write_bench_stats
from odcore.config import AppConfig, ConfigError, load_config, log_once, secrets_paths
from odcore.councils import council_config
from odcore.figures import Figures
from odcore.public import PublicView
from odcore.roles import AccessFlags
from odcore.service import DataService, PublicServe, Snapshot, open_service, service_identity
from odcore.sources.base import SourceError
from odcore.textsafe import escape_markdown
from odcore.ui.council import chosen_council, deployment_councils
from odcore.ui.i18n import t
from odcore.ui.plan_view import PlanView, plan_view
from odcore.workbook import Workbook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedWorkbook:
    """The configuration, the service that read the data, and the snapshot it served."""

    config: AppConfig
    service: DataService
    snapshot: Snapshot

    @property
    def workbook(self) -> Workbook:
        return self.snapshot.workbook


@dataclass(frozen=True)
class PublicData:
    """What the public pages show: the projection, the day its data were read, and whether it
    is the copy kept from an earlier read (the source could not be read now)."""

    config: AppConfig
    view: PublicView
    data_date: dt.date | None
    kept_copy: bool = False


def _config_or_error() -> AppConfig | ConfigError:
    try:
        return _council_or_single_config()
    except ConfigError as exc:
        log_once(log, logging.ERROR, f"configuration error: {exc}")
        return exc


def _council_or_single_config() -> AppConfig:
    """The configuration of the URL's council in a multi-council deployment (a bad councils
    file or an unknown council is a ConfigError with the deployment's access flags), else the
    single council's."""
    base = load_config()
    councils = deployment_councils()
    if councils is None:
        return base
    if isinstance(councils, ConfigError):
        raise ConfigError(str(councils), base.access)
    council = chosen_council()
    if council is None:
        return base
    try:
        return council_config(base, councils, council)
    except ConfigError as exc:
        raise ConfigError(str(exc), base.access) from None


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


def viewer_is_internal() -> bool:
    """True when this run's viewer gets the internal pages (the access flags without sign-in,
    the role with it): only they are told why reading or the settings failed."""
    # Imported here: the viewer needs this module to read the departments.
    from odcore.ui.signin import current_viewer

    return current_viewer().internal


def show_config_failure(*, internal: bool) -> None:
    """Why the configuration cannot be used: in full (file, key, value) on an internal page
    that the access flags allow, else a neutral notice that names no setting or value."""
    if not (internal and viewer_is_internal()):
        st.warning(t("load.config_unavailable"))
        return
    st.error(t("load.config_error"))
    reason = config_error_text()
    if reason:
        st.markdown(escape_markdown(reason))
    st.caption(t("load.see_log"))


def _show_failure(config: AppConfig, title_key: str, detail: str) -> None:
    if not viewer_is_internal():
        st.warning(t("load.unavailable"))
        return
    st.error(t(title_key))
    if detail:
        st.markdown(escape_markdown(detail))
    st.caption(t("load.fix_hint"))


def _log_only(config: AppConfig, title_key: str, detail: str) -> None:
    """Failures are logged where they happen; nothing is shown."""


@st.cache_resource(max_entries=16, show_spinner=False)
def _service(identity: str, _config: AppConfig) -> DataService:
    # identity (service_identity) is the cache key; _config is the configuration it names.
    return open_service(_config)


def service_for(config: AppConfig) -> DataService:
    """The one service of this configuration in this process; SourceError when its location
    cannot be a source."""
    return _service(service_identity(config), config)


def _load(config: AppConfig) -> LoadedWorkbook | tuple[str, str]:
    """The loaded workbook, or the failure (a message key and its detail), logged."""
    try:
        service = service_for(config)
        with st.spinner(t("load.spinner")):
            snapshot = service.snapshot()
    except (SourceError, ConfigError) as exc:
        log.warning("source %s could not be read: %s", config.source_location, exc)
        return "load.source_error", str(exc)
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback
        log.exception("reading %s failed", config.source_location)
        return "load.internal_error", ""
    write_bench_stats(service.reads)  # only when ODCORE_BENCH_STATS is set (bench_load)
    return LoadedWorkbook(config, service, snapshot)


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


def current_figures(loaded: LoadedWorkbook, as_of: dt.date) -> Figures:
    """Every figure at as_of, computed once per snapshot, date and settings."""
    return loaded.service.figures(loaded.snapshot, as_of)


def current_plan_view(loaded: LoadedWorkbook, as_of: dt.date) -> PlanView:
    """The plan pages' view of the figures at as_of."""
    return plan_view(current_figures(loaded, as_of), loaded.service.closed_quarters())


def data_date(loaded: LoadedWorkbook) -> dt.date | None:
    """The day the main spreadsheet was read, in the council's time zone."""
    read_at = loaded.snapshot.main_read_at
    return local_day(read_at, loaded.config) if read_at is not None else None


def local_day(moment: dt.datetime, config: AppConfig) -> dt.date:
    """The day of a moment in the council's time zone (a naive one is taken as local)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(config.settings.tz)
    return moment.date()


def _public_serve(config: AppConfig) -> PublicServe | tuple[str, str]:
    """What the public pages show today, or the failure (a message key and its detail)."""
    try:
        with st.spinner(t("load.spinner")):
            return service_for(config).public(config.settings.today())
    except (SourceError, ConfigError) as exc:
        log.warning("source %s could not be read: %s", config.source_location, exc)
        return "load.source_error", str(exc)
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback
        log.exception("reading %s failed", config.source_location)
        return "load.internal_error", ""


def public_data_date(config: AppConfig) -> dt.date | None:
    """The day of the data the public pages show (the kept copy's when that serves)."""
    served = _public_serve(config)
    if isinstance(served, tuple) or served.read_at is None:
        return None
    return local_day(served.read_at, config)


def require_public_view() -> PublicData:
    """For public pages: the public projection at today's date, or stop the page after the
    failure message. In public-only mode a failed or partial read serves the kept copy."""
    config = app_config()
    if config is None:
        show_config_failure(internal=False)  # a public page never names a setting
        st.stop()
    served = _public_serve(config)
    if isinstance(served, tuple):
        _show_failure(config, *served)
        st.stop()
    day = local_day(served.read_at, config) if served.read_at is not None else None
    if served.kept_copy and day is not None:
        st.info(t("load.kept_copy", date=day.strftime("%d.%m.%Y")))
    return PublicData(config, served.view, day, kept_copy=served.kept_copy)


def clear_cached_reads() -> None:
    """Forget every service, with its snapshot and figures: the next run reads again."""
    _service.clear()
