"""Formula-injection safety of CSV and xlsx exports, with content kept as typed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from odcore.exports.safe import (
    csv_bytes,
    csv_text,
    csv_value,
    is_formula_like,
    set_value,
    write_csv,
    write_row,
)


@pytest.mark.parametrize("text", [
    "=1+1", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1", "\rx",
    "- пункт списку", "=HYPERLINK(\"http://evil.example\")",
])
def test_formula_like_text_gets_a_leading_apostrophe_in_csv(text: str) -> None:
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", [
    "-5", "+5", "-0,5", "-12.75", "+380 44 123 45 67", "+38(044)123-45-67", "-1 000", "-5%",
    "Зупинки", "a=b", "1+1", "",
])
def test_numbers_phones_and_ordinary_text_stay_unchanged_in_csv(text: str) -> None:
    assert not is_formula_like(text)
    assert csv_text(text) == text


def test_csv_values_of_other_types() -> None:
    assert [csv_value(v) for v in (None, True, False, 7, 4.5, -3, dt.date(2025, 7, 1))] == [
        "", "так", "ні", "7", "4.5", "-3", "2025-07-01"]


def test_csv_for_people_is_utf8_with_bom_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, ["Назва", "Формула"], [["Зупинки, «міські»", "=1+1"], ["Рядок\nдругий", -5]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows == [["Назва", "Формула"], ["Зупинки, «міські»", "'=1+1"], ["Рядок\nдругий", "-5"]]


def test_csv_without_bom_on_request() -> None:
    assert not csv_bytes(["a"], [["b"]], bom=False).startswith(b"\xef\xbb\xbf")


def test_write_csv_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", ["x"], [["1"]])
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_xlsx_text_starting_with_equals_is_a_string_cell_with_its_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    write_row(sheet, 1, ["=1+1", "@SUM(A1)", "-5", "звичайний", 5, dt.date(2025, 7, 1), None])
    path = tmp_path / "t.xlsx"
    book.save(path)
    reopened = load_workbook(path).active
    assert reopened is not None
    cells = [reopened.cell(row=1, column=c) for c in range(1, 8)]
    assert [(c.value, c.data_type) for c in cells[:4]] == [
        ("=1+1", "s"), ("@SUM(A1)", "s"), ("-5", "s"), ("звичайний", "s")]
    assert cells[0].quotePrefix is True
    assert (cells[4].value, cells[4].data_type) == (5, "n")
    assert cells[5].value == dt.datetime(2025, 7, 1)
    assert cells[6].value is None


def test_xlsx_datetime_with_time_zone_is_written_as_local_time(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    kyiv = dt.timezone(dt.timedelta(hours=3))
    set_value(sheet.cell(row=1, column=1), dt.datetime(2025, 7, 1, 9, 30, tzinfo=kyiv))
    book.save(tmp_path / "t.xlsx")
    reopened = load_workbook(tmp_path / "t.xlsx").active
    assert reopened is not None
    assert reopened.cell(row=1, column=1).value == dt.datetime(2025, 7, 1, 9, 30)


def test_xlsx_text_with_characters_xml_forbids_does_not_raise(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    set_value(sheet.cell(row=1, column=1), "a\x01b\tc")
    book.save(tmp_path / "t.xlsx")
    reopened = load_workbook(tmp_path / "t.xlsx").active
    assert reopened is not None
    assert reopened.cell(row=1, column=1).value == "a\ufffdb\tc"


@given(st.text())
def test_no_csv_text_can_start_a_formula_after_escaping(text: str) -> None:
    escaped = csv_text(text)
    assert escaped in (text, "'" + text)
    assert not escaped.startswith(("=", "@", "\t", "\r"))
    if escaped.startswith(("+", "-")):  # left as typed only when it holds no formula
        assert re.fullmatch(r"[+\-\d .,()%eE\u00a0]*", escaped)
