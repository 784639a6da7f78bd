"""Dataset quality rules of RULES.md, pinned with hand-computed examples."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from odcore.rules.quality import (
    REASON_ORDER,
    DatasetAssessment,
    DatasetQuality,
    assess_datasets,
    missing_passport_fields,
    quality_issues,
)
from odcore.rules.reasons import FIXABLE, Reason, fix_phrase, reason_phrase
from odcore.settings import Settings
from tests.helpers import load, tab

AS_OF = dt.date(2025, 7, 1)

# A dataset that meets every condition at AS_OF (monthly, updated 2025-06-15: due 2025-07-16).
GOOD: dict[str, Any] = {
    "id": "DS-1", "title": "Зупинки", "description": "Зупинки громадського транспорту",
    "purpose": "Постанова КМУ 835", "department": "Відділ ІТ", "steward": "Петренко П. П.",
    "steward_email": "it@zhmerynka-rada.gov.ua", "status": "Оприлюднено",
    "portal_url": "https://data.gov.ua/dataset/stops", "formats": "CSV, JSON",
    "update_frequency": "Щомісяця", "last_updated": "2025-06-15",
    "first_published": "2024-05-10", "mandatory": "так", "keywords": "транспорт, зупинки",
    "license": "CC BY 4.0",
}


def ds(n: int = 1, **changes: Any) -> dict[str, Any]:
    """GOOD with another ID and some fields changed (None empties a field)."""
    return GOOD | {"id": f"DS-{n}"} | changes


def assess(*rows: dict[str, Any], checks: tuple[dict[str, Any], ...] = (),
           as_of: dt.date = AS_OF, settings: Settings | None = None) -> DatasetAssessment:
    tabs = [tab("datasets", *rows)]
    if checks:
        tabs.append(tab("quality_checks", *checks))
    return assess_datasets(load(*tabs), as_of, settings or Settings())


def one(row: dict[str, Any], **kwargs: Any) -> DatasetQuality:
    return assess(row, **kwargs).items[0]


# Stars and machine readability on a register row


def test_stars_are_the_best_format_of_the_row() -> None:
    item = one(ds(formats="PDF; .xlsx"))
    assert (item.stars, item.machine_readable) == (2, True)


def test_pdf_only_is_not_machine_readable() -> None:
    item = one(ds(formats="PDF"))
    assert (item.stars, item.machine_readable) == (1, False)
    assert item.reasons == ("not_machine_readable",)


def test_closed_licence_drops_stars_to_zero_and_adds_its_reason() -> None:
    item = one(ds(license="CC BY-NC 4.0"))
    assert item.format_stars == 3
    assert item.stars == 0
    assert item.machine_readable is True  # machine readability is by format
    assert item.reasons == ("closed_license",)


def test_unrecognised_licence_drops_nothing_and_warns_at_its_cell() -> None:
    workbook = load(tab("datasets", ds(license="ліцензія міськради")))
    item = assess_datasets(workbook, AS_OF).items[0]
    assert (item.stars, item.compliant) == (3, True)
    [issue] = [i for i in quality_issues(workbook) if i.code == "license.unrecognised"]
    assert issue.severity.value == "warning"
    assert (issue.tab, issue.row, issue.column) == ("Набори даних", 2, "Ліцензія")
    assert issue.value == "ліцензія міськради"


def test_unknown_format_is_reported_as_information() -> None:
    workbook = load(tab("datasets", ds(formats="CVS")))
    [issue] = quality_issues(workbook)
    assert (issue.code, issue.severity.value, issue.value) == ("format.unrecognised", "info", "CVS")


# Overdue


def test_overdue_exactly_one_day_after_interval_and_not_on_the_due_day() -> None:
    row = ds(last_updated="2025-05-01")  # monthly: 31 days -> due 2025-06-01
    on_due_day = one(row, as_of=dt.date(2025, 6, 1))
    assert on_due_day.next_due == dt.date(2025, 6, 1)
    assert (on_due_day.overdue, on_due_day.days_overdue) == (False, None)
    day_after = one(row, as_of=dt.date(2025, 6, 2))
    assert (day_after.overdue, day_after.days_overdue) == (True, 1)
    assert day_after.reasons == ("overdue",)


def test_grace_days_of_the_frequency_move_the_due_date() -> None:
    settings = Settings(grace_days={"Щомісяця": 5})
    row = ds(last_updated="2025-05-01")
    assert one(row, as_of=dt.date(2025, 6, 6), settings=settings).overdue is False
    late = one(row, as_of=dt.date(2025, 6, 7), settings=settings)
    assert (late.next_due, late.days_overdue) == (dt.date(2025, 6, 6), 1)


@pytest.mark.parametrize(("frequency", "days"), [
    ("Більш як один раз на день", 1), ("Щодня", 1), ("Щотижня", 7), ("Щомісяця", 31),
    ("Щокварталу", 92), ("Кожного півріччя", 183), ("Щороку", 365),
    ("Відразу після внесення змін", 365), ("Щорічно", 365),
])
def test_next_due_uses_the_portals_interval(frequency: str, days: int) -> None:
    item = one(ds(update_frequency=frequency, last_updated="2025-01-01"), as_of=dt.date(2025, 1, 1))
    assert item.next_due == dt.date(2025, 1, 1) + dt.timedelta(days=days)


def test_published_with_interval_and_no_last_update_is_overdue() -> None:
    item = one(ds(last_updated=None))
    assert item.overdue is True
    assert (item.next_due, item.days_overdue) == (None, None)


@pytest.mark.parametrize("frequency", ["Не оновлюється", None])
def test_not_updating_or_no_frequency_is_not_evaluable_and_never_overdue(frequency: str | None) -> None:
    item = one(ds(update_frequency=frequency, last_updated="2020-01-01"))
    assert item.not_evaluable is True
    assert item.overdue is False
    assert item.next_due is None
    assert item.on_time is False


def test_not_evaluable_is_counted_apart_from_on_time() -> None:
    result = assess(ds(1), ds(2, last_updated="2025-01-01"), ds(3, update_frequency="Не оновлюється"))
    counts = result.counts
    assert (counts.on_time, counts.overdue, counts.not_evaluable, counts.evaluable) == (1, 1, 1, 2)
    assert result.on_time_share == 0.5
    summary = result.summary_json()
    assert summary["overdue"] == ["DS-2"]
    assert summary["not_evaluable"] == ["DS-3"]


def test_unpublished_dataset_is_never_overdue_and_has_no_next_due() -> None:
    item = one(ds(status="Готується", last_updated=None))
    assert (item.overdue, item.next_due, item.not_evaluable) == (False, None, False)


# Compliance and its reasons


def test_a_dataset_meeting_every_condition_is_compliant_with_no_reasons() -> None:
    item = one(ds())
    assert item.compliant is True
    assert item.reasons == ()
    assert item.fix_first is None


@pytest.mark.parametrize(("changes", "reason"), [
    ({"status": "Готується"}, "not_published"),
    ({"portal_url": None}, "no_portal_url"),
    ({"portal_url": "data.gov.ua/dataset/stops"}, "no_portal_url"),  # not an http(s) link
    ({"formats": "PDF, DOCX"}, "not_machine_readable"),
    ({"license": "Усі права захищені"}, "closed_license"),
    ({"description": None}, "missing_description"),
    ({"purpose": None}, "missing_purpose"),
    ({"keywords": None}, "missing_keywords"),
    ({"update_frequency": None}, "missing_update_frequency"),
    ({"license": None}, "missing_license"),
    ({"last_updated": "2025-04-01"}, "overdue"),
])
def test_each_failed_condition_is_listed_as_its_reason(changes: dict[str, Any], reason: str) -> None:
    item = one(ds(**changes))
    assert item.compliant is False
    assert item.reasons == (reason,)
    assert reason_message(reason) != reason  # every reason has a Ukrainian message


def reason_message(code: str) -> str:
    return reason_phrase(Reason(code)).render("uk")


@pytest.mark.parametrize("code", REASON_ORDER)
def test_every_reason_code_has_a_ukrainian_message_and_a_fix(code: str) -> None:
    message = reason_message(code)
    assert message != code and re.search("[а-яіїєґ]", message, re.IGNORECASE)
    # Restricted: judged no further; not yet published at as_of: published later, so there is
    # nothing to fix at that date; a structure mismatch is fixed in the file, by its findings.
    if code not in ("restricted", "not_yet_published", "structure_mismatch"):
        assert code in FIXABLE and fix_phrase(Reason(code)).render("uk").strip()


def test_title_and_department_are_passport_fields_too() -> None:
    # Both are required columns, so a row without them is an error row that never loads;
    # the passport check still names them, for the register's completeness.
    dataset = load(tab("datasets", ds())).datasets[0]
    assert missing_passport_fields(dataset.model_copy(update={"title": " ", "department": ""})) \
        == ("title", "department")


def test_no_formats_is_missing_formats_and_not_machine_readable() -> None:
    item = one(ds(formats=None))
    assert item.stars == 0
    assert item.reasons == ("not_machine_readable", "missing_formats")


def test_failed_quality_check_is_a_reason() -> None:
    item = one(ds(), checks=({"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "ні",
                               "recommendations": "Додати опис полів"},))
    assert item.reasons == ("failed_check",)


def test_failed_check_with_resolved_recommendations_no_longer_fails() -> None:
    item = one(ds(), checks=({"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "ні",
                               "recommendations": "Додати опис полів", "resolved": "так"},))
    assert item.compliant is True


def test_only_the_latest_check_counts() -> None:
    checks = (
        {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "так"},
        {"dataset_id": "DS-1", "period": "2025-Q1", "compliant": "ні"},
    )
    item = one(ds(), checks=checks)
    assert str(item.latest_check.period) == "2025-Q2"  # type: ignore[union-attr]
    assert item.compliant is True


def test_a_check_for_a_period_not_started_does_not_count() -> None:
    checks = ({"dataset_id": "DS-1", "period": "2025-Q3", "compliant": "ні"},)
    assert one(ds(), checks=checks, as_of=dt.date(2025, 6, 30)).latest_check is None
    assert one(ds(), checks=checks, as_of=dt.date(2025, 7, 1)).reasons == ("failed_check",)


def test_same_period_checks_the_later_check_date_wins() -> None:
    checks = (
        {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "так", "checked_on": "2025-06-20"},
        {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "ні", "checked_on": "2025-06-10"},
    )
    assert one(ds(), checks=checks).compliant is True


def test_compliant_share_is_compliant_over_published_without_restricted() -> None:
    result = assess(ds(1), ds(2), ds(3, formats="PDF"), ds(4, status="Обмежено"),
                    ds(5, status="Заплановано"))
    assert (result.counts.published, result.counts.compliant, result.counts.restricted) == (3, 2, 1)
    assert result.compliant_share == pytest.approx(2 / 3)
    assert result.items[3].reasons == ("restricted",)
    assert result.summary_json()["restricted"] == ["DS-4"]


def test_compliant_share_over_no_published_dataset_is_undefined() -> None:
    assert assess(ds(status="Готується")).compliant_share is None


# Mandatory coverage


def test_mandatory_coverage_leaves_restricted_out() -> None:
    result = assess(
        ds(1), ds(2, formats="PDF"), ds(3, status="Заплановано"),  # mandatory: 2 of 3 published
        ds(4, status="Обмежено"),  # mandatory but restricted: left out
        ds(5, mandatory="ні", status="Готується"), ds(6, mandatory=None, status="Готується"),
    )
    assert (result.counts.mandatory, result.counts.mandatory_published) == (3, 2)
    assert result.mandatory_share == pytest.approx(2 / 3)


def test_mandatory_coverage_with_no_mandatory_dataset_is_undefined() -> None:
    assert assess(ds(mandatory="ні")).mandatory_share is None


# Indicators measured from the register


def test_register_complete_share_counts_error_rows_in_the_denominator() -> None:
    result = assess(ds(1), ds(2, purpose=None), ds(3, status="Обмежено"),
                    ds(4, last_updated="31.02.2025"))  # row 4 has an error and does not load
    assert result.counts.total == 3
    assert result.counts.register_rows == 4
    assert result.register_complete_share == pytest.approx(2 / 4)


def test_register_complete_share_without_a_register_is_undefined() -> None:
    workbook = load(tab("plan"))
    assert assess_datasets(workbook, AS_OF).register_complete_share is None


def test_quality_checked_share_uses_the_latest_due_quarter() -> None:
    checks = (
        {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "так"},
        {"dataset_id": "DS-2", "period": "2025-Q1", "compliant": "так"},  # an older quarter
        {"dataset_id": "DS-4", "period": "2025-Q2", "compliant": "так"},  # not published
    )
    result = assess(ds(1), ds(2), ds(3), ds(4, status="Готується"), checks=checks)
    assert str(result.latest_due_quarter) == "2025-Q2"
    assert result.quality_checked_share == pytest.approx(1 / 3)


def test_quality_checked_share_before_any_due_quarter_is_undefined() -> None:
    checks = ({"dataset_id": "DS-1", "period": "2024-Q1", "compliant": "так"},)
    assert assess(ds(), checks=checks, as_of=dt.date(2024, 3, 31)).quality_checked_share is None


def test_recommendations_resolved_share_over_latest_checks_with_recommendations() -> None:
    checks = (
        {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "ні", "recommendations": "a",
         "resolved": "так"},
        {"dataset_id": "DS-2", "period": "2025-Q2", "compliant": "ні", "recommendations": "b"},
        {"dataset_id": "DS-3", "period": "2025-Q1", "compliant": "ні", "recommendations": "c"},
        {"dataset_id": "DS-3", "period": "2025-Q2", "compliant": "так"},  # latest: none
    )
    result = assess(ds(1), ds(2), ds(3), checks=checks)
    assert (result.counts.with_recommendations, result.counts.recommendations_resolved) == (2, 1)
    assert result.recommendations_resolved_share == 0.5


def test_recommendations_resolved_share_without_recommendations_is_undefined() -> None:
    assert assess(ds()).recommendations_resolved_share is None


# Fix first


def test_fix_first_for_an_overdue_dataset_is_to_update_it() -> None:
    fix = one(ds(last_updated="2025-01-01")).fix_first
    assert fix is not None
    assert (fix.reason, fix.becomes_compliant, fix.reasons_removed) == ("overdue", True, 1)


def test_fix_first_prefers_the_change_that_makes_the_dataset_compliant() -> None:
    # With two reasons neither fix alone makes it compliant, so points decide (keywords: 15).
    # With the failed check as the only reason, resolving it makes the dataset compliant.
    failed = ({"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "ні",
               "recommendations": "x"},)
    two = one(ds(keywords=None), checks=failed).fix_first
    assert two is not None and (two.reason, two.becomes_compliant, two.points_gain) == (
        "missing_keywords", False, 15)
    single = one(ds(), checks=failed).fix_first
    assert single is not None and (single.reason, single.becomes_compliant) == ("failed_check", True)


def test_fix_first_prefers_the_change_that_removes_most_reasons() -> None:
    fix = one(ds(formats=None, description=None)).fix_first
    assert fix is not None
    assert (fix.reason, fix.reasons_removed) == ("not_machine_readable", 2)


def test_no_fix_first_for_restricted_or_withdrawn_datasets() -> None:
    result = assess(ds(1, status="Обмежено"), ds(2, status="Знято"))
    assert [i.fix_first for i in result.items] == [None, None]


def test_to_do_lists_fixes_that_make_datasets_compliant_first() -> None:
    result = assess(ds(1, formats=None, description=None), ds(2, last_updated="2025-01-01"),
                    ds(3), ds(4, department="Відділ освіти", purpose=None))
    # DS-4 and DS-2 become compliant (purpose: 3 points, the update: 2), DS-1 does not.
    assert [i.id for i in result.to_do()] == ["DS-4", "DS-2", "DS-1"]
    assert [i.id for i in result.to_do("відділ освіти")] == ["DS-4"]


# Points


def test_points_of_a_complete_dataset_and_of_a_bare_one() -> None:
    assert one(ds()).points.total == 100
    bare = one({"id": "DS-9", "title": "Б", "department": "Відділ ІТ", "status": "Заплановано"})
    # Only "department" (3 points) is met.
    assert (bare.points.total, bare.rating.value) == (3, "bad")


# Trend and departments


def test_trend_counts_first_publications_by_quarter_end_and_passed_checks() -> None:
    checks = (
        {"dataset_id": "DS-1", "period": "2024-Q2", "compliant": "так"},
        {"dataset_id": "DS-2", "period": "2024-Q2", "compliant": "ні"},
        {"dataset_id": "DS-1", "period": "2024-Q3", "compliant": "так"},
    )
    result = assess(ds(1, first_published="2024-03-31"), ds(2, first_published="2024-04-01"),
                    ds(3, first_published=None), ds(4, status="Обмежено", first_published="2024-01-01"),
                    checks=checks, as_of=dt.date(2024, 10, 1))
    trend = [(str(p.quarter), p.published_by_end, p.checks, p.checks_passed_share)
             for p in result.trend]
    assert trend == [("2024-Q1", 1, 0, None), ("2024-Q2", 2, 2, 0.5), ("2024-Q3", 2, 1, 1.0)]


def test_compliance_by_department_in_ukrainian_alphabetical_order() -> None:
    result = assess(ds(1), ds(2, formats="PDF"), ds(3, department="Відділ освіти"))
    rows = [(d.department, d.published, d.compliant, d.compliant_share)
            for d in result.by_department()]
    assert rows == [("Відділ ІТ", 2, 1, 0.5), ("Відділ освіти", 1, 1, 1.0)]


# The summary's "datasets" part


def test_summary_json_has_the_keys_of_rules_md() -> None:
    summary = assess(ds(1), ds(2, last_updated="2025-04-01")).summary_json()
    assert {"total", "published", "compliant", "compliant_share", "overdue", "not_evaluable",
            "mandatory_share", "items"} <= summary.keys()
    assert (summary["total"], summary["published"], summary["compliant"]) == (2, 2, 1)
    assert summary["compliant_share"] == 0.5
    item = summary["items"][1]
    assert item == item | {"id": "DS-2", "stars": 3, "machine_readable": True, "overdue": True,
                           "next_due": "2025-05-02", "compliant": False,
                           "reasons": ["overdue"]}


def test_a_failed_structure_check_is_the_last_reason_and_counts_against_compliance() -> None:
    workbook = load(tab("datasets", ds()))
    as_of = dt.date(2025, 7, 1)
    clean = assess_datasets(workbook, as_of)
    failed = assess_datasets(workbook, as_of, structure_failed=(" ds-1 ",))
    assert clean.items[0].reasons == () and clean.counts.compliant == 1
    assert failed.items[0].reasons == ("structure_mismatch",)
    assert failed.counts.compliant == 0 and failed.compliant_share == 0
    assert failed.items[0].fix_first is None  # fixed in the file, not in the register
