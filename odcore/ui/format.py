"""Numbers and dates as the UI shows them: whole percentages rounded half up, dd.mm.yyyy,
stars as a five-star bar."""

from __future__ import annotations

import datetime as dt

from odcore.departments import DepartmentNames
from odcore.i18n import DEFAULT_LANGUAGE, translate
from odcore.periods import Quarter
from odcore.rounding import whole_percent


def star_bar(stars: int) -> str:
    """Open-data stars (0 to 5) as filled and empty stars: ``★★★☆☆``."""
    return "★" * stars + "☆" * (5 - stars)


def format_share(share: float | None, language: str = DEFAULT_LANGUAGE) -> str:
    """``75 %``, or "немає даних" for an undefined share."""
    if share is None:
        return translate("common.no_data", language)
    return f"{whole_percent(share)} %"


def points_change(change: float | None) -> int | None:
    """A change of a share as whole percentage points, rounded half up; None when undefined.

    A change that rounds to 0 is 0 (never ``-0``), so it reads as "no change".
    """
    if change is None:
        return None
    return whole_percent(change)


def format_points_change(change: float | None, language: str = DEFAULT_LANGUAGE) -> str | None:
    """A change of a share in percentage points (``+5 п.п.``, ``0 п.п.``); None when undefined."""
    points = points_change(change)
    if points is None:
        return None
    return translate("common.points_change", language, points=f"{points:+d}" if points else "0")


def format_date(day: dt.date | None) -> str:
    """``01.07.2025``; empty for no date."""
    return day.strftime("%d.%m.%Y") if day is not None else ""


def format_number(value: float | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A count as an integer when it is one, else with one decimal; "немає даних" for None."""
    if value is None:
        return translate("common.no_data", language)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",") if language == "uk" else f"{value:.1f}"


def format_quarter(quarter: Quarter, language: str = DEFAULT_LANGUAGE) -> str:
    """``II кв. 2025`` in Ukrainian, ``Q2 2025`` in English."""
    return f"Q{quarter.q} {quarter.year}" if language == "en" else quarter.label_uk()


def department_label(name: str, names: DepartmentNames,
                     language: str = DEFAULT_LANGUAGE) -> str:
    """The department's name, or «⚠ name (невідомий підрозділ)» when «Підрозділи» lists
    departments but not this one: a misspelt name is a bar or row of its own and must not
    look like a second copy of the right one. Nothing is marked while the tab is empty."""
    if not names or name in names:
        return name
    return translate("department.unknown_label", language, name=name)
