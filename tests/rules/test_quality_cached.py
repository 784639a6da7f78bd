"""What the figures remember must not change them: fix_first given the verdict just computed,
and the remembered readings of formats and licences."""

from __future__ import annotations

import datetime as dt

from odcore.demo import demo_tabs
from odcore.reading import load_workbook
from odcore.rules import openness
from odcore.rules.quality import _judge, counted_checks, fix_first, grace_table
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.memory import MemorySource
from odcore.text import normalize_name

AS_OF = dt.date(2025, 7, 1)


def test_fix_first_with_the_verdict_given_is_the_fix_judged_afresh() -> None:
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}), DEFAULT_SETTINGS)
    grace = grace_table(DEFAULT_SETTINGS)
    fixes = 0
    for dataset in workbook.datasets:
        checks = counted_checks([c for c in workbook.quality_checks if normalize_name(
            c.dataset_id) == normalize_name(dataset.id)], AS_OF)
        latest = checks[-1] if checks else None
        verdict = _judge(dataset, latest, AS_OF, grace)
        given = fix_first(dataset, latest, AS_OF, grace, before=verdict)
        assert given == fix_first(dataset, latest, AS_OF, grace), dataset.id
        fixes += given is not None
    assert fixes > 5  # the demo has non-compliant datasets to fix


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
