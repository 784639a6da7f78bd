"""The parser child's fast paths give exactly what its general paths give: a row converted
in one loop against the cell-by-cell mapping, and the extent scan that looks only for new
column letters against the scan of every cell (hostile XML included)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odcore.sources import workbook_file, workbook_limits, workbook_reader
from odcore.sources.base import DEFAULT_LIMITS, CellError
from odcore.sources.error_cells import apply_areas
from odcore.sources.workbook_reader import _cell_value, _row_values, _trimmed

MAX_CHARS = 6

CALAMINE_VALUES = st.one_of(
    st.sampled_from(["", "a", "так", "abcdef", "abcdefg", "abcdefgh", "x" * 20, "1"]),
    st.text(max_size=9),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 1, 5)),
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2024, 1, 2)),
    st.sampled_from([dt.datetime(2024, 1, 1), 1.0, 0.0, 1, 0, True, False, 2.5, -0.0,
                     float(2**53), 1e300, dt.time(10, 30), dt.timedelta(hours=30)]),
    st.floats(allow_nan=False),
    st.integers(),
    st.booleans(),
)


def _general(raw: list[Any], offset: int, columns: int,
             texts: dict[Any, Any]) -> list[Any]:
    """The row as the cell-by-cell mapping gives it (docs/sources.md)."""
    row = [None] * offset + [_cell_value(value, MAX_CHARS, texts) for value in raw]
    return _trimmed(row[:columns])


def _typed(row: list[Any]) -> list[tuple[type, Any]]:
    return [(type(value), value) for value in row]  # True and 1 and 1.0 are not the same cell


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CALAMINE_VALUES, max_size=8), max_size=6),
       offset=st.integers(0, 2), columns=st.integers(0, 10))
def test_rows_read_as_the_cell_by_cell_mapping(rows: list[list[Any]], offset: int,
                                               columns: int) -> None:
    shared: dict[Any, Any] = {}
    texts: dict[Any, Any] = {}
    for raw in rows + rows:  # the second time, every text and date is shared
        fast = _row_values(raw, [None] * offset, columns, MAX_CHARS, shared)
        assert _typed(fast) == _typed(_general(raw, offset, columns, texts))
    assert not [key for key in shared if isinstance(key, str) and len(key) > MAX_CHARS + 1]


def test_equal_texts_and_dates_share_one_object() -> None:
    shared: dict[Any, Any] = {}
    day = dt.date(2025, 3, 31)
    first = _row_values(["звіт", dt.date(2025, 3, 31), ""], [], 10, MAX_CHARS, shared)
    second = _row_values(["".join(["зв", "іт"]), dt.date(2025, 3, 31), 1.0], [], 10,
                         MAX_CHARS, shared)
    assert first == ["звіт", day] and second == ["звіт", day, 1]
    assert first[0] is second[0] and first[1] is second[1]
    assert type(second[2]) is int


# --- the extent scan -------------------------------------------------------------------------

XML_TOKENS = st.sampled_from([
    b'<c r="A1">', b'<c r="B12" s="1"/>', b'<c r="C3" t="s">', b'<c r="AB7">', b'<c r="ZZ9"',
    b'<c r="XFD1048576">', b'<c r="ABCD1">', b"<c>", b"<c/>", b"<c\n", b"<c\tr=", b"<c ",
    b'<c s="2" r="D4">', b'<x:c r="E5">', b":c", b'<c r="', b'"', b">", b"/", b"/>", b"<",
    b"A", b"AB", b"Q", b"1", b"0", b" ", b'r="F6"', b"</c>", b'<row r="3">', b"</row>",
    b"<v>1</v>", b'<c r="G1"><v>2</v></c>', b'<c r="a1">', b"<col ", b"<cols>", b't="e"',
])
XML_PIECES = st.lists(XML_TOKENS, max_size=40).map(b"".join)


def _letters_by_every_cell(piece: bytes, letters: set[bytes]) -> bool:
    """The scan before issue 14's round 7: every cell's letters, and the cells without a
    reference in a search of their own."""
    if workbook_limits._cells_without_reference(piece):
        return False
    letters.update(workbook_limits._VALUE_CELL_LETTERS.findall(piece))
    return True


@settings(max_examples=1_500, deadline=None)
@given(pieces=st.lists(XML_PIECES, min_size=1, max_size=4),
       known=st.sets(st.sampled_from([b"A", b"B", b"Q", b"AB", b"ZZ"]), max_size=3))
def test_new_letters_only_finds_what_every_cell_finds(pieces: list[bytes],
                                                      known: set[bytes]) -> None:
    fast, every = workbook_limits._ColumnLetters(known), set(known)
    for piece in pieces:
        placed = fast.add(piece)
        assert placed == _letters_by_every_cell(piece, every), piece
        if not placed:
            return
        assert fast.found == every, piece


def test_more_letters_than_a_pattern_names_are_found_as_every_cell_finds() -> None:
    columns = [workbook_limits_letters(number) for number in range(1, 200)]
    piece = b"".join(b'<c r="%s1"><v>1</v></c>' % letters for letters in columns)
    fast = workbook_limits._ColumnLetters()
    assert fast.add(piece)
    assert fast.found == set(columns)
    assert fast.add(piece.replace(b'"A1"', b'"GR1"')) and b"GR" in fast.found


def workbook_limits_letters(number: int) -> bytes:
    letters = b""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


def _extent_by_every_cell(open_part: Any, max_columns: int) -> workbook_limits.Extent:
    """xlsx_extent as it was before round 7 (the oracle)."""
    rows = within = 0
    letters: set[bytes] = set()
    with open_part() as stream:
        for piece in workbook_limits._pieces(stream):
            if workbook_limits._cells_without_reference(piece):
                return workbook_limits._xlsx_extent_by_tokens(open_part, max_columns)
            found = workbook_limits._VALUE_CELL_LETTERS.findall(piece)
            if not found:
                continue
            letters.update(found)
            rows = max(rows, workbook_limits._last_row(piece))
            if workbook_limits._rightmost(letters) <= max_columns:
                within = rows
            else:
                within = max(within, max(
                    (int(row) for letter, row in workbook_limits._VALUE_CELL.findall(piece)
                     if workbook_limits.column_number(letter) <= max_columns), default=0))
    return workbook_limits.Extent(rows, workbook_limits._rightmost(letters) if letters else 0,
                                  within)


@settings(max_examples=800, deadline=None)
@given(xml=st.lists(st.one_of(XML_TOKENS, st.sampled_from([
    b'<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>5</v></c></row>',
    b'<row r="40"><c r="A40"><v>1</v></c></row>', b'<row r="7"><c r="AA7"><v>1</v></c></row>',
    b"x" * 30])), max_size=40).map(b"".join),
       chunk=st.sampled_from([8, 16, 64, 4 * 1024 * 1024]), max_columns=st.sampled_from([2, 26, 500]))
def test_extent_is_what_the_scan_of_every_cell_gives(xml: bytes, chunk: int,
                                                     max_columns: int) -> None:
    saved = workbook_limits._CHUNK
    workbook_limits._CHUNK = chunk  # many pieces: letters carried from one to the next
    try:
        def open_part() -> io.BytesIO:
            return io.BytesIO(xml)

        assert (workbook_limits.xlsx_extent(open_part, max_columns)
                == _extent_by_every_cell(open_part, max_columns)), xml
    finally:
        workbook_limits._CHUNK = saved


CELLS = st.lists(st.tuples(st.sampled_from([b"A", b"Q", b"AB"]), st.integers(1, 9_999),
                            st.sampled_from([b"", b' t="s"', b' s="3"/']),
                            st.text(max_size=400).map(lambda text: text.replace("<", "&lt;")
                                                      .replace(">", "&gt;").encode())),
                  max_size=30)


@settings(max_examples=400, deadline=None)
@given(cells=CELLS, tail=st.integers(0, 3_000))
def test_the_last_row_is_the_last_value_cell_of_the_piece(
        cells: list[tuple[bytes, int, bytes, bytes]], tail: int) -> None:
    # Cells with texts of any length (a window from the end may first find none) and
    # formatted empty cells (<c .../>, not a value), then other XML after the last row.
    piece = b"".join(b'<c r="%s%d"%s>' % (letters, row, attributes)
                     + (b"" if attributes.endswith(b"/") else b"<v>%s</v></c>" % text)
                     for letters, row, attributes, text in cells) + b"<x/>" * tail
    found = workbook_limits._VALUE_CELL.findall(piece)
    assert workbook_limits._last_row(piece) == (int(found[-1][1]) if found else 0)


# --- a sheet's XML read whole or streamed ------------------------------------------------------


def _tabs_read_in_process(path: Path, scratch: Path) -> list[tuple[object, ...]]:
    scratch.mkdir()
    with (scratch / workbook_reader.FRAMES).open("wb") as stream:
        workbook_reader.read(path, DEFAULT_LIMITS, {}, scratch, workbook_reader._Frames(stream))
    outcome = workbook_file._outcome(scratch / workbook_reader.FRAMES)
    return [(tab.title, tab.values, tab.rows_in_sheet, tab.columns_in_sheet, tab.refused)
            for tab in outcome.tabs]


def test_sheets_read_whole_give_what_streamed_sheets_give(
        xlsx_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _tabs_read_in_process(xlsx_path, tmp_path / "whole")
    monkeypatch.setattr(workbook_reader, "_WHOLE_PART_BYTES", 0)
    streamed = _tabs_read_in_process(xlsx_path, tmp_path / "streamed")
    assert whole == streamed
    plan_values = next(values for title, values, *_ in whole if title == "План")
    assert any(isinstance(value, CellError) for row in plan_values for value in row)


TRIMMED_ROWS = st.lists(st.lists(st.one_of(st.none(), st.sampled_from(["a", 1, True])),
                                 max_size=4).map(workbook_reader._trimmed), max_size=6)


@settings(max_examples=300, deadline=None)
@given(rows=TRIMMED_ROWS, patches=st.dictionaries(st.integers(1, 8), TRIMMED_ROWS.map(
    lambda grid: grid[0] if grid else []), max_size=2))
def test_a_sheet_without_merges_or_error_cells_is_assembled_as_apply_areas_does(
        rows: list[list[Any]], patches: dict[int, list[Any]]) -> None:
    layout = {"rows": 10, "columns": 4, "merged": [], "fixes": [], "patches": patches}
    expected = [list(row) for row in rows]
    for number, values in patches.items():
        expected.extend([] for _ in range(number - len(expected)))
        expected[number - 1] = values
    expected = apply_areas(expected, [], 10, 4)
    assert workbook_file.assemble([list(row) for row in rows], layout) == expected


def _has_error_type(xml: bytes) -> bool:
    """The rule written out: a t, then "=" with any XML white space around it, then "e" or
    'e'."""
    space = b" \t\r\n"
    for start in range(len(xml)):
        if xml[start:start + 1] != b"t":
            continue
        at = start + 1
        while xml[at:at + 1] and xml[at:at + 1] in space:
            at += 1
        if xml[at:at + 1] != b"=":
            continue
        at += 1
        while xml[at:at + 1] and xml[at:at + 1] in space:
            at += 1
        if xml[at:at + 3] in (b'"e"', b"'e'"):
            return True
    return False


@given(xml=st.lists(st.sampled_from([b"t=", b'"e"', b"'e'", b'"e', b"e'", b"t", b"=", b'"',
                                     b"'", b"e", b' t="s"', b"x", b" ", b"\n", b"\t"]),
                    max_size=12).map(b"".join))
def test_the_error_mark_search_finds_an_error_type_in_any_spelling(xml: bytes) -> None:
    from odcore.sources.error_cells import XLSX_ERROR_MARK, holds_error_mark

    assert (XLSX_ERROR_MARK.search(xml) is not None) == _has_error_type(xml)
    # The quick test of the mark's end first decides as the mark alone does.
    assert holds_error_mark(xml) == _has_error_type(xml)
    assert holds_error_mark(b'<c r="A1" s="1" xml:space="preserve">' + xml) \
        == _has_error_type(xml)


def test_the_searches_kept_between_sheets_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_limits, "_SEARCHES_KEPT", 8)
    monkeypatch.setattr(workbook_limits, "_SEARCH_AFTER", {})
    for first in range(1, 30):  # each sheet finds its letters in another order
        letters = workbook_limits._ColumnLetters()
        columns = [workbook_limits_letters(first + step) for step in range(5)]
        assert letters.add(b"".join(b'<c r="%s1"><v>1</v></c>' % column for column in columns))
        assert letters.found == set(columns)
        assert len(workbook_limits._SEARCH_AFTER) <= 8
