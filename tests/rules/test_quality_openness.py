"""Openness stars, format normalisation, licences and MQA-style points (RULES.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odcore.rules import mqa
from odcore.rules.openness import (
    LicenceKind,
    classify_licence,
    format_stars,
    normalize_format,
    stars_by_format,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(("fmt", "stars"), [
    ("RDF", 5), ("ttl", 5), ("N3", 5), ("NT", 5), ("JSON-LD", 5), ("application/ld+json", 5),
    ("CSV", 3), ("tsv", 3), ("JSON", 3), ("GeoJSON", 3), ("XML", 3), ("ODS", 3), ("KML", 3),
    ("GML", 3), ("GPX", 3), ("WMS", 3), ("WFS", 3), ("API", 3), ("RSS", 3), ("ATOM", 3),
    ("XLS", 2), ("XLSX", 2), ("XLSM", 2), ("SHP", 2), ("DBF", 2), ("MDB", 2), ("KMZ", 2),
    ("PDF", 1), ("DOC", 1), ("DOCX", 1), ("ODT", 1), ("RTF", 1), ("TXT", 1), ("ZIP", 1),
    ("RAR", 1), ("7Z", 1), ("JPG", 1), ("JPEG", 1), ("PNG", 1), ("GIF", 1), ("TIFF", 1),
    ("DWG", 1), ("CVS", 1),
    ("HTML", 0), ("htm", 0), ("EXE", 0), ("JS", 0),
])
def test_each_format_earns_the_stars_of_the_table(fmt: str, stars: int) -> None:
    assert format_stars(fmt) == stars


@pytest.mark.parametrize(("typed", "name"), [
    ("csv", "CSV"), (".csv", "CSV"), (" .Json ", "JSON"), ("text/csv", "CSV"),
    ("text/csv; charset=utf-8", "CSV"), ("application/json", "JSON"), (XLSX_MIME, "XLSX"),
    ("application/vnd.ms-excel", "XLS"), ("text/html", "HTML"), ("dwg", "DWG"),
])
def test_formats_are_normalised_for_case_leading_dot_and_mime_type(typed: str, name: str) -> None:
    assert normalize_format(typed) == name


def test_dataset_stars_are_the_best_of_its_formats() -> None:
    assert stars_by_format(["PDF", "xlsx", "text/csv"]) == 3
    assert stars_by_format(["HTML", "RDF"]) == 5


def test_no_format_at_all_earns_zero_stars() -> None:
    assert stars_by_format([]) == 0
    assert stars_by_format(["  "]) == 0


@pytest.mark.parametrize("text", [
    "CC BY-NC 4.0", "CC-BY-ND-4.0", "cc by nc sa", "Creative Commons Attribution-NonCommercial 4.0",
    "Creative Commons Attribution-NoDerivatives 4.0 International",
    "Creative Commons Non-Commercial (Any)", "Усі права захищені", "всі права захищені",
    "All rights reserved", "© Жмеринська міська рада. All Rights Reserved.",
    "Creative Commons «Із зазначенням авторства — Некомерційна»", "Other (Not Open)",
])
def test_closed_licences_are_recognised(text: str) -> None:
    assert classify_licence(text) is LicenceKind.CLOSED


@pytest.mark.parametrize("text", [
    "CC BY 4.0", "CC-BY-SA", "CC0", "cc-zero", "Creative Commons Attribution 4.0 International",
    "Creative Commons CCZero", "ODbL", "Open Data Commons Attribution License",
    "Відкрита ліцензія", "Other (Open)",
])
def test_open_licences_are_recognised(text: str) -> None:
    assert classify_licence(text) is LicenceKind.OPEN


@pytest.mark.parametrize("text", [None, "", "  ", "License not specified", "Не вказано"])
def test_empty_or_not_specified_licence_is_missing(text: str | None) -> None:
    assert classify_licence(text) is LicenceKind.MISSING


@pytest.mark.parametrize("text", ["вільна", "MIT-подібна", "ліцензія міськради"])
def test_other_licence_text_is_unrecognised(text: str) -> None:
    assert classify_licence(text) is LicenceKind.UNRECOGNISED


def _facts(**changes: bool) -> mqa.PointFacts:
    every = {name: True for name in mqa.PointFacts._fields}
    return mqa.PointFacts(**(every | changes))


def test_points_weights_sum_to_one_hundred() -> None:
    assert mqa.MAX_POINTS == 100
    assert sum(mqa.dimension_maximum(d) for d in mqa.Dimension) == 100


def test_a_dataset_meeting_every_criterion_scores_full_points_and_excellent() -> None:
    points = mqa.score(_facts())
    assert points.total == 100
    assert points.missed == ()
    assert points.rating is mqa.Rating.EXCELLENT


def test_missing_portal_url_costs_the_whole_accessibility_dimension() -> None:
    points = mqa.score(_facts(has_portal_url=False))
    assert points.total == 80
    assert points.by_dimension[mqa.Dimension.ACCESSIBILITY] == 0
    assert points.missed == ("portal_url",)


def test_non_proprietary_and_machine_readable_are_scored_apart() -> None:
    # XLSX: machine-readable (2 stars) but proprietary: 10 points lost.
    assert mqa.score(_facts(non_proprietary=False)).total == 90
    assert mqa.score(_facts(non_proprietary=False, machine_readable=False)).total == 80


@pytest.mark.parametrize(("points", "rating"), [
    (100, mqa.Rating.EXCELLENT), (87, mqa.Rating.EXCELLENT), (86, mqa.Rating.GOOD),
    (55, mqa.Rating.GOOD), (54, mqa.Rating.SUFFICIENT), (30, mqa.Rating.SUFFICIENT),
    (29, mqa.Rating.BAD), (0, mqa.Rating.BAD),
])
def test_rating_bands_have_their_lower_bounds_inclusive(points: int, rating: mqa.Rating) -> None:
    assert mqa.rating_for(points) is rating


@given(st.text())
def test_any_format_or_licence_text_is_read_without_raising(text: str) -> None:
    assert 0 <= format_stars(text) <= 5
    assert classify_licence(text) in LicenceKind


@given(st.lists(st.booleans(), min_size=len(mqa.PointFacts._fields),
                max_size=len(mqa.PointFacts._fields)))
def test_remembered_points_are_the_points_summed_anew(flags):
    # score remembers each combination of facts; what it gives must be what _score sums.
    facts = mqa.PointFacts(*flags)
    first = mqa.score(facts)
    assert first == mqa._score(facts)
    assert mqa.score(mqa.PointFacts(*flags)) is first
    assert first.total == sum(c.points for c in mqa.CRITERIA if c.met(facts))
