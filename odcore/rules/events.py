"""The people and events behind the indicators (docs/rules.md, "Events and people").

Tasks 8.1 and 9.2 (``settings.event_tasks``): the `Заходи` rows that name the task, dated by
``as_of``, counted per plan quarter and by type, with the list. Tasks 2.1 and 2.2: the
register's responsible persons not found in `Навчання` (the complement of
``stewards_trained_share``, with the same name comparison) and whether the chief specialist
named in the settings took a course. Names are personal: these figures reach internal pages
only, and the summary carries counts, never names. Pure: no Streamlit, no network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from odcore.periods import Quarter, plan_quarters
from odcore.rules.names import NameKeys
from odcore.rules.quality import uk_sort_key
from odcore.schema.models import Event, Training
from odcore.schema.vocab import EventKind
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.workbook import Workbook

_KINDS: tuple[str, ...] = tuple(kind.value for kind in EventKind)  # in the vocabulary's order


def _kind_counts(events: list[Event] | tuple[Event, ...]) -> dict[str, int]:
    """Events per type, in the vocabulary's order, types without events left out."""
    if not events:  # most quarters
        return {}
    counts = dict.fromkeys(_KINDS, 0)
    for event in events:
        counts[event.kind._value_] += 1  # _value_: .value is a Python descriptor
    return {kind: n for kind, n in counts.items() if n}


@dataclass(frozen=True)
class QuarterEvents:
    """The events of one plan quarter, by type (types without events left out)."""

    quarter: Quarter
    total: int
    by_kind: dict[str, int]


@dataclass(frozen=True)
class TaskEvents:
    """The events that name one task, dated by as_of.

    ``present`` is False when the workbook has no `Заходи` tab: the counts are then undefined
    (None), as for the indicators. ``title`` is the plan's wording of the task, None when the
    plan does not list the code.
    """

    code: str
    title: str | None
    present: bool
    events: tuple[Event, ...]  # oldest first, then in row order
    quarters: tuple[QuarterEvents, ...]  # every plan quarter started by as_of

    @property
    def total(self) -> int | None:
        return len(self.events) if self.present else None

    @property
    def by_kind(self) -> dict[str, int]:
        return _kind_counts(self.events)

    def summary_json(self) -> dict[str, object]:
        """The task's part of the summary's ``events`` key."""
        return {
            "task": self.code,
            "total": self.total,
            "by_kind": self.by_kind,
            "quarters": [{"quarter": str(q.quarter), "total": q.total, "by_kind": q.by_kind}
                         for q in self.quarters],
            "items": [{"date": e.date.isoformat(), "title": e.title, "kind": e.kind.value,
                       "outcome": e.outcome, "url": e.url} for e in self.events],
        }


def task_events(workbook: Workbook, as_of: dt.date, settings: Settings) -> tuple[TaskEvents, ...]:
    """For each code of ``settings.event_tasks``: its events by as_of, per quarter and type.

    The quarters are the plan window's quarters that have started by as_of (empty ones too,
    so that a gap shows); an event outside the window is listed and counted in the total but
    falls in no quarter.
    """
    present = "events" in workbook.tabs_present
    started = [q for q in plan_quarters(settings.plan_first_year, settings.plan_last_year)
               if q.has_started(as_of)]
    titles = {normalize_name(t.code): t.task for t in workbook.tasks}
    # An event names a task when its `Завдання плану` holds the code (compared like headers);
    # each event's codes normalised once for all the tasks, each distinct code once.
    keys = NameKeys()
    named = [(e, {keys[c] for c in e.task_codes}) for e in workbook.events if e.date <= as_of]
    result = []
    for code in settings.event_tasks:
        wanted = normalize_name(code)
        events = sorted((e for e, codes in named if wanted in codes),
                        key=lambda e: e.date)  # stable: row order within a day
        # Grouped by (year, quarter) once, in date order: a scan of every event per quarter
        # was quarters x events.
        by_quarter: dict[tuple[int, int], list[Event]] = {}
        for event in events:
            by_quarter.setdefault((event.date.year, (event.date.month + 2) // 3), []).append(event)
        quarters = []
        for quarter in started:
            inside = by_quarter.get((quarter.year, quarter.q), [])
            quarters.append(QuarterEvents(quarter, len(inside), _kind_counts(inside)))
        result.append(TaskEvents(code=code, title=titles.get(normalize_name(code)),
                                 present=present, events=tuple(events),
                                 quarters=tuple(quarters)))
    return tuple(result)


@dataclass(frozen=True)
class Untrained:
    """A responsible person of the register with no course in `Навчання` by as_of.

    ``person`` is the name as the register first writes it; ``departments`` and
    ``dataset_ids`` are those of the register rows that name the person.
    """

    person: str
    departments: tuple[str, ...]
    dataset_ids: tuple[str, ...]


@dataclass(frozen=True)
class ChiefSpecialist:
    """Task 2.1: the chief specialist named in the settings and the courses found for them.

    ``trained`` is None when nobody is named or the workbook has no `Навчання` tab.
    """

    name: str
    courses: tuple[Training, ...]
    trained: bool | None

    @property
    def named(self) -> bool:
        return bool(self.name.strip())


@dataclass(frozen=True)
class PeopleFigures:
    """Tasks 2.1 and 2.2 at as_of. ``untrained`` is None without a `Навчання` tab."""

    stewards: int  # distinct responsible persons of the register (names normalised)
    untrained: tuple[Untrained, ...] | None
    chief: ChiefSpecialist

    @property
    def trained(self) -> int | None:
        return None if self.untrained is None else self.stewards - len(self.untrained)

    def summary_json(self) -> dict[str, object]:
        """Counts only: the names are personal and stay on internal pages."""
        return {
            "stewards": self.stewards,
            "trained": self.trained,
            "untrained": None if self.untrained is None else len(self.untrained),
            "chief_specialist": {"named": self.chief.named, "trained": self.chief.trained,
                                 "courses": len(self.chief.courses)},
        }


def _exists_by(day: dt.date | None, as_of: dt.date) -> bool:
    """A dated course exists by as_of; an undated one is taken as existing (docs/rules.md)."""
    return day is None or day <= as_of


def people_figures(workbook: Workbook, as_of: dt.date, settings: Settings) -> PeopleFigures:
    """Who of the register's responsible persons has no course yet, and the chief specialist."""
    present = "trainings" in workbook.tabs_present
    courses = [t for t in workbook.trainings if _exists_by(t.completed_on, as_of)]
    keys = NameKeys()  # a few dozen people over thousands of rows: each name read once
    trained = {keys[t.person] for t in courses}
    stewards: dict[str, tuple[str, dict[str, None], dict[str, None]]] = {}
    for dataset in workbook.datasets:
        if not dataset.steward:
            continue
        key = keys[dataset.steward]
        found = stewards.get(key)  # setdefault would build a default for every row
        if found is None:
            found = stewards[key] = (dataset.steward.strip(), {}, {})
        name, departments, ids = found
        departments.setdefault(dataset.department, None)
        ids.setdefault(dataset.id, None)
    untrained = tuple(sorted(
        (Untrained(name, tuple(departments), tuple(ids))
         for key, (name, departments, ids) in stewards.items() if key not in trained),
        key=lambda u: uk_sort_key(u.person))) if present else None
    wanted = normalize_name(settings.chief_specialist)
    chief_courses = tuple(t for t in courses if wanted and keys[t.person] == wanted)
    chief = ChiefSpecialist(
        name=settings.chief_specialist.strip(), courses=chief_courses,
        trained=bool(chief_courses) if wanted and present else None)
    return PeopleFigures(stewards=len(stewards), untrained=untrained, chief=chief)
