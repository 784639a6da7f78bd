"""What the figures remember or shortcut must not change them: a fix tried on the row already
read, and the remembered readings of formats and licences."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from odcore.demo import demo_tabs
from odcore.reading import load_workbook
from odcore.rules import openness
from odcore.rules.quality import (
    _assess,
    _fixed,
    _judge,
    _row_of,
    assess_datasets,
    counted_checks,
    grace_table,
    is_published,
    missing_passport_fields,
)
from odcore.rules.reasons import EXAMPLE_LICENSE, Reason
from odcore.schema.models import Dataset, QualityCheck
from odcore.schema.vocab import DatasetStatus, UpdateFrequency
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.memory import MemorySource
from odcore.text import normalize_name

AS_OF = dt.date(2025, 7, 1)


def _copied(dataset: Dataset, latest: QualityCheck | None, reason: Reason,
            as_of: dt.date) -> tuple[Dataset, QualityCheck | None] | None:
    """The row as a fix tried used to be built: a copy of the pydantic row with the change."""
    update: dict[str, Any] = {}
    if reason is Reason.NOT_PUBLISHED:
        update = {"status": DatasetStatus.PUBLISHED}
    elif reason is Reason.NO_PORTAL_URL:
        update = {"portal_url": "https://data.gov.ua/dataset/example"}
    elif reason in (Reason.NOT_MACHINE_READABLE, Reason.MISSING_FORMATS):
        update = {"formats": (*dataset.formats, "CSV")}
    elif reason in (Reason.CLOSED_LICENSE, Reason.MISSING_LICENSE):
        update = {"license": EXAMPLE_LICENSE}
    elif reason is Reason.MISSING_UPDATE_FREQUENCY:
        update = {"update_frequency": UpdateFrequency.YEARLY}
    elif reason is Reason.MISSING_KEYWORDS:
        update = {"keywords": ("…",)}
    elif reason.value.startswith("missing_"):
        update = {reason.value.removeprefix("missing_"): "…"}
    elif reason is Reason.OVERDUE:
        update = {"last_updated": as_of}
    elif reason is Reason.FAILED_CHECK and latest is not None:
        return dataset, latest.model_copy(update={"resolved": True})
    else:
        return None
    return dataset.model_copy(update=update), latest


def test_a_fix_tried_on_the_read_row_is_judged_as_the_changed_row() -> None:
    # fix_first changes one field of the row it has read (_fixed) instead of copying the
    # pydantic row and reading it again: both must give the same verdict, for every reason of
    # every demo dataset, at dates that make them overdue and not.
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)
    grace = grace_table(DEFAULT_SETTINGS)
    tried = set()
    for as_of in (AS_OF, dt.date(2024, 1, 1), dt.date(2026, 12, 31)):
        for dataset in workbook.datasets:
            checks = counted_checks([c for c in workbook.quality_checks if normalize_name(
                c.dataset_id) == normalize_name(dataset.id)], as_of)
            latest = checks[-1] if checks else None
            row = _row_of(dataset, latest, False)
            verdict = _judge(row, as_of, grace)
            for reason in verdict.reasons:
                copied = _copied(dataset, latest, reason, as_of)
                changed = _fixed(row, reason, as_of)
                assert (changed is None) == (copied is None), (dataset.id, reason)
                if changed is not None and copied is not None:
                    assert _judge(changed, as_of, grace) == _judge(
                        _row_of(copied[0], copied[1], False), as_of, grace), (dataset.id, reason)
                    tried.add(reason)
    assert len(tried) >= 6  # the demo's mistakes reach most kinds of fix


def test_remembered_formats_and_licences_read_as_afresh() -> None:
    long_text = "CC BY 4.0 " + "x" * (openness._CACHED_CHARS + 1)
    for text in (".csv", "text/csv; charset=utf-8", " xlsx ", "PDF", long_text, "json"):
        for _ in range(2):
            assert openness.normalize_format(text) == openness._normalize_format(text)
    for text in (None, "", "CC BY 4.0", "CC BY-NC 4.0", "усі права захищені", long_text):
        for _ in range(2):
            assert openness.classify_licence(text) is openness._classify_licence(text)
    openness._classify_licence_cached.cache_clear()
    openness.classify_licence(long_text)  # a long text is read, not kept
    assert openness._classify_licence_cached.cache_info().currsize == 0


def test_judge_lists_its_reasons_in_reason_order():
    # _judge lists the candidate reasons in REASON_ORDER's order and keeps those present,
    # without sorting: this is the order it relies on.
    from odcore.rules.quality import _MISSING_REASON, REASON_ORDER
    from odcore.rules.reasons import Reason

    listed = (
        Reason.RESTRICTED, Reason.NOT_PUBLISHED, Reason.NOT_YET_PUBLISHED, Reason.NO_PORTAL_URL,
        Reason.NOT_MACHINE_READABLE, Reason.CLOSED_LICENSE,
        *_MISSING_REASON.values(),  # in PASSPORT_FIELDS' order, as missing fields are
        Reason.OVERDUE, Reason.FAILED_CHECK, Reason.STRUCTURE_MISMATCH)
    assert listed == REASON_ORDER


def test_blank_texts_written_out_say_what_blank_says() -> None:
    # _blank_texts tests the five text fields inline; each must be blank exactly when _blank
    # says so, whatever the others hold.
    from odcore.rules.quality import _TEXT_PASSPORT_FIELDS, _blank, _blank_texts

    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)
    dataset = workbook.datasets[0]
    texts: tuple[str | None, ...] = (None, "", " ", "\u00a0\t", "x", " x ")
    lists: tuple[tuple[str, ...], ...] = ((), ("",), (" ", ""), ("x",), ("", "y"))
    for name in _TEXT_PASSPORT_FIELDS:
        for value in lists if name == "keywords" else texts:
            changed = dataset.model_copy(update={name: value})
            expected = tuple(f for f in _TEXT_PASSPORT_FIELDS if _blank(getattr(changed, f)))
            assert _blank_texts(changed) == expected, (name, value)
            assert (name in expected) is _blank(value)


def test_rows_of_one_class_share_a_verdict_and_keep_their_own_dates() -> None:
    # assess_datasets judges each class of rows once (_verdict_class) and gives every row its
    # own timeliness: each row must come out as it does judged afresh. The demo's rows, and
    # copies of them with their dates moved (overdue or not, published by as_of or after,
    # without dates or a frequency), at dates before, inside and after the plan, with structure failures.
    demo = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)
    moved = []
    for shift in (-4000, -400, -40, -1, 0, 1, 40, 400):
        for dataset in demo.datasets:
            days = dt.timedelta(days=shift)
            moved.append(dataset.model_copy(update={
                "id": f"{dataset.id}-{shift}",
                "last_updated": dataset.last_updated and dataset.last_updated + days,
                "first_published": None if shift == 1 else (
                    dataset.first_published and dataset.first_published + days),
                "portal_url": None if shift == -1 else dataset.portal_url,
                # A fix tried gives a row without a frequency one: overdue or not by its date.
                "update_frequency": None if shift in (-400, 0, 40) else dataset.update_frequency}))
    workbook = dataclasses.replace(demo, datasets=[*demo.datasets, *moved])
    failed = [d.id for d in workbook.datasets[::7]]
    grace = grace_table(DEFAULT_SETTINGS)
    shared = 0
    for as_of in (AS_OF, dt.date(2024, 1, 1), dt.date(2026, 12, 31), dt.date(2030, 1, 1)):
        assessment = assess_datasets(workbook, as_of, DEFAULT_SETTINGS, structure_failed=failed)
        for dataset, item in zip(workbook.datasets, assessment.items, strict=True):
            checks = counted_checks([c for c in workbook.quality_checks if normalize_name(
                c.dataset_id) == normalize_name(dataset.id)], as_of)
            alone = _assess(dataset, checks, as_of, grace, dataset.id in failed)
            assert item == alone, (dataset.id, as_of)
        shared += len(workbook.datasets) - len({id(i.points) for i in assessment.items})
    assert shared > 0  # rows did share a verdict



def test_counted_checks_count_the_periods_started_as_quarter_has_started_says() -> None:
    # counted_checks compares (year, quarter) tuples instead of calling has_started.
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)
    checks = workbook.quality_checks
    periods = {c.period for c in checks}
    assert len(periods) >= 3
    day, counted = dt.date(2023, 12, 25), set()
    while day <= dt.date(2027, 1, 5):
        found = {id(c) for c in counted_checks(checks, day)}
        assert found == {id(c) for c in checks if c.period.has_started(day)}, day
        counted.add(len(found))
        day += dt.timedelta(days=1)
    assert len(counted) >= 3  # the days cross period starts


_TEXTS = st.sampled_from(["", "  ", "\u00a0", "Назва", " x ", "…"])
_DATES = st.one_of(st.none(), st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31)))


@given(status=st.sampled_from(list(DatasetStatus)), first=_DATES, last=_DATES,
       url=st.sampled_from([None, "", "https://data.gov.ua/dataset/x"]),
       formats=st.lists(st.sampled_from(["", " ", "CSV", "PDF", "xlsx", "???"]), max_size=3),
       licence=st.sampled_from([None, "", "  ", "CC BY 4.0", "CC BY-NC", "Усі права захищені",
                                "щось"]),
       frequency=st.one_of(st.none(), st.sampled_from(list(UpdateFrequency))),
       title=_TEXTS, description=_TEXTS, purpose=_TEXTS, department=_TEXTS,
       keywords=st.lists(_TEXTS, max_size=2), as_of=_DATES.filter(lambda d: d is not None))
@hypothesis_settings(max_examples=300)
def test_a_verdict_finds_the_gaps_and_the_publication_as_their_own_rules(
        status: DatasetStatus, first: dt.date | None, last: dt.date | None, url: str | None,
        formats: list[str], licence: str | None, frequency: UpdateFrequency | None,
        title: str, description: str, purpose: str, department: str, keywords: list[str],
        as_of: dt.date) -> None:
    # _judge writes out is_published and takes the text fields' gaps as all the gaps when a
    # frequency, a licence and a format are there: the same as the rules themselves.
    dataset = Dataset.model_construct(
        origin=None, id="D-1", title=title, description=description, purpose=purpose,
        department=department, keywords=tuple(keywords), status=status, first_published=first,
        last_updated=last, portal_url=url, formats=tuple(formats), license=licence,
        update_frequency=frequency, steward=None, steward_email=None)
    verdict = _judge(_row_of(dataset, None, False), as_of, {})
    assert verdict.missing_fields == missing_passport_fields(dataset)
    assert verdict.published is is_published(dataset, as_of)
