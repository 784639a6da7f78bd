"""Quarters and years of the plan window, and when a period is due (RULES.md "Periods")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from odcore.dates import add_days
from odcore.i18n import Phrase

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_LAST_DAY = {1: 31, 2: 30, 3: 30, 4: 31}  # of the quarter's last month
# Cyrillic І (and Ukrainian ї typed by mistake) equal Latin I in Roman numerals: see
# normalize_numerals.


_NUMERALS = ("I", "II", "III", "IV")


@total_ordering
@dataclass(frozen=True)
class Quarter:
    """A calendar quarter such as 2024-Q1."""

    year: int
    q: int

    def __post_init__(self) -> None:
        # A programming error, never a user's: readers check the years before they build one.
        if not 1 <= self.q <= 4:
            raise ValueError(f"quarter must be 1..4, not {self.q}")
        if not dt.MINYEAR <= self.year <= dt.MAXYEAR:
            raise ValueError(f"quarter year must be {dt.MINYEAR}..{dt.MAXYEAR}, not {self.year}")

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Quarter):
            return NotImplemented
        return (self.year, self.q) < (other.year, other.q)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> dt.date:
        """The quarter's last day (built directly, so 9999-Q4 has one too)."""
        return dt.date(self.year, 3 * self.q, _LAST_DAY[self.q])

    def next(self) -> Quarter | None:
        """The following quarter; None after 9999-Q4, which no date can follow."""
        if self.q < 4:
            return Quarter(self.year, self.q + 1)
        return Quarter(self.year + 1, 1) if self.year < dt.MAXYEAR else None

    def previous(self) -> Quarter | None:
        """The quarter before; None before 0001-Q1."""
        if self.q > 1:
            return Quarter(self.year, self.q - 1)
        return Quarter(self.year - 1, 4) if self.year > dt.MINYEAR else None

    def is_due(self, as_of: dt.date) -> bool:
        """Due once as_of is on or after the first day of the next quarter (after its end)."""
        return as_of > self.end

    def has_started(self, as_of: dt.date) -> bool:
        return as_of >= self.start

    @property
    def end_as_of(self) -> dt.date:
        """``as_of`` meaning "the state at the end of this quarter": next quarter's first day
        (for 9999-Q4, which has none, its own last day)."""
        return add_days(self.end, 1)

    def label_uk(self) -> str:
        """``II кв. 2025``."""
        return f"{_NUMERALS[self.q - 1]} кв. {self.year}"

    def phrase(self) -> Phrase:
        """The quarter in words for a message: ``II кв. 2025`` / ``Q2 2025``, never the
        workbook's ``2025-Q2`` inside a sentence."""
        return _quarter_phrase(self.year, self.q)

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


# A phrase is immutable, so one per quarter is shared: a message names a quarter for each
# duplicate report (70,000 of them at 1000 times the demo).
@lru_cache(maxsize=1024)
def _quarter_phrase(year: int, q: int) -> Phrase:
    return Phrase.of("period.quarter", quarter=Phrase.of(f"period.q{q}"), year=str(year))


def year_is_due(year: int, as_of: dt.date) -> bool:
    """A year is due on 1 January of the next year."""
    return as_of.year > year


def plan_quarters(first_year: int, last_year: int) -> list[Quarter]:
    """Every quarter of the plan window, in order."""
    return list(_plan_quarters(first_year, last_year))


def due_quarters(first_year: int, last_year: int, as_of: dt.date) -> list[Quarter]:
    """The plan window's quarters that are due by as_of (periods after the window never are)."""
    return list(_due_quarters(first_year, last_year, as_of))


def latest_due_quarter(first_year: int, last_year: int, as_of: dt.date) -> Quarter | None:
    """The last plan quarter due by as_of, or None before the first is due."""
    due = _due_quarters(first_year, last_year, as_of)
    return due[-1] if due else None


# The figures ask for the plan's quarters several times per as_of (trend, indicators, the
# latest due quarter), and building a Quarter runs its checks: each window's quarters, and
# those due at each as_of, are built once (a Quarter is immutable; callers get their own list).
@lru_cache(maxsize=64)
def _plan_quarters(first_year: int, last_year: int) -> tuple[Quarter, ...]:
    return tuple(Quarter(y, q) for y in range(first_year, last_year + 1) for q in range(1, 5))


@lru_cache(maxsize=256)
def _due_quarters(first_year: int, last_year: int, as_of: dt.date) -> tuple[Quarter, ...]:
    return tuple(q for q in _plan_quarters(first_year, last_year) if q.is_due(as_of))


_QUARTER_WORD = r"(?:\s*-?\s*(?:й|ий|ій|ше|ге))?\s*(?:кв(?:артал[уа]?)?\.?|q)"
_YEAR_WORD = r"(?:\s*(?:року|р[iі]к|р)\.?)?"
_NUM = r"(iv|iii|ii|i|[1-4])"
_PATTERNS = [
    re.compile(r"^(\d{4})\s*-?\s*q\s*([1-4])$"),  # 2024-Q1, 2024Q1, 2024 Q1
    re.compile(r"^q\s*([1-4])\s*-?\s*(\d{4})$"),  # Q1 2024
    re.compile(rf"^{_NUM}{_QUARTER_WORD}\s*(\d{{4}}){_YEAR_WORD}$"),  # I кв. 2024, 1 квартал 2024 року
    re.compile(rf"^(\d{{4}}){_YEAR_WORD}\s*[,-]?\s*{_NUM}{_QUARTER_WORD}$"),  # 2024 р. I кв.
]


def _numeral(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _ROMAN.get(token)


def normalize_numerals(text: str) -> str:
    """Case-folded text with Cyrillic І as Latin i and dashes unified, spaces collapsed."""
    text = " ".join(text.casefold().split())
    if text.isascii():  # nothing to replace (every quarter written 2024-Q1)
        return text
    # One replace per character (C loops) rather than str.translate, which looks every
    # character of a non-ASCII text up in a dict: 0.9 -> 0.4 us for "ІІ кв. 2025".
    return (text.replace("і", "i").replace("ї", "i").replace("ⅰ", "i")
            .replace("–", "-").replace("—", "-"))


def quarter_parts(text: str) -> tuple[int, int] | None:
    """(year, quarter) of a quarter in any of WORKBOOK.md's forms, the year unchecked
    (``0000-Q1`` gives (0, 1)); None when the text is not a quarter."""
    norm = normalize_numerals(text).strip()
    for index, pattern in enumerate(_PATTERNS):
        match = pattern.match(norm)
        if not match:
            continue
        a, b = match.group(1), match.group(2)
        if index in (0, 3):
            year, num = int(a), _numeral(b)
        else:
            num, year = _numeral(a), int(b)
        if num is None or not 1 <= num <= 4:
            return None
        return year, num
    return None


def parse_quarter(text: str) -> Quarter | None:
    """Read a quarter in any of WORKBOOK.md's forms; None when the text is not one or names
    a year no date can have (``0000-Q1``)."""
    parts = quarter_parts(text)
    if parts is None or not dt.MINYEAR <= parts[0] <= dt.MAXYEAR:
        return None
    return Quarter(*parts)
