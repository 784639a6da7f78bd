"""Round 7's shortcuts in the figures give what the rule as written gives (docs/performance.md,
"Round 7 — figures"): each shortcut beside the general form, on generated values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from odcore.dates import add_days
from odcore.demo import demo_tabs
from odcore.issues import IssueCode
from odcore.periods import Quarter, due_quarters, latest_due_quarter, plan_quarters
from odcore.portal.coverage import CoverageState, coverage
from odcore.reading import load_workbook
from odcore.rules import openness
from odcore.rules.events import task_events
from odcore.rules.indicators import IndicatorLinks, publications_quarter_share
from odcore.rules.names import NameKeys
from odcore.rules.progress import counted_reports, plan_progress, section_number, section_title
from odcore.rules.quality import _sort_key, quality_issues, uk_sort_key
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.memory import MemorySource
from odcore.text import normalize_name

DAYS = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2028, 12, 31))
NAMES = st.text(alphabet="AaІіIiЇї'’ʼ `\u00ad\u200b -.Щщ7", max_size=8)


def _demo():
    return load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)


@given(st.lists(NAMES, max_size=30))
def test_name_keys_are_normalize_name_of_each_text(texts: list[str]) -> None:
    keys = NameKeys()
    for text in texts + texts:  # the second round reads the kept keys
        assert keys[text] == normalize_name(text)
    assert set(keys) == set(texts)


@settings(max_examples=60, deadline=None)
@given(st.lists(DAYS, max_size=12), DAYS)
def test_publications_quarter_share_is_the_scan_of_each_quarter(days: list[dt.date],
                                                                as_of: dt.date) -> None:
    demo = _DEMO
    template = demo.publications[0]
    publications = [template.model_copy(update={"published_on": d}) for d in days]
    workbook = dataclasses.replace(demo, publications=publications)
    quarters = due_quarters(DEFAULT_SETTINGS.plan_first_year, DEFAULT_SETTINGS.plan_last_year,
                            as_of)
    covered = [q for q in quarters if any(q.start <= p.published_on <= q.end
                                          for p in publications)]
    expected = len(covered) / len(quarters) if quarters else None
    assert publications_quarter_share(workbook, as_of, DEFAULT_SETTINGS) == expected


@settings(max_examples=40, deadline=None)
@given(DAYS)
def test_plan_progress_counts_the_reports_counted_reports_counts(as_of: dt.date) -> None:
    plan = plan_progress(_DEMO, as_of, DEFAULT_SETTINGS)
    for task, progress in zip(_DEMO.tasks, plan.tasks, strict=True):
        assert progress.reports == counted_reports(task, _DEMO.reports, as_of)


@settings(max_examples=40, deadline=None)
@given(DAYS)
def test_task_events_name_the_tasks_as_codes_compared_like_headers(as_of: dt.date) -> None:
    for task in task_events(_DEMO, as_of, DEFAULT_SETTINGS):
        wanted = normalize_name(task.code)
        expected = sorted((e for e in _DEMO.events if e.date <= as_of and any(
            normalize_name(c) == wanted for c in e.task_codes)), key=lambda e: e.date)
        assert list(task.events) == expected


@given(st.integers(2020, 2030), st.integers(0, 4), DAYS)
def test_remembered_plan_quarters_are_built_afresh(first: int, years: int,
                                                  as_of: dt.date) -> None:
    last = first + years
    fresh = [Quarter(y, q) for y in range(first, last + 1) for q in range(1, 5)]
    assert plan_quarters(first, last) == fresh
    due = [q for q in fresh if q.is_due(as_of)]
    assert due_quarters(first, last, as_of) == due
    assert latest_due_quarter(first, last, as_of) == (due[-1] if due else None)
    plan_quarters(first, last).clear()  # a caller's list is its own
    assert plan_quarters(first, last) == fresh


_DEMO = _demo()


def _add_days_by_ordinal(day: dt.date, days: int) -> dt.date:
    """add_days as written first, by ordinals, saturated at the calendar's ends."""
    ordinal = day.toordinal() + days
    if ordinal < dt.date.min.toordinal():
        return dt.date.min
    if ordinal > dt.date.max.toordinal():
        return dt.date.max
    return dt.date.fromordinal(ordinal)


@given(st.dates(), st.integers(-4_000_000, 4_000_000) | st.integers(-10**12, 10**12))
def test_add_days_is_the_ordinal_sum_saturated(day: dt.date, days: int) -> None:
    assert add_days(day, days) == _add_days_by_ordinal(day, days)


def test_add_days_saturates_at_both_ends_of_the_calendar() -> None:
    assert add_days(dt.date.max, 1) == dt.date.max
    assert add_days(dt.date(2025, 1, 1), 10**15) == dt.date.max
    assert add_days(dt.date.min, -1) == dt.date.min
    assert add_days(dt.date(2025, 1, 1), -(10**15)) == dt.date.min
    assert add_days(dt.date(2024, 12, 31), 1) == dt.date(2025, 1, 1)


@given(st.text(max_size=40) | st.sampled_from(["Управління освіти", "Єрмак", "Ґудзь", "Іванів",
                                                "їжак", "абв" * 80]))
def test_remembered_sort_key_is_built_afresh(text: str) -> None:
    for _ in range(2):
        assert uk_sort_key(text) == _sort_key(text)


def test_coverage_counts_its_states_as_by_state_does() -> None:
    found = coverage(_DEMO.datasets)
    assert found.published == len(found.by_state(CoverageState.PUBLISHED)) > 0
    assert found.evaluated == len(found.entries) - len(found.by_state(CoverageState.RESTRICTED))
    counts = found.to_json()["counts"]
    assert counts == {s.value: len(found.by_state(s)) for s in CoverageState}


@given(st.lists(st.tuples(st.sampled_from(["4.3", " 4.3", "4.3 ", "6.2", "6.20", "Ⅸ.1", "9.1"]),
                          st.sampled_from([None, "charter_joined", "products_public"])),
                max_size=8),
       st.sampled_from(["4.3", "6.2", "9.1", "7.7", " 6.2 "]))
def test_indicator_key_for_is_the_first_task_of_the_code_in_plan_order(
        pairs: list[tuple[str, str | None]], code: str) -> None:
    links = IndicatorLinks(dict(pairs), [])
    wanted = normalize_name(code)
    expected = next((k for c, k in links.by_task.items() if normalize_name(c) == wanted), None)
    for _ in range(2):
        assert links.key_for(code) == expected


def test_quality_issues_read_each_distinct_licence_and_format_list_as_each_row() -> None:
    # quality_issues reads each distinct licence and format list once: the Issues must be
    # those of each row read on its own, in row order, also when rows repeat them.
    odd = [d.model_copy(update={"license": "Ліцензія ради № 5" if i % 2 else d.license,
                                "formats": (*d.formats, "FOO", " ") if i % 3 else d.formats})
           for i, d in enumerate(_DEMO.datasets)]
    doubled = dataclasses.replace(_DEMO, datasets=[*_DEMO.datasets, *odd, *odd])
    expected = []
    for dataset in doubled.datasets:
        if openness.classify_licence(dataset.license) is openness.LicenceKind.UNRECOGNISED:
            expected.append(("license", dataset.license or ""))
        expected += [("formats", f) for f in dataset.formats
                     if f.strip() and not openness.is_known_format(f)]
    kinds = {IssueCode.LICENSE_UNRECOGNISED: "license", IssueCode.FORMAT_UNRECOGNISED: "formats"}
    found = [(kinds[i.finding.code], i.value) for i in quality_issues(doubled)]
    assert found == expected
    assert {kind for kind, _ in expected} == {"license", "formats"}


@given(st.text(alphabet=" 0123456789.)Розділ\n\tab", max_size=20) | st.just("4. Якість " * 40),
       st.sampled_from(["4.3", " 9.1", "x"]))
def test_remembered_section_parts_read_the_section_as_afresh(section: str, code: str) -> None:
    task = _DEMO.tasks[0].model_copy(update={"section": section, "code": code})
    match = re.match(r"^\s*(\d+)\s*[.)]?\s*(.*)$", section, re.DOTALL)
    for _ in range(2):
        assert section_number(task) == (match.group(1) if match else
                                         code.split(".")[0].strip())
        assert section_title(task) == " ".join((match.group(2) if match else section).split())
