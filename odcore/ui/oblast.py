"""The oblast roll-up page's table: every hromada side by side, sortable, each row linking to
its council's dashboard (``?council=<id>``). The figures are the kept roll-up records
(odcore.rollup): the page reads no spreadsheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from odcore.rollup import RollupRow
from odcore.rounding import whole_percent
from odcore.ui.council import council_link
from odcore.ui.i18n import t_plain

MISSING = "—"  # what the table shows for a figure that is missing


def _percent(value: float | None) -> int | None:
    return None if value is None else whole_percent(value)


def _moment(value: str | None, tz: dt.tzinfo) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    # Shown in the council's zone, as a naive time (the table has no zone to show).
    return moment.astimezone(tz).replace(tzinfo=None) if moment.tzinfo else moment


def rollup_frame(rows: Sequence[RollupRow], tz: dt.tzinfo, *, errors: bool) -> pd.DataFrame:
    """The table: numbers stay numbers (so a click on a header sorts them as numbers)."""
    data = {
        "name": [r.name for r in rows],
        "link": [council_link(r.id) for r in rows],
        "progress": [_percent(r.plan_progress) for r in rows],
        "compliance": [_percent(r.compliance_share) for r in rows],
        "overdue": [r.overdue for r in rows],
        "problems": [r.problems for r in rows],
        "read": [_moment(r.last_good_read, tz) for r in rows],
    }
    if errors:
        data["error"] = [r.last_error for r in rows]
    frame = pd.DataFrame(data)
    for column in ("progress", "compliance", "overdue", "problems"):
        frame[column] = frame[column].astype("Int64")
    return frame


def rollup_table(rows: Sequence[RollupRow], tz: dt.tzinfo, *, errors: bool) -> None:
    """The sortable table with a link per hromada; read errors only for internal viewers
    (they name spreadsheets and service accounts)."""
    column = st.column_config

    def short(name: str) -> str:
        # A short header that fits its fixed width; the long title (``full``) shows on hover.
        return t_plain(f"oblast.col.{name}_short")

    def full(name: str) -> str:
        return t_plain(f"oblast.col.{name}")

    # Fixed widths, so that every column fits a desktop's screen beside the menu (the error,
    # last, takes the rest) and the hromada and its link come first on a phone.
    config = {
        "name": column.TextColumn(full("name"), pinned=True, width=170),
        "link": column.LinkColumn(full("link"), display_text=full("open"), width=80),
        "progress": column.NumberColumn(short("progress"), help=full("progress"),
                                        format="%d %%", width=75),
        "compliance": column.NumberColumn(short("compliance"), help=full("compliance"),
                                          format="%d %%", width=100),
        "overdue": column.NumberColumn(short("overdue"), help=full("overdue"), width=100),
        "problems": column.NumberColumn(short("problems"), help=full("problems"), width=80),
        "read": column.DatetimeColumn(short("read"), help=full("read"),
                                      format="DD.MM.YYYY HH:mm", width=130),
        "error": column.TextColumn(short("error"), help=full("error")),
    }
    # A missing figure (a hromada with no dataset has no compliance share) stays a missing
    # number, so the column sorts as numbers; the grid would draw it as the word «None».
    st.dataframe(rollup_frame(rows, tz, errors=errors), hide_index=True, column_config=config,
                 width="stretch", placeholder=MISSING)
