"""Property tests: no cell content raises, and each unreadable cell is exactly one Issue."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odcore.schema.columns import Kind
from odcore.schema.tabs import SPEC_BY_KEY, TAB_SPECS
from odcore.sources.base import CellError
from odcore.sources.memory import MemorySource
from odcore.workbook import load_workbook

cell_values = st.one_of(
    st.none(), st.text(max_size=30), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
    st.sampled_from(["#REF!", "#N/A", "так", "2024-Q1", "31.02.2024", "50%", "Виконано",
                     " ", "\n", "=1+1", "javascript:alert(1)"]),
    st.builds(CellError, st.sampled_from(["#REF!", "#DIV/0!"])),
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
UNIQUE = {"plan": ("code",), "datasets": ("id",), "departments": ("name",),
          "reports": ("department",)}  # one report per task, period and department
# Values no reader of the kind accepts.
BAD = {Kind.DATE: "не дата", Kind.QUARTER: "5 кв. 2024", Kind.YESNO: "можливо",
       Kind.PERCENT: "багато", Kind.VOCAB: "Щось інше"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_arbitrary_cells_in_any_tab_never_raise(data):
    tabs = {}
    for spec in TAB_SPECS:
        headers = [c.header for c in spec.columns]
        rows = data.draw(st.lists(st.lists(cell_values, min_size=len(headers),
                                           max_size=len(headers)), max_size=4))
        tabs[spec.title] = [headers, *rows]
    workbook = load_workbook(MemorySource({"book.xlsx": tabs}))
    for issue in workbook.issues:
        assert issue.row is None or 1 <= issue.row <= 5
        assert isinstance(issue.message, str) and issue.message


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_every_unreadable_cell_yields_exactly_one_issue_at_its_row_and_column(data):
    key = data.draw(st.sampled_from(sorted(VALID)))
    spec = SPEC_BY_KEY[key]
    breakable = [c for c in spec.columns if c.kind in BAD and (c.kind is not Kind.VOCAB
                                                               or c.required)]
    if not breakable:
        return
    columns = [c for c in spec.columns if not c.extra]
    n_rows = data.draw(st.integers(1, 4))
    bad_cells = set()
    rows = []
    for r in range(n_rows):
        row = [VALID[key].get(c.key) for c in columns]
        for unique in UNIQUE.get(key, ()):
            row[[c.key for c in columns].index(unique)] += f"-{r}"
        for c in breakable:
            if data.draw(st.booleans()):
                row[columns.index(c)] = BAD[c.kind]
                bad_cells.add((r + 2, columns.index(c) + 1))
        rows.append(row)
    tabs = {spec.title: [[c.header for c in columns], *rows]}
    workbook = load_workbook(MemorySource({"book.xlsx": tabs}))
    errors = [i for i in workbook.issues if i.is_error and i.tab == spec.title]
    found = [(i.row, _column_number(i.cell)) for i in errors]
    assert sorted(found) == sorted(bad_cells)
    good_rows = n_rows - len({r for r, _ in bad_cells})
    assert len(workbook.records(key)) == good_rows


def _column_number(cell: str) -> int:
    letters = "".join(ch for ch in cell if ch.isalpha())
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


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
