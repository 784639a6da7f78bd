"""Property tests: no cell content raises, and each unreadable cell is exactly one Issue."""

from __future__ import annotations

import datetime as dt
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odcore.cells import is_empty, read_cell
from odcore.checks import all_issues
from odcore.reading import load_workbook
from odcore.schema.columns import Col, Kind
from odcore.schema.tabs import SPEC_BY_KEY, TAB_SPECS
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.base import ERROR_VALUES, CellError, column_letter
from odcore.sources.memory import MemorySource

# What a source may hand over: text, numbers of any size, booleans, None, native dates and
# saved errors, plus texts that look like the values the readers know.
cell_values = st.one_of(
    st.none(), st.text(max_size=30), st.booleans(), st.integers(),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
    st.sampled_from(["#REF!", "#N/A", " #DIV/0! ", "так", "ні", "2024-Q1", "5 кв. 2024",
                     "31.02.2024", "31.03.2024", "50%", "0,5", "150", "Виконано", "Зроблено",
                     "Щорічно", " ", "\n", "=1+1", "javascript:alert(1)", "https://a.ua/x",
                     "a@b.ua", "4.1, 4.2; 9.9", "+38 (04332) 5-12-34"]),
    st.builds(CellError, st.sampled_from(sorted(ERROR_VALUES) + ["Err:502"])),
)

VALID = {
    "plan": {"code": "1.1", "section": "1. Розділ", "task": "Завдання"},
    "reports": {"task_code": "1.1", "period": "2024-Q1", "status": "В роботі",
                "department": "Відділ"},
    "datasets": {"id": "A", "title": "Назва", "department": "Відділ", "status": "Готується"},
    "quality_checks": {"dataset_id": "A", "period": "2024-Q2", "compliant": "так"},
    "trainings": {"person": "Іван", "course": "Курс"},
    "publications": {"published_on": "01.02.2024", "title": "Новина"},
    "products": {"name": "Бот", "kind": "Чат-бот"},
    "events": {"date": "01.02.2024", "title": "Захід", "kind": "Захід"},
    "departments": {"name": "Відділ"},
}
# Kept valid and distinct per row, so that no cross-row check (duplicate IDs, duplicate
# reports) or department spreadsheet read adds an error that no single cell caused.
FIXED = {"plan": ("code",), "datasets": ("id",), "departments": ("name", "spreadsheet"),
         "reports": ("department",)}
# Values no reader of the kind accepts, mixed in so that most examples hold unreadable cells.
BAD = {Kind.DATE: "не дата", Kind.QUARTER: "5 кв. 2024", Kind.YESNO: "можливо",
       Kind.PERCENT: "багато", Kind.VOCAB: "Щось інше"}


def _column_number(cell: str) -> int:
    letters = "".join(ch for ch in cell if ch.isalpha())
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_arbitrary_cells_in_any_tab_never_raise(data):
    tabs = {}
    widths = {}
    for spec in TAB_SPECS:
        headers: list[object] = data.draw(st.permutations([c.header for c in spec.columns]))
        headers += data.draw(st.lists(cell_values, max_size=2))  # unknown or odd header cells
        rows = data.draw(st.lists(st.lists(cell_values, max_size=len(headers) + 2),
                                  max_size=4))
        tabs[spec.title] = [headers, *rows]
        widths[spec.title] = max(len(r) for r in tabs[spec.title])
    workbook = load_workbook(MemorySource({"book.xlsx": tabs}))
    issues = all_issues(workbook, DEFAULT_SETTINGS)
    for issue in issues:
        assert isinstance(issue.message, str) and issue.message
        json.dumps(issue.to_json(), ensure_ascii=False)
        if issue.tab in tabs and issue.row is not None:
            assert 1 <= issue.row <= len(tabs[issue.tab])
        if issue.cell:
            assert issue.cell == f"{column_letter(_column_number(issue.cell))}{issue.row}"
            assert _column_number(issue.cell) <= widths[issue.tab]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_lone_sheet_of_any_name_with_arbitrary_cells_never_raises(data):
    rows = data.draw(st.lists(st.lists(cell_values, max_size=6), min_size=1, max_size=5))
    title = data.draw(st.sampled_from(["Sheet1", "Аркуш1", "Реєстр", "plan"]))
    try:
        workbook = load_workbook(MemorySource({"book.xlsx": {title: rows}}))
    except Exception as exc:  # noqa: BLE001 - only the documented "no known tab" may escape
        from odcore.sources.base import SourceError

        assert isinstance(exc, SourceError)
        return
    all_issues(workbook, DEFAULT_SETTINGS)


def _cell_strategy(col: Col) -> st.SearchStrategy[object]:
    bad = BAD.get(col.kind)
    return st.one_of(cell_values, st.just(bad)) if bad is not None else cell_values


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_unreadable_cell_yields_exactly_one_issue_at_its_row_and_column(data):
    key = data.draw(st.sampled_from(sorted(VALID)))
    spec = SPEC_BY_KEY[key]
    columns = [c for c in spec.columns if not c.extra]
    n_rows = data.draw(st.integers(1, 4))
    unreadable: list[tuple[int, int, str]] = []
    rows = []
    filled_rows = 0
    for r in range(n_rows):
        row: list[object] = []
        for col in columns:
            if col.key in FIXED.get(key, ()):
                value = VALID[key].get(col.key)
                row.append(None if value is None else f"{value}-{r}")
            else:
                row.append(data.draw(_cell_strategy(col)))
        rows.append(row)
        if all(is_empty(v) for v in row):
            continue  # a fully empty row is skipped, not reported
        filled_rows += 1
        for c_index, (col, value) in enumerate(zip(columns, row, strict=True)):
            errors = [f for f in read_cell(col, value, DEFAULT_SETTINGS.plan_years).findings
                      if f.severity.value == "error"]
            unreadable.extend((r + 2, c_index + 1, f.code) for f in errors)
    workbook = load_workbook(MemorySource({"book.xlsx": {spec.title: [
        [c.header for c in columns], *rows]}}))

    errors = [(i.row, _column_number(i.cell), i.code) for i in workbook.issues if i.is_error]
    assert sorted(errors) == sorted(unreadable)
    for row_number, column_number, _ in unreadable:
        at_cell = [i for i in workbook.issues if i.row == row_number and i.cell
                   == f"{column_letter(column_number)}{row_number}"]
        assert len(at_cell) == 1
        assert at_cell[0].column == columns[column_number - 1].header
    good_rows = filled_rows - len({r for r, _, _ in unreadable})
    assert len(workbook.records(key)) == good_rows


def test_known_bad_values_are_unreadable_for_their_kind():
    for spec in TAB_SPECS:
        for col in spec.columns:
            if col.kind in BAD and (col.kind is not Kind.VOCAB or col.required):
                assert not read_cell(col, BAD[col.kind], (2024, 2026)).ok, (spec.key, col.key)


def test_nan_and_infinite_numbers_are_not_dates_or_progress():
    tabs = {"Звіти": [["Код завдання", "Період", "Статус", "Підрозділ", "Прогрес, %",
                       "Дата звіту"],
                      ["1.1", "2024-Q1", "Виконано", "Відділ", math.nan, math.inf]]}
    workbook = load_workbook(MemorySource({"b.xlsx": tabs}))
    assert {i.code for i in workbook.issues if i.is_error} == {"number.invalid",
                                                               "date.invalid"}
    assert workbook.reports == []


def test_native_datetime_in_a_date_column_is_its_date():
    tabs = {"Публікації": [["Дата", "Заголовок"], [dt.datetime(2024, 5, 6, 13, 0), "Новина"]]}
    workbook = load_workbook(MemorySource({"b.xlsx": tabs}))
    assert workbook.publications[0].published_on == dt.date(2024, 5, 6)
