"""read_tab remembers each column's readings: the memo must read exactly as read_cell does."""

from __future__ import annotations

import datetime as dt

from odcore.cells import read_cell
from odcore.reading.tabs import _MEMO_LIMIT, _MEMO_MAX_CHARS, _ColumnMemo
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.settings import DEFAULT_SETTINGS

VALUES: list[object] = [
    None, "", "  ", "так", "1", 1, 1.0, True, False, 0, 0.0, -0.0, float("nan"), 0.5, "50%",
    "2025-Q4", "IV квартал 2025", "31.12.2025", dt.date(2025, 12, 31),
    dt.datetime(2025, 12, 31), dt.datetime(2025, 12, 31, 10, 30), 45000, "https://kyiv.ua/x",
    "a@b.ua", "CSV", "опубліковано", "Тел. +380 44 123 45 67", "x" * (_MEMO_MAX_CHARS + 1),
]


def test_memo_reads_every_value_as_read_cell_in_every_column() -> None:
    years, accepted = DEFAULT_SETTINGS.plan_years, DEFAULT_SETTINGS.accepted_years
    for spec in SPEC_BY_KEY.values():
        for col in spec.columns:
            memo = _ColumnMemo(col, DEFAULT_SETTINGS)
            for _ in range(2):  # the second pass answers from the memo
                for raw in VALUES:
                    fresh = read_cell(col, raw, years, accepted)
                    value, findings, ok, _ = memo.read(raw)
                    assert repr(value) == repr(fresh.value), (spec.key, col.key, raw)
                    assert type(value) is type(fresh.value), (spec.key, col.key, raw)
                    assert list(findings) == fresh.findings, (spec.key, col.key, raw)
                    assert ok == fresh.ok


def test_equal_values_of_other_types_are_told_apart() -> None:
    col = SPEC_BY_KEY["reports"].column("done")  # free text: 1, 1.0 and True read differently
    memo = _ColumnMemo(col, DEFAULT_SETTINGS)
    assert [memo.read(v)[0] for v in (1, True, 1.0, "1")] == ["1", "TRUE", "1", "1"]


def test_memo_is_bounded_and_keeps_no_long_text() -> None:
    memo = _ColumnMemo(SPEC_BY_KEY["reports"].column("done"), DEFAULT_SETTINGS)
    for n in range(_MEMO_LIMIT + 100):
        memo.read(f"текст {n}")
    assert len(memo.seen) == _MEMO_LIMIT
    memo = _ColumnMemo(SPEC_BY_KEY["reports"].column("done"), DEFAULT_SETTINGS)
    memo.read("x" * (_MEMO_MAX_CHARS + 1))
    memo.read(["unhashable"])
    assert memo.seen == {}
