"""The plan pages' tables: the owed tasks, the task table and one task's detail with its
history, and a department's lists of what it still owes. They show rule results; they
compute none. Cell links and who reported go through the viewer's Redactor
(odcore.personal)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from odcore.periods import parse_quarter
from odcore.personal import Redactor
from odcore.rules.owing import Debt, ToReport, ToReportReason, task_departments
from odcore.rules.progress import TaskProgress
from odcore.settings import Settings
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.charts import state_label
from odcore.ui.format import format_date, format_number, format_quarter, format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.plan_figures import (
    discrepancy_warning,
    indicator_target_text,
    indicator_title,
    indicator_value_text,
    indicator_verdict,
)
from odcore.ui.plan_view import PlanView

_TEXT = st.column_config.TextColumn


def period_label(label: str) -> str:
    """A due period as the UI names it: ``III кв. 2024`` for ``2024-Q3``, a year as it is."""
    quarter = parse_quarter(label)
    return format_quarter(quarter, current_language()) if quarter else label


def periods_text(labels: Iterable[str]) -> str:
    """Due periods as the UI names them, comma-separated."""
    return ", ".join(period_label(label) for label in labels)


def owed_frame(view: PlanView) -> pd.DataFrame:
    """Behind and overdue tasks with the executors who owe them and the missed periods."""
    rows = []
    for progress in view.owed_tasks:
        owed = view.debts_of_task(progress.code)
        rows.append({
            "code": progress.code,
            "task": progress.task.task,
            "state": state_label(progress.state.value),
            "departments": ", ".join(d.department for d in owed),
            "missed": periods_text(progress.missed),
            "overdue_since": format_date(progress.due) if progress.due else "",
        })
    # Who owes it comes right after the state: the column a reader acts on.
    return pd.DataFrame(rows, columns=["code", "state", "departments", "missed",
                                       "overdue_since", "task"])


def owed_table(view: PlanView) -> None:
    """The owed tasks as a table, or a note that nothing is owed."""
    plain_table(owed_frame(view), "overview.owed_none", optional=("missed", "overdue_since"))


def schedule_text(progress: TaskProgress) -> str:
    """The task's schedule kind in words."""
    return t_plain(f"schedule.{progress.schedule.kind.value}")


def latest_text(progress: TaskProgress) -> str:
    """``II кв. 2025: В роботі (50 %)`` for the latest counted report."""
    report = progress.latest
    if report is None:
        return ""
    text = f"{period_label(str(report.period))}: {report.status.value}"
    if report.progress is not None:
        text += f" ({format_number(report.progress, current_language())} %)"
    return text


def task_frame(tasks: list[TaskProgress], view: PlanView, settings: Settings,
               shown: Redactor) -> pd.DataFrame:
    """One row per task: section, schedule, wording, state, progress, executors, latest."""
    language = current_language()
    rows = []
    for progress in tasks:
        report = progress.latest
        indicator = view.indicator(progress)
        rows.append({
            "code": progress.code,
            "section": progress.section,
            "task": progress.task.task,
            "schedule": schedule_text(progress),
            "deadline": progress.schedule.text,
            "state": state_label(progress.state.value),
            "progress": format_share(progress.progress, language),
            "executors": ", ".join(task_departments(progress, settings)),
            "missed": periods_text(progress.missed),
            "latest": latest_text(progress),
            "evidence": safe_link(report.evidence_url) if report is not None else None,
            "cell": safe_link(shown.link(progress.task.origin.link)),
            "indicator": (f"{indicator_title(indicator.key)}: {indicator_value_text(indicator)}"
                          if indicator else ""),
            "discrepancy": t_plain("common.yes") if view.discrepancy(progress) else "",
        })
    return pd.DataFrame(rows, columns=["code", "section", "task", "schedule", "deadline",
                                       "state", "progress", "missed", "executors", "latest",
                                       "evidence", "cell", "indicator", "discrepancy"])


def link_columns(frame: pd.DataFrame, names: tuple[str, ...]) -> tuple[pd.DataFrame, dict]:
    """Link columns (already http(s) only) as links; a column with no link is left out."""
    config = {}
    for name in names:
        if frame[name].isna().all():
            frame = frame.drop(columns=[name])
        else:
            label = t_plain(f"col.{name}")
            config[name] = st.column_config.LinkColumn(label, display_text=label)
    return frame, config


# What a reader looks for first comes first: the task, its state and progress, then the rest.
# A task's wording is long: it is cut at this width (in full on hover), so the figures after it
# stay in view.
_TASK_WIDTH = 300
_LIST_WIDTH = 170


_TASK_ORDER = ("code", "state", "progress", "task", "missed", "latest", "evidence", "executors",
               "schedule", "deadline", "indicator", "discrepancy", "section", "cell")


def task_table(tasks: list[TaskProgress], view: PlanView, settings: Settings,
               shown: Redactor, *, select_key: str | None = None) -> str | None:
    """The tasks with their state, progress, latest report and evidence, one row each.

    With ``select_key`` a row can be selected; the code of the newly selected task is
    returned (once per selection, so that a later choice elsewhere is not overridden).
    """
    frame, links = link_columns(task_frame(tasks, view, settings, shown), ("evidence", "cell"))
    config = {name: _TEXT(t_plain(f"col.{name}")) for name in frame.columns} | links
    config["task"] = _TEXT(t_plain("col.task"), width=_TASK_WIDTH)
    order = [c for c in _TASK_ORDER if c in frame.columns]
    if select_key is None:
        st.dataframe(frame, hide_index=True, column_config=config, width="stretch",
                     column_order=order, placeholder=t_plain("common.none"))
        return None
    event = st.dataframe(frame, hide_index=True, column_config=config, width="stretch",
                         column_order=order, placeholder=t_plain("common.none"),
                         on_select="rerun", selection_mode="single-row", key=select_key)
    rows = list(event.selection.rows) if event is not None else []
    picked = tasks[rows[0]].code if rows and rows[0] < len(tasks) else None
    applied = f"{select_key}_applied"
    if picked == st.session_state.get(applied):
        return None
    st.session_state[applied] = picked
    return picked


def history_frame(progress: TaskProgress, shown: Redactor) -> pd.DataFrame:
    """The task's counted reports by quarter, oldest first (an undated row before a dated one
    of the same quarter); who reported only where the viewer may see the department's."""
    language = current_language()
    reports = sorted(progress.reports, key=lambda r: (
        r.period, r.reported_on is not None, r.reported_on or dt.date.min))
    rows = [{
        "quarter": period_label(str(r.period)),
        "department": r.department,
        "status": r.status.value,
        "progress": (f"{format_number(r.progress, language)} %"
                     if r.progress is not None else ""),
        "done": r.done or "",
        "evidence": safe_link(r.evidence_url),
        "cell": safe_link(shown.link(r.origin.link)),
        "reported_on": format_date(r.reported_on),
        "reported_by": shown.personal(r.reported_by, r.department),
    } for r in reports]
    return pd.DataFrame(rows, columns=["quarter", "department", "status", "progress", "done",
                                       "evidence", "reported_on", "reported_by", "cell"])


def periods_frame(progress: TaskProgress) -> pd.DataFrame:
    """The due periods of a periodic task and the verdict on each."""
    return pd.DataFrame([{"period": period_label(p.label), "mark": state_label(p.mark.value)}
                         for p in progress.periods], columns=["period", "mark"])


def task_detail(progress: TaskProgress, view: PlanView, settings: Settings,
                as_of_text: str, shown: Redactor) -> None:
    """One task: its wording, schedule, state, indicator, due periods and report history."""
    language = current_language()
    task = progress.task
    st.subheader(f"{escape_markdown(progress.code)}. {escape_markdown(task.task)}")
    st.caption(as_of_text)
    facts = [
        (t_plain("col.section"), task.section),
        (t_plain("col.schedule"), schedule_text(progress)),
        (t_plain("col.deadline"), progress.schedule.text or t_plain("common.none")),
        (t_plain("col.state"), state_label(progress.state.value)),
        (t_plain("col.progress"), format_share(progress.progress, language)),
        (t_plain("col.executors"), ", ".join(task_departments(progress, settings))
         or t_plain("common.none")),
        (t_plain("col.kpi"), task.kpi or t_plain("common.none")),
    ]
    if progress.missed:
        facts.append((t_plain("col.missed"), periods_text(progress.missed)))
    indicator = view.indicator(progress)
    if indicator is not None:
        facts.append((t_plain("col.indicator"),
                      f"{indicator_title(indicator.key)}: {indicator_value_text(indicator)} "
                      f"({indicator_target_text(indicator)}; {indicator_verdict(indicator)})"))
    # Wrapped lines, not a table: the key indicators run to a paragraph, and a phone is narrow.
    st.markdown("\n".join(f"- **{escape_markdown(field)}:** {escape_markdown(value)}"
                          for field, value in facts))
    if view.discrepancy(progress) and indicator is not None:
        discrepancy_warning(progress, indicator)
    if progress.periods:
        st.markdown(f"**{t('plan.periods')}**")
        st.dataframe(periods_frame(progress), hide_index=True, width="stretch",
                     column_config={"period": _TEXT(t_plain("col.period")),
                                    "mark": _TEXT(t_plain("col.state"))})
    st.markdown(f"**{t('plan.history')}**")
    history = history_frame(progress, shown)
    if history.empty:
        st.info(t("plan.no_reports"))
        return
    history, links = link_columns(history, ("evidence", "cell"))
    config = {name: _TEXT(t_plain(f"col.{name}")) for name in history.columns} | links
    config["done"] = _TEXT(t_plain("col.done"), width="large")
    st.dataframe(history, hide_index=True, column_config=config, width="stretch",
                 placeholder=t_plain("common.none"))


def to_report_frame(items: list[ToReport], view: PlanView) -> pd.DataFrame:
    """What a department still has to report, with the task's wording."""
    rows = []
    for item in items:
        progress = view.plan.task(item.code)
        rows.append({
            "code": item.code,
            "task": progress.task.task if progress else "",
            "what": (t_plain("department.no_report", quarter=period_label(str(item.quarter)))
                     if item.reason is ToReportReason.NO_REPORT
                     else t_plain("department.not_done")),
            "deadline": progress.schedule.text if progress else "",
        })
    return pd.DataFrame(rows, columns=["code", "what", "deadline", "task"])


def debts_frame(debts: list[Debt], view: PlanView) -> pd.DataFrame:
    """A department's overdue items: missed periods and passed one-off deadlines."""
    rows = []
    for debt in debts:
        progress = view.plan.task(debt.code)
        rows.append({
            "code": debt.code,
            "task": progress.task.task if progress else "",
            "missed": periods_text(debt.missed),
            "overdue_since": format_date(debt.overdue_since),
        })
    return pd.DataFrame(rows, columns=["code", "missed", "overdue_since", "task"])


def plain_table(frame: pd.DataFrame, empty_key: str, *, optional: tuple[str, ...] = ()) -> None:
    """A table of text columns named from the catalogue (``col.<name>``), or a note if empty.

    An ``optional`` column with no value in any row is left out.
    """
    if frame.empty:
        st.success(t(empty_key))
        return
    frame = frame.drop(columns=[c for c in optional if not frame[c].astype(bool).any()])
    config = {name: _TEXT(t_plain(f"col.{name}")) for name in frame.columns}
    if "task" in config:
        config["task"] = _TEXT(t_plain("col.task"), width=_TASK_WIDTH)
    # Bounded, so that the columns after them stay on a phone's screen (in full on hover).
    for name in ("departments", "missed", "what"):
        if name in config:
            config[name] = _TEXT(t_plain(f"col.{name}"), width=_LIST_WIDTH)
    st.dataframe(frame, hide_index=True, column_config=config, width="stretch")
