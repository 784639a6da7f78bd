"""The quarterly news post draft: `news QUARTER --out FILE` on the demo, Markdown and .docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from odcore.cli import main
from odcore.figures import build_figures
from odcore.news import news_docx, news_draft, news_markdown
from odcore.periods import Quarter
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.workbook import Workbook
from tests.helpers import load, tab

# Hand-computed from odcore/demo.py (published datasets; the register as it is now):
# 2025-Q3: nothing first published; ZHM-011 last updated 29.08.2025. One public product,
# «Як голосують депутати» (20.09.2025).
# 2025-Q1: ZHM-013 (20.01.2025) and ZHM-037 (10.02.2025) first published (the second
# ZHM-023 row, first published 03.03.2025, is an error row and does not count); ZHM-031
# last updated 31.03.2025. Public products «Черга в садочок» (18.02.2025) and «Жмеринка
# Транспорт» (12.03.2025).
EXPECTED = {
    "2025-Q3": {
        "new": [],
        "updated": ["Території обслуговування закладів загальної середньої освіти"],
        "products": ["Як голосують депутати"]},
    "2025-Q1": {
        "new": ["Дані про черги дітей у заклади дошкільної освіти",
                "Перелік цільових місцевих програм"],
        "updated": ["Дані про надходження звернень на телефонну гарячу лінію"],
        "products": ["Черга в садочок", "Жмеринка Транспорт"]},
}


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> Workbook:
    return load_workbook(WorkbookFileSource(demo_path))


def _draft(workbook: Workbook, label: str, settings: Settings | None = None):
    year, q = label.split("-Q")
    quarter = Quarter(int(year), int(q))
    return news_draft(build_figures(workbook, quarter.end_as_of, settings or Settings()),
                      quarter)


@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_the_draft_lists_exactly_the_quarters_new_and_updated_datasets_and_products(
        demo, label):
    draft = _draft(demo, label)
    expected = EXPECTED[label]
    assert [d.title for d in draft.new_datasets] == expected["new"]
    assert [d.title for d in draft.updated_datasets] == expected["updated"]
    assert [p.name for p in draft.products] == expected["products"]
    # No other dataset or product of the demo is named anywhere in the Markdown.
    text = news_markdown(draft).replace("\\", "")
    listed = {*expected["new"], *expected["updated"], *expected["products"]}
    for dataset in demo.datasets:
        assert (dataset.title in text) == (dataset.title in listed), dataset.id
    for product in demo.products:
        assert (product.name in text) == (product.name in listed), product.name


def test_news_2025_q3_writes_markdown_and_a_docx_that_python_docx_opens(
        demo_path, secrets_file, tmp_path, capsys):
    secrets_file.write_text('[odcore.council]\npublic_contact = "opendata@zhmerynka-rada.gov.ua"\n',
                            encoding="utf-8")
    assert main(["news", "2025-Q3", str(demo_path), "--out", str(tmp_path / "news.md")]) == 0
    markdown = (tmp_path / "news.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Відкриті дані: Жмеринська міська рада — підсумки III "
                               "кварталу 2025 року")
    assert ("[Території обслуговування закладів загальної середньої освіти]"
            "(<https://data.gov.ua/dataset/zhmerynka-terytorii-obsluhovuvannia>)") in markdown
    assert "## Нові набори даних" not in markdown  # none in this quarter
    assert "## Нові продукти на відкритих даних" in markdown
    assert "opendata@zhmerynka-rada.gov.ua" in markdown
    document = Document(str(tmp_path / "news.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Території обслуговування закладів загальної середньої освіти" in text
    assert "Як голосують депутати" in text and "Програма в цифрах" in text
    links = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://data.gov.ua/dataset/zhmerynka-terytorii-obsluhovuvannia" in links
    assert "mailto:opendata@zhmerynka-rada.gov.ua" in links
    assert "news.md" in capsys.readouterr().out


def test_without_out_the_markdown_is_printed(demo_path, secrets_file, capsys):
    assert main(["news", "2025-Q1", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "## Нові набори даних" in out and "Перелік цільових місцевих програм" in out


def test_a_quarter_outside_the_plan_or_not_a_quarter_is_refused(demo_path, secrets_file, capsys):
    assert main(["news", "2030-Q1", str(demo_path)]) == 2
    assert "поза роками плану" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["news", "третій", str(demo_path)])
    assert stop.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_headline_figures_are_those_of_the_quarters_end(demo):
    draft = _draft(demo, "2025-Q3")
    figures = build_figures(demo, dt.date(2025, 10, 1), Settings())
    counts = figures.assessment.counts
    assert draft.as_of == dt.date(2025, 10, 1)
    assert f"Оприлюднено {counts.published} набори відкритих даних" in draft.figures[1]
    assert f"відповідають {counts.compliant} (" in draft.figures[1]
    assert draft.figures[-1].startswith("На відкритих даних громади створено 5 продуктів")


def test_cell_text_stays_text_in_the_markdown_and_unsafe_links_are_not_links():
    workbook = load(
        tab("datasets", {"id": "A", "title": "**Жирний** [посилання](https://evil.example)",
                         "department": "Відділ", "status": "Оприлюднено",
                         "first_published": dt.date(2025, 2, 1),
                         "portal_url": "https://data.gov.ua/dataset/a"}),
        tab("products", {"name": "Продукт", "kind": "Інше", "url": "javascript:alert(1)",
                         "added_on": dt.date(2025, 2, 2), "public": "так"}))
    markdown = news_markdown(_draft(workbook, "2025-Q1"))
    assert ("[\\*\\*Жирний\\*\\* \\[посилання\\](https://evil.example)]"
            "(<https://data.gov.ua/dataset/a>)") in markdown
    assert "javascript" not in markdown and "- Продукт (інше)" in markdown


def test_the_draft_refuses_figures_of_another_date(demo):
    with pytest.raises(ValueError):
        news_draft(build_figures(demo, dt.date(2025, 9, 30), Settings()), Quarter(2025, 3))


def test_an_empty_quarter_still_gives_a_draft_with_the_figures_and_the_invitation(demo):
    draft = _draft(demo, "2024-Q1")
    assert draft.new_datasets and not draft.products
    empty = _draft(load(tab("datasets", {"id": "A", "title": "A", "department": "Відділ",
                                         "status": "Готується"})), "2024-Q2")
    markdown = news_markdown(empty)
    assert "продовжувала роботу з відкритими даними" in markdown
    assert "## Програма в цифрах" in markdown and "Маєте ідею" in markdown
    assert news_docx(empty)[:2] == b"PK"  # a .docx is a zip archive
