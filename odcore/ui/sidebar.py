"""The sidebar: which source is in use and when it was read, and the language switch."""

from __future__ import annotations

import datetime as dt
import math

import streamlit as st

from odcore.settings import Settings
from odcore.textsafe import escape_markdown
from odcore.ui.i18n import language_switch, t
from odcore.ui.loading import LoadedWorkbook, clear_cached_reads
from odcore.workbook import SpreadsheetInfo


def format_moment(moment: dt.datetime, settings: Settings) -> str:
    """``01.12.2026 08:58`` in the council's time zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(settings.tz)
    return moment.strftime("%d.%m.%Y %H:%M")


def data_date(loaded: LoadedWorkbook) -> dt.date | None:
    """The day the main spreadsheet was read, in the council's time zone."""
    for sheet in loaded.workbook.spreadsheets:
        if sheet.main and sheet.read_at is not None:
            moment = sheet.read_at
            if moment.tzinfo is not None:
                moment = moment.astimezone(loaded.config.settings.tz)
            return moment.date()
    return None


def _sheet_line(sheet: SpreadsheetInfo, settings: Settings) -> str:
    when = (t("sidebar.read_at", when=format_moment(sheet.read_at, settings))
            if sheet.ok and sheet.read_at is not None else t("sidebar.not_read"))
    line = f"**{escape_markdown(sheet.name)}** · {when}"
    if sheet.department:
        line += "  \n" + t("sidebar.department_sheet", department=sheet.department)
    return line


def refresh_button(settings: Settings) -> None:
    """«Оновити дані»: read every spreadsheet again, at most once per cooldown (internal only,
    so no visitor can spend the Google quota)."""
    if not st.button(t("sidebar.refresh"), icon=":material/refresh:"):
        return
    # Imported on click: the Google client is heavy and most clicks are rare.
    from odcore.sources.gsheets import refresh_data, refresh_wait_seconds

    if refresh_data(settings):
        clear_cached_reads()
        st.rerun()
    st.caption(t("sidebar.refresh_wait", seconds=math.ceil(refresh_wait_seconds(settings))))


def render_sidebar(loaded: LoadedWorkbook | None, *, internal: bool) -> None:
    """Internal mode names the source and every spreadsheet; public mode only the data date."""
    with st.sidebar:
        language_switch()
        if loaded is None:
            return
        if not internal:
            day = data_date(loaded)
            if day is not None:
                st.caption(t("sidebar.data_as_of", date=day.strftime("%d.%m.%Y")))
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
        refresh_button(settings)
        if linked:
            with st.expander(t("sidebar.linked", count=len(linked))):
                for sheet in linked:
                    st.markdown(_sheet_line(sheet, settings))
                    if sheet.stale_note:
                        st.warning(escape_markdown(sheet.stale_note))
