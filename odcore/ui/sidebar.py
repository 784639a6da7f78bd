"""The sidebar: the language switch, who is signed in with which role (and the sign-in and
sign-out buttons), which source is in use and when it was read.

Internal pages also say when ODCORE_SHEETS_ENDPOINT sends Google requests to a test server.
The refresh button is a coordinator's (without sign-in: every visitor of an internal site).
"""

from __future__ import annotations

import datetime as dt
import math

import streamlit as st

from odcore.access import PageKey
from odcore.roles import Viewer
from odcore.settings import Settings
from odcore.sources.google_http import ENDPOINT_ENV, test_server_address
from odcore.textsafe import escape_markdown
from odcore.ui.i18n import language_switch, t, t_plain
from odcore.ui.loading import LoadedWorkbook, app_config, public_data_date
from odcore.ui.navigation import script_path
from odcore.ui.signin import sign_in_block
from odcore.workbook import SpreadsheetInfo


def format_moment(moment: dt.datetime, settings: Settings) -> str:
    """``01.12.2026 08:58`` in the council's time zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(settings.tz)
    return moment.strftime("%d.%m.%Y %H:%M")


def _sheet_line(sheet: SpreadsheetInfo, settings: Settings) -> str:
    when = (t("sidebar.read_at", when=format_moment(sheet.read_at, settings))
            if sheet.ok and sheet.read_at is not None else t("sidebar.not_read"))
    line = f"**{escape_markdown(sheet.name)}** · {when}"
    if sheet.department:
        line += "  \n" + t("sidebar.department_sheet", department=sheet.department)
    return line


def refresh_button(loaded: LoadedWorkbook) -> None:
    """«Оновити дані»: read every spreadsheet again, at most once per cooldown (coordinators
    only, so no visitor can spend the Google quota); the service keeps the cooldown."""
    if not st.button(t("sidebar.refresh"), icon=":material/refresh:"):
        return
    if loaded.service.refresh():
        st.rerun()
    st.caption(t("sidebar.refresh_wait", seconds=math.ceil(loaded.service.refresh_wait())))


def _public_date(loaded: LoadedWorkbook | None) -> None:
    """The day of the data the public pages show: the read's, or that of the kept public copy
    when the read failed or left a spreadsheet out (as :func:`require_public_view` does)."""
    config = loaded.config if loaded is not None else app_config()
    day = public_data_date(config) if config is not None else None
    if day is not None:
        st.caption(t("sidebar.data_as_of", date=day.strftime("%d.%m.%Y")))


def council_block(name: str) -> None:
    """Whose dashboard this is, and the way back to every hromada (multi-council)."""
    st.markdown(t("sidebar.council", name=name))
    st.page_link(str(script_path(PageKey.OBLAST)), label=t_plain("sidebar.all_councils"),
                 icon=":material/map:")


def render_sidebar(loaded: LoadedWorkbook | None, *, viewer: Viewer) -> None:
    """Internal mode names the source and every spreadsheet; public mode only the data date."""
    internal = viewer.internal
    with st.sidebar:
        language_switch()
        sign_in_block(viewer, loaded.config if loaded is not None else app_config())
        if loaded is not None and loaded.config.council:
            council_block(loaded.config.settings.council.name)
        if internal:
            server = test_server_address()
            if server:
                st.warning(t("sidebar.test_server", server=server, variable=ENDPOINT_ENV),
                           icon=":material/science:")
        if not internal:
            _public_date(loaded)
            return
        if loaded is None:
            return
        settings = loaded.config.settings
        main = [s for s in loaded.workbook.spreadsheets if s.main]
        linked = [s for s in loaded.workbook.spreadsheets if not s.main]
        st.caption(t("sidebar.source"))
        if loaded.workbook.source_label not in {s.name for s in main}:
            st.markdown(escape_markdown(loaded.workbook.source_label))
        if loaded.workbook.is_demo:
            st.info(t("sidebar.demo"))
        for sheet in main:
            st.markdown(_sheet_line(sheet, settings))
            if sheet.stale_note:
                st.warning(escape_markdown(sheet.stale_note))
        if viewer.coordinator:
            refresh_button(loaded)
        if linked:
            with st.expander(t("sidebar.linked", count=len(linked))):
                for sheet in linked:
                    st.markdown(_sheet_line(sheet, settings))
                    if sheet.stale_note:
                        st.warning(escape_markdown(sheet.stale_note))
