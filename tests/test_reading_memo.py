"""read_tab remembers each column's readings: the memo must read exactly as read_cell does,
and a tab read through it must give the records and Issues of a tab read cell by cell."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odcore.cells import UNSURE, read_cell
from odcore.reading import load_workbook
from odcore.reading import tabs as tabs_module
from odcore.reading.tabs import _MEMO_LIMIT, _MEMO_MAX_CHARS, _ColumnMemo
from odcore.schema.tabs import SPEC_BY_KEY, TAB_SPECS, TabSpec
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.base import CellError, RawSpreadsheet, RawTab, Source, SourceError
from odcore.sources.memory import MemorySource
from odcore.workbook import Workbook
from tests.test_reading_properties import VALID

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


def test_first_readings_are_the_memos_clean_readings_in_every_column() -> None:
    """``first`` answers a first sighting only when ``read`` would find nothing to say."""
    for spec in SPEC_BY_KEY.values():
        for col in spec.columns:
            quick, reference = _ColumnMemo(col, DEFAULT_SETTINGS), _ColumnMemo(col, DEFAULT_SETTINGS)
            for raw in [*VALUES, "x" * _MEMO_MAX_CHARS, ["unhashable"], CellError("#REF!")]:
                value, findings, ok, contact = reference.read(raw)
                first = quick.first(raw)
                if first is not UNSURE:
                    assert not findings and ok and not contact, (spec.key, col.key, raw)
                    assert repr(first) == repr(value) and type(first) is type(value)
                    assert quick.read(raw) == (value, (), True, False)  # remembered
    done = _ColumnMemo(SPEC_BY_KEY["reports"].column("done"), DEFAULT_SETTINGS)
    assert [done.first(v) for v in ("CSV", " CSV ", "  ", "#REF!", "x" * 201)] == [
        "CSV", "CSV", UNSURE, UNSURE, UNSURE]
    public = _ColumnMemo(SPEC_BY_KEY["datasets"].column("description"), DEFAULT_SETTINGS)
    assert public.first("Тел. +380 44 123 45 67") is UNSURE  # read says: a contact
    assert public.first("Опис набору") == "Опис набору"
    short = _ColumnMemo(SPEC_BY_KEY["reports"].column("done"), Settings(max_cell_chars=5))
    assert short.first("x" * 6) is UNSURE  # read_tab cuts it first
    assert short.first("x" * 5) == "x" * 5


def test_a_full_memo_still_reads_first_sightings_and_keeps_no_more() -> None:
    """Past the memo's limit ``first`` still answers a clean first sighting (as ``read``
    would), remembers nothing more, and leaves a reading with findings or a contact to
    ``read``, also for a value remembered before the memo filled."""
    memo = _ColumnMemo(SPEC_BY_KEY["datasets"].column("description"), DEFAULT_SETTINGS)
    memo.read("тел. 044 123 45 67")  # remembered among the readings with something to say
    for n in range(_MEMO_LIMIT):
        memo.first(f"текст {n}")
    assert len(memo.seen) + len(memo.clean) == _MEMO_LIMIT
    assert memo.first("текст, якого ще не було") == "текст, якого ще не було"
    assert memo.first("тел. 044 123 45 67") is UNSURE
    assert memo.first("інший, тел. 044 765 43 21") is UNSURE  # a contact: read reports it
    assert memo.first("#REF!") is UNSURE
    assert "текст, якого ще не було" not in memo.clean
    assert len(memo.seen) + len(memo.clean) == _MEMO_LIMIT


def test_equal_values_of_other_types_are_told_apart() -> None:
    col = SPEC_BY_KEY["reports"].column("done")  # free text: 1, 1.0 and True read differently
    memo = _ColumnMemo(col, DEFAULT_SETTINGS)
    assert [memo.read(v)[0] for v in (1, True, 1.0, "1")] == ["1", "TRUE", "1", "1"]


def test_memo_is_bounded_and_keeps_no_long_text() -> None:
    memo = _ColumnMemo(SPEC_BY_KEY["datasets"].column("description"), DEFAULT_SETTINGS)
    for n in range(_MEMO_LIMIT + 100):
        memo.read(f"текст {n}" if n % 2 else f"текст {n}, тел. 044 123 45 67")  # a contact
    assert len(memo.seen) + len(memo.clean) == _MEMO_LIMIT
    assert len(memo.seen) == len(memo.clean) == _MEMO_LIMIT // 2
    memo = _ColumnMemo(SPEC_BY_KEY["reports"].column("done"), DEFAULT_SETTINGS)
    memo.read("x" * (_MEMO_MAX_CHARS + 1))
    memo.read(["unhashable"])
    assert memo.seen == {} and memo.clean == {}


# Values that repeat across rows, so that most cells of a drawn tab are answered by the memo:
# valid and invalid values of every kind, contacts, texts at and past the cell limit.
_LIMIT = 12
_REPEATED = st.sampled_from([
    *VALUES[:-1], "x" * _LIMIT, "x" * (_LIMIT + 1), "y" * (_LIMIT + 5), "#REF!",
    CellError("#N/A"), "4.3", "Відділ ІТ", "2024-Q2", "Виконано", "ZHM-001", "Оприлюднено",
    "Щороку", "CSV, JSON", "https://data.gov.ua/dataset/x", "Іван"])


def _google(tabs: dict[str, list[list[object]]]) -> Source:
    class GoogleLike:  # a Google spreadsheet: every row and cell has its link
        label, is_demo = "g", False

        def read_main(self) -> RawSpreadsheet:
            return RawSpreadsheet(
                "Головна", "gsheets:k", [RawTab(t, [list(r) for r in rows], gid=n)
                                         for n, (t, rows) in enumerate(tabs.items())],
                dt.datetime(2026, 1, 1, tzinfo=dt.UTC), kind="gsheets", key="k" * 44)

        def read_linked(self, reference: str) -> RawSpreadsheet:
            raise SourceError(reference)

    return GoogleLike()


def _as_read(workbook: Workbook) -> tuple[object, ...]:
    return ([(i.finding, i.spreadsheet, i.tab, i.row, i.column, i.cell, i.value, i.department,
              i.link) for i in workbook.issues],
            {spec.key: [r.model_dump() for r in workbook.records(spec.key)] for spec in TAB_SPECS},
            workbook.rows_total, workbook.dataset_refs)


def _rows(spec: TabSpec) -> st.SearchStrategy[list[object]]:
    """A valid row of the tab with up to three cells replaced, cut or padded at its end."""
    base = [VALID[spec.key].get(c.key) for c in spec.columns if not c.extra]

    def row(changes: list[tuple[int, object]], length: int) -> list[object]:
        cells = list(base)
        for index, value in changes:
            cells[index % len(cells)] = value
        return (cells + [None, None])[:length]

    return st.builds(row, st.lists(st.tuples(st.integers(0, 99), _REPEATED), max_size=3),
                     st.integers(0, len(base) + 2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reading_through_the_memo_equals_reading_every_cell_afresh(data):
    tabs: dict[str, list[list[object]]] = {}
    for spec in TAB_SPECS:
        header: list[object] = [c.header for c in spec.columns if not c.extra]
        tabs[spec.title] = [header, *data.draw(st.lists(_rows(spec), max_size=8))]
    limits = Settings(max_cell_chars=_LIMIT)
    for source in (MemorySource({"book.xlsx": tabs}), _google(tabs)):
        with_memo = _as_read(load_workbook(source, limits))
        with pytest.MonkeyPatch.context() as patch:  # no type is remembered: read_cell each time
            patch.setattr(tabs_module, "_MEMO_TYPES", frozenset())
            afresh = _as_read(load_workbook(source, limits))
        assert with_memo == afresh


def _has_contact_by_every_match(text: str) -> bool:
    """The contact rule as first written: every phone-like run looked at (the reference)."""
    return bool(tabs_module._EMAIL_IN_TEXT.search(text)) or any(
        9 <= sum(c.isdigit() for c in m.group()) <= 13
        for m in tabs_module._PHONE.finditer(text))


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(
    st.text(alphabet="0123456789 +()-@.a٣²\n", max_size=40), st.text(max_size=30),
    st.sampled_from(["Тел. +380 44 123 45 67", "пишіть на a@b.ua", "044 123 45 67 89 01 23",
                     "12345678", "(044) 1234567", "a @b.ua", "x@y.u", "+3 8 0 4 4 1 2 3 4 5"])))
def test_has_contact_reads_as_the_rule_does(text: str) -> None:
    assert tabs_module._has_contact(text) is _has_contact_by_every_match(text)
    # The quick search's pattern finds a run exactly where the phone pattern finds one.
    assert ((tabs_module._PHONE_CORE.search(text) is None)
            is (tabs_module._PHONE.search(text) is None))
