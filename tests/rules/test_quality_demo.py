"""The dataset figures of the demo workbook on 2025-07-01, counted by hand from odcore/demo.py."""

from __future__ import annotations

import datetime as dt

import pytest

from odcore.demo import demo_tabs
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.rules.quality import DatasetAssessment, assess_datasets
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary

AS_OF = dt.date(2025, 7, 1)

# Published and not compliant, with why (checks of 2025-Q3 have started on 2025-07-01).
NOT_COMPLIANT = {
    "ZHM-010": ["missing_description"],
    "ZHM-016": ["not_machine_readable", "failed_check"],  # PDF, DOC; IV 2024 not resolved
    "ZHM-017": ["failed_check"],  # 2025-Q3: "ні", recommendations not resolved
    "ZHM-020": ["not_machine_readable"],  # DOC
    "ZHM-025": ["closed_license"],  # CC BY-NC 4.0
    "ZHM-028": ["no_portal_url"],
    "ZHM-031": ["overdue"],  # monthly, 2025-03-31 + 31 days = 2025-05-01
    "ZHM-032": ["missing_keywords"],
    "ZHM-037": ["no_portal_url"],
}


@pytest.fixture(scope="module")
def demo() -> DatasetAssessment:
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}))
    return assess_datasets(workbook, AS_OF, Settings())


def test_demo_counts(demo: DatasetAssessment) -> None:
    counts = demo.counts
    # 41 rows; the second ZHM-023 is a duplicate ID and does not load.
    assert (counts.register_rows, counts.total) == (41, 40)
    # Not published: 024, 039 (Обмежено), 026, 038 (Готується), 034, 035 (Заплановано), 040;
    # and 023, `Оприлюднено` but first published on 2025-10-20, after as_of: not yet.
    assert (counts.published, counts.restricted) == (32, 2)
    assert counts.compliant == 32 - len(NOT_COMPLIANT)


def test_demo_compliance_reasons(demo: DatasetAssessment) -> None:
    found = {i.id: list(i.reasons) for i in demo.published() if not i.compliant}
    assert found == NOT_COMPLIANT
    assert demo.compliant_share == pytest.approx(23 / 32)


def test_demo_timeliness(demo: DatasetAssessment) -> None:
    summary = demo.summary_json()
    assert summary["overdue"] == ["ZHM-031"]
    assert summary["not_evaluable"] == []
    assert demo.item("ZHM-031").days_overdue == 61  # type: ignore[union-attr]
    assert demo.on_time_share == pytest.approx(31 / 32)


def test_demo_shares(demo: DatasetAssessment) -> None:
    # Mandatory, restricted left out: 38 rows less 010, 012, 028, 035, 040 = 33; published
    # less the unpublished mandatory 026, 034, 038 and the not yet published 023 = 29.
    assert demo.mandatory_share == pytest.approx(29 / 33)
    # Passport gaps: 010 (description), 032 (keywords); the duplicate row counts as incomplete.
    assert demo.register_complete_share == pytest.approx(38 / 41)
    # 2025-Q2 checks of published datasets: 002, 009, 019, 030.
    assert demo.quality_checked_share == pytest.approx(4 / 32)
    # Latest checks with recommendations: 005, 006, 015, 029 resolved; 016, 017 not.
    assert demo.recommendations_resolved_share == pytest.approx(4 / 6)


def test_demo_trend(demo: DatasetAssessment) -> None:
    trend = [(str(p.quarter), p.published_by_end, p.checks, p.checks_passed)
             for p in demo.trend]
    assert trend == [
        ("2024-Q1", 3, 0, 0), ("2024-Q2", 18, 4, 3), ("2024-Q3", 27, 3, 2),
        ("2024-Q4", 31, 4, 3), ("2025-Q1", 33, 4, 4), ("2025-Q2", 33, 4, 4),
    ]


def test_summary_datasets_part_on_the_demo_equals_the_hand_counts() -> None:
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}))
    datasets = build_summary(build_figures(workbook, AS_OF, Settings()))["datasets"]
    assert (datasets["total"], datasets["published"], datasets["compliant"]) == (40, 32, 23)
    assert datasets["compliant_share"] == pytest.approx(23 / 32)
    assert datasets["mandatory_share"] == pytest.approx(29 / 33)
    assert datasets["overdue"] == ["ZHM-031"]
