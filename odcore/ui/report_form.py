"""The report form of «Мій підрозділ» and the department's latest reports (docs/report-form.md).

Widgets only: what may be reported and the writing are odcore.report_form and
odcore.report_append.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from odcore.audit import audit_report
from odcore.personal import Redactor
from odcore.report_append import (
    FileChanged,
    GoogleReports,
    ReportTarget,
    report_target,
    submit_report,
    writer_api,
)
from odcore.report_form import (
    ReportDraft,
    ReportRefused,
    department_tasks,
    may_report,
    new_report_id,
    report_periods,
    status_choices,
)
from odcore.roles import Viewer
from odcore.schema.models import Report
from odcore.sources.base import SourceError
from odcore.text import normalize_name
from odcore.textsafe import escape_markdown
from odcore.ui.format import format_date, format_quarter, format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import LoadedWorkbook

RECENT_SHOWN = 10
_FLASH = "report_form.flash"  # the outcome, shown after the page reran with the new data
_STAMPS = "report_form.stamps"  # the files' stamps when the form was drawn
_PENDING = "report_form.pending"  # (department, draft, id) of a submission not confirmed


def report_section(loaded: LoadedWorkbook, viewer: Viewer, department: str,
                   shown: Redactor) -> None:
    """The form (for who may report for ``department``) and its latest reports."""
    st.subheader(t("report_form.title"))
    flash = st.session_state.pop(_FLASH, None)
    if flash is not None:
        for kind, text in flash:
            getattr(st, kind)(text)
    if loaded.config.public_only or not may_report(viewer, department):
        st.caption(t("report_form.not_allowed"))
    else:
        _form(loaded, viewer, department)
    recent_reports(loaded, department, shown)


def _form(loaded: LoadedWorkbook, viewer: Viewer, department: str) -> None:
    settings = loaded.config.settings
    language = current_language()
    tasks = department_tasks(loaded.workbook, settings, department)
    if not tasks:
        st.info(t("report_form.no_tasks"))
        return
    try:
        target = report_target(loaded.workbook, department)
    except ReportRefused as exc:
        st.warning(escape_markdown(" ".join(exc.lines)))
        return
    st.caption(t("report_form.intro", place=target.place))
    titles = {task.code: task.task for task in tasks}
    periods = report_periods(settings, settings.today())
    with st.form("report_form", clear_on_submit=False):
        code = st.selectbox(t_plain("report_form.task"), list(titles), key="report_form.task",
                            format_func=lambda c: _short(f"{c} — {titles[c]}"))
        period = st.selectbox(t_plain("report_form.period"), periods, index=0,
                              key="report_form.period",
                              format_func=lambda q: format_quarter(q, language))
        status = st.selectbox(t_plain("report_form.status"), status_choices(), index=None,
                              key="report_form.status",
                              placeholder=t_plain("report_form.status_placeholder"))
        progress = st.number_input(t_plain("report_form.progress"), min_value=0.0,
                                   max_value=100.0, value=None, step=5.0,
                                   key="report_form.progress",
                                   help=t_plain("report_form.progress_help"))
        evidence = st.text_input(t_plain("report_form.evidence"), key="report_form.evidence")
        comment = st.text_area(t_plain("report_form.comment"), key="report_form.comment")
        asked = st.form_submit_button(t_plain("report_form.submit"))
    if asked and code is not None and period is not None:
        draft = ReportDraft(code, str(period), status or "", progress, evidence, comment)
        _submit(loaded, viewer, department, draft, target)
    st.session_state[_STAMPS] = dict(loaded.snapshot.file_stamps)


def _submit(loaded: LoadedWorkbook, viewer: Viewer, department: str, draft: ReportDraft,
            target: ReportTarget) -> None:
    settings = loaded.config.settings
    pending = st.session_state.get(_PENDING)
    # The same draft again after a failure keeps its id: it is never written twice.
    report_id = (pending[2] if pending is not None and pending[:2] == (department, draft)
                 else new_report_id(settings.now()))
    st.session_state[_PENDING] = (department, draft, report_id)
    try:
        appended = submit_report(
            loaded.service, viewer, department, draft, report_id=report_id,
            read_stamps=st.session_state.get(_STAMPS),
            google=lambda: GoogleReports(writer_api(loaded.config), settings))
    except FileChanged as exc:
        st.session_state.pop(_PENDING, None)
        st.error(t("report_form.changed") + "\n\n" + escape_markdown(" ".join(exc.lines)))
        return
    except ReportRefused as exc:
        st.session_state.pop(_PENDING, None)
        st.error(t("report_form.refused", place=target.place) + "\n\n"
                 + "\n".join(f"- {escape_markdown(line)}" for line in exc.lines))
        return
    except (SourceError, OSError) as exc:  # Google failed: the id stays for the next try
        st.error(t("report_form.failed", detail=str(exc)))
        return
    st.session_state.pop(_PENDING, None)
    audit_report(viewer, department, appended.report_id)
    place = target.place
    if appended.already_there:
        messages = [("info", t("report_form.done_already", place=place,
                               report_id=appended.report_id))]
    else:
        messages = [("success", t("report_form.done", place=place, row=appended.row or "—",
                                  report_id=appended.report_id))]
    if appended.backup is not None:
        messages.append(("caption", t("report_form.backup", path=appended.backup.name)))
    st.session_state[_FLASH] = messages
    st.rerun()  # the service forgot its snapshot: the page shows the new row


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def recent_reports(loaded: LoadedWorkbook, department: str, shown: Redactor) -> None:
    """The department's latest reports, newest first (the form's row among them)."""
    wanted = normalize_name(department)
    mine = [r for r in loaded.workbook.reports if normalize_name(r.department) == wanted]
    st.markdown(f"**{t('report_form.recent')}**")
    if not mine:
        st.caption(t("report_form.recent_none"))
        return
    latest = sorted(mine, key=_newest_first, reverse=True)[:RECENT_SHOWN]
    language = current_language()
    frame = pd.DataFrame([{
        t_plain("report_form.col.task"): report.task_code,
        t_plain("report_form.col.period"): format_quarter(report.period, language),
        t_plain("report_form.col.status"): report.status.value,
        t_plain("report_form.col.progress"): (format_share(report.progress / 100, language)
                                              if report.progress is not None else ""),
        t_plain("report_form.col.reported_on"): (format_date(report.reported_on)
                                                 if report.reported_on else ""),
        t_plain("report_form.col.submitted_by"): shown.personal(report.submitted_by,
                                                                report.department),
        t_plain("report_form.col.submitted_at"): _moment_text(report.submitted_at),
        t_plain("report_form.col.report_id"): report.report_id or "",
    } for report in latest])
    st.dataframe(frame, hide_index=True, width="stretch")


def _moment_text(text: str | None) -> str:
    """``2026-12-07T15:04:05+02:00`` as ``07.12.2026 15:04``; other text as typed."""
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{moment:%d.%m.%Y %H:%M}"


def _newest_first(report: Report) -> tuple[int, str, int, int]:
    """Sorted descending: the later report date, then the later submission, the later
    period and the later row come first."""
    day = report.reported_on.toordinal() if report.reported_on else 0
    period = report.period.year * 10 + report.period.q
    return (day, report.submitted_at or "", period, report.origin.row)
