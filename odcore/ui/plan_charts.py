"""The plan's charts, each with the same figures as a table beside it: progress by section and
by executor, and the tasks-by-quarters grid. They show rule results; they compute none."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from odcore.periods import plan_quarters
from odcore.public import PublicSection
from odcore.rules.progress import GridMark, SectionProgress
from odcore.settings import Settings
from odcore.ui.charts import chart_with_table, progress_bars, state_heatmap, state_label
from odcore.ui.format import (
    format_quarter,
    format_share,
)
from odcore.ui.i18n import current_language, t_plain
from odcore.ui.plan_view import PlanView

_TEXT = st.column_config.TextColumn


def _section_name(section: SectionProgress | PublicSection) -> str:
    return f"{section.number}. {section.title}" if section.title else section.number


# The tables beside the bars: the name column is kept narrow enough that the figure beside it
# shows without scrolling, on a phone too (the full name is in the chart and on hover).
_NAME_WIDTH = 180


# Wide enough for its header («Виконання»); the task codes after it fill what is left.
_FIGURE_WIDTH = 95


def figure_table_config(name: str) -> dict:
    """Column settings for a table of names and figures beside bars: ``name``, ``text``
    (the figure) and ``tasks``; the name column is bounded so the figure stays in view."""
    return {name: _TEXT(t_plain(f"col.{name}"), width=_NAME_WIDTH),
            "text": _TEXT(t_plain("col.progress"), width=_FIGURE_WIDTH),
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
