"""Indicators measured from the data, their task links and discrepancies (RULES.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from odcore.issues import Severity
from odcore.plan_seed import DEFAULT_INDICATORS
from odcore.rules.indicators import (
    SPECS,
    compute_indicators,
    indicator_links,
    is_discrepancy,
    is_met,
    share,
    task_indicator,
)
from odcore.rules.progress import plan_progress
from odcore.rules.quality import assess_datasets
from odcore.settings import Settings
from odcore.workbook import Workbook
from tests.rules import load, plan_tab, report, tab, task

SETTINGS = Settings()


def dataset(number: int, steward: str | None = None, **extra: Any) -> dict[str, Any]:
    """A published register row that meets every compliance condition."""
    return {"id": f"DS-{number:03d}", "title": f"Набір {number}", "description": "Опис",
            "purpose": "Постанова КМУ № 835", "department": "Відділ ІТ", "steward": steward,
            "status": "Оприлюднено", "portal_url": f"https://data.gov.ua/dataset/ds-{number}",
            "formats": "CSV", "update_frequency": "Щороку",
            "last_updated": dt.date(2024, 6, 1), "keywords": "дані", "license": "CC BY 4.0",
            **extra}


def indicators_at(workbook: Workbook, as_of: dt.date,
                  settings: Settings = SETTINGS) -> dict[str, Any]:
    return compute_indicators(workbook, as_of, settings)


# Shares, targets, met ----------------------------------------------------------------------

def test_share_over_an_empty_set_is_none_never_zero() -> None:
    assert share(0, 0) is None
    assert share(0, 3) == 0.0


@pytest.mark.parametrize(("value", "op", "target", "met"), [
    (0.75, ">=", 0.75, True), (0.74, ">=", 0.75, False), (1.0, "=", 1.0, True),
    (0.99, "=", 1.0, False), (2, ">=", 1.0, True), (None, ">=", 1.0, None),
])
def test_met_compares_the_value_with_its_target(value: float | None, op: str, target: float,
                                                met: bool | None) -> None:
    assert is_met(value, op, target) is met


def test_every_indicator_of_the_table_has_its_target_and_op() -> None:
    result = indicators_at(load(plan_tab(task("4.3", "Щоквартально"))), dt.date(2025, 1, 1))
    assert {k: (v.op, v.target) for k, v in result.items()} == {
        "datasets_compliant_share": (">=", 0.75),
        "register_complete_share": ("=", 1.0),
        "quality_checked_share": ("=", 1.0),
        "recommendations_resolved_share": ("=", 1.0),
        "stewards_trained_share": ("=", 1.0),
        "publications_quarter_share": ("=", 1.0),
        "products_public": (">=", 1.0),
        "charter_joined": ("=", 1.0),
        "grant_applications": (">=", 1.0),
    }


def test_compliance_target_comes_from_the_settings() -> None:
    result = indicators_at(load(plan_tab(task("6.2", "Постійно"))), dt.date(2025, 1, 1),
                           Settings(compliance_target=0.9))
    assert result["datasets_compliant_share"].target == 0.9


def test_missing_tabs_leave_their_indicators_undefined() -> None:
    result = indicators_at(load(plan_tab(task("4.3", "Щоквартально"))), dt.date(2025, 1, 1))
    for key in ("stewards_trained_share", "publications_quarter_share", "products_public",
                "charter_joined", "grant_applications", "datasets_compliant_share"):
        assert (result[key].value, result[key].met) == (None, None), key


def test_dataset_indicators_are_the_quality_rules_figures() -> None:
    workbook = load(plan_tab(task("6.2", "Постійно")),
                    tab("datasets", dataset(1), dataset(2, license=None)),
                    tab("quality_checks", {"dataset_id": "DS-001", "period": "2024-Q4",
                                           "compliant": "ні", "recommendations": "Додати опис",
                                           "resolved": "так"}))
    as_of = dt.date(2025, 1, 1)
    result = indicators_at(workbook, as_of)
    assessment = assess_datasets(workbook, as_of, SETTINGS)
    # DS-002 lacks a licence: 1 of 2 published is compliant; 1 of 2 rows is complete;
    # DS-001 has a check for 2024-Q4 (the latest due quarter): 1/2; its recommendation is
    # resolved: 1/1.
    assert result["datasets_compliant_share"].value == assessment.compliant_share == 0.5
    assert result["register_complete_share"].value == assessment.register_complete_share == 0.5
    assert result["quality_checked_share"].value == assessment.quality_checked_share == 0.5
    assert (result["recommendations_resolved_share"].value
            == assessment.recommendations_resolved_share == 1.0)
    assert result["datasets_compliant_share"].met is False


# Counted indicators -------------------------------------------------------------------------

def test_stewards_trained_share_compares_names_after_normalisation() -> None:
    workbook = load(
        tab("datasets", dataset(1, "Коваль Ірина"), dataset(2, "коваль  ірина"),
            dataset(3, "Мар'яна Бондар"), dataset(4, None), dataset(5, "Ткач Олег",
                                                                   status="Заплановано")),
        tab("trainings", {"person": "КОВАЛЬ Ірина", "course": "Відкриті дані",
                          "completed_on": dt.date(2024, 5, 1)},
            {"person": "Марʼяна  Бондар", "course": "Відкриті дані"}))
    # Distinct stewards (any status): Коваль, Марʼяна Бондар, Ткач = 3.
    # On 2024-06-01: Коваль (dated 1 May) and Бондар (undated) are trained: 2/3.
    assert indicators_at(workbook, dt.date(2024, 6, 1))[
        "stewards_trained_share"].value == pytest.approx(2 / 3)
    # On 2024-04-01 Коваль's training has not happened yet: 1/3.
    assert indicators_at(workbook, dt.date(2024, 4, 1))[
        "stewards_trained_share"].value == pytest.approx(1 / 3)


def test_stewards_trained_share_without_stewards_is_undefined() -> None:
    workbook = load(tab("datasets", dataset(1)),
                    tab("trainings", {"person": "Коваль Ірина", "course": "Курс"}))
    result = indicators_at(workbook, dt.date(2024, 6, 1))["stewards_trained_share"]
    assert (result.value, result.met) == (None, None)


def test_publications_quarter_share_counts_due_quarters_with_a_publication() -> None:
    workbook = load(tab("publications", *(
        {"published_on": day, "title": "Новина"}
        for day in (dt.date(2024, 2, 10), dt.date(2024, 8, 1), dt.date(2024, 10, 15)))))
    # On 2024-10-01: due Q1 (a post), Q2 (none), Q3 (a post): 2/3.
    assert indicators_at(workbook, dt.date(2024, 10, 1))[
        "publications_quarter_share"].value == pytest.approx(2 / 3)
    # Before any quarter is due the share is undefined.
    assert indicators_at(workbook, dt.date(2024, 3, 31))["publications_quarter_share"].value is None


def test_products_public_counts_public_products_added_by_as_of() -> None:
    workbook = load(tab("products",
                        {"name": "Бот", "kind": "Чат-бот", "public": "так",
                         "added_on": dt.date(2024, 5, 1)},
                        {"name": "Мапа", "kind": "Візуалізація", "public": "так"},
                        {"name": "Чернетка", "kind": "Інше", "public": "ні"},
                        {"name": "Без позначки", "kind": "Інше"}))
    later = indicators_at(workbook, dt.date(2024, 6, 1))["products_public"]
    earlier = indicators_at(workbook, dt.date(2024, 4, 1))["products_public"]
    assert (later.value, later.met) == (2, True)
    assert (earlier.value, earlier.met) == (1, True)


def test_no_public_product_misses_the_target() -> None:
    workbook = load(tab("products", {"name": "Чернетка", "kind": "Інше", "public": "ні"}))
    result = indicators_at(workbook, dt.date(2024, 6, 1))["products_public"]
    assert (result.value, result.met) == (0, False)


def _event(day: dt.date, kind: str, codes: str = "") -> dict[str, Any]:
    return {"date": day, "title": "Подія", "kind": kind, "task_codes": codes}


def test_charter_joined_needs_an_initiative_event_naming_the_linked_task() -> None:
    workbook = load(plan_tab(task("9.1", "ІІ-ге півріччя 2024 року"), task("9.2", "Постійно")),
                    tab("events", _event(dt.date(2024, 11, 1), "Міжнародна ініціатива", "9.1"),
                        _event(dt.date(2024, 9, 1), "Міжнародна ініціатива", "9.2"),
                        _event(dt.date(2024, 9, 1), "Захід", "9.1")))
    assert indicators_at(workbook, dt.date(2024, 12, 1))["charter_joined"].value == 1
    before = indicators_at(workbook, dt.date(2024, 10, 1))["charter_joined"]
    assert (before.value, before.met) == (0, False)


def test_charter_joined_follows_the_indicator_column_link() -> None:
    workbook = load(plan_tab(task("9.1", "2024 рік", indicator=""),
                             task("9.2", "Постійно", indicator="charter_joined"),
                             indicator_column=True),
                    tab("events", _event(dt.date(2024, 9, 1), "Міжнародна ініціатива", "9.2")))
    assert indicators_at(workbook, dt.date(2024, 12, 1))["charter_joined"].value == 1


def test_grant_applications_count_events_by_as_of() -> None:
    workbook = load(tab("events", _event(dt.date(2024, 3, 1), "Заявка на грант"),
                        _event(dt.date(2025, 3, 1), "Заявка на грант"),
                        _event(dt.date(2024, 3, 1), "Консультація")))
    assert indicators_at(workbook, dt.date(2024, 12, 31))["grant_applications"].value == 1
    assert indicators_at(workbook, dt.date(2025, 3, 1))["grant_applications"].value == 2
    assert indicators_at(workbook, dt.date(2024, 1, 1))["grant_applications"].met is False


# Links ----------------------------------------------------------------------------------------

def test_default_links_match_the_seed_plans_indicator_keys() -> None:
    assert {s.default_task: s.key for s in SPECS} == DEFAULT_INDICATORS


def test_without_an_indicator_column_the_default_links_apply_by_code() -> None:
    links = indicator_links(load(plan_tab(task("6.2", "Постійно"), task("7.1", "Постійно"))))
    assert links.by_task == {"6.2": "datasets_compliant_share", "7.1": None}
    assert links.issues == []


def test_indicator_column_applies_exactly_as_written() -> None:
    workbook = load(plan_tab(task("6.2", "Постійно", indicator=""),
                             task("7.1", "Постійно", indicator="Products_Public"),
                             task("8.2", "Постійно", indicator="кількість продуктів"),
                             indicator_column=True))
    links = indicator_links(workbook)
    # An empty cell means no indicator, even for the default task 6.2.
    assert links.by_task == {"6.2": None, "7.1": "products_public", "8.2": None}
    [issue] = links.issues
    assert (issue.code, issue.severity, issue.row, issue.column, issue.value) == (
        "indicator.unknown", Severity.WARNING, 4, "Показник", "кількість продуктів")


# Discrepancies --------------------------------------------------------------------------------

def _publications_case(status: str) -> tuple[Any, Any]:
    workbook = load(plan_tab(task("5.1", "Щоквартально")),
                    tab("reports", report("5.1", "2024-Q1", "Виконано"),
                        report("5.1", "2024-Q2", status)),
                    tab("publications", {"published_on": dt.date(2024, 2, 1), "title": "Пост"}))
    as_of = dt.date(2024, 7, 1)
    progress = plan_progress(workbook, as_of, SETTINGS).task("5.1")
    links = indicator_links(workbook)
    indicator = task_indicator(progress, links, compute_indicators(workbook, as_of, SETTINGS))
    return progress, indicator


def test_done_report_meeting_an_indicator_below_target_is_a_discrepancy() -> None:
    progress, indicator = _publications_case("Виконано")
    # Publications in 1 of the 2 due quarters: 0.5 < 1.0, while the Q2 report says Виконано.
    assert (indicator.key, indicator.value, indicator.met) == (
        "publications_quarter_share", 0.5, False)
    assert is_discrepancy(progress, indicator) is True


def test_latest_report_not_done_is_no_discrepancy() -> None:
    progress, indicator = _publications_case("В роботі")
    assert indicator.met is False
    assert is_discrepancy(progress, indicator) is False


def test_undefined_indicator_flags_no_discrepancy() -> None:
    workbook = load(plan_tab(task("2.2", "Постійно")),
                    tab("reports", report("2.2", "2024-Q1", "Виконано")))
    as_of = dt.date(2024, 4, 1)
    progress = plan_progress(workbook, as_of, SETTINGS).task("2.2")
    indicator = task_indicator(progress, indicator_links(workbook),
                               compute_indicators(workbook, as_of, SETTINGS))
    assert (indicator.value, indicator.met) == (None, None)
    assert is_discrepancy(progress, indicator) is False
