"""The «Історія» page's tables: the quarter-by-quarter figures beside the chart and each
department's debt (docs/history.md). Both keep their first columns whole on a phone's and a
desktop's screen: fixed widths, short headers with the long title on hover, and the debt's
newest quarter first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from odcore.history import HistoryRow
from odcore.ui.format import format_date, format_quarter, format_share
from odcore.ui.i18n import t_plain

_TEXT = st.column_config.TextColumn
_QUARTER_PX = 95  # «III кв. 2025» and the grid's padding


def history_frame(rows: Sequence[HistoryRow], tz: dt.tzinfo, language: str) -> pd.DataFrame:
    """One row per quarter: its figures first, whether it is closed last."""
    return pd.DataFrame([{
        t_plain("history.col.quarter"): format_quarter(row.quarter, language),
        t_plain("history.col.plan"): format_share(row.plan_progress, language),
        t_plain("history.col.compliance"): format_share(row.compliance_share, language),
        t_plain("history.col.overdue"): len(row.overdue),
        t_plain("history.col.closed"): (
            t_plain("history.closed_mark",
                    when=format_date(row.closed_at.astimezone(tz).date()))
            if row.closed and row.closed_at else t_plain("history.live_mark")),
    } for row in rows])


def history_config() -> dict[str, ColumnConfig]:
    """The figures' table beside the chart: fixed widths and short headers keep the
    quarter and both shares in view in the chart's column of a desktop and on a phone."""
    def short(name: str, width: int) -> ColumnConfig:
        return _TEXT(t_plain(f"history.col.{name}_short"), width=width,
                     help=t_plain(f"history.col.{name}"))

    return {t_plain("history.col.quarter"): _TEXT(width=_QUARTER_PX),
            t_plain("history.col.plan"): short("plan", 65),
            t_plain("history.col.compliance"): short("compliance", 100),
            t_plain("history.col.overdue"): st.column_config.NumberColumn(
                t_plain("history.col.overdue_short"), width=95,
                help=t_plain("history.col.overdue"))}


def debt_table(rows: Sequence[HistoryRow], language: str) -> None:
    """Each department's debt per quarter, the newest quarter first (what is owed now, in
    view on a phone too); the department stays in view when the table scrolls sideways."""
    department = t_plain("history.col.department")
    quarters = [format_quarter(row.quarter, language) for row in reversed(rows)]
    names = sorted({name for row in rows for name in row.debt})
    debt = pd.DataFrame([{department: name,
                          **{quarter: row.debt.get(name, 0)
                             for quarter, row in zip(quarters, reversed(rows), strict=True)}}
                         for name in names], columns=[department, *quarters])
    config: dict[str, ColumnConfig] = {department: _TEXT(width=150, pinned=True)}
    config |= {quarter: st.column_config.NumberColumn(width=_QUARTER_PX)
               for quarter in quarters}
    st.dataframe(debt, hide_index=True, width="stretch", column_config=config)
