"""The parser child's fast paths give exactly what its general paths give: a row of texts
and dates looked up in C against the cell-by-cell conversion, and the extent scan that looks
only for new column letters against the scan of every cell (hostile XML included)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odcore.sources.workbook_reader import (
    _cell_value,
    _row_values,
    _shared_values,
    _trimmed,
)

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
    shared = _shared_values()
    texts: dict[Any, Any] = {}
    for raw in rows + rows:  # the second time, every text and date is known
        fast = _row_values(raw, [None] * offset, columns, MAX_CHARS, shared)
        assert _typed(fast) == _typed(_general(raw, offset, columns, texts))
    assert not [key for key in shared if isinstance(key, str) and len(key) > MAX_CHARS + 1]


def test_equal_texts_and_dates_share_one_object() -> None:
    shared = _shared_values()
    day = dt.date(2025, 3, 31)
    first = _row_values(["звіт", dt.date(2025, 3, 31), ""], [], 10, MAX_CHARS, shared)
    second = _row_values(["".join(["зв", "іт"]), dt.date(2025, 3, 31), 1.0], [], 10,
                         MAX_CHARS, shared)
    assert first == ["звіт", day] and second == ["звіт", day, 1]
    assert first[0] is second[0] and first[1] is second[1]
    assert type(second[2]) is int
