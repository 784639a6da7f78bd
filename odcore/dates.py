"""Dates as the reading layer and the rules need them: text dates read without guessing, the
accepted years, and day arithmetic that saturates instead of raising (docs/rules.md "Dates
at the edges").

Python's ``datetime.date`` holds years 1-9999 only; ``date + timedelta`` past either end and
``date(0, 1, 1)`` raise. Every function here is total: it returns a date, or None where no
date can be named, and never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

# The forms WORKBOOK.md accepts for a date typed as text (one- or two-digit day and month).
_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
)
_SHORT_YEAR_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2}$")


def date_text_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of ``2024-03-31``, ``31.03.2024`` or ``31/03/2024``, unchecked."""
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return parts["y"], parts["m"], parts["d"]
    return None


def is_short_year_date(text: str) -> bool:
    """``1.3.24``: a date whose year has two digits (refused, never guessed)."""
    return bool(_SHORT_YEAR_DATE.match(text))


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the calendar has no such day or Python no such year."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def in_years(year: int, years: tuple[int, int]) -> bool:
    """Whether ``year`` lies in the inclusive range ``years``."""
    return years[0] <= year <= years[1]


def years_text(years: tuple[int, int]) -> str:
    """``1990–2100`` for messages."""
    return f"{years[0]}–{years[1]}"


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, saturated at 0001-01-01 and 9999-12-31 (never OverflowError)."""
    # The date's own addition, with the few intervals the figures add (a dataset's update
    # interval plus its grace) each made a timedelta once: a due date is found for every
    # published register row. Beyond the calendar, the addition (or a timedelta of more than
    # 999,999,999 days) overflows: the result saturates at the calendar's end, as the sum of
    # ordinals it replaced did (tests/rules/test_figures_fast_paths.py holds it to that sum).
    try:
        return day + _days(days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


@lru_cache(maxsize=1024)
def _days(days: int) -> dt.timedelta:
    return dt.timedelta(days=days)
