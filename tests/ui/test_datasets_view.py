"""Choosing register rows: search and filters over the assessment."""

from __future__ import annotations

import datetime as dt

from odcore.rules.quality import assess_datasets
from odcore.ui.datasets_view import (
    RegisterFilter,
    filter_register,
    overdue_items,
    unknown_departments,
)
from tests.helpers import load, tab

AS_OF = dt.date(2025, 7, 1)


def assessment():
    workbook = load(tab(
        "datasets",
        {"id": "DS-1", "title": "Бюджет громади", "department": "Фінансове управління",
         "status": "Оприлюднено", "formats": "CSV", "update_frequency": "Щороку",
         "last_updated": "2024-01-10", "keywords": "бюджет, кошторис"},
        {"id": "DS-2", "title": "Об'єкти комунальної власності", "department": "Відділ майна",
         "status": "Готується", "formats": "PDF"},
        {"id": "DS-3", "title": "Маршрути транспорту", "department": "Фінансове управління",
         "status": "Оприлюднено", "formats": "JSON", "update_frequency": "Щомісяця",
         "last_updated": "2025-06-20"},
    ))
    return assess_datasets(workbook, AS_OF)


def ids(items):
    return [i.id for i in items]


def test_search_ignores_case_and_apostrophe_variants():
    found = filter_register(assessment(), RegisterFilter(search="ОБ’ЄКТИ"))
    assert ids(found) == ["DS-2"]


def test_search_looks_into_keywords_and_ids():
    assert ids(filter_register(assessment(), RegisterFilter(search="кошторис"))) == ["DS-1"]
    assert ids(filter_register(assessment(), RegisterFilter(search="ds-3"))) == ["DS-3"]


def test_filters_combine():
    chosen = RegisterFilter(departments=frozenset({"Фінансове управління"}),
                            formats=frozenset({"JSON"}))
    assert ids(filter_register(assessment(), chosen)) == ["DS-3"]
    assert ids(filter_register(assessment(), RegisterFilter(statuses=frozenset({"Готується"})))) \
        == ["DS-2"]


def test_overdue_filter_and_list():
    late = assessment()
    assert ids(filter_register(late, RegisterFilter(overdue=True))) == ["DS-1"]
    assert ids(overdue_items(late)) == ["DS-1"]


def test_empty_filter_keeps_every_row_in_register_order():
    assert ids(filter_register(assessment(), RegisterFilter())) == ["DS-1", "DS-2", "DS-3"]


def test_unknown_departments_of_the_chart_come_with_their_reading_issue():
    workbook = load(
        tab("departments", {"name": "Фінансове управління"}, {"name": "Відділ ІТ"}),
        tab("datasets",
            {"id": "DS-1", "title": "Бюджет", "department": "Фінансове управління",
             "status": "Оприлюднено"},
            {"id": "DS-2", "title": "Звіт", "department": "Фінансове управліня",
             "status": "Оприлюднено"},
            {"id": "DS-3", "title": "Кошторис", "department": "Фінансове управліня",
             "status": "Оприлюднено"},
            {"id": "DS-4", "title": "План", "department": "Відділ майна",
             "status": "Готується"}),  # unknown too, but not a bar of the chart
    )
    found = unknown_departments(assess_datasets(workbook, AS_OF), workbook.issues)
    assert [(i.code, i.department, i.row) for i in found] == [
        ("ref.unknown_department", "Фінансове управліня", 3)]
    assert "«Фінансове управління»" in found[0].message  # the nearest known name


def test_no_unknown_departments_without_a_departments_tab():
    assert unknown_departments(assessment(), []) == []
