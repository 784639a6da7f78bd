"""The public projection: only allow-listed records and fields, search, filters, pages."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from odcore.figures import build_figures
from odcore.public import (
    DATASET_FIELDS,
    PRODUCT_FIELDS,
    OnTime,
    PublicDataset,
    PublicProduct,
    PublicView,
    distinct,
    find_datasets,
    find_products,
    matches,
    paginate,
    public_view,
    search_key,
)
from odcore.rules.images import allowed_image_hosts, image_allowed, image_host_issues
from odcore.rules.quality import assess_datasets
from odcore.settings import Settings
from tests.helpers import load, tab
from tests.public.workbooks import AS_OF, DEPT, marker_tabs, payload_tabs

SETTINGS = Settings()


def view_of(*tabs, as_of: dt.date = AS_OF, settings: Settings = SETTINGS) -> PublicView:
    return public_view(build_figures(load(*tabs), as_of, settings))


def product(**values) -> dict:
    return {"kind": "Візуалізація", "public": "так"} | values


def dataset(**values) -> dict:
    return {"department": DEPT, "status": "Оприлюднено", "title": "Набір"} | values


@pytest.fixture(scope="module")
def marker_view() -> PublicView:
    return view_of(*marker_tabs())


def test_only_products_marked_public_and_added_by_as_of_are_shown(marker_view):
    assert [p.name for p in marker_view.products] == ["Карта зупинок", "Продукт без посилання"]


def test_products_are_newest_first_and_undated_last():
    view = view_of(tab("products", product(name="Старий", added_on=dt.date(2024, 1, 1)),
                       product(name="Без дати"),
                       product(name="Новий", added_on=dt.date(2025, 5, 1))))
    assert [p.name for p in view.products] == ["Новий", "Старий", "Без дати"]


def test_a_product_added_after_as_of_appears_from_that_day_on():
    tabs = [tab("products", product(name="Бот", added_on=dt.date(2025, 3, 1)))]
    assert view_of(*tabs, as_of=dt.date(2025, 2, 28)).products == ()
    assert [p.name for p in view_of(*tabs, as_of=dt.date(2025, 3, 1)).products] == ["Бот"]


def test_a_product_with_a_bad_link_still_appears_without_it(marker_view):
    shown = next(p for p in marker_view.products if p.name == "Продукт без посилання")
    assert shown.url is None


def test_dataset_ids_are_kept_and_marked_published_only_for_catalogue_entries(marker_view):
    refs = marker_view.products[0].datasets
    assert [(r.id, r.published) for r in refs] == [("DS-1", True), ("DS-2", False)]


def test_a_published_dataset_is_named_by_its_catalogue_title(marker_view):
    # The unpublished one keeps only its ID: its title is internal (a marker here).
    refs = marker_view.products[0].datasets
    assert [r.label for r in refs] == ["DS-1 · Зупинки транспорту", "DS-2"]
    assert find_products(marker_view.products, query="зупинки ТРАНСПОРТУ")


def test_an_id_written_in_another_case_still_finds_its_title():
    view = view_of(tab("datasets", dataset(id="ZHM-1", title="Бюджет")),
                   tab("products", product(name="Бот", dataset_ids="zhm-1")))
    (ref,) = view.products[0].datasets
    assert (ref.id, ref.title, ref.label) == ("zhm-1", "Бюджет", "zhm-1 · Бюджет")


def test_catalogue_holds_only_published_datasets(marker_view):
    assert [d.id for d in marker_view.datasets] == ["DS-1"]


def test_a_dataset_first_published_after_as_of_is_not_in_the_catalogue_yet():
    tabs = [tab("datasets", dataset(id="A", first_published=dt.date(2025, 6, 1)),
                dataset(id="B"))]
    assert [d.id for d in view_of(*tabs, as_of=dt.date(2025, 5, 31)).datasets] == ["B"]
    assert {d.id for d in view_of(*tabs, as_of=dt.date(2025, 6, 1)).datasets} == {"A", "B"}


def test_catalogue_verdicts_are_the_quality_rules_ones(marker_view):
    workbook = load(*marker_tabs())
    item = assess_datasets(workbook, AS_OF, SETTINGS).item("DS-1")
    shown = marker_view.dataset("ds-1")
    assert (shown.stars, shown.next_due) == (item.stars, item.next_due)
    assert shown.on_time is (OnTime.OVERDUE if item.overdue else OnTime.ON_TIME)


@pytest.mark.parametrize(("frequency", "last_updated", "state"), [
    ("Щомісяця", dt.date(2025, 12, 1), OnTime.ON_TIME),
    ("Щомісяця", dt.date(2025, 1, 1), OnTime.OVERDUE),
    ("Не оновлюється", dt.date(2025, 1, 1), OnTime.NOT_EVALUABLE),
    (None, None, OnTime.NOT_EVALUABLE),
])
def test_on_time_state_follows_timeliness(frequency, last_updated, state):
    view = view_of(tab("datasets", dataset(id="A", update_frequency=frequency,
                                           last_updated=last_updated)))
    assert view.datasets[0].on_time is state


def test_products_built_on_a_dataset_are_found_both_ways(marker_view):
    assert [p.name for p in marker_view.products_using("DS-1")] == ["Карта зупинок"]
    assert marker_view.products[0].uses("ds-1")


def test_records_hold_exactly_the_allow_listed_fields():
    product_fields = {f.name for f in dataclasses.fields(PublicProduct)}
    dataset_fields = {f.name for f in dataclasses.fields(PublicDataset)}
    assert product_fields == set(PRODUCT_FIELDS) - {"dataset_ids"} | {"datasets"}
    assert dataset_fields == set(DATASET_FIELDS)


def test_json_forms_carry_exactly_the_exported_fields(marker_view):
    assert tuple(marker_view.products[0].to_json()) == PRODUCT_FIELDS
    assert tuple(marker_view.datasets[0].to_json()) == DATASET_FIELDS


def test_programme_holds_tasks_sections_and_indicators(marker_view):
    programme = marker_view.programme
    assert [(t.code, t.deadline, t.executors) for t in programme.tasks] == [
        ("4.3", "Щоквартально", (DEPT,)), ("8.2", "IV квартал 2025 року", (DEPT,))]
    assert [s.number for s in programme.sections] == ["4", "8"]
    products = next(i for i in programme.indicators if i.key == "products_public")
    assert (products.value, products.target, products.met) == (2, 1.0, True)


def test_kind_counts_follow_the_vocabulary_order(marker_view):
    assert list(marker_view.kind_counts().items()) == [("Чат-бот", 1), ("Візуалізація", 1)]


def test_image_on_a_host_outside_the_allowed_list_is_dropped_with_a_warning():
    settings = Settings(image_hosts=["zhmerynka-rada.gov.ua"])
    tabs = [tab("products",
                product(name="Свій", image_url="https://img.zhmerynka-rada.gov.ua/a.png"),
                product(name="Чужий", image_url="https://cdn.example.org/b.png"))]
    view = view_of(*tabs, settings=settings)
    images = {p.name: p.image_url for p in view.products}
    assert images == {"Свій": "https://img.zhmerynka-rada.gov.ua/a.png", "Чужий": None}
    issues = image_host_issues(load(*tabs), settings)
    assert [(i.code, i.row, i.column) for i in issues] == [
        ("image.host_not_allowed", 3, "Зображення")]


def test_unsafe_urls_in_product_cells_are_never_kept():
    view = view_of(*payload_tabs())
    assert (view.products[0].url, view.products[0].image_url) == (None, None)


@pytest.mark.parametrize(("url", "hosts", "allowed"), [
    ("https://a.example.org/x.png", [], True),
    ("http://a.example.org/x.png", [], False),
    ("javascript:alert(1)", [], False),
    ("data:image/svg+xml,<svg/>", [], False),
    ("https://img.city.ua/x.png", ["https://city.ua/"], True),
    ("https://evilcity.ua/x.png", ["city.ua"], False),
    ("https://city.ua.evil.org/x.png", ["city.ua"], False),
])
def test_image_urls_must_be_https_and_from_an_allowed_host(url, hosts, allowed):
    assert image_allowed(url, hosts) is allowed


def test_image_host_entries_that_name_no_host_are_ignored():
    assert allowed_image_hosts(["city.ua", "*.cdn.ua", "evil; script-src *", ""]) == [
        "city.ua", "cdn.ua"]


def test_search_ignores_case_apostrophes_and_repeated_spaces():
    key = search_key("Обʼєкти   комунальної  власності")
    assert matches("об'єкти КОМУНАЛЬНОЇ", key)
    assert matches("обєкти", key)
    assert matches("", key)
    assert not matches("земля", key)


def test_find_products_combines_text_kind_and_dataset():
    view = view_of(tab("products",
                       product(name="Бюджет простими словами", dataset_ids="DS-1"),
                       product(name="Бюджетний бот", kind="Чат-бот", dataset_ids="DS-2")))
    assert [p.name for p in find_products(view.products, query="бюджет")] == [
        "Бюджет простими словами", "Бюджетний бот"]
    assert [p.name for p in find_products(view.products, kind="Чат-бот")] == ["Бюджетний бот"]
    assert [p.name for p in find_products(view.products, query="бот",
                                          dataset_id="ds-1")] == []


def test_find_datasets_combines_text_department_format_and_state():
    view = view_of(tab("datasets",
                       dataset(id="A", title="Зупинки", formats="CSV, JSON",
                               update_frequency="Щороку", last_updated=dt.date(2025, 6, 1)),
                       dataset(id="B", title="Бюджет", department="Фінансове управління",
                               formats="XLSX")))
    assert [d.id for d in find_datasets(view.datasets, file_format="json")] == ["A"]
    assert [d.id for d in find_datasets(view.datasets,
                                        department="фінансове управління")] == ["B"]
    assert [d.id for d in find_datasets(view.datasets, on_time=OnTime.NOT_EVALUABLE)] == ["B"]
    assert [d.id for d in find_datasets(view.datasets, query="зуп")] == ["A"]


def test_filter_choices_are_distinct_and_sorted():
    assert distinct(["Б", "а", "А ", "б"]) == ["а", "Б"]


def test_pages_split_the_items_and_clamp_the_page_number():
    items = list(range(25))
    page = paginate(items, 3, 10)
    assert (page.items, page.number, page.pages, page.total) == (tuple(range(20, 25)), 3, 3, 25)
    assert paginate(items, 99, 10).number == 3
    assert paginate(items, 0, 10).items == tuple(range(10))
    empty = paginate([], 1, 10)
    assert (empty.items, empty.number, empty.pages, empty.total) == ((), 1, 1, 0)
