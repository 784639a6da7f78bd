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
    """Horizontal bars of a 0..1 progress per row, in the frame's order, labelled in percent."""
    data = frame[[label, value, text]].rename(columns={label: "label", value: "value",
                                                       text: "text"})
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[alt.Tooltip("label:N", title=title), alt.Tooltip("text:N", title="%")],
    )
    bars = base.mark_bar(color=PRIMARY).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1]), title=None,
                axis=alt.Axis(format="%", tickCount=5)))
    labels = base.mark_text(align="left", dx=4, color=_BLACK).encode(
        x=alt.X("value:Q"), text="text:N")
    return (bars + labels).properties(height=max(60, 28 * len(data)))


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
    bars = base.mark_bar(color=PRIMARY).encode(y=alt.Y("value:Q", title=value_title))
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
    data["label"] = [t_plain(STATE_STYLES[s].label_key) for s in data["state"]]
    data["symbol"] = [STATE_STYLES[s].symbol for s in data["state"]]
    data["ink"] = [STATE_STYLES[s].ink for s in data["state"]]
    labels = [t_plain(STATE_STYLES[m].label_key) for m in marks]
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
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260,
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
