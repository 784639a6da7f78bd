"""The plan's deadline wording (`Строк виконання`) read as a schedule (RULES.md "Deadlines").

A base module: the reading layer checks a deadline's years with it, and the rules turn the
plan's tasks into schedules with it (odcore/rules/schedules.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from odcore.dates import date_text_parts, in_years, make_date, years_text
from odcore.issues import Finding, IssueCode, display_value
from odcore.periods import normalize_numerals, quarter_parts
from odcore.settings import DEFAULT_SETTINGS


class ScheduleKind(StrEnum):
    ONE_OFF = "one_off"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    CONTINUOUS = "continuous"


@dataclass(frozen=True)
class Schedule:
    """How a task is due: once by ``due`` (one-off), every quarter, every year, or always.

    ``text`` is the plan's own wording, kept as written.
    """

    kind: ScheduleKind
    due: dt.date | None = None
    text: str = ""


_CYRILLIC_I = str.maketrans({"і": "i", "ї": "i"})


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case Ukrainian pattern to match normalize_numerals' output (і as i)."""
    return re.compile(pattern.translate(_CYRILLIC_I))


_QUARTERLY = _rx(r"^(?:щоквартально|щокварталу|раз на квартал|1 раз на квартал|"
                 r"один раз на квартал|кожного кварталу|кожен квартал)$")
_YEARLY = _rx(r"^(?:1 раз на рік|один раз на рік|раз на рік|щороку|щорічно|кожного року|"
              r"кожен рік)$")
_WHOLE_PLAN = _rx(r"^(?:постійно|(?:впродовж|упродовж|протягом) (?:терміну |строку |періоду )?"
                  r"(?:дії|виконання|реалізації) (?:плану|програми)(?: (?:заходів|дій))?)$")
_PLAN_YEARS = _rx(r"^(?:(?:впродовж|упродовж|протягом) )?(\d{4}) ?- ?(\d{4})(?: (?:роки|років|рр\.?))?$")
# A named period may follow "протягом", "впродовж", "до кінця", "у"/"в" (RULES.md: the
# period's last day); a date may follow "до" or "не пізніше".
_PERIOD_PREFIX = _rx(r"^(?:(?:впродовж|упродовж|протягом|до кінця|не пізніше кінця|у|в) )")
_DATE_PREFIX = _rx(r"^(?:до|не пізніше(?: ніж)?|по) ")
_HALF = _rx(r"^(ii|i|1|2|перше|друге)(?: ?- ?(?:ше|ге|е|й|га))? (?:півріччя|півріччі) (\d{4})"
            r"(?: (?:року|рік|р\.?))?$")
_YEAR = _rx(r"^(\d{4})(?: (?:рік|року|році|р\.?))?$")
_MONTHS = {name.translate(_CYRILLIC_I): number for number, name in enumerate(
    ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
     "вересня", "жовтня", "листопада", "грудня"), start=1)}
_DAY_MONTH = _rx(r"^(\d{1,2}) ([^ ]+) (\d{4})(?: (?:року|р\.?))?$")
_DATE_YEAR_WORD = _rx(r" (?:року|р\.?)$")  # "до 31.12.2024 року"


_LAST_QUARTER_DAY = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def parse_deadline(text: str | None, first_year: int, last_year: int,
                   accepted: tuple[int, int] = DEFAULT_SETTINGS.accepted_years,
                   ) -> tuple[Schedule, Finding | None]:
    """Read a deadline's wording; an empty or unrecognised one is continuous, with a finding.

    A one-off wording whose year is outside ``accepted`` (``IV квартал 9999``) is an error:
    its schedule is one-off with no due date, and the reading layer leaves the task out.
    """
    raw = "" if text is None else text.strip()
    if not raw:
        return Schedule(ScheduleKind.CONTINUOUS, None, ""), Finding.of(IssueCode.DEADLINE_EMPTY)
    norm = normalize_numerals(raw).strip(" .;,")
    kind = _periodic_kind(norm, first_year, last_year)
    if kind is not None:
        return Schedule(kind, None, raw), None
    parts = _one_off_parts(norm)
    if parts is not None and not in_years(parts[0], accepted):
        return Schedule(ScheduleKind.ONE_OFF, None, raw), Finding.of(
            IssueCode.DEADLINE_OUTSIDE_YEARS, value=display_value(raw), year=f"{parts[0]:04d}",
            first=str(accepted[0]), last=str(accepted[1]))
    due = make_date(*parts) if parts is not None else None
    if due is None:  # no wording we know, or a day the calendar lacks (31.02.2025)
        return Schedule(ScheduleKind.CONTINUOUS, None, raw), Finding.of(
            IssueCode.DEADLINE_UNRECOGNISED, value=display_value(raw))
    schedule = Schedule(ScheduleKind.ONE_OFF, due, raw)
    if not first_year <= due.year <= last_year:
        return schedule, Finding.of(IssueCode.DEADLINE_OUTSIDE_PLAN, value=display_value(raw),
                                    due=f"{due:%d.%m.%Y}",
                                    years=years_text((first_year, last_year)))
    return schedule, None


def _periodic_kind(norm: str, first_year: int, last_year: int) -> ScheduleKind | None:
    if _QUARTERLY.match(norm):
        return ScheduleKind.QUARTERLY
    if _YEARLY.match(norm):
        return ScheduleKind.YEARLY
    if _WHOLE_PLAN.match(norm):
        return ScheduleKind.CONTINUOUS
    years = _PLAN_YEARS.match(norm)
    if years and (int(years.group(1)), int(years.group(2))) == (first_year, last_year):
        return ScheduleKind.CONTINUOUS
    return None


def _one_off_parts(norm: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the date or the period's last day a wording names, or None.

    Parts, not a date: the year is checked before a date is built, since ``0000 рік`` or
    ``IV квартал 9999`` name days that Python's dates cannot hold.
    """
    date_text = _DATE_PREFIX.sub("", norm, count=1)
    parts = _date_parts(date_text)
    if parts is not None:
        return parts
    period_text = _PERIOD_PREFIX.sub("", norm, count=1)
    quarter = quarter_parts(period_text)
    if quarter is not None:
        year, q = quarter
        return (year, *_LAST_QUARTER_DAY[q])
    half = _HALF.match(period_text)
    if half:
        year = int(half.group(2))
        return (year, 6, 30) if half.group(1) in ("i", "1", "перше") else (year, 12, 31)
    year_match = _YEAR.match(period_text)
    if year_match:
        return int(year_match.group(1)), 12, 31
    return None


def _date_parts(text: str) -> tuple[int, int, int] | None:
    parts = date_text_parts(_DATE_YEAR_WORD.sub("", text))
    if parts is not None:
        return parts
    match = _DAY_MONTH.match(text)
    if match and match.group(2) in _MONTHS:
        return int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1))
    return None
