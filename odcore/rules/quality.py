"""Dataset quality (RULES.md "Dataset quality"): stars, timeliness, compliance with reasons,
mandatory coverage, quality checks, points, "fix first" and the quarterly trend.

Pure functions of a Workbook and ``as_of``; the register's status and dates are today's.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from odcore.dates import add_days
from odcore.i18n import Phrase
from odcore.issues import Finding, Issue, IssueCode
from odcore.periods import Quarter, due_quarters, latest_due_quarter
from odcore.rules import mqa
from odcore.rules.openness import (
    MACHINE_READABLE_STARS,
    LicenceKind,
    classify_licence,
    is_known_format,
    normalize_format,
    stars_by_format,
)
from odcore.rules.reasons import (
    EXAMPLE_LICENSE,
    FIXABLE,
    PASSPORT_FIELDS,
    Reason,
    fix_phrase,
    missing_reason,
)
from odcore.schema.models import Dataset, QualityCheck
from odcore.schema.tabs import header_of
from odcore.schema.vocab import DatasetStatus, UpdateFrequency, match_vocabulary
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.text import normalize_name
from odcore.workbook import Workbook

# The national portal's own intervals for "Не оновлено вчасно" (days).
INTERVAL_DAYS: dict[UpdateFrequency, int] = {
    UpdateFrequency.MORE_THAN_DAILY: 1,
    UpdateFrequency.DAILY: 1,
    UpdateFrequency.WEEKLY: 7,
    UpdateFrequency.MONTHLY: 31,
    UpdateFrequency.QUARTERLY: 92,
    UpdateFrequency.HALF_YEARLY: 183,
    UpdateFrequency.YEARLY: 365,
    UpdateFrequency.ON_CHANGE: 365,
}

# Reasons are listed in the enum's order (structure_mismatch, from a kept content check of
# the resource file, last: docs/portal.md "Content checks as an input").
REASON_ORDER: tuple[Reason, ...] = tuple(Reason)

# What the "fix first" simulation writes for a change (never stored, only tried).
_EXAMPLE_URL = "https://data.gov.ua/dataset/example"
_EXAMPLE_FORMAT = "CSV"
_EXAMPLE_TEXT = "…"
_EXAMPLE_FREQUENCY = UpdateFrequency.YEARLY
_NO_FIX_STATUSES = (DatasetStatus.RESTRICTED, DatasetStatus.WITHDRAWN)
# Each passport field with its reason, looked up once rather than for every dataset judged.
_MISSING_REASON = {f: missing_reason(f) for f in PASSPORT_FIELDS}


class Timeliness(NamedTuple):
    """When a published dataset is next due and whether it is overdue (a named tuple, as
    DatasetQuality, for the same reason: one is built for every published row)."""

    overdue: bool = False
    next_due: dt.date | None = None
    days_overdue: int | None = None
    not_evaluable: bool = False


class Fix(NamedTuple):
    """The one change that makes the largest difference to a non-compliant dataset;
    ``action`` says what to do, in the catalogue's words (odcore.i18n ``fix.<reason>``).

    A named tuple (immutable, compared field by field, as the frozen dataclass it was), built
    in one C call for every class of non-compliant rows (docs/performance.md, round 8).
    """

    reason: Reason
    action: Phrase
    becomes_compliant: bool
    reasons_removed: int
    points_gain: int


class DatasetQuality(NamedTuple):
    """Every verdict on one register row, with its reasons.

    A named tuple (immutable, compared field by field, as the frozen dataclass it was): one is
    built for every register row, in one call, where a frozen dataclass set its 15 fields one
    by one through ``object.__setattr__`` (docs/performance.md, round 7).
    """

    dataset: Dataset
    formats: tuple[str, ...]  # normalised names, in the register's order
    unknown_formats: tuple[str, ...]  # as typed
    format_stars: int
    stars: int  # after the closed-licence drop
    machine_readable: bool
    licence: LicenceKind
    timeliness: Timeliness
    missing_fields: tuple[str, ...]
    reasons: tuple[Reason, ...]
    latest_check: QualityCheck | None
    checks: tuple[QualityCheck, ...]  # counted checks, oldest first
    points: mqa.Points
    published: bool  # at as_of: is_published
    fix_first: Fix | None = None

    @property
    def id(self) -> str:
        return self.dataset.id

    @property
    def status(self) -> DatasetStatus:
        return self.dataset.status

    @property
    def department(self) -> str:
        return self.dataset.department

    @property
    def restricted(self) -> bool:
        return self.dataset.status is DatasetStatus.RESTRICTED

    @property
    def compliant(self) -> bool:
        return not self.reasons

    @property
    def overdue(self) -> bool:
        return self.timeliness.overdue

    @property
    def next_due(self) -> dt.date | None:
        return self.timeliness.next_due

    @property
    def days_overdue(self) -> int | None:
        return self.timeliness.days_overdue

    @property
    def not_evaluable(self) -> bool:
        return self.timeliness.not_evaluable

    @property
    def on_time(self) -> bool:
        """Published, evaluable and not overdue."""
        return self.published and not self.not_evaluable and not self.overdue

    @property
    def passport_complete(self) -> bool:
        return not self.missing_fields

    @property
    def rating(self) -> mqa.Rating:
        return self.points.rating

    def summary_json(self) -> dict[str, Any]:
        """This dataset's entry of the summary's ``datasets.items``."""
        # The fields unpacked at once, not read through the properties above (a Python call
        # each), and an enum's value as its _value_ (``.value`` is a Python descriptor): one
        # entry is built for every register row.
        (dataset, _, _, _, stars, machine_readable, _, when, _, reasons, check, _, points, _,
         fix) = self
        overdue, next_due, days_overdue, not_evaluable = when
        return {
            "id": dataset.id,
            "status": dataset.status._value_,
            "department": dataset.department,
            "stars": stars,
            "machine_readable": machine_readable,
            "overdue": overdue,
            "next_due": next_due.isoformat() if next_due else None,
            "days_overdue": days_overdue,
            "not_evaluable": not_evaluable,
            "compliant": not reasons,
            "reasons": list(map(_VALUE_OF, reasons)),  # no comprehension frame a row
            "points": points.total,
            "rating": points.rating._value_,
            "fix_first": fix.reason._value_ if fix else None,
            "latest_check": None if check is None else {
                "period": str(check.period), "compliant": check.compliant,
                "resolved": check.resolved,
            },
        }


@dataclass(frozen=True)
class DatasetCounts:
    """Counts behind the shares; restricted datasets are outside every share."""

    total: int = 0  # register rows that loaded without error
    register_rows: int = 0  # every non-empty register row, error rows included
    register_complete: int = 0
    published: int = 0
    compliant: int = 0
    restricted: int = 0
    overdue: int = 0
    not_evaluable: int = 0
    evaluable: int = 0  # published with an interval
    on_time: int = 0
    mandatory: int = 0  # marked mandatory, restricted left out
    mandatory_published: int = 0
    checked_latest_quarter: int = 0  # published, with a check for the latest due quarter
    with_recommendations: int = 0
    recommendations_resolved: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TrendPoint:
    """One due quarter: datasets published by its end, and how that quarter's checks went."""

    quarter: Quarter
    published_by_end: int
    checks: int
    checks_passed: int

    @property
    def checks_passed_share(self) -> float | None:
        return share(self.checks_passed, self.checks)

    def to_json(self) -> dict[str, Any]:
        return {"quarter": str(self.quarter), "published_by_end": self.published_by_end,
                "checks": self.checks, "checks_passed": self.checks_passed,
                "checks_passed_share": self.checks_passed_share}


@dataclass(frozen=True)
class DepartmentCompliance:
    department: str
    published: int
    compliant: int
    overdue: int

    @property
    def compliant_share(self) -> float | None:
        return share(self.compliant, self.published)


@dataclass(frozen=True)
class DatasetAssessment:
    """The register assessed at ``as_of``: one DatasetQuality per loaded row, and shares."""

    as_of: dt.date
    items: tuple[DatasetQuality, ...]
    counts: DatasetCounts
    latest_due_quarter: Quarter | None
    trend: tuple[TrendPoint, ...]
    compliance_target: float

    @property
    def compliant_share(self) -> float | None:
        return share(self.counts.compliant, self.counts.published)

    @property
    def register_complete_share(self) -> float | None:
        return share(self.counts.register_complete, self.counts.register_rows)

    @property
    def quality_checked_share(self) -> float | None:
        if self.latest_due_quarter is None:
            return None
        return share(self.counts.checked_latest_quarter, self.counts.published)

    @property
    def recommendations_resolved_share(self) -> float | None:
        return share(self.counts.recommendations_resolved, self.counts.with_recommendations)

    @property
    def mandatory_share(self) -> float | None:
        return share(self.counts.mandatory_published, self.counts.mandatory)

    @property
    def on_time_share(self) -> float | None:
        """On time / published with an interval ("not evaluable" counted apart)."""
        return share(self.counts.on_time, self.counts.evaluable)

    @property
    def average_stars(self) -> float | None:
        stars = [i.stars for i in self.items if i.published]
        return sum(stars) / len(stars) if stars else None

    def published(self) -> list[DatasetQuality]:
        return [i for i in self.items if i.published]

    def item(self, dataset_id: str) -> DatasetQuality | None:
        key = normalize_name(dataset_id)
        return next((i for i in self.items if normalize_name(i.id) == key), None)

    def by_department(self) -> list[DepartmentCompliance]:
        """Published, compliant and overdue datasets per department, by name."""
        groups: dict[str, list[DatasetQuality]] = {}
        for item in self.published():
            groups.setdefault(item.department, []).append(item)
        return [DepartmentCompliance(name, len(group), sum(i.compliant for i in group),
                                     sum(i.overdue for i in group))
                for name, group in sorted(groups.items(), key=lambda kv: uk_sort_key(kv[0]))]

    def to_do(self, department: str | None = None) -> list[DatasetQuality]:
        """Datasets with a "fix first", the fixes that make a dataset compliant first."""
        want = normalize_name(department) if department else None
        ranked = [(i.fix_first, i) for i in self.items if i.fix_first is not None
                  and (want is None or normalize_name(i.department) == want)]
        ranked.sort(key=lambda fi: (not fi[0].becomes_compliant, -fi[0].reasons_removed,
                                    -fi[0].points_gain, fi[1].id))
        return [item for _, item in ranked]

    def summary_json(self) -> dict[str, Any]:
        """The ``datasets`` part of the machine-readable summary (RULES.md)."""
        # One pass over the rows: each row's entry, and the IDs listed apart read from it
        # (three more passes over the rows read the same fields again).
        entries, overdue, not_evaluable, restricted = [], [], [], []
        restricted_value = DatasetStatus.RESTRICTED._value_
        for item in self.items:
            entry = item.summary_json()
            entries.append(entry)
            if entry["overdue"]:
                overdue.append(entry["id"])
            if entry["not_evaluable"]:
                not_evaluable.append(entry["id"])
            if entry["status"] == restricted_value:
                restricted.append(entry["id"])
        return {
            "total": self.counts.total,
            "published": self.counts.published,
            "compliant": self.counts.compliant,
            "compliant_share": self.compliant_share,
            "compliance_target": self.compliance_target,
            "overdue": overdue,
            "not_evaluable": not_evaluable,
            "restricted": restricted,
            "mandatory_share": self.mandatory_share,
            "on_time_share": self.on_time_share,
            "register_complete_share": self.register_complete_share,
            "quality_checked_share": self.quality_checked_share,
            "recommendations_resolved_share": self.recommendations_resolved_share,
            "average_stars": self.average_stars,
            "latest_due_quarter": (str(self.latest_due_quarter)
                                   if self.latest_due_quarter else None),
            "counts": {
                "register_rows": self.counts.register_rows,
                "register_complete": self.counts.register_complete,
                "restricted": self.counts.restricted,
                "overdue": self.counts.overdue,
                "not_evaluable": self.counts.not_evaluable,
                "evaluable": self.counts.evaluable,
                "on_time": self.counts.on_time,
                "mandatory": self.counts.mandatory,
                "mandatory_published": self.counts.mandatory_published,
                "checked_latest_quarter": self.counts.checked_latest_quarter,
                "with_recommendations": self.counts.with_recommendations,
                "recommendations_resolved": self.counts.recommendations_resolved,
                "by_status": dict(self.counts.by_status),
            },
            "trend": [p.to_json() for p in self.trend],
            "items": entries,
        }


_VALUE_OF = attrgetter("_value_")  # an enum member's value, read in C
# A named tuple built from its values in one C call, without the Python __new__ that binds
# each field by name (a DatasetQuality per register row, a Timeliness per published one).
_TUPLE_NEW = tuple.__new__
_UK_ALPHABET = {c: i for i, c in enumerate("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")}


def uk_sort_key(text: str) -> tuple[int, ...]:
    """Sorts Ukrainian text alphabetically (code points put є, і, ї, ґ out of place)."""
    # Names (departments, people) repeat over the figures and the pages: each key built
    # once (an immutable tuple); a long text is read each time, not kept.
    if len(text) <= 200:
        return _remembered_sort_key(text)
    return _sort_key(text)


def _sort_key(text: str) -> tuple[int, ...]:
    return tuple(_UK_ALPHABET.get(c, 100 + ord(c)) for c in normalize_name(text))


_remembered_sort_key = lru_cache(maxsize=4096)(_sort_key)


def share(part: int, whole: int | None) -> float | None:
    """part / whole, or None over an empty set."""
    return part / whole if whole else None


def grace_table(settings: Settings) -> dict[UpdateFrequency, int]:
    """settings.grace_days keyed by frequency (values or synonyms), never negative."""
    table: dict[UpdateFrequency, int] = {}
    for text, days in settings.grace_days.items():
        member = match_vocabulary(UpdateFrequency, text)
        if isinstance(member, UpdateFrequency):
            table[member] = max(0, int(days))
    return table


def is_published(dataset: Dataset, as_of: dt.date) -> bool:
    """Published at as_of: status `Оприлюднено` and first published by as_of (or undated).

    A first publication after as_of does not exist yet (RULES.md "Periods"), so at as_of such
    a dataset is not yet published: outside every published count and share.
    """
    return _published(dataset.status, dataset.first_published, as_of)


def _published(status: DatasetStatus, first_published: dt.date | None, as_of: dt.date) -> bool:
    return status is DatasetStatus.PUBLISHED and (
        first_published is None or first_published <= as_of)


def timeliness(dataset: Dataset, as_of: dt.date, grace: dict[UpdateFrequency, int]) -> Timeliness:
    """Next due date and overdue state; only datasets published at as_of are judged."""
    return _timeliness(_published(dataset.status, dataset.first_published, as_of),
                       dataset.update_frequency, dataset.last_updated, as_of, grace)


_NOT_JUDGED = Timeliness()
_NOT_EVALUABLE = Timeliness(not_evaluable=True)
_NEVER_UPDATED = Timeliness(overdue=True)


def _timeliness(published: bool, frequency: UpdateFrequency | None,
                last_updated: dt.date | None, as_of: dt.date,
                grace: dict[UpdateFrequency, int]) -> Timeliness:
    # The three answers that carry no date are shared (a Timeliness is immutable).
    if not published:
        return _NOT_JUDGED
    interval = INTERVAL_DAYS.get(frequency) if frequency is not None else None
    if frequency is None or interval is None:  # "Не оновлюється" or no frequency
        return _NOT_EVALUABLE
    if last_updated is None:
        return _NEVER_UPDATED
    # Saturates at 9999-12-31: a grace of millions of days means "not due within any date".
    next_due = add_days(last_updated, interval + grace.get(frequency, 0))
    # Positional (overdue, next_due, days_overdue): one per published row and fix tried.
    if as_of > next_due:
        return _TUPLE_NEW(Timeliness, (True, next_due, (as_of - next_due).days, False))
    return _TUPLE_NEW(Timeliness, (False, next_due, None, False))


# The licence and the formats are judged by their own rules, and the update frequency is an
# enum or nothing: the other passport fields are texts (or lists of texts) tested in one loop,
# the three after them, in PASSPORT_FIELDS' order.
_TEXT_PASSPORT_FIELDS = PASSPORT_FIELDS[:-3]
assert PASSPORT_FIELDS[-3:] == ("update_frequency", "license", "formats")


def _blank(value: object) -> bool:
    """A text of spaces only, a list of such texts, or nothing."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):  # map, not a generator: a register row's keywords each time
        return not any(map(str.strip, map(str, value)))
    return value is None


def _blank_texts(dataset: Dataset) -> tuple[str, ...]:
    """The text passport fields (title ... department) the row leaves empty."""
    # _TEXT_PASSPORT_FIELDS in order (asserted below); a text or nothing is blank as _blank
    # says, written out: this runs for every register row.
    blank = []
    if not (dataset.title or "").strip():
        blank.append("title")
    if not (dataset.description or "").strip():
        blank.append("description")
    if not (dataset.purpose or "").strip():
        blank.append("purpose")
    # A row's keywords are a tuple of texts (the model's type): blank as _blank says of it,
    # without its type tests (a call per row).
    if not any(map(str.strip, dataset.keywords)):
        blank.append("keywords")
    if not (dataset.department or "").strip():
        blank.append("department")
    return tuple(blank)


assert _TEXT_PASSPORT_FIELDS == ("title", "description", "purpose", "keywords", "department")


def _passport_gaps(blank_texts: tuple[str, ...], frequency: UpdateFrequency | None,
                   licence: LicenceKind, formats: tuple[str, ...]) -> tuple[str, ...]:
    """Every missing passport field, in PASSPORT_FIELDS' order."""
    missing = list(blank_texts)
    if frequency is None:  # an UpdateFrequency is never a blank text (asserted below)
        missing.append("update_frequency")
    if licence is LicenceKind.MISSING:
        missing.append("license")
    if not any(map(str.strip, formats)):  # no format but spaces (map: no generator frame)
        missing.append("formats")
    return tuple(missing)


assert not any(_blank(member) for member in UpdateFrequency)


def missing_passport_fields(dataset: Dataset) -> tuple[str, ...]:
    """The passport fields data.gov.ua requires that the row leaves empty."""
    return _passport_gaps(_blank_texts(dataset), dataset.update_frequency,
                          classify_licence(dataset.license), dataset.formats)


def check_failed(check: QualityCheck | None) -> bool:
    """A check that says "не відповідає" and whose recommendations are not marked resolved."""
    return check is not None and check.compliant is False and check.resolved is not True


def counted_checks(checks: Iterable[QualityCheck], as_of: dt.date) -> list[QualityCheck]:
    """Checks for periods started by as_of, oldest first (period, check date, row order)."""
    # A period has started by as_of when its (year, quarter) is not after as_of's: compared
    # as plain tuples, without building each period's first day (Quarter.has_started).
    started = (as_of.year, (as_of.month + 2) // 3)
    indexed = [(i, c) for i, c in enumerate(checks) if (c.period.year, c.period.q) <= started]
    if len(indexed) < 2:  # most datasets with checks: nothing to sort
        return [c for _, c in indexed]
    indexed.sort(key=lambda ic: (ic[1].period, ic[1].checked_on is not None,
                                 ic[1].checked_on or dt.date.min, ic[0]))
    return [c for _, c in indexed]


class _Row(NamedTuple):
    """What a verdict reads of a register row and its latest check: read once per dataset,
    and each fix tried changes one field of it (``_with``, a new tuple, where copying the
    pydantic row copied every field)."""

    status: DatasetStatus
    first_published: dt.date | None
    portal_url: str | None
    formats: tuple[str, ...]
    license: str | None
    update_frequency: UpdateFrequency | None
    last_updated: dt.date | None
    blank_texts: tuple[str, ...]  # _blank_texts
    has_contact: bool
    failed_check: bool  # check_failed(latest)
    structure_failed: bool


def _row_of(dataset: Dataset, latest: QualityCheck | None, structure_failed: bool) -> _Row:
    return _TUPLE_NEW(_Row, (dataset.status, dataset.first_published, dataset.portal_url,
                             tuple(dataset.formats), dataset.license, dataset.update_frequency,
                             dataset.last_updated, _blank_texts(dataset),
                             bool(dataset.steward or dataset.steward_email),
                             latest is not None and check_failed(latest), structure_failed))


class _Verdict(NamedTuple):
    """What ``_judge`` found (a named tuple, as mqa.PointFacts, for the same reason)."""

    formats: tuple[str, ...]
    unknown_formats: tuple[str, ...]
    format_stars: int
    stars: int
    machine_readable: bool
    licence: LicenceKind
    timeliness: Timeliness
    missing_fields: tuple[str, ...]
    reasons: tuple[Reason, ...]
    points: mqa.Points
    published: bool


def _read_formats(formats: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                     tuple[str, ...], int]:
    """(the typed formats, their canonical names, the unknown ones, the best star level)."""
    typed = tuple(f for f in formats if f.strip())
    return (typed, tuple(normalize_format(f) for f in typed),
            tuple(f for f in typed if not is_known_format(f)), stars_by_format(typed))


# A register repeats a few format lists ("CSV, XLSX") over all its datasets, and _judge runs
# for each dataset and each fix tried: each list is read once (a long list is read each time).
_remembered_formats = lru_cache(maxsize=1024)(_read_formats)


def _formats_of(formats: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                    tuple[str, ...], int]:
    if sum(map(len, formats)) <= 200:
        return _remembered_formats(formats)
    return _read_formats(formats)


def _judge(row: _Row, as_of: dt.date, grace: dict[UpdateFrequency, int]) -> _Verdict:
    # The row's fields unpacked at once (_Row's order), not read one attribute at a time.
    (status, first_published, portal_url, row_formats, license_text, frequency, last_updated,
     blank_texts, has_contact, failed_check, structure_failed) = row
    typed, formats, unknown, format_stars = _formats_of(row_formats)
    machine_readable = format_stars >= MACHINE_READABLE_STARS
    licence = classify_licence(license_text)
    stars = 0 if licence is LicenceKind.CLOSED else format_stars
    # _published written out (a call per verdict and fix tried).
    published = status is DatasetStatus.PUBLISHED and (
        first_published is None or first_published <= as_of)
    when = _timeliness(published, frequency, last_updated, as_of, grace)
    # _passport_gaps: with a frequency, a licence and a format typed (``typed``: the formats
    # that are not blank), the text fields' gaps are all of them.
    if frequency is not None and licence is not LicenceKind.MISSING and typed:
        missing = blank_texts
    else:
        missing = _passport_gaps(blank_texts, frequency, licence, row_formats)
    if status is DatasetStatus.RESTRICTED:
        reasons: tuple[Reason, ...] = (Reason.RESTRICTED,)
    else:
        # Listed in REASON_ORDER's order (a test holds them to it): no set, no sorting; the
        # missing fields come in PASSPORT_FIELDS' order, as their reasons do.
        found = []
        if status is not DatasetStatus.PUBLISHED:
            found.append(Reason.NOT_PUBLISHED)
        elif not published:
            found.append(Reason.NOT_YET_PUBLISHED)
        if not portal_url:
            found.append(Reason.NO_PORTAL_URL)
        if not machine_readable:
            found.append(Reason.NOT_MACHINE_READABLE)
        if licence is LicenceKind.CLOSED:
            found.append(Reason.CLOSED_LICENSE)
        if missing:
            found.extend([_MISSING_REASON[f] for f in missing])
        if when.overdue:
            found.append(Reason.OVERDUE)
        if failed_check:
            found.append(Reason.FAILED_CHECK)
        if structure_failed:
            found.append(Reason.STRUCTURE_MISMATCH)
        reasons = tuple(found)
    # Positional, in _FACT_ORDER (asserted below): binding 16 keywords cost more than the
    # rest of building the facts, once per verdict.
    facts: mqa.PointFacts = _TUPLE_NEW(mqa.PointFacts, (
        "keywords" not in missing,  # has_keywords
        "description" not in missing,  # has_description
        bool(portal_url),  # has_portal_url
        bool(typed),  # has_formats
        not unknown,  # formats_all_known
        machine_readable,  # machine_readable
        format_stars >= 3,  # non_proprietary
        licence is not LicenceKind.MISSING,  # has_license
        licence is LicenceKind.OPEN,  # open_license
        has_contact,  # has_contact
        "department" not in missing,  # has_department
        "purpose" not in missing,  # has_purpose
        frequency is not None,  # has_update_frequency
        last_updated is not None,  # has_last_updated
        first_published is not None,  # has_first_published
        published and not when.not_evaluable and not when.overdue,  # on_time
    ))
    return _TUPLE_NEW(_Verdict, (formats, unknown, format_stars, stars, machine_readable,
                                 licence, when, missing, reasons, mqa.score(facts), published))


# _judge unpacks a _Row in this order.
assert _Row._fields == ("status", "first_published", "portal_url", "formats", "license",
                        "update_frequency", "last_updated", "blank_texts", "has_contact",
                        "failed_check", "structure_failed")


_FACT_ORDER = ("has_keywords", "has_description", "has_portal_url", "has_formats",
               "formats_all_known", "machine_readable", "non_proprietary", "has_license",
               "open_license", "has_contact", "has_department", "has_purpose",
               "has_update_frequency", "has_last_updated", "has_first_published", "on_time")
assert mqa.PointFacts._fields == _FACT_ORDER


_ROW_INDEX = {name: i for i, name in enumerate(_Row._fields)}


def _with(row: _Row, name: str, value: object) -> _Row:
    """``row._replace(name=value)`` without its keyword machinery (a fix tried per call)."""
    i = _ROW_INDEX[name]
    return _TUPLE_NEW(_Row, (*row[:i], value, *row[i + 1:]))


def _fixed(row: _Row, reason: Reason, as_of: dt.date) -> _Row | None:
    """The row as it would be after fixing ``reason``; None when there is nothing to change
    at as_of."""
    if reason is Reason.NOT_PUBLISHED:
        return _with(row, "status", DatasetStatus.PUBLISHED)
    if reason is Reason.NO_PORTAL_URL:
        return _with(row, "portal_url", _EXAMPLE_URL)
    if reason is Reason.NOT_MACHINE_READABLE or reason is Reason.MISSING_FORMATS:
        return _with(row, "formats", (*row.formats, _EXAMPLE_FORMAT))
    if reason is Reason.CLOSED_LICENSE or reason is Reason.MISSING_LICENSE:
        return _with(row, "license", EXAMPLE_LICENSE)
    if reason is Reason.MISSING_UPDATE_FREQUENCY:
        return _with(row, "update_frequency", _EXAMPLE_FREQUENCY)
    if reason in _TEXT_FIELD_OF:  # the field gets _EXAMPLE_TEXT: no longer blank
        field_name = _TEXT_FIELD_OF[reason]
        return _with(row, "blank_texts", tuple(f for f in row.blank_texts if f != field_name))
    if reason is Reason.OVERDUE:
        return _with(row, "last_updated", as_of)
    if reason is Reason.FAILED_CHECK:  # its recommendations marked resolved
        return _with(row, "failed_check", False)
    return None


# What a fix tried fills in each blank text field; the Fix's words and each reason's rank,
# built once rather than for every fix tried.
_TEXT_FIELD_OF = {missing_reason(f): f for f in _TEXT_PASSPORT_FIELDS}
assert not _blank(_EXAMPLE_TEXT) and not _blank((_EXAMPLE_TEXT,))
_FIX_PHRASE = {r: fix_phrase(r) for r in REASON_ORDER if r in FIXABLE}
_RANK = {r: -i for i, r in enumerate(REASON_ORDER)}


def fix_first(dataset: Dataset, latest: QualityCheck | None, as_of: dt.date,
              grace: dict[UpdateFrequency, int], structure_failed: bool = False) -> Fix | None:
    """The single change that helps most: compliance first, then reasons removed, then points."""
    row = _row_of(dataset, latest, structure_failed)
    return _fix_first(row, _judge(row, as_of, grace), as_of, grace)


def _fix_first(row: _Row, before: _Verdict, as_of: dt.date,
               grace: dict[UpdateFrequency, int]) -> Fix | None:
    if not before.reasons or row.status in _NO_FIX_STATUSES:
        return None
    # Each fix tried is ranked by (becomes compliant, reasons removed, points gained, reason
    # order); only the best becomes a Fix.
    best: tuple[tuple[bool, int, int, int], Reason] | None = None
    for reason in before.reasons:
        changed = _fixed(row, reason, as_of)
        if changed is None:
            continue
        after = _judge(changed, as_of, grace)
        key = (not after.reasons, len(before.reasons) - len(after.reasons),
               after.points.total - before.points.total, _RANK[reason])
        if best is None or key > best[0]:
            best = key, reason
    if best is None:
        return None
    (becomes_compliant, reasons_removed, points_gain, _), reason = best
    return _TUPLE_NEW(Fix, (reason, _FIX_PHRASE[reason], becomes_compliant, reasons_removed,
                            points_gain))  # Fix's fields in order


def _assess(dataset: Dataset, checks: list[QualityCheck], as_of: dt.date,
            grace: dict[UpdateFrequency, int], structure_failed: bool = False
            ) -> DatasetQuality:
    """One row's DatasetQuality, judged afresh (assess_datasets shares the verdict and the
    fix of a class of rows, ``_verdict_class``, within one assessment)."""
    latest = checks[-1] if checks else None
    row = _row_of(dataset, latest, structure_failed)
    verdict = _judge(row, as_of, grace)
    shared = _shared(verdict, _fix_first(row, verdict, as_of, grace))
    # DatasetQuality's fields in order: the row's own between the class's shared ones.
    return _TUPLE_NEW(DatasetQuality, (dataset, *shared.head, verdict.timeliness,
                                       *shared.middle, latest, tuple(checks), *shared.tail))


class _Shared(NamedTuple):
    """The DatasetQuality fields a class of rows shares, in the groups that sit between the
    row's own fields (dataset; timeliness; latest_check and checks)."""

    head: tuple[Any, ...]  # formats ... licence
    middle: tuple[Any, ...]  # missing_fields, reasons
    tail: tuple[Any, ...]  # points, published, fix_first
    published: bool


def _shared(verdict: _Verdict, fix: Fix | None) -> _Shared:
    # The verdict unpacked at once (_Verdict's order), the groups in _Shared's, in one C call.
    (formats, unknown, format_stars, stars, machine_readable, licence, _, missing, reasons,
     points, published) = verdict
    return _TUPLE_NEW(_Shared, ((formats, unknown, format_stars, stars, machine_readable, licence),
                                (missing, reasons), (points, published, fix), published))


# _shared unpacks a _Verdict in this order.
assert _Verdict._fields == ("formats", "unknown_formats", "format_stars", "stars",
                            "machine_readable", "licence", "timeliness", "missing_fields",
                            "reasons", "points", "published")
# The fields around which _Shared groups the rest (asserted: a new field must find its place).
assert DatasetQuality._fields[0] == "dataset" and DatasetQuality._fields[7] == "timeliness"
assert DatasetQuality._fields[10:12] == ("latest_check", "checks")
assert len(DatasetQuality._fields) == 15


def _verdict_class(row: _Row, if_published: Timeliness, as_of: dt.date,
                   grace: dict[UpdateFrequency, int]) -> tuple[Any, ...]:
    """What ``_judge`` and ``_fix_first`` read of a row at as_of: rows of one class get the
    same verdict (but each its own timeliness dates) and the same fix.

    ``if_published`` is the row's timeliness were it published. The URL counts only as
    present or not, the first publication as absent, by as_of or after it, and the last
    update as absent or by whether it is overdue, under the row's frequency and, for a row
    without one, under the frequency a fix tried gives it (a fix of "overdue" updates the row
    at as_of: never overdue, whatever its date). The rest are the row's own values: a register
    repeats a few statuses, format lists, licences and frequencies.
    """
    first, last = row.first_published, row.last_updated
    return (row.status, 0 if first is None else 1 if first <= as_of else 2,
            bool(row.portal_url), row.formats, row.license, row.update_frequency,
            None if last is None else (
                if_published.overdue,
                None if row.update_frequency is not None else _timeliness(
                    True, _EXAMPLE_FREQUENCY, last, as_of, grace).overdue),
            row.blank_texts, row.has_contact, row.failed_check, row.structure_failed)


def _trend(first: list[dt.date], checks: dict[tuple[int, int], list[int]], settings: Settings,
           as_of: dt.date) -> list[TrendPoint]:
    """The trend from the first publications of the rows not restricted, sorted, and their
    counted checks tallied by period as (year, quarter) -> [checks, compliant] (both
    collected in assess_datasets' pass over the rows): a lookup per due quarter."""
    points = []
    for quarter in due_quarters(settings.plan_first_year, settings.plan_last_year, as_of):
        total, compliant = checks.get((quarter.year, quarter.q), (0, 0))
        points.append(TrendPoint(quarter, bisect_right(first, quarter.end), total, compliant))
    return points


def assess_datasets(workbook: Workbook, as_of: dt.date,
                    settings: Settings = DEFAULT_SETTINGS, *,
                    structure_failed: Iterable[str] = ()) -> DatasetAssessment:
    """Assess every loaded register row at as_of (RULES.md "Dataset quality");
    ``structure_failed`` holds the IDs whose resource failed its kept content check."""
    grace = grace_table(settings)
    failed = {normalize_name(i) for i in structure_failed}
    by_dataset: dict[str, list[QualityCheck]] = {}
    for check in workbook.quality_checks:
        by_dataset.setdefault(normalize_name(check.dataset_id), []).append(check)
    items = []
    # Rows of one class share a verdict and a fix (decision, docs/performance.md round 6b):
    # each class is judged once, with its fixes tried, in this assessment only. _assess with
    # the verdicts written out (a call per row less; a test holds each row to _assess alone).
    verdicts: dict[tuple[Any, ...], _Shared] = {}
    started = (as_of.year, (as_of.month + 2) // 3)  # as counted_checks compares periods
    latest_quarter = latest_due_quarter(settings.plan_first_year, settings.plan_last_year, as_of)
    # (year, quarter) of the latest due quarter: Quarter's == is a Python call per check.
    latest_key = None if latest_quarter is None else (latest_quarter.year, latest_quarter.q)
    # The counts taken in the same pass as the rows (from the values at hand, not read back
    # from each DatasetQuality in passes of their own).
    latest_with_recs: list[QualityCheck] = []
    first: list[dt.date] = []  # first publications of the rows not restricted
    trend_checks: dict[tuple[int, int], list[int]] = {}  # period -> [checks, compliant]
    by_status: dict[str, int] = {s.value: 0 for s in DatasetStatus}
    register_complete = restricted = mandatory = mandatory_published = published = 0
    compliant = overdue = not_evaluable = on_time = checked_latest_quarter = 0
    for dataset in workbook.datasets:
        key = normalize_name(dataset.id)
        checks = by_dataset.get(key)  # most rows have none: nothing to count or sort
        if checks is None:
            counted: tuple[QualityCheck, ...] = ()
        elif len(checks) == 1:  # most rows with checks: nothing to sort
            period = checks[0].period
            counted = (checks[0],) if (period.year, period.q) <= started else ()
        else:
            counted = tuple(counted_checks(checks, as_of))
        latest = counted[-1] if counted else None
        row = _row_of(dataset, latest, key in failed)
        # The row's own timeliness dates; the class says only whether it is overdue.
        if_published = _timeliness(True, row.update_frequency, row.last_updated, as_of, grace)
        class_key = _verdict_class(row, if_published, as_of, grace)
        shared = verdicts.get(class_key)
        if shared is None:
            verdict = _judge(row, as_of, grace)
            shared = verdicts[class_key] = _shared(verdict, _fix_first(row, verdict, as_of,
                                                                        grace))
        is_published = shared.published
        when = if_published if is_published else _NOT_JUDGED
        items.append(_TUPLE_NEW(DatasetQuality, (
            dataset, *shared.head, when, *shared.middle, latest, counted, *shared.tail)))
        # The counts: every row, then the published ones.
        status = row.status
        by_status[status._value_] += 1
        register_complete += not shared.middle[0]  # no missing_fields
        if status is DatasetStatus.RESTRICTED:  # never published, outside the trend
            restricted += 1
            continue
        # The trend's inputs (the rows' fields, not the ``restricted`` property; a period as
        # (year, quarter): a Quarter hashes through a Python call).
        if row.first_published is not None:
            first.append(row.first_published)
        for check in counted:  # most rows have none
            period = check.period
            tally = trend_checks.setdefault((period.year, period.q), [0, 0])
            tally[0] += 1
            tally[1] += bool(check.compliant)
        if dataset.mandatory is True:
            mandatory += 1
            mandatory_published += is_published
        if latest is not None and (latest.recommendations or "").strip():
            latest_with_recs.append(latest)
        if not is_published:
            continue
        published += 1
        compliant += not shared.middle[1]  # no reasons
        overdue += when.overdue
        not_evaluable += when.not_evaluable
        on_time += not when.not_evaluable and not when.overdue  # published: on_time
        if latest_key is not None:
            for check in counted:
                if (check.period.year, check.period.q) == latest_key:
                    checked_latest_quarter += 1
                    break
    counts = DatasetCounts(
        total=len(items),
        register_rows=workbook.rows_total.get("datasets", 0),
        register_complete=register_complete,
        published=published,
        compliant=compliant,
        restricted=restricted,
        overdue=overdue,
        not_evaluable=not_evaluable,
        evaluable=published - not_evaluable,
        on_time=on_time,
        mandatory=mandatory,
        mandatory_published=mandatory_published,
        checked_latest_quarter=checked_latest_quarter,
        with_recommendations=len(latest_with_recs),
        recommendations_resolved=sum(1 for c in latest_with_recs if c.resolved is True),
        by_status=by_status,
    )
    return DatasetAssessment(as_of=as_of, items=tuple(items), counts=counts,
                             latest_due_quarter=latest_quarter,
                             trend=tuple(_trend(sorted(first), trend_checks, settings, as_of)),
                             compliance_target=settings.compliance_target)


def quality_issues(workbook: Workbook) -> list[Issue]:
    """Warnings for licences we cannot read and notes on formats outside the star table."""
    issues: list[Issue] = []
    # A register repeats a few licences and format lists: each distinct one is read once in
    # this pass (a dict lookup for the rest, where the remembered readings cost a Python call).
    unrecognised: dict[str | None, bool] = {}
    unknown_formats: dict[tuple[str, ...], tuple[str, ...]] = {}
    for dataset in workbook.datasets:
        text = dataset.license
        found = unrecognised.get(text)
        if found is None:
            found = unrecognised[text] = classify_licence(text) is LicenceKind.UNRECOGNISED
        if found:
            licence = text or ""
            issues.append(_at(dataset, Finding.of(IssueCode.LICENSE_UNRECOGNISED,
                                                  license=licence), "license", licence))
        # The unknown formats, as typed and in order, of the remembered reading (_formats_of).
        formats = tuple(dataset.formats)
        unknown = unknown_formats.get(formats)
        if unknown is None:
            unknown = unknown_formats[formats] = _formats_of(formats)[2]
        for typed in unknown:
            issues.append(_at(dataset, Finding.of(IssueCode.FORMAT_UNRECOGNISED,
                                                  format=typed), "formats", typed))
    return issues


def _at(dataset: Dataset, finding: Finding, field: str, value: str) -> Issue:
    """The finding placed at one cell of the dataset's register row."""
    origin = dataset.origin
    return Issue(finding, spreadsheet=origin.spreadsheet, tab=origin.tab, row=origin.row,
                 column=header_of(dataset, field), value=value, department=dataset.department,
                 link=origin.link)
