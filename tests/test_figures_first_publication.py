"""A dataset first published after as_of is not yet published at as_of, for every consumer.

RULES.md "Periods": first publications after as_of do not exist yet. docs/quality.md
("Published at as_of") says what such a dataset is; the figures below are counted by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook as open_xlsx

from odcore.demo import demo_tabs
from odcore.exports.score_card import card_figures, write_score_card
from odcore.figures import Figures, build_figures
from odcore.periods import Quarter
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.rules.quality import is_published
from odcore.schema.models import Dataset
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from odcore.ui.plan_view import plan_view
from odcore.workbook import Workbook
from tests.rules import load, plan_tab, report, tab, task

AS_OF = dt.date(2025, 7, 1)  # the end of 2025-Q2
LATER = dt.date(2025, 9, 1)  # DS-2's first publication

# Compliant on AS_OF: monthly, updated 2025-06-15 (due 2025-07-16), CSV (3 stars).
GOOD: dict[str, Any] = {
    "id": "DS-1", "title": "Зупинки", "description": "Зупинки громадського транспорту",
    "purpose": "Постанова КМУ 835", "department": "Відділ ІТ", "steward": "Петренко П. П.",
    "status": "Оприлюднено", "portal_url": "https://data.gov.ua/dataset/stops",
    "formats": "CSV", "update_frequency": "Щомісяця", "last_updated": "2025-06-15",
    "first_published": "2024-05-10", "mandatory": "так", "keywords": "транспорт, зупинки",
    "license": "CC BY 4.0",
}
DATASETS = (
    GOOD,
    # `Оприлюднено` today, first published after AS_OF; RDF (5 stars); no last update, which
    # would make a published monthly dataset overdue.
    GOOD | {"id": "DS-2", "title": "Бюджет", "formats": "RDF", "last_updated": None,
            "first_published": "2025-09-01"},
    GOOD | {"id": "DS-3", "title": "Укриття", "status": "Готується", "portal_url": None,
            "last_updated": None, "first_published": None},
    # Undated first publication: taken as published. PDF only (1 star, not machine-readable).
    GOOD | {"id": "DS-4", "title": "Рішення", "formats": "PDF", "first_published": None,
            "mandatory": "ні"},
)


def _workbook() -> Workbook:
    return load(
        plan_tab(task("4.3", "Щоквартально"), task("6.2", "Постійно")),
        tab("reports", report("6.2", "2025-Q2", "Виконано")),
        tab("datasets", *DATASETS),
        tab("quality_checks",
            {"dataset_id": "DS-1", "period": "2025-Q2", "compliant": "так"},
            {"dataset_id": "DS-2", "period": "2025-Q2", "compliant": "так"}),
        tab("products", {"name": "Бюджет для всіх", "kind": "Візуалізація",
                         "dataset_ids": "DS-1, DS-2", "public": "так",
                         "added_on": "2025-05-01"}),
    )


@pytest.fixture(scope="module")
def figures() -> Figures:
    return build_figures(_workbook(), AS_OF, Settings())


def _dataset(**changes: Any) -> Dataset:
    return load(tab("datasets", GOOD | changes)).datasets[0]


def test_published_at_as_of_needs_the_status_and_a_first_publication_by_then() -> None:
    assert is_published(_dataset(first_published="2025-07-01"), AS_OF)  # that very day
    assert is_published(_dataset(first_published=None), AS_OF)  # undated: taken as published
    assert not is_published(_dataset(first_published="2025-07-02"), AS_OF)
    assert not is_published(_dataset(status="Готується", first_published="2024-01-10"), AS_OF)


def test_a_dataset_first_published_later_is_judged_as_not_yet_published(
        figures: Figures) -> None:
    item = figures.assessment.item("DS-2")
    assert item is not None and item.published is False
    # Not judged for timeliness, so not overdue although it has no last update.
    assert (item.overdue, item.next_due, item.days_overdue, item.not_evaluable) == (
        False, None, None, False)
    assert item.reasons == ("not_yet_published",) and item.compliant is False
    assert item.fix_first is None  # it was published later: nothing to fix at that date
    assert item.stars == 5  # still listed in the register with its stars
    assert item.dataset.status.value == "Оприлюднено"  # what the register says is not changed


def test_summary_leaves_it_out_of_every_published_figure(figures: Figures) -> None:
    datasets = build_summary(figures)["datasets"]
    # Published at AS_OF: DS-1, DS-4. Compliant: DS-1 (DS-4 has no machine-readable format).
    assert (datasets["total"], datasets["published"], datasets["compliant"]) == (4, 2, 1)
    assert datasets["compliant_share"] == 1 / 2
    assert datasets["overdue"] == [] and datasets["not_evaluable"] == []
    counts = datasets["counts"]
    assert (counts["evaluable"], counts["on_time"]) == (2, 2)
    assert datasets["on_time_share"] == 1.0
    # Mandatory: DS-1, DS-2, DS-3; published among them at AS_OF: DS-1 only.
    assert (counts["mandatory"], counts["mandatory_published"]) == (3, 1)
    assert datasets["mandatory_share"] == 1 / 3
    # 2025-Q2 checks of datasets published at AS_OF: DS-1 (DS-2's check is not counted).
    assert counts["checked_latest_quarter"] == 1
    assert datasets["quality_checked_share"] == 1 / 2
    assert datasets["average_stars"] == (3 + 1) / 2
    # The status counts are the register's as typed today (it keeps no history).
    assert counts["by_status"]["Оприлюднено"] == 3
    item = next(i for i in datasets["items"] if i["id"] == "DS-2")
    assert (item["status"], item["stars"], item["reasons"]) == (
        "Оприлюднено", 5, ["not_yet_published"])


def test_indicators_and_discrepancies_use_the_same_published_datasets(
        figures: Figures) -> None:
    indicators = build_summary(figures)["indicators"]
    assert indicators["datasets_compliant_share"]["value"] == 1 / 2
    assert indicators["quality_checked_share"]["value"] == 1 / 2
    # 6.2 is reported done while 1/2 is below the 75 % target.
    assert [t.code for t in figures.discrepancies] == ["6.2"]


def test_public_projection_score_card_and_plan_view_agree_with_the_summary(
        figures: Figures, tmp_path: Path) -> None:
    public = public_view(figures)
    assert [d.id for d in public.datasets] == ["DS-1", "DS-4"]  # by title
    product = public.products[0]
    assert [(r.id, r.published) for r in product.datasets] == [("DS-1", True), ("DS-2", False)]
    data = write_score_card(_workbook(), Quarter(2025, 2), Settings(), tmp_path / "card.xlsx")
    card = card_figures(data)
    assert (card["published"], card["compliant"], card["mandatory_published"],
            card["evaluable"], card["overdue"], card["checked"]) == (2, 1, 1, 2, 0, 1)
    assert card["mandatory_share"] == 1 / 3 and card["quality_checked_share"] == 1 / 2
    sheet = open_xlsx(tmp_path / "card.xlsx")["Набори даних"]
    headers = [c.value for c in sheet[1]]
    row = next(dict(zip(headers, r, strict=True))
               for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "DS-2")
    assert row["Вчасно"] is None and row["Оновити до"] is None
    assert row["Причини"].startswith("На цю дату набір ще не оприлюднено")
    assert plan_view(figures).assessment.counts.published == 2


def test_it_counts_as_published_from_its_first_publication_day() -> None:
    datasets = build_summary(build_figures(_workbook(), LATER, Settings()))["datasets"]
    assert datasets["published"] == 3
    # Now judged: DS-2 has no last update; DS-1 and DS-4 were due on 2025-07-16.
    assert datasets["overdue"] == ["DS-1", "DS-2", "DS-4"]
    assert datasets["mandatory_share"] == 2 / 3
    assert datasets["average_stars"] == (3 + 5 + 1) / 3


def test_demo_on_2025_07_01_leaves_out_zhm_023_first_published_on_20_october() -> None:
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}))
    figures = build_figures(workbook, AS_OF, Settings())
    datasets = build_summary(figures)["datasets"]
    # 33 rows say `Оприлюднено` (odcore/demo.py); ZHM-023's first publication is 2025-10-20.
    assert datasets["counts"]["by_status"]["Оприлюднено"] == 33
    assert datasets["published"] == 32
    zhm_023 = next(i for i in datasets["items"] if i["id"] == "ZHM-023")
    assert zhm_023["reasons"] == ["not_yet_published"]
    published = {i["id"] for i in datasets["items"]
                 if i["status"] == "Оприлюднено" and "not_yet_published" not in i["reasons"]}
    assert {d.id for d in public_view(figures).datasets} == published
    assert len(published) == 32
