"""Property: a few hostile cells anywhere in the demo workbook never bring anything down.

A strategy changes a few random cells of random tabs of the demo (its raw grids, as a source
hands them over) to extreme values: years 0-9999 in every date, quarter and deadline form,
huge and non-finite numbers, "NaN" as text, 100,000-character strings, control and bidi
characters, booleans where text is expected, and cells far below and right of the data.
Reading, the JSON summary, the score card, the public projection and the CLI (check, summary,
report) must all finish; every error names a real cell.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook as XlsxWorkbook

from odcore.cells import read_cell
from odcore.checks import all_issues
from odcore.cli import main
from odcore.demo import demo_tabs
from odcore.exports.safe import write_row
from odcore.exports.score_card import CardData, card_figures
from odcore.exports.static_site import export_files
from odcore.figures import build_figures
from odcore.periods import plan_quarters
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.schema.columns import Kind
from odcore.schema.tabs import SPEC_BY_KEY, spec_for_tab_name
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.base import column_letter
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from odcore.text import normalize_name

Grids = dict[str, list[list[Any]]]

FAR_ROW, FAR_COLUMN = 3000, 300
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c"]
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]

# Every year, with the edges of the accepted years and of Python's calendar drawn most often.
EDGE_YEARS = [0, 0, 1, 1989, 1990, 2100, 2101, 9998, 9999, 9999]
# (Hypothesis flattens nested one_of into one uniform choice, so weights are drawn explicitly.)
years = st.integers(0, 3).flatmap(
    lambda pick: st.integers(0, 9999) if pick == 0 else st.sampled_from(EDGE_YEARS))
months = st.integers(0, 3).flatmap(
    lambda pick: st.integers(0, 13) if pick == 0 else st.integers(1, 12))
days = st.integers(0, 32)


def _formatted(templates: list[str]) -> st.SearchStrategy[str]:
    """A template filled with a year (0-9999), a month, a day and a quarter of any value."""
    return st.builds(
        lambda template, y, y2, m, d, q: template.format(y=y, y2=y2, m=m, d=d, q=q, r=ROMAN[q]),
        st.sampled_from(templates), years, years, months, days, st.integers(1, 4))


date_texts = _formatted(["{d:02d}.{m:02d}.{y:04d}", "{y:04d}-{m:02d}-{d:02d}",
                         "{d}/{m}/{y:04d}", "{d}.{m}.{y}", "{d}.{m}.{y:02d}"])
quarter_texts = _formatted(["{y:04d}-Q{q}", "{y:04d}Q{q}", "Q{q} {y:04d}", "{r} кв. {y:04d}",
                            "{r}-й квартал {y:04d} року", "{q} кв {y:04d}", "{y} Q{q}"])
deadline_texts = _formatted(["{y:04d} рік", "до кінця {y:04d} року", "до {d:02d}.{m:02d}.{y:04d}",
                             "{r} квартал {y:04d}", "{r}-й квартал {y:04d} року",
                             "ІІ-ге півріччя {y:04d} року", "І-ше півріччя {y:04d}",
                             "{d} вересня {y:04d} року", "протягом {y:04d} року",
                             "впродовж {r} кварталу {y:04d}", "{y:04d}-{y2:04d} роки",
                             "до {d:02d}.{m:02d}.{y:04d} року"])
serials = st.one_of(st.integers(-10**6, 4 * 10**6), st.floats(-1e7, 1e7), st.integers(),
                    st.sampled_from([2958465, 2958466, -693593, -693594, 32873, 73416]))
native_dates = st.one_of(st.dates(), st.datetimes(), st.sampled_from(
    [dt.date.min, dt.date.max, dt.datetime.min, dt.datetime.max, dt.date(9999, 1, 1)]))
extreme_numbers = st.sampled_from([1e308, -1e308, math.inf, -math.inf, math.nan, 5e-324, -0.0,
                                   2**63, -(2**63), 10**400, 10**5000])
number_words = st.sampled_from(["NaN", "nan", "Infinity", "-Infinity", "inf", "1e308",
                                "-1e308", "1e309", "+Inf", "NaN%", "1e308%"])
long_texts = st.builds(lambda unit: (unit * 100_000)[:100_000],
                       st.sampled_from(["x", "1", "я", " ", "2024-Q1 ", "\u202e", "31.12.9999 ",
                                        "a@b.ua ", "+380 "]))
control_texts = st.text(alphabet=st.sampled_from(CONTROLS + BIDI + ["a", "1", "Q", " ", "."]),
                        min_size=1, max_size=20)
# A valid-looking value with control or bidi characters inside.
tainted = st.builds(lambda value, mark, at: value[:at] + mark + value[at:],
                    st.sampled_from(["2024-Q1", "31.03.2024", "Виконано", "Оприлюднено", "так",
                                     "https://data.gov.ua/x", "4.3", "Щоквартально", "CSV"]),
                    st.sampled_from(CONTROLS + BIDI), st.integers(0, 12))

extreme_values: st.SearchStrategy[Any] = st.one_of(
    date_texts, quarter_texts, deadline_texts, native_dates, serials,
    extreme_numbers, number_words, long_texts, control_texts, tainted, st.booleans(),
    st.none(),
)
# What a column of each kind is most often given: its own forms at every year.
BY_KIND: dict[Kind, st.SearchStrategy[Any]] = {
    Kind.DATE: st.one_of(date_texts, native_dates, serials),
    Kind.QUARTER: quarter_texts,
    Kind.DEADLINE: deadline_texts,
}


@cache
def _demo() -> Grids:
    return demo_tabs()


@cache
def _column_kinds(title: str) -> dict[int, Kind]:
    """Column number -> kind, from the demo tab's header row."""
    spec = spec_for_tab_name(title)
    if spec is None:
        return {}
    kinds = {}
    for number, header in enumerate(_demo()[title][0], start=1):
        col = spec.column_for_header(str(header))
        if col is not None:
            kinds[number] = col.kind
    return kinds


@cache
def _typed_cells() -> list[tuple[str, int]]:
    """(tab, column number) of every date, quarter and deadline column of the demo."""
    return [(title, number) for title in _demo() for number, kind in
            _column_kinds(title).items() if kind in BY_KIND]


@st.composite
def mutated_demo(draw: st.DrawFn, max_changes: int = 6) -> Grids:
    """The demo's grids with 1..max_changes cells of its date, quarter and deadline columns
    and 0..max_changes cells anywhere (below the header row) set to extremes."""
    grids = {title: [list(row) for row in grid] for title, grid in _demo().items()}
    typed = draw(st.integers(1, max_changes))
    for change in range(typed + draw(st.integers(0, max_changes))):
        if change < typed:
            title, column = draw(st.sampled_from(_typed_cells()))
            row = draw(st.integers(2, len(grids[title])))
        else:
            title = draw(st.sampled_from(sorted(grids)))
            size, width = len(grids[title]), len(grids[title][0])
            near_row, near_column = st.integers(2, size + 2), st.integers(1, width + 1)
            row = draw(st.one_of(near_row, near_row, near_row, st.integers(2, FAR_ROW)))
            column = draw(st.one_of(near_column, near_column, near_column,
                                    st.integers(1, FAR_COLUMN)))
        grid = grids[title]
        while len(grid) < row:
            grid.append([])
        cells = grid[row - 1]
        cells.extend([None] * (column - len(cells)))
        kind = _column_kinds(title).get(column)
        own = BY_KIND.get(kind) if kind is not None else None
        # Two thirds of a typed column's values are in its own forms.
        own_form = own is not None and draw(st.integers(0, 2)) > 0
        cells[column - 1] = draw(own if own_form and own is not None else extreme_values)
    return grids


def _reject_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def _column_number(cell: str) -> int:
    number = 0
    for ch in cell:
        if ch.isalpha():
            number = number * 26 + ord(ch) - 64
    return number


def _assert_errors_name_real_cells(grids: Grids, issues: list[Any]) -> None:
    for issue in issues:
        if not issue.is_error:
            continue
        where = (issue.code, issue.tab, issue.row, issue.column, issue.cell)
        assert issue.tab in grids, where
        grid = grids[issue.tab]
        assert issue.row is not None and 2 <= issue.row <= len(grid), where
        assert issue.column and issue.cell, where
        number = _column_number(issue.cell)
        assert issue.cell == f"{column_letter(number)}{issue.row}", where
        header = grid[0]
        assert number <= len(header), where
        assert normalize_name(str(header[number - 1])) == normalize_name(issue.column), where


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids=mutated_demo(), as_of=st.one_of(st.just(dt.date(2025, 7, 1)), st.dates()),
       quarter=st.sampled_from(plan_quarters(*DEFAULT_SETTINGS.plan_years)))
def test_hostile_cells_never_break_reading_figures_or_exports(grids: Grids, as_of: dt.date,
                                                             quarter: Any) -> None:
    workbook = load_workbook(MemorySource({"demo.xlsx": grids}), DEFAULT_SETTINGS)
    figures = build_figures(workbook, as_of, DEFAULT_SETTINGS)
    summary = build_summary(figures)
    json.dumps(summary, ensure_ascii=False, allow_nan=False)
    card = CardData(quarter, build_figures(workbook, quarter.end_as_of, DEFAULT_SETTINGS))
    card_figures(card)  # the file: the CLI test
    view = public_view(figures)
    files = export_files(view, DEFAULT_SETTINGS.now(), DEFAULT_SETTINGS.image_hosts)
    for name in ("datasets.json", "products.json"):
        json.loads(files[name], parse_constant=_reject_constant)
    _assert_errors_name_real_cells(grids, all_issues(workbook, DEFAULT_SETTINGS))


def _write_xlsx(grids: Grids, path: Path) -> None:
    """The grids as an .xlsx, written the way the exports write (text kept as text; what XML
    cannot hold becomes U+FFFD, so the file opens at all)."""
    book = XlsxWorkbook()
    book.remove(book.active)
    for title, grid in grids.items():
        sheet = book.create_sheet(title)
        for number, row in enumerate(grid, start=1):
            if row:
                write_row(sheet, number, [_xlsx_value(v) for v in row])
    book.save(path)


def _xlsx_value(value: Any) -> Any:
    # An .xlsx number is a double and its dates are 1900-9999: what else a cell cannot hold
    # is written as its text, as a spreadsheet program would show it.
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return repr(float(value)) if abs(value) < 10**308 else "1e400"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dt.date) and not 1900 <= value.year <= 9999:
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def no_secrets(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """No developer's secrets.toml and no ODCORE_* variables for the in-process CLI."""
    patch = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    path.write_text("", encoding="utf-8")
    patch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        patch.delenv(name, raising=False)
    yield path
    patch.undo()


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(grids=mutated_demo(max_changes=4))
def test_the_cli_on_a_hostile_xlsx_exits_cleanly_with_valid_json(
        grids: Grids, no_secrets: Path, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.xlsx"
    _write_xlsx(grids, path)
    for argv in (["check", str(path), "--format", "json"],
                 ["summary", str(path), "--format", "json", "--as-of", "2025-07-01"]):
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        assert code <= 2, (argv[0], err)
        json.loads(out, parse_constant=_reject_constant)
    code = main(["report", str(path), "--quarter", "2025-Q2", "--out", str(folder / "card.xlsx")])
    assert code <= 2, capsys.readouterr().err
    assert (folder / "card.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("number", [10**400, -(10**400)])
def test_an_integer_beyond_a_float_is_an_error_of_its_column_not_an_unreadable_cell(
        number: int) -> None:
    date = read_cell(SPEC_BY_KEY["datasets"].column("last_updated"), number, (2024, 2026))
    progress = read_cell(SPEC_BY_KEY["reports"].column("progress"), number, (2024, 2026))
    assert [f.code for f in date.findings] == ["date.invalid"]
    assert [f.code for f in progress.findings] == ["progress.out_of_range"]


def test_a_header_with_a_letter_unicode_gives_no_name_is_an_unknown_column() -> None:
    # U+17000 (Tangut) is a letter without a Unicode name; header matching once fell over it.
    grids = {title: [list(row) for row in grid] for title, grid in _demo().items()}
    grids["План"][0].append("\U00017000")
    workbook = load_workbook(MemorySource({"demo.xlsx": grids}), DEFAULT_SETTINGS)
    [unknown] = [i for i in workbook.issues if i.code == "column.unknown" and i.tab == "План"]
    assert "\U00017000" in unknown.message
