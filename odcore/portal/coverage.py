"""Which of the Ministry's recommended sets a council has in its register (docs/portal.md,
"Coverage").

A register row has a structure when its ``Структура Мінцифри`` names the annex. A title that
resembles an annex's title is only a suggestion: the coordinator confirms it by filling that
column (or declines every suggestion for the row with ``немає`` or ``-``). Pure functions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any, NamedTuple

from odcore.portal.structures import Scope, StructureCatalogue, load_catalogue
from odcore.schema.models import Dataset
from odcore.schema.vocab import DatasetStatus
from odcore.text import normalize_name

# A value of Структура Мінцифри saying the coordinator checked and no structure applies.
DECLINED_VALUES: frozenset[str] = frozenset({"-", "—", "–", "немає", "ні", "не застосовується"})
# Case endings stripped before titles are compared (the longest that leaves three letters):
# "комунальної" and "комунальних" are one word, "громади" and "громадського" are not.
_ENDINGS: tuple[str, ...] = tuple(sorted(
    ("ами", "ями", "ого", "ому", "ими", "ої", "ою", "ій", "их", "ів", "ах", "ях", "ям", "ам",
     "ий", "а", "и", "і", "у", "ю", "я", "е", "о", "ь", "й"), key=len, reverse=True))
_MIN_STEM = 3
# Words that many annex titles share or that carry no subject.
_STOP_WORDS = ("дані", "перелік", "переліки", "інформація", "відомості", "про", "для", "які",
               "що", "щодо", "та", "інші", "через", "на", "за", "із")
# A title suggests an annex when the weighted Dice similarity of their stems reaches this.
SUGGESTION_THRESHOLD = 0.7
_WORDS = re.compile(r"[^\W\d_]+")
_ANNEX_PART = re.compile(r"^(?:додаток|дод\.?|annex|№)?\s*№?\s*(\d{1,3})$")
_PART_SEPARATORS = re.compile(r"\s*(?:[,;/]|\sі\s|\sта\s)\s*")


class CoverageState(StrEnum):
    """Where a recommended set stands in the register, best state first."""

    PUBLISHED = "published"        # a row with this annex is Оприлюднено
    RESTRICTED = "restricted"      # only Обмежено rows: access restricted by law
    IN_PREPARATION = "in_preparation"  # Готується or Заплановано
    WITHDRAWN = "withdrawn"        # only Знято rows
    MISSING = "missing"            # no row names this annex


_STATE_BY_STATUS: dict[DatasetStatus, CoverageState] = {
    DatasetStatus.PUBLISHED: CoverageState.PUBLISHED,
    DatasetStatus.RESTRICTED: CoverageState.RESTRICTED,
    DatasetStatus.PREPARING: CoverageState.IN_PREPARATION,
    DatasetStatus.PLANNED: CoverageState.IN_PREPARATION,
    DatasetStatus.WITHDRAWN: CoverageState.WITHDRAWN,
}
_STATE_ORDER: tuple[CoverageState, ...] = tuple(CoverageState)
# Each status's state as its position in _STATE_ORDER: a set's best state is the least.
_RANK_BY_STATUS: dict[DatasetStatus, int] = {
    status: _STATE_ORDER.index(state) for status, state in _STATE_BY_STATUS.items()}


@dataclass(frozen=True)
class Suggestion:
    """A register row without a structure whose title resembles an annex's title."""

    dataset_id: str
    dataset_title: str
    annex: int
    score: float


class CoverageEntry(NamedTuple):
    """One recommended set: its annex, title, scope, state and the register rows behind it.

    A named tuple (immutable, compared field by field, as the frozen dataclass it was): the
    coverage builds one for every recommended set a register row names or resembles, in one
    C call, where a frozen dataclass set its 7 fields one by one (docs/performance.md,
    round 8).
    """

    annex: int
    title: str
    scope: Scope
    state: CoverageState
    resources: tuple[str, ...]
    dataset_ids: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    def to_json(self) -> dict[str, Any]:
        # There is an entry per recommended set (70): the fields unpacked at once, an enum's
        # value as _value_ (.value is a Python descriptor), lists built by [*...] (no name
        # lookup and call of list), and most entries have no suggestion.
        annex, title, scope, state, resources, dataset_ids, suggestions = self
        return {"annex": annex, "title": title, "scope": scope._value_, "state": state._value_,
                "resources": [*resources], "dataset_ids": [*dataset_ids],
                "suggested_dataset_ids": [s.dataset_id for s in suggestions]
                if suggestions else []}


_TUPLE_NEW = tuple.__new__  # a named tuple from its values, without its Python __new__
assert CoverageEntry._fields == ("annex", "title", "scope", "state", "resources",
                                 "dataset_ids", "suggestions")


@dataclass(frozen=True)
class UnknownReference:
    """A Структура Мінцифри value that names no shipped annex (a typo, or an annex not shipped)."""

    dataset_id: str
    value: str


@dataclass(frozen=True)
class Coverage:
    """Every recommended set with its state; the availability share is published / (all -
    restricted)."""

    entries: tuple[CoverageEntry, ...]
    unknown_references: tuple[UnknownReference, ...] = ()
    declined_dataset_ids: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = field(default=())

    def by_state(self, state: CoverageState) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if e.state is state)

    @cached_property
    def _state_counts(self) -> dict[CoverageState, int]:
        """How many entries are in each state: one pass, kept (the headline, the shares and
        the summary each asked by_state again; nothing changes a Coverage)."""
        counts = dict.fromkeys(CoverageState, 0)
        for entry in self.entries:
            counts[entry.state] += 1
        return counts

    @property
    def present(self) -> tuple[CoverageEntry, ...]:
        """Recommended sets some register row names (in any status)."""
        return tuple(e for e in self.entries if e.state is not CoverageState.MISSING)

    @property
    def missing(self) -> tuple[CoverageEntry, ...]:
        return self.by_state(CoverageState.MISSING)

    @property
    def evaluated(self) -> int:
        """The denominator of availability: sets not restricted by law."""
        return len(self.entries) - self._state_counts[CoverageState.RESTRICTED]

    @property
    def published(self) -> int:
        """How many recommended sets the council publishes (len(by_state(PUBLISHED)))."""
        return self._state_counts[CoverageState.PUBLISHED]

    @property
    def published_share(self) -> float | None:
        """Availability: the share of recommended sets the council publishes."""
        if not self.evaluated:
            return None
        return self.published / self.evaluated

    def to_json(self) -> dict[str, Any]:
        counts = self._state_counts
        return {
            "recommended": len(self.entries),
            "evaluated": self.evaluated,
            "counts": {s.value: n for s, n in counts.items()},
            "published_share": self.published_share,
            "entries": [e.to_json() for e in self.entries],
            "unknown_references": [{"dataset_id": u.dataset_id, "value": u.value}
                                   for u in self.unknown_references],
            "declined_dataset_ids": list(self.declined_dataset_ids),
            "suggestions": [{"dataset_id": s.dataset_id, "annex": s.annex,
                             "score": round(s.score, 3)} for s in self.suggestions],
        }


def parse_structure_reference(text: str) -> tuple[int, ...] | None:
    """The annex numbers a Структура Мінцифри value names (``27``, ``Додаток 27``, ``29, 30``);
    ``()`` for a declining value; None when the value does not read as annex numbers."""
    # The values are a few dozen annex numbers repeated over the register: each read once
    # (a long value is read each time, not kept).
    if len(text) <= 100:
        return _remembered_reference(text)
    return _parse_structure_reference(text)


def _parse_structure_reference(text: str) -> tuple[int, ...] | None:
    norm = normalize_name(text)
    if norm in DECLINED_VALUES:
        return ()
    annexes = []
    for part in _PART_SEPARATORS.split(norm):
        match = _ANNEX_PART.match(part.strip())
        if match is None:
            return None
        annexes.append(int(match.group(1)))
    return tuple(dict.fromkeys(annexes))


_remembered_reference = lru_cache(maxsize=1024)(_parse_structure_reference)


# A language's words repeat over every title (and the figures are built again for each date):
# each word's stem is found once.
@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[:-len(ending)]
    return word


_STOP_STEMS: frozenset[str] = frozenset(_stem(w) for w in _STOP_WORDS)


def title_stems(text: str) -> frozenset[str]:
    """The crude stems of a title's words, without words that name no subject."""
    words = _WORDS.findall(normalize_name(text).replace("'", ""))
    return frozenset(stem for stem in map(_stem, words)
                     if len(stem) > 1 and stem not in _STOP_STEMS)


@dataclass(frozen=True)
class _AnnexIndex:
    """The annex titles' stems and weights, and for each stem the annexes whose title has it
    (positions in catalogue order): built once per catalogue, not per call."""

    annexes: tuple[tuple[int, frozenset[str]], ...]
    weight: dict[str, float]
    total_weight: tuple[float, ...]  # of each annex's stems
    by_stem: dict[str, tuple[int, ...]]
    # Each structure's entry when no register row names or resembles it, by id(structure)
    # (the catalogue, kept with this index, keeps its structures): most entries of a
    # coverage, shared (immutable) rather than built for every figures.
    unnamed: dict[int, CoverageEntry]


_annex_indexes: dict[int, tuple[StructureCatalogue, _AnnexIndex]] = {}


def _annex_index(catalogue: StructureCatalogue) -> _AnnexIndex:
    kept = _annex_indexes.get(id(catalogue))
    if kept is not None and kept[0] is catalogue:  # the catalogue is kept alive with it
        return kept[1]
    annex_stems = {s.annex: title_stems(s.title) for s in catalogue.structures}
    document_frequency: dict[str, int] = {}
    for stems in annex_stems.values():
        for stem in stems:
            document_frequency[stem] = document_frequency.get(stem, 0) + 1
    total = len(annex_stems)
    # A stem rare among annex titles says more; a word no annex title has (the council's
    # name) says nothing either way, so it weighs nothing.
    weight = {stem: math.log((total + 1) / count) for stem, count in document_frequency.items()}
    annexes = tuple(annex_stems.items())
    by_stem: dict[str, list[int]] = {}
    for position, (_, stems) in enumerate(annexes):
        for stem in stems:
            by_stem.setdefault(stem, []).append(position)
    index = _AnnexIndex(annexes, weight,
                        tuple(sum(weight[s] for s in stems) for _, stems in annexes),
                        {stem: tuple(p) for stem, p in by_stem.items()},
                        {id(s): CoverageEntry(annex=s.annex, title=s.title, scope=s.scope,
                                              state=CoverageState.MISSING,
                                              resources=tuple(r.name for r in s.resources))
                         for s in catalogue.structures})
    if len(_annex_indexes) >= 8:
        _annex_indexes.clear()
    _annex_indexes[id(catalogue)] = (catalogue, index)
    return index


def suggest_annexes(datasets: Iterable[Dataset], catalogue: StructureCatalogue
                    ) -> tuple[Suggestion, ...]:
    """For each row with an empty Структура Мінцифри, the annex its title resembles most,
    when the resemblance reaches SUGGESTION_THRESHOLD."""
    return _suggest([d for d in datasets if not (d.ministry_structure or "").strip()],
                    catalogue)


def _suggest(unnamed: Iterable[Dataset], catalogue: StructureCatalogue
             ) -> tuple[Suggestion, ...]:
    """suggest_annexes of the rows already known to name no structure."""
    index = _annex_index(catalogue)
    weight = index.weight
    suggestions = []
    # filter, map and chain rather than comprehensions: no frame per row for each (a row
    # without a structure is most of a register). The same stems in the same order, so the
    # weights are summed in the same order, to the same float.
    known, weight_of = weight.__contains__, weight.__getitem__
    positions_of = index.by_stem.__getitem__
    for dataset in unnamed:
        stems = frozenset(filter(known, title_stems(dataset.title)))
        own = sum(map(weight_of, stems))
        best: tuple[float, float, int] | None = None
        # Only annexes sharing a stem with the title can match; taken in catalogue order,
        # as ties go to the first.
        for position in sorted(set(chain.from_iterable(map(positions_of, stems)))):
            annex, wanted = index.annexes[position]
            common = wanted & stems
            # One shared word is enough only for a one-word annex title ("Звіти").
            if not common or len(common) < min(2, len(wanted)):
                continue
            shared = sum(map(weight_of, common))
            # Weighted Dice: both titles must be mostly about the shared words.
            candidate = (2 * shared / (own + index.total_weight[position]), shared, annex)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        if best is not None and best[0] >= SUGGESTION_THRESHOLD:
            suggestions.append(Suggestion(dataset.id, dataset.title, best[2], best[0]))
    return tuple(suggestions)


def coverage(datasets: Sequence[Dataset], catalogue: StructureCatalogue | None = None,
             *, local_council: bool = True) -> Coverage:
    """Which recommended sets the register has (by Структура Мінцифри), which are missing,
    and title suggestions for rows that name none."""
    catalogue = catalogue or load_catalogue()
    shipped = catalogue.by_annex
    # Each named annex's best state so far, as its position in _STATE_ORDER (kept as the rows
    # are read, rather than their statuses listed and a set of states built for each annex).
    best: dict[int, int] = {}
    ids: dict[int, list[str]] = {}
    unknown: list[UnknownReference] = []
    declined: list[str] = []
    unnamed: list[Dataset] = []  # the rows suggest_annexes reads, found in this one pass
    for dataset in datasets:
        value = (dataset.ministry_structure or "").strip()
        if not value:
            unnamed.append(dataset)
            continue
        annexes = parse_structure_reference(value)
        if annexes == ():
            declined.append(dataset.id)
            continue
        known = [a for a in annexes or () if a in shipped]
        if annexes is None or len(known) < len(annexes):
            unknown.append(UnknownReference(dataset.id, value))
        rank = _RANK_BY_STATUS[dataset.status]
        for annex in known:
            if rank < best.get(annex, len(_STATE_ORDER)):
                best[annex] = rank
            ids.setdefault(annex, []).append(dataset.id)
    suggestions = _suggest(unnamed, catalogue)  # suggest_annexes(datasets, catalogue)
    by_annex: dict[int, list[Suggestion]] = {}  # grouped once, not scanned for each annex
    for suggestion in suggestions:
        by_annex.setdefault(suggestion.annex, []).append(suggestion)
    alone = _annex_index(catalogue).unnamed
    entries = tuple(
        alone[id(s)] if s.annex not in best and s.annex not in by_annex else
        _TUPLE_NEW(CoverageEntry, (  # CoverageEntry's fields in order, in one C call
            s.annex, s.title, s.scope,
            _STATE_ORDER[best[s.annex]] if s.annex in best else CoverageState.MISSING,
            alone[id(s)].resources, tuple(ids.get(s.annex, ())),
            tuple(by_annex.get(s.annex, ())),
        )) for s in catalogue.applicable(local_council))
    return Coverage(entries, tuple(unknown), tuple(declined), suggestions)
