"""The as_of picker: a date (today in Kyiv by default) and the ends of the plan's quarters.

The chosen date lives in ``?as_of=YYYY-MM-DD`` (left out when it is today) and in the session,
so it survives moving between pages. "The end of a quarter" is the first day of the next one
(RULES.md "Periods").
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from odcore.periods import Quarter, plan_quarters
from odcore.settings import Settings
from odcore.ui.format import format_date, format_quarter
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.state import write_query

PARAM = "as_of"
_WIDGET = "as_of_date"
_QUICK = "as_of_quick"
_KEPT = "_as_of_kept"  # not a widget key, so it outlives pages without the picker
_TODAY = "today"


def _parse(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _bounds(settings: Settings) -> tuple[dt.date, dt.date]:
    first = dt.date(settings.plan_first_year, 1, 1)
    last = Quarter(settings.plan_last_year, 4).end_as_of
    today = settings.today()
    return min(first, today), max(last, today)


def _apply_quick(settings: Settings) -> None:
    choice = st.session_state.get(_QUICK)
    if choice == _TODAY:
        st.session_state[_WIDGET] = settings.today()
    elif choice:
        year, q = choice.split("-Q")
        st.session_state[_WIDGET] = Quarter(int(year), int(q)).end_as_of
    st.session_state[_QUICK] = None


def quarter_ended_by(as_of: dt.date, settings: Settings) -> Quarter | None:
    """The plan quarter whose end as_of is exactly, if any."""
    return next((q for q in plan_quarters(settings.plan_first_year, settings.plan_last_year)
                 if q.end_as_of == as_of), None)


def as_of_label(as_of: dt.date, settings: Settings) -> str:
    """``станом на 01.07.2025 (кінець II кв. 2025)`` for captions under every figure."""
    quarter = quarter_ended_by(as_of, settings)
    if quarter is None:
        return t("common.as_of", date=format_date(as_of))
    return t("common.as_of_quarter", date=format_date(as_of),
             quarter=format_quarter(quarter, current_language()))


def as_of_picker(settings: Settings) -> dt.date:
    """The date picker and the quick choices; returns the chosen as_of."""
    today = settings.today()
    low, high = _bounds(settings)
    if _WIDGET not in st.session_state:
        chosen = _parse(st.query_params.get(PARAM)) or st.session_state.get(_KEPT) or today
        st.session_state[_WIDGET] = min(max(chosen, low), high)
    quarters = plan_quarters(settings.plan_first_year, settings.plan_last_year)
    language = current_language()
    labels = {_TODAY: t_plain("asof.today")} | {
        str(q): t_plain("asof.quarter_end", quarter=format_quarter(q, language),
                        date=format_date(q.end_as_of))
        for q in quarters}
    left, right = st.columns(2)
    left.date_input(t("asof.label"), key=_WIDGET, min_value=low, max_value=high,
                    format="DD.MM.YYYY")
    right.selectbox(t("asof.quick"), list(labels), key=_QUICK, index=None,
                    placeholder=t_plain("asof.quick_placeholder"),
                    format_func=labels.__getitem__, on_change=_apply_quick, args=(settings,))
    as_of = st.session_state[_WIDGET] or today
    st.session_state[_KEPT] = as_of
    write_query(PARAM, [as_of.isoformat()], [today.isoformat()])
    return as_of
