"""Altair charts with ONE colour scheme for states, used on every page.

The colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); every state also has a symbol drawn in its cell, so a grid printed in black and
white still reads. Every chart is shown beside a text table (``chart_with_table``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from odcore.ui.i18n import t_plain

PRIMARY = "#0B5394"  # the theme's primary colour (.streamlit/config.toml)


@dataclass(frozen=True)
class StateStyle:
    """How one state looks: fill, the colour of its symbol, the symbol, its label key."""

    fill: str
    ink: str
    symbol: str
    label_key: str


_GREEN, _SKY, _ORANGE, _BLUE, _VERMILLION = "#009E73", "#56B4E9", "#E69F00", "#0072B2", "#D55E00"
_GREY, _WHITE, _BLACK = "#D9D9D9", "#FFFFFF", "#000000"
_TRACK = "#E3E8EE"  # the empty part of a progress bar
_BAR, _BAR_OFFSET = 12, 9  # bar thickness and its shift below the row's name, in pixels

# Task states (odcore.rules.progress.TaskState) and grid cells (GridMark) share one scheme:
# green = fulfilled, red-orange = missed, blue = a deadline ahead, grey = nothing due yet.
STATE_STYLES: dict[str, StateStyle] = {
    "done": StateStyle(_GREEN, _WHITE, "✓", "state.done"),
    "on_track": StateStyle(_GREEN, _WHITE, "✓", "state.on_track"),
    "fulfilled": StateStyle(_GREEN, _WHITE, "✓", "state.fulfilled"),
    "in_progress": StateStyle(_SKY, _BLACK, "◐", "state.in_progress"),
    "not_started": StateStyle(_ORANGE, _BLACK, "○", "state.not_started"),
    "deadline": StateStyle(_BLUE, _WHITE, "◆", "state.deadline"),
    "overdue": StateStyle(_VERMILLION, _WHITE, "✗", "state.overdue"),
    "behind": StateStyle(_VERMILLION, _WHITE, "✗", "state.behind"),
    "missed": StateStyle(_VERMILLION, _WHITE, "✗", "state.missed"),
    "not_due": StateStyle(_GREY, _BLACK, "·", "state.not_due"),
    "not_applicable": StateStyle(_WHITE, _BLACK, "—", "state.not_applicable"),
    "none": StateStyle(_WHITE, _BLACK, "", "state.none"),
}
GRID_MARKS: tuple[str, ...] = ("fulfilled", "missed", "deadline", "not_due", "not_applicable",
                               "none")


def state_label(state: str) -> str:
    """The state's name with its symbol, for tables (``✓ виконано``)."""
    style = STATE_STYLES[state]
    label = t_plain(style.label_key)
    return f"{style.symbol} {label}" if style.symbol else label


def progress_bars(frame: pd.DataFrame, *, label: str, value: str, text: str,
                  title: str) -> alt.Chart:
    """Horizontal bars of a 0..1 progress per row, in the frame's order.

    Each row is its name on a line of its own, then the bar on a grey track from 0 to 100 %
    and the percentage after it: the names take no width from the bars, so the chart reads at
    a phone's width too, and the track shows the scale in print.
    """
    data = frame[[label, value, text]].rename(columns={label: "label", value: "value",
                                                       text: "text"})
    data["track"] = 1.0
    data["at"] = data["value"].fillna(0.0)  # an undefined figure's text ("немає даних") at 0
    y = alt.Y("label:N", sort=None, title=None, axis=None)
    x_scale = alt.Scale(domain=[0, 1.15], nice=False)  # room for "100 %" after a full bar
    base = alt.Chart(data).encode(
        y=y, tooltip=[alt.Tooltip("label:N", title=title), alt.Tooltip("text:N", title="%")])
    track = base.mark_bar(color=_TRACK, height=_BAR, yOffset=_BAR_OFFSET).encode(
        x=alt.X("track:Q", scale=x_scale, title=None, axis=None))
    bars = base.mark_bar(color=PRIMARY, height=_BAR, yOffset=_BAR_OFFSET).encode(
        x=alt.X("value:Q", scale=x_scale))
    names = base.mark_text(align="left", baseline="bottom", x=0, yOffset=-2, color=_BLACK,
                           fontSize=12, limit=alt.ExprRef(expr="width")).encode(text="label:N")
    values = base.mark_text(align="left", dx=4, yOffset=_BAR_OFFSET, color=_BLACK,
                            fontSize=12, fontWeight="bold").encode(
        x=alt.X("at:Q", scale=x_scale), text="text:N")
    return (track + bars + names + values).properties(height=alt.Step(42)).configure_view(
        strokeWidth=0)


def count_bars(frame: pd.DataFrame, *, label: str, value: str, label_title: str,
                value_title: str) -> alt.Chart:
    """Vertical bars of a count per row (quarters), in the frame's order, labelled."""
    data = frame[[label, value]].rename(columns={label: "label", value: "value"})
    base = alt.Chart(data).encode(
        x=alt.X("label:N", sort=None, title=label_title,
                axis=alt.Axis(labelAngle=-60, labelOverlap=False)),
        tooltip=[alt.Tooltip("label:N", title=label_title),
                 alt.Tooltip("value:Q", title=value_title)],
    )
    # Counts are whole: integer ticks, and a scale up to at least 1, so that all-zero counts
    # do not draw an axis of «0.000000» ticks.
    top = max(1, int(data["value"].max())) if len(data) else 1
    bars = base.mark_bar(color=PRIMARY).encode(y=alt.Y(
        "value:Q", title=value_title, scale=alt.Scale(domain=[0, top], nice=True),
        axis=alt.Axis(format="d", tickMinStep=1)))
    labels = base.mark_text(dy=-6, color=_BLACK).encode(y=alt.Y("value:Q"), text="value:Q")
    # Streamlit fits the height around the axes too: the rotated labels take about a third.
    return (bars + labels).properties(height=340)


def state_heatmap(frame: pd.DataFrame, *, row: str, column: str, state: str,
                  row_order: Sequence[str], column_order: Sequence[str],
                  row_title: str, column_title: str) -> alt.Chart:
    """A grid of states (tasks by quarters), each cell filled and marked with its symbol."""
    marks = [m for m in GRID_MARKS if m in set(frame[state])]
    data = frame[[row, column, state]].rename(columns={row: "row", column: "column",
                                                       state: "state"})
    # Legend and tooltips name each state with its symbol, so a black-and-white print reads.
    data["label"] = [state_label(s) for s in data["state"]]
    data["symbol"] = [STATE_STYLES[s].symbol for s in data["state"]]
    data["ink"] = [STATE_STYLES[s].ink for s in data["state"]]
    labels = [state_label(m) for m in marks]
    base = alt.Chart(data).encode(
        x=alt.X("column:O", sort=list(column_order), title=column_title,
                axis=alt.Axis(labelAngle=-60, labelOverlap=False)),
        y=alt.Y("row:O", sort=list(row_order), title=row_title),
        tooltip=[alt.Tooltip("row:N", title=row_title),
                 alt.Tooltip("column:N", title=column_title),
                 alt.Tooltip("label:N", title=t_plain("chart.state"))],
    )
    cells = base.mark_rect(stroke="#7F7F7F", strokeWidth=0.5).encode(
        color=alt.Color("label:N", title=t_plain("chart.state"),
                        scale=alt.Scale(domain=labels,
                                        range=[STATE_STYLES[m].fill for m in marks]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=300,
                                          symbolType="square", symbolSize=180,
                                          symbolStrokeColor="#7F7F7F")))
    symbols = base.mark_text(fontSize=13).encode(
        text="symbol:N", color=alt.Color("ink:N", scale=None))
    # A step per row and column keeps every task's label and cell readable.
    return (cells + symbols).properties(height=alt.Step(22), width=alt.Step(30))


def chart_with_table(chart: alt.Chart, table: pd.DataFrame, *, alt_text: str,
                     column_config: dict | None = None, ratio: Sequence[int] = (3, 2)) -> None:
    """The chart and, beside it, the same figures as a text table for screen readers."""
    left, right = st.columns(list(ratio))
    left.altair_chart(chart, width="stretch", alt=alt_text)
    right.dataframe(table, hide_index=True, column_config=column_config, width="stretch")
