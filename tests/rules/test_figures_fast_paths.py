"""Round 7's shortcuts in the figures give what the rule as written gives (docs/performance.md,
"Round 7 — figures"): each shortcut beside the general form, on generated values."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from odcore.demo import demo_tabs
from odcore.periods import Quarter, due_quarters, latest_due_quarter, plan_quarters
from odcore.reading import load_workbook
from odcore.rules.events import task_events
from odcore.rules.indicators import publications_quarter_share
from odcore.rules.names import NameKeys
from odcore.rules.progress import counted_reports, plan_progress
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
