"""Per-dataset quality points modelled on data.europa.eu's Metadata Quality Assessment.

MQA scores metadata in five dimensions (findability, accessibility, interoperability,
reusability, contextuality). We keep the indicators the register can answer and add the
passport fields data.gov.ua requires; weights and rating bands are in docs/quality.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import NamedTuple

from odcore.i18n import Phrase


class Dimension(StrEnum):
    """The five MQA dimensions; each one's name is the catalogue's ``mqa.dimension.<value>``."""

    FINDABILITY = "findability"
    ACCESSIBILITY = "accessibility"
    INTEROPERABILITY = "interoperability"
    REUSABILITY = "reusability"
    CONTEXTUALITY = "contextuality"


class PointFacts(NamedTuple):
    """What the register says about one dataset, as yes/no facts the criteria score (a named
    tuple: one is built for every dataset judged and every fix tried, and a tuple is built in
    one call where a frozen dataclass sets its 16 fields one by one)."""

    has_keywords: bool
    has_description: bool
    has_portal_url: bool
    has_formats: bool
    formats_all_known: bool
    machine_readable: bool
    non_proprietary: bool
    has_license: bool
    open_license: bool
    has_contact: bool
    has_department: bool
    has_purpose: bool
    has_update_frequency: bool
    has_last_updated: bool
    has_first_published: bool
    on_time: bool


@dataclass(frozen=True)
class Criterion:
    """One scored indicator: its dimension, its points and the fact it checks; its name is
    the catalogue's ``mqa.criterion.<key>`` (odcore.i18n)."""

    key: str
    dimension: Dimension
    points: int
    met: Callable[[PointFacts], bool]


CRITERIA: tuple[Criterion, ...] = (
    Criterion("keywords", Dimension.FINDABILITY, 15, lambda f: f.has_keywords),
    Criterion("description", Dimension.FINDABILITY, 10, lambda f: f.has_description),
    Criterion("portal_url", Dimension.ACCESSIBILITY, 20, lambda f: f.has_portal_url),
    Criterion("formats", Dimension.INTEROPERABILITY, 5, lambda f: f.has_formats),
    Criterion("formats_known", Dimension.INTEROPERABILITY, 5,
              lambda f: f.has_formats and f.formats_all_known),
    Criterion("machine_readable", Dimension.INTEROPERABILITY, 10, lambda f: f.machine_readable),
    Criterion("non_proprietary", Dimension.INTEROPERABILITY, 10, lambda f: f.non_proprietary),
    Criterion("license", Dimension.REUSABILITY, 4, lambda f: f.has_license),
    Criterion("open_license", Dimension.REUSABILITY, 4, lambda f: f.open_license),
    Criterion("contact", Dimension.REUSABILITY, 4, lambda f: f.has_contact),
    Criterion("department", Dimension.REUSABILITY, 3, lambda f: f.has_department),
    Criterion("purpose", Dimension.CONTEXTUALITY, 3, lambda f: f.has_purpose),
    Criterion("update_frequency", Dimension.CONTEXTUALITY, 2, lambda f: f.has_update_frequency),
    Criterion("last_updated", Dimension.CONTEXTUALITY, 2, lambda f: f.has_last_updated),
    Criterion("first_published", Dimension.CONTEXTUALITY, 1, lambda f: f.has_first_published),
    Criterion("on_time", Dimension.CONTEXTUALITY, 2, lambda f: f.on_time),
)
MAX_POINTS = sum(c.points for c in CRITERIA)


class Rating(StrEnum):
    """The rating bands; each one's name is the catalogue's ``mqa.rating.<value>``."""

    EXCELLENT = "excellent"
    GOOD = "good"
    SUFFICIENT = "sufficient"
    BAD = "bad"


# Lowest points of each band, best first: MQA's 351/221/121 of 405, scaled to 100 points.
RATING_BANDS: tuple[tuple[int, Rating], ...] = (
    (87, Rating.EXCELLENT),
    (55, Rating.GOOD),
    (30, Rating.SUFFICIENT),
    (0, Rating.BAD),
)


@dataclass(frozen=True)
class Points:
    """A dataset's points, per dimension, and its rating; ``missed`` lists failed criteria."""

    total: int
    by_dimension: dict[Dimension, int]
    missed: tuple[str, ...]

    # Kept once read: a Points is shared by every verdict with the same facts (score), and its
    # rating is read for every register row of the summary.
    @cached_property
    def rating(self) -> Rating:
        return rating_for(self.total)


def rating_phrase(rating: Rating) -> Phrase:
    """The rating's name, for the catalogue to word."""
    return Phrase.of(f"mqa.rating.{rating.value}")


def rating_for(points: int) -> Rating:
    """The rating band a number of points falls in."""
    for lowest, rating in RATING_BANDS:
        if points >= lowest:
            return rating
    return Rating.BAD


_DIMENSIONS = tuple(Dimension)
# Each criterion with its dimension's position: summed by position, as score runs for every
# dataset judged (and for each fix tried), where hashing an Enum member is a Python call.
_INDEXED = tuple((c.key, _DIMENSIONS.index(c.dimension), c.points, c.met) for c in CRITERIA)


def _score(facts: PointFacts) -> Points:
    """Sum the criteria a dataset meets, per dimension."""
    totals = [0] * len(_DIMENSIONS)
    missed: list[str] = []
    for key, position, points, met in _INDEXED:
        if met(facts):
            totals[position] += points
        else:
            missed.append(key)
    return Points(sum(totals), dict(zip(_DIMENSIONS, totals, strict=True)), tuple(missed))


# score(facts): _score, remembered. The points depend on the 16 facts alone, and a register
# repeats a few dozen combinations of them over all its datasets and each fix tried (62,000
# verdicts at K=1000): each combination is summed once, and its Points shared (nothing
# changes a Points or its by_dimension).
score = lru_cache(maxsize=4096)(_score)


def dimension_maximum(dimension: Dimension) -> int:
    """The most points a dimension can give."""
    return sum(c.points for c in CRITERIA if c.dimension is dimension)
