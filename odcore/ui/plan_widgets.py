"""Components of the plan pages: indicator tiles, the owed list, section, department and grid
charts with their tables, and the task table. They show rule results; they compute none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from odcore.public import PublicSection
from odcore.rules.indicators import IndicatorLinks, IndicatorValue
from odcore.rules.owing import Debt, ToReport, ToReportReason
from odcore.rules.periods import parse_quarter, plan_quarters
from odcore.rules.progress import GridMark, SectionProgress, TaskProgress
from odcore.settings import Settings
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.charts import chart_with_table, progress_bars, state_heatmap, state_label
from odcore.ui.format import (
    format_date,
    format_number,
    format_points_change,
    format_quarter,
    format_share,
    points_change,
)
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.plan_view import PlanView

_TEXT = st.column_config.TextColumn


def period_label(label: str) -> str:
    """A due period as the UI names it: ``III кв. 2024`` for ``2024-Q3``, a year as it is."""
    quarter = parse_quarter(label)
    return format_quarter(quarter, current_language()) if quarter else label


def periods_text(labels: Iterable[str]) -> str:
    """Due periods as the UI names them, comma-separated."""
    return ", ".join(period_label(label) for label in labels)


def _indicator_figure(indicator: IndicatorValue, figure: float | None) -> str:
    """A value or target of the indicator: a share for ``*_share`` keys, else a number."""
    language = current_language()
    if indicator.key.endswith("_share"):
        return format_share(figure, language)
    return format_number(figure, language)


def indicator_value_text(indicator: IndicatorValue) -> str:
    """The indicator's value as shown: ``80 %`` or ``3``."""
    return _indicator_figure(indicator, indicator.value)


def indicator_target_text(indicator: IndicatorValue) -> str:
    """The indicator's target as shown: ``ціль ≥ 75 %``."""
    return t_plain("indicator.target", op="≥" if indicator.op == ">=" else "=",
                   target=_indicator_figure(indicator, indicator.target))


def indicator_verdict(indicator: IndicatorValue) -> str:
    """Met, not met, or cannot be assessed, in words."""
    return t_plain({True: "indicator.met", False: "indicator.not_met",
                    None: "indicator.undefined"}[indicator.met])


def indicator_title(key: str) -> str:
    """The indicator's name from the catalogue."""
    return t_plain(f"indicator.{key}")


def plan_progress_metric(view: PlanView, as_of_text: str) -> None:
    """The plan's progress as one big figure with the change since the previous quarter.

    A change that rounds to 0 points is grey and has no arrow: nothing rose or fell.
    """
    language = current_language()
    points = points_change(view.change)
    neutral = points == 0
    st.metric(t("overview.plan_progress"), format_share(view.plan.progress, language),
              delta=format_points_change(view.change, language),
              delta_color="off" if neutral else "normal",
              delta_arrow="off" if neutral else "auto", border=True, help=as_of_text)


# The tile's target line: green when met, red when not, grey when it cannot be assessed; the
# words and the ✓ / ✗ say the same, for print and colour-blind readers.
_VERDICT_COLOURS = {True: "green", False: "red", None: "gray"}


def indicator_tiles(indicators: dict[str, IndicatorValue], as_of_text: str, *,
                    links: IndicatorLinks | None = None) -> None:
    """One metric per indicator: its value, and inside the tile its target and verdict.

    With ``links`` the tile's help names the tasks the indicator measures.
    """
    items = list(indicators.values())
    for start in range(0, len(items), 3):
        for column, indicator in zip(st.columns(3), items[start:start + 3], strict=False):
            codes = ", ".join(links.codes_for(indicator.key)) if links else ""
            # as_of_text is Markdown already (its values escaped); the task codes are escaped here.
            help_text = (f"{escape_markdown(t_plain('col.tasks') + ': ' + codes)}. {as_of_text}"
                         if codes else as_of_text)
            column.metric(escape_markdown(indicator_title(indicator.key)),
                          indicator_value_text(indicator), border=True,
                          delta=escape_markdown(f"{indicator_target_text(indicator)} · "
                                                f"{indicator_verdict(indicator)}"),
                          delta_color=_VERDICT_COLOURS[indicator.met], delta_arrow="off",
                          help=help_text)


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
    return pd.DataFrame(rows, columns=["code", "state", "missed", "overdue_since", "task",
                                       "departments"])


def owed_table(view: PlanView) -> None:
    """The owed tasks as a table, or a note that nothing is owed."""
    plain_table(owed_frame(view), "overview.owed_none", optional=("missed", "overdue_since"))


def discrepancy_warning(progress: TaskProgress, indicator: IndicatorValue) -> None:
    """The task is reported `Виконано` while its indicator is not met."""
    st.warning(t("overview.discrepancy", code=progress.code,
                 indicator=indicator_title(indicator.key),
                 value=indicator_value_text(indicator),
                 target=indicator_target_text(indicator)))


def discrepancy_notes(view: PlanView) -> None:
    """Each task whose latest report says `Виконано` while its indicator is not met."""
    for progress in view.discrepancies:
        indicator = view.indicator(progress)
        if indicator is not None:
            discrepancy_warning(progress, indicator)


def _section_name(section: SectionProgress | PublicSection) -> str:
    return f"{section.number}. {section.title}" if section.title else section.number


# The tables beside the bars: the name column is kept narrow enough that the figure beside it
# shows without scrolling, on a phone too (the full name is in the chart and on hover).
_NAME_WIDTH = 230


def figure_table_config(name: str) -> dict:
    """Column settings for a table of names and figures beside bars: ``name``, ``text``
    (the figure) and ``tasks``; the name column is bounded so the figure stays in view."""
    return {name: _TEXT(t_plain(f"col.{name}"), width=_NAME_WIDTH),
            "text": _TEXT(t_plain("col.progress"), width="small"),
            "tasks": _TEXT(t_plain("col.tasks"), width="medium")}


def _progress_chart(name: str, rows: list[tuple[str, float | None, list[str] | None]],
                    *, with_tasks: bool) -> None:
    """Bars of progress by ``name`` (``section``, ``department``) and a table of the same
    figures beside them; ``with_tasks`` adds each row's task codes to the table."""
    language = current_language()
    frame = pd.DataFrame([{name: label, "progress": progress,
                           "text": format_share(progress, language),
                           "tasks": ", ".join(codes or ())}
                          for label, progress, codes in rows],
                         columns=[name, "progress", "text", "tasks"])
    chart = progress_bars(frame, label=name, value="progress", text="text",
                          title=t_plain(f"col.{name}"))
    shown = [name, "text", "tasks"] if with_tasks else [name, "text"]
    chart_with_table(chart, frame[shown], alt_text=t_plain("overview.bars_alt"), ratio=(1, 1),
                     column_config=figure_table_config(name))


def section_chart(sections: Sequence[SectionProgress | PublicSection]) -> None:
    """Progress by plan section: bars, and a table of the same figures with the tasks (the
    public view's sections name no tasks, so its table has none)."""
    _progress_chart("section", [(_section_name(s), s.progress,
                                 s.codes if isinstance(s, SectionProgress) else None)
                                for s in sections],
                    with_tasks=all(isinstance(s, SectionProgress) for s in sections))


def department_chart(view: PlanView) -> None:
    """Progress by executor: bars, and a table of the same figures with the tasks."""
    _progress_chart("department", [(d.department, d.progress, d.codes)
                                   for d in view.departments], with_tasks=True)


def grid_chart(view: PlanView, settings: Settings) -> None:
    """The tasks-by-quarters heatmap and the same grid as a table of symbols."""
    language = current_language()
    quarters = plan_quarters(settings.plan_first_year, settings.plan_last_year)
    names = [format_quarter(q, language) for q in quarters]
    codes = [p.code for p in view.plan.tasks]
    long = pd.DataFrame([{"task": code, "quarter": format_quarter(q, language),
                          "mark": mark.value}
                         for code in codes for q, mark in view.grid[code].items()],
                        columns=["task", "quarter", "mark"])
    chart = state_heatmap(long, row="task", column="quarter", state="mark", row_order=codes,
                          column_order=names, row_title=t_plain("col.code"),
                          column_title=t_plain("col.quarter"))
    # In the table a one-off task's quarters other than its deadline's are empty cells.
    wide = pd.DataFrame([{"task": code, **{format_quarter(q, language):
                                           "" if m is GridMark.NONE else state_label(m.value)
                                           for q, m in view.grid[code].items()}}
                         for code in codes])
    chart_with_table(chart, wide, alt_text=t_plain("overview.grid_alt"), ratio=(1, 1),
                     column_config={"task": _TEXT(t_plain("col.code"))})


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


def task_frame(tasks: list[TaskProgress], view: PlanView, settings: Settings) -> pd.DataFrame:
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
            "executors": ", ".join(view.executors(progress, settings)),
            "missed": periods_text(progress.missed),
            "latest": latest_text(progress),
            "evidence": safe_link(report.evidence_url) if report is not None else None,
            "cell": safe_link(progress.task.origin.link),
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
_TASK_ORDER = ("code", "task", "state", "progress", "missed", "latest", "evidence", "executors",
               "schedule", "deadline", "indicator", "discrepancy", "section", "cell")


def task_table(tasks: list[TaskProgress], view: PlanView, settings: Settings) -> None:
    """The tasks with their state, progress, latest report and evidence, one row each."""
    frame, links = link_columns(task_frame(tasks, view, settings), ("evidence", "cell"))
    config = {name: _TEXT(t_plain(f"col.{name}")) for name in frame.columns} | links
    config["task"] = _TEXT(t_plain("col.task"), width=_TASK_WIDTH)
    st.dataframe(frame, hide_index=True, column_config=config, width="stretch",
                 column_order=[c for c in _TASK_ORDER if c in frame.columns],
                 placeholder=t_plain("common.none"))


def history_frame(progress: TaskProgress) -> pd.DataFrame:
    """The task's counted reports by quarter, oldest first."""
    language = current_language()
    rows = [{
        "quarter": period_label(str(r.period)),
        "department": r.department,
        "status": r.status.value,
        "progress": (f"{format_number(r.progress, language)} %"
                     if r.progress is not None else ""),
        "done": r.done or "",
        "evidence": safe_link(r.evidence_url),
        "cell": safe_link(r.origin.link),
        "reported_on": format_date(r.reported_on),
        "order": (r.period, r.reported_on is not None, r.reported_on or dt.date.min),
    } for r in progress.reports]
    rows.sort(key=lambda row: row["order"])
    return pd.DataFrame(rows, columns=["quarter", "department", "status", "progress", "done",
                                       "evidence", "reported_on", "cell", "order"]).drop(
        columns=["order"])


def periods_frame(progress: TaskProgress) -> pd.DataFrame:
    """The due periods of a periodic task and the verdict on each."""
    return pd.DataFrame([{"period": period_label(p.label), "mark": state_label(p.mark.value)}
                         for p in progress.periods], columns=["period", "mark"])


def task_detail(progress: TaskProgress, view: PlanView, settings: Settings,
                as_of_text: str) -> None:
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
        (t_plain("col.executors"), ", ".join(view.executors(progress, settings))
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
    history = history_frame(progress)
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
    st.dataframe(frame, hide_index=True, column_config=config, width="stretch")
