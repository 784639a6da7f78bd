"""A right-to-left override typed into a public cell stays inside that cell on the static
page (headless Chromium; run with ``pytest -m browser``)."""

from __future__ import annotations

import datetime as dt

import pytest

from odcore.exports.static_site import index_html
from odcore.figures import build_figures
from odcore.public import public_view
from odcore.settings import DEFAULT_SETTINGS
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.helpers import load, tab

pytestmark = pytest.mark.browser
require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

OVERRIDE_TITLE = "Бюджет \u202eexe.txt"


def test_a_bidi_override_in_a_title_is_isolated_to_its_element(tmp_path):
    # On a product card the dataset's label is an inline link followed by ", R1": without
    # isolation the override would reverse the text after the link too.
    workbook = load(
        tab("datasets", {"id": "D1", "title": OVERRIDE_TITLE, "department": "Відділ ІТ",
                         "status": "Оприлюднено"}),
        tab("products", {"name": "Бот", "kind": "Чат-бот", "public": "так",
                         "dataset_ids": "D1, R1"}))
    view = public_view(build_figures(workbook, dt.date(2025, 1, 1), DEFAULT_SETTINGS))
    page_file = tmp_path / "index.html"
    page_file.write_text(index_html(view, dt.datetime(2025, 1, 1, tzinfo=dt.UTC)), "utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_file.as_uri(), wait_until="domcontentloaded")
        label = page.locator("article.card a", has_text="Бюджет")
        label.first.wait_for(timeout=30_000)
        assert label.first.text_content() == "D1 · " + OVERRIDE_TITLE  # kept as typed
        bidi = label.first.evaluate("n => getComputedStyle(n).unicodeBidi")
        plain = page.locator("article.card span", has_text="R1").first.evaluate(
            "n => getComputedStyle(n).unicodeBidi")
        browser.close()
    assert bidi == "isolate"
    assert plain != "isolate"  # only cells holding direction controls are isolated
