"""Normalising the portal's and the register's words before they are compared."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from odcore.portal.normalize import (
    UNSCHEDULED,
    frequencies_agree,
    normalize_portal_format,
    package_extra,
    package_slug,
    portal_datetime,
    portal_frequency,
    same_format_family,
)
from odcore.schema.vocab import UpdateFrequency

KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize(("text", "canonical"), [
    ("CSV", "CSV"), ("csv", "CSV"), (".csv", "CSV"), (" .CSV ", "CSV"),
    (".сsv", "CSV"),  # Cyrillic с
    ("СSV", "CSV"),   # Cyrillic С
    ("xlxs", "XLSX"), ("XSLX", "XLSX"), ("хlsх", "XLSX"),  # Cyrillic х
    ("text/csv; charset=utf-8", "CSV"), ("geo json", "GEOJSON"), ("cvs", "CSV"),
    ("pdf", "PDF"), ("shapefile", "SHP"), ("weird", "WEIRD"),
])
def test_formats_are_normalised(text: str, canonical: str) -> None:
    assert normalize_portal_format(text) == canonical


@pytest.mark.parametrize(("code", "frequency"), [
    ("once a month", UpdateFrequency.MONTHLY), ("Once_A_Month", UpdateFrequency.MONTHLY),
    ("monthly", UpdateFrequency.MONTHLY), ("more than once a day",
                                           UpdateFrequency.MORE_THAN_DAILY),
    ("immediately after making changes", UpdateFrequency.ON_CHANGE),
    ("half-yearly", UpdateFrequency.HALF_YEARLY), ("Щокварталу", UpdateFrequency.QUARTERLY),
    ("unscheduled", UNSCHEDULED), ("every full moon", None), ("", None), (None, None), (5, None),
])
def test_portal_frequencies_are_read_or_left_unknown(code: object, frequency: object) -> None:
    assert portal_frequency(code) == frequency


def test_frequencies_agree_unless_both_known_and_different() -> None:
    assert frequencies_agree(UpdateFrequency.MONTHLY, UpdateFrequency.MONTHLY)
    assert not frequencies_agree(UpdateFrequency.MONTHLY, UpdateFrequency.YEARLY)
    assert frequencies_agree(None, UpdateFrequency.YEARLY)
    assert frequencies_agree(UpdateFrequency.MONTHLY, None)
    assert frequencies_agree(UpdateFrequency.ON_CHANGE, UNSCHEDULED)
    assert not frequencies_agree(UpdateFrequency.MONTHLY, UNSCHEDULED)


def test_format_families_allow_what_a_sniff_cannot_tell_apart() -> None:
    assert same_format_family("GEOJSON", "JSON")
    assert same_format_family("SHP", "ZIP")
    assert not same_format_family("CSV", "HTML")
    assert not same_format_family("XLSX", "PDF")


def test_package_slugs_come_from_portal_addresses() -> None:
    assert package_slug("https://data.gov.ua/dataset/Zhm-Budget/") == "zhm-budget"
    assert package_slug("https://data.gov.ua/dataset/5a1b-uuid?x=1") == "5a1b-uuid"
    assert package_slug("https://data.gov.ua/uk/dataset/zhm") == "zhm"
    assert package_slug("https://data.gov.ua/organization/zhm") is None
    assert package_slug(None) is None


def test_ckan_timestamps_are_utc_read_in_kyiv() -> None:
    late = portal_datetime("2026-03-31T22:30:00.123456", KYIV)
    assert late is not None and late.date() == dt.date(2026, 4, 1)
    assert portal_datetime("2026-01-01T10:00:00Z", KYIV).hour == 12  # type: ignore[union-attr]
    assert portal_datetime("not a date", KYIV) is None and portal_datetime(None, KYIV) is None


def test_extras_are_read_like_top_level_fields() -> None:
    package = {"extras": [{"key": "update_frequency", "value": "once a year"}]}
    assert package_extra(package, "update_frequency") == "once a year"
    assert package_extra({"update_frequency": "monthly"}, "update_frequency") == "monthly"
    assert package_extra({}, "update_frequency") is None
