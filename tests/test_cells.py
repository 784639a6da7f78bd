"""Every reading rule of WORKBOOK.md, one cell at a time."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odcore.cells import (
    UNSURE,
    _refused_characters,
    quick_reader,
    read_cell,
    shortest_number_text,
    split_list,
    valid_http_url,
)
from odcore.issues import Severity
from odcore.periods import Quarter
from odcore.schema.columns import Kind
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.schema.vocab import DatasetStatus, ReportStatus, UpdateFrequency
from odcore.sources.base import ERROR_VALUES, CellError

YEARS = (2024, 2026)


def col(tab: str, key: str):
    return SPEC_BY_KEY[tab].column(key)


def read(tab: str, key: str, raw):
    return read_cell(col(tab, key), raw, YEARS)


@pytest.mark.parametrize("raw,expected", [
    ("так", True), ("Так", True), ("ні", False), ("yes", True), ("NO", False), ("true", True),
    ("FALSE", False), ("1", True), ("0", False), ("+", True), ("-", False), (True, True),
    (False, False), (1, True), (0.0, False),
])
def test_yes_no_values(raw, expected):
    result = read("quality_checks", "compliant", raw)
    assert result.ok and result.value is expected


def test_yes_no_empty_is_not_stated_not_no():
    result = read("datasets", "mandatory", "")
    assert result.ok and result.value is None and not result.findings


def test_yes_no_unknown_word_is_an_error():
    result = read("datasets", "mandatory", "можливо")
    assert not result.ok and result.findings[0].code == "yesno.invalid"


@pytest.mark.parametrize("raw", ["2024-03-31", "31.03.2024", "31/03/2024", 45382, 45382.75,
                                 dt.date(2024, 3, 31), dt.datetime(2024, 3, 31, 0, 0)])
def test_dates_in_every_accepted_form(raw):
    result = read("datasets", "last_updated", raw)
    assert result.ok and result.value == dt.date(2024, 3, 31)


@pytest.mark.parametrize("raw", ["31.02.2025", "вчора", "2024/03/31", "03-31-2024", True, 1e308,
                                 -1e9])
def test_unreadable_dates_are_errors(raw):
    result = read("datasets", "last_updated", raw)
    assert not result.ok and [f.code for f in result.findings] == ["date.invalid"]


def test_serial_number_bounds_are_years_1990_to_2100():
    assert read("datasets", "last_updated", 32874).value == dt.date(1990, 1, 1)
    assert not read("datasets", "last_updated", 32873).ok  # 1989-12-31
    assert read("datasets", "last_updated", 73415).value == dt.date(2100, 12, 31)
    assert not read("datasets", "last_updated", 73416).ok  # 2101-01-01


@pytest.mark.parametrize(("raw", "day"), [(100, "09.04.1900"), (80000, "11.01.2119")])
def test_a_serial_number_outside_the_accepted_years_names_its_day_and_the_years(raw, day):
    result = read("datasets", "last_updated", raw)
    assert [f.code for f in result.findings] == ["date.outside_years"]
    assert day in result.findings[0].message and "1990–2100" in result.findings[0].message


@pytest.mark.parametrize("raw,quarter", [
    ("2024-Q1", Quarter(2024, 1)), ("2024Q1", Quarter(2024, 1)), ("2024 Q1", Quarter(2024, 1)),
    ("Q1 2024", Quarter(2024, 1)), ("I кв. 2024", Quarter(2024, 1)),
    ("ІІІ кв. 2024 р.", Quarter(2024, 3)), ("І квартал 2024", Quarter(2024, 1)),
    ("І-й квартал 2024 року", Quarter(2024, 1)), ("1 квартал 2024 року", Quarter(2024, 1)),
    ("1 кв 2024", Quarter(2024, 1)), ("IV кв. 2025", Quarter(2025, 4)),
    ("ІV квартал 2025", Quarter(2025, 4)),  # Cyrillic І with Latin V
    ("II кв. 2026", Quarter(2026, 2)),  # Latin II
    ("ІІ кв. 2026", Quarter(2026, 2)),  # Cyrillic ІІ
])
def test_quarters_in_every_accepted_form(raw, quarter):
    result = read("reports", "period", raw)
    assert result.ok and result.value == quarter


@pytest.mark.parametrize("raw", ["5 кв. 2024", "2024", "весна 2024", 2024.1])
def test_unreadable_quarter_is_an_error(raw):
    assert [f.code for f in read("reports", "period", raw).findings] == ["quarter.invalid"]


def test_quarter_outside_the_plan_years_is_an_error():
    assert [f.code for f in read("reports", "period", "2023-Q4").findings] == [
        "quarter.outside_plan"]


def test_lists_split_on_commas_semicolons_and_new_lines():
    assert read("datasets", "formats", "CSV, json;XML\nGeoJSON").value == (
        "CSV", "json", "XML", "GeoJSON")
    assert split_list(" ; ,") == ()


def test_only_http_and_https_are_links():
    assert read("reports", "evidence_url", "https://rada.gov.ua/x").value == "https://rada.gov.ua/x"
    assert read("reports", "evidence_url", "http://rada.gov.ua").value == "http://rada.gov.ua"
    for bad in ["javascript:alert(1)", "data:text/html,x", "www.rada.gov.ua", "ftp://a.ua/x"]:
        result = read("reports", "evidence_url", bad)
        assert result.value is None
        assert [(f.code, f.severity) for f in result.findings] == [("url.invalid",
                                                                     Severity.WARNING)]


def test_image_urls_must_be_https():
    assert read("products", "image_url", "https://img.ua/a.png").value == "https://img.ua/a.png"
    assert read("products", "image_url", "http://img.ua/a.png").value is None


def test_email_is_checked():
    assert read("datasets", "steward_email", "a.b@rada.gov.ua").value == "a.b@rada.gov.ua"
    assert read("datasets", "steward_email", "a.b at rada").findings[0].code == "email.invalid"


@pytest.mark.parametrize("raw", ["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#ERROR!",
                                 CellError("#REF!")])
def test_spreadsheet_error_values_are_errors_never_data(raw):
    result = read("datasets", "title", raw)
    assert not result.ok and result.value is None
    assert [f.code for f in result.findings] == ["cell.spreadsheet_error"]


@pytest.mark.parametrize("raw,text", [(4.1, "4.1"), (7, "7"), (7.0, "7"), (4.10, "4.1")])
def test_number_in_text_column_becomes_shortest_text_with_info(raw, text):
    result = read("reports", "task_code", raw)
    assert result.ok and result.value == text
    assert [(f.code, f.severity) for f in result.findings] == [("text.number_as_text",
                                                                 Severity.INFO)]


def test_shortest_number_text():
    assert shortest_number_text(0.1 + 0.2) == "0.30000000000000004"
    assert shortest_number_text(1e20) == "1e+20"


def test_text_is_trimmed():
    assert read("datasets", "title", "  Бюджет  ").value == "Бюджет"


@pytest.mark.parametrize("raw,value", [("50", 50.0), ("50%", 50.0), ("50 %", 50.0),
                                       (75, 75.0), ("12,5", 12.5), (100, 100.0), (0, 0.0)])
def test_progress_percentages(raw, value):
    result = read("reports", "progress", raw)
    assert result.ok and result.value == value and not result.findings


def test_progress_fraction_from_percent_format_is_read_with_info():
    result = read("reports", "progress", 0.5)
    assert result.value == 50.0
    assert [(f.code, f.severity) for f in result.findings] == [("progress.fraction",
                                                                 Severity.INFO)]


def test_progress_out_of_range_and_not_a_number():
    assert read("reports", "progress", 150).findings[0].code == "progress.out_of_range"
    assert read("reports", "progress", "половина").findings[0].code == "number.invalid"


def test_vocabularies_with_synonyms_and_case():
    assert read("reports", "status", "виконано").value is ReportStatus.DONE
    assert read("datasets", "status", "ОПРИЛЮДНЕНО").value is DatasetStatus.PUBLISHED
    for synonym, member in [("Щоденно", UpdateFrequency.DAILY),
                            ("Раз на квартал", UpdateFrequency.QUARTERLY),
                            ("Щопівроку", UpdateFrequency.HALF_YEARLY),
                            ("Щорічно", UpdateFrequency.YEARLY),
                            ("У разі змін", UpdateFrequency.ON_CHANGE),
                            ("Позапланово", UpdateFrequency.ON_CHANGE)]:
        assert read("datasets", "update_frequency", synonym).value is member


def test_unknown_value_of_required_vocabulary_is_an_error_of_optional_a_warning():
    required = read("reports", "status", "Зроблено")
    assert not required.ok and required.findings[0].code == "vocab.unknown"
    optional = read("datasets", "update_frequency", "Коли як")
    assert optional.ok and optional.value is None
    assert optional.findings[0].severity is Severity.WARNING
    assert optional.findings[0].code == "vocab.unknown_optional"


def test_required_empty_cell_is_an_error():
    result = read("reports", "task_code", "   ")
    assert not result.ok and result.findings[0].code == "value.required"


def test_personal_columns_are_marked():
    personal = {(s.key, c.key) for s in SPEC_BY_KEY.values() for c in s.columns if c.personal}
    assert personal == {
        ("reports", "reported_by"), ("reports", "submitted_by"), ("datasets", "steward"), ("datasets", "steward_email"),
        ("quality_checks", "checked_by"), ("trainings", "person"),
        ("trainings", "certificate_url"), ("products", "contact"), ("departments", "head"),
        ("departments", "email"),
    }


def test_a_plain_number_one_is_one_percent_with_a_hint_about_percent_formats():
    result = read("reports", "progress", 1)
    assert result.value == 1.0
    assert [f.code for f in result.findings] == ["progress.ambiguous_one"]
    assert read("reports", "progress", "1").findings == []


def test_an_ascii_url_is_refused_for_exactly_the_characters_the_generic_test_refuses():
    # valid_http_url tests an ASCII text with one compiled search; the generic test (spaces,
    # control and format characters by the running Python's tables, and <>"'`) must agree
    # on every ASCII character.
    import unicodedata

    from odcore.cells import valid_http_url

    for code in range(128):
        char = chr(code)
        refused = (char.isspace() or unicodedata.category(char) in ("Cc", "Cf")
                   or char in "<>\"'`")
        url = f"https://rada.example.org/a{char}b"
        assert valid_http_url(url) is not refused, repr(char)
    # Outside ASCII the generic test still runs: an override and a non-breaking space.
    assert not valid_http_url("https://rada.example.org/\u202eexe")
    assert not valid_http_url("https://rada.example.org/a\u00a0b")
    assert valid_http_url("https://rada.example.org/відкриті-дані")


class _Text(str):
    """Text that is not exactly ``str``: read by the general path, not the text fast path."""


_TEXT_COLUMNS = [c for spec in SPEC_BY_KEY.values() for c in spec.columns
                 if c.kind in {Kind.TEXT, Kind.CODE, Kind.DEPARTMENTS, Kind.LIST}]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=12),
                      st.sampled_from([" #ref! ", "#N/A", "\t", "a, b;;c\n", " 4.3 ", "#x"])))
def test_text_in_a_text_column_reads_the_same_by_the_fast_path_as_by_the_general_one(text):
    for column in _TEXT_COLUMNS:
        fast, general = read_cell(column, text, YEARS), read_cell(column, _Text(text), YEARS)
        assert (fast.value, fast.findings) == (general.value, general.findings), column.key
        assert type(fast.value) is type(general.value)


# Cells of every kind, valid or not: what a column's quick reader must read as read_cell does.
_SAMPLES = st.sampled_from([
    "", "  ", "#REF!", " #n/a ", "так", "ні", "1", "0", "+", "2024-Q1", "IV квартал 2025",
    "2027-Q1", "31.12.2025", "1.3.24", "31.02.2025", "30.06.1850", "https://kyiv.ua/x",
    " http://data.gov.ua/dataset/1 ", "https://gov.ua@evil.example", "ftp://x.ua",
    "https://localhost", "a@b.ua", "a@b", "CSV", "csv, json", "Опубліковано", "опубліковано",
    "Щокварталу", "50%", "0,5", "101", "-1", "щокварталу до 10 числа", "до 31.12.2099",
    "Тел. +380 44 123 45 67", "x@y.ua пише", "ZHM-001", "a, b;;c\n", "4.3", "#x",
    0, 1, 5, 100, 101, -3, 10**30, 0.0, -0.0, 0.5, 1.0, 45000, 45000.5, float("nan"),
    float("inf"), True, False, None, dt.date(2025, 12, 31), dt.date(1900, 1, 1),
    dt.date(2099, 1, 1), dt.datetime(2025, 12, 31), dt.datetime(2025, 12, 31, 10, 30),
    dt.datetime(1800, 1, 1), CellError("#N/A")])
_CELLS = st.one_of(_SAMPLES, st.text(max_size=14), st.integers(-10**6, 10**6),
                   st.floats(allow_nan=True), st.dates(), st.datetimes(), st.booleans())
_COLUMNS = [c for spec in SPEC_BY_KEY.values() for c in spec.columns]


@settings(max_examples=400, deadline=None)
@given(raw=_CELLS, plan=st.sampled_from([YEARS, (2020, 2030)]))
def test_a_columns_quick_reader_reads_as_read_cell_or_leaves_the_cell_to_it(raw, plan):
    accepted = (2000, 2030)
    answered = 0
    for column in _COLUMNS:
        try:
            quick = quick_reader(column, plan, accepted)(raw)
        except Exception:  # noqa: BLE001 - the memo then asks read_cell
            continue
        general = read_cell(column, raw, plan, accepted)
        if quick is UNSURE:
            continue
        answered += 1
        assert general.findings == [], (column.key, raw)
        assert type(quick) is type(general.value), (column.key, raw)
        assert repr(quick) == repr(general.value), (column.key, raw)
    if isinstance(raw, str) and raw.strip() and raw.strip().upper() not in ERROR_VALUES:
        assert answered, raw  # text in a text column is always answered quickly


def test_quick_readers_answer_the_commonest_cells() -> None:
    cases = [("datasets", "id", " ZHM-001 ", "ZHM-001"),
             ("datasets", "formats", "CSV, JSON", ("CSV", "JSON")),
             ("datasets", "last_updated", dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
             ("datasets", "last_updated", dt.datetime(2025, 1, 2, 3), dt.date(2025, 1, 2)),
             ("datasets", "portal_url", "https://data.gov.ua/x", "https://data.gov.ua/x"),
             ("reports", "period", "2024-Q2", Quarter(2024, 2)),
             ("reports", "status", "Виконано", ReportStatus.DONE),
             ("reports", "progress", 50, 50.0)]
    for tab, key, raw, expected in cases:
        assert quick_reader(col(tab, key), YEARS)(raw) == expected, key
    for tab, key, raw in [("datasets", "id", "#REF!"), ("datasets", "id", "  "),
                          ("datasets", "last_updated", dt.date(1850, 1, 1)),
                          ("datasets", "portal_url", "javascript:x"), ("reports", "progress", 1),
                          ("reports", "period", None), ("datasets", "id", 7)]:
        assert quick_reader(col(tab, key), YEARS)(raw) is UNSURE, (key, raw)


def _valid_http_url_by_urllib(text: str, https_only: bool) -> bool:
    """valid_http_url as first written: urllib's port and hostname asked for every URL."""
    if _refused_characters(text):  # the characters are checked as before
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018
    except ValueError:
        return False
    if "@" in parts.netloc:
        return False
    schemes = ("https",) if https_only else ("http", "https")
    return parts.scheme.lower() in schemes and bool(parts.hostname) and "." in (parts.hostname or "")


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(
    st.builds("".join, st.lists(st.sampled_from(
        ["http", "https", "HTTPS", "ftp", ":", "//", "/", "@", "[", "]", "%", ".", "a", "B",
         "ua", "80", "99999", "::1", "gov", "?x", "#y", "Ї"]), max_size=10)),
    st.sampled_from(["https://Data.Gov.UA/x", "http://[::1]:80/", "http://[fe80::1%eth0]/",
                     "https://kyiv.ua:443/x", "https://kyiv.ua:99999/", "https://a.b:x/",
                     "https://kyiv.ua%20/", "https://user@kyiv.ua/", "http://[::1/",
                     "https://.", "https://kyiv", "https://КИЇВ.укр/"])),
       https_only=st.booleans())
def test_valid_http_url_reads_as_urllib_does(text, https_only):
    assert valid_http_url(text, https_only=https_only) is _valid_http_url_by_urllib(
        text, https_only)


def test_a_saved_error_is_told_by_its_leading_hash() -> None:
    """The quick readers call a text no saved error when it does not start with "#": true
    while every error value starts with one and no other character upper-cases to it."""
    assert all(value.startswith("#") for value in ERROR_VALUES)
    assert [c for c in map(chr, range(0x110000)) if c.upper().startswith("#")] == ["#"]
