"""Headless Chromium (Debian's package) on the static export and on the running app.

Run with ``make e2e`` (``pytest -m browser``): it installs Debian's ``chromium``
when it is missing. Playwright drives /usr/bin/chromium; it never downloads a browser. The
machines have no internet, so pages are opened from disk or from a server on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from odcore.config import PROJECT_ROOT
from odcore.figures import build_figures
from odcore.public import find_products, public_view
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, require_chromium, running_app
from tests.public.workbooks import (
    AS_OF,
    PAYLOAD_AUTHOR,
    PAYLOAD_DESCRIPTION,
    PAYLOAD_NAME,
    payload_tabs,
    write_xlsx,
)

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
PHONE = {"width": 390, "height": 844}  # the public pages must work on a phone's screen

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A Chromium context with a fresh user-data dir, closed after the module."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_ARGS, viewport=PHONE)
        yield context
        context.close()


def open_page(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(url, wait_until="domcontentloaded")
    return page, errors


def export(source: Path, outdir: Path) -> Path:
    from odcore.cli import main

    main(["export-public", str(source), str(outdir), "--as-of", AS_OF.isoformat()])
    return outdir / "index.html"


def test_static_page_from_disk_shows_products_and_datasets_and_searches(
        browser, demo_path, tmp_path, secrets_file):
    index = export(demo_path, tmp_path / "site")
    workbook = load_workbook(WorkbookFileSource(demo_path))
    view = public_view(build_figures(workbook, AS_OF, Settings()))
    page, errors = open_page(browser, index.as_uri())
    cards, datasets = page.locator("article.card"), page.locator("#datasets > li")
    cards.first.wait_for(timeout=WAIT_MS)
    assert cards.count() == len(view.products) > 0
    assert datasets.count() == len(view.datasets) > 0
    assert page.locator("#as-of").inner_text() == "Дані станом на 31.12.2025."

    page.fill("#product-query", "бюджет")
    assert cards.count() == len(find_products(view.products, query="бюджет")) > 0
    assert all("бюджет" in text.lower() for text in cards.all_inner_texts())
    page.fill("#product-query", "немає-такого-продукту")
    assert cards.count() == 0 and page.locator("#product-empty").is_visible()

    page.fill("#product-query", "")
    link = page.locator("article.card a[href^='#dataset-']").first
    target = link.get_attribute("href")
    link.click()
    assert page.locator(target).is_visible()
    assert page.locator(f"{target} a[href^='#product-']").count() >= 1  # and back
    assert errors == []
    page.close()


# A 1x1 transparent PNG, served for every picture: the machines have no internet.
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                      "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082")


def overflow(page, scope: str = "body") -> list[str]:
    """Elements wider than the phone's screen, outside the tables (which scroll)."""
    return page.eval_on_selector_all(f"{scope} *", """(nodes, width) => nodes
        .filter(n => !n.closest("[data-testid='stDataFrame']"))
        .filter(n => n.getBoundingClientRect().right > width + 1)
        .map(n => n.tagName + "." + String(n.className).slice(0, 40))""",
        PHONE["width"])


def test_static_page_loads_only_its_pictures_lazily_and_fits_a_phone(
        browser, demo_path, tmp_path, secrets_file):
    index = export(demo_path, tmp_path / "site")
    page = browser.new_page()
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.resource_type, r.url)))
    page.route(re.compile(r"^https://"), lambda route: route.fulfill(body=PIXEL, content_type="image/png"))
    page.goto(index.as_uri(), wait_until="domcontentloaded")
    images = page.locator("article.card img")
    images.first.wait_for(timeout=WAIT_MS)
    assert images.count() > 0
    for name, value in (("loading", "lazy"), ("referrerpolicy", "no-referrer"), ("alt", "")):
        assert set(images.evaluate_all(f"ns => ns.map(n => n.getAttribute('{name}'))")) == {value}
    page.mouse.wheel(0, 100_000)  # the lazy pictures further down load too
    page.wait_for_timeout(500)
    elsewhere = [(kind, url) for kind, url in requests if not url.startswith("file:")]
    assert elsewhere and all(kind == "image" and url.startswith("https://")
                             for kind, url in elsewhere)
    # A product names its published datasets by their titles, linked to their entries.
    first = page.locator("article.card a[href^='#dataset-']").first
    assert re.fullmatch(r"ZHM-\d+ · .+", first.inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert overflow(page) == []
    page.close()


def test_static_page_shows_cell_markup_as_text(browser, tmp_path, secrets_file):
    index = export(write_xlsx(tmp_path / "payloads.xlsx", payload_tabs()), tmp_path / "site")
    page, errors = open_page(browser, index.as_uri())
    card = page.locator("article.card")
    card.first.wait_for(timeout=WAIT_MS)
    assert card.locator("h3").inner_text() == PAYLOAD_NAME
    text = card.inner_text()
    assert PAYLOAD_DESCRIPTION in text and PAYLOAD_AUTHOR in text
    assert page.locator("script").count() == 2
    assert page.locator("img").count() == 0
    assert page.locator("[onerror]").count() == 0
    hrefs = page.eval_on_selector_all("a", "nodes => nodes.map(n => n.href)")
    assert not any(h.startswith("javascript:") or "evil.example.org" in h for h in hrefs)
    assert errors == []
    page.close()



def serve(script: Path, env: dict[str, str]) -> Iterator[str]:
    """Run ``streamlit run script`` on a free loopback port until the test ends."""
    with running_app(script, free_port(), {**os.environ, **env}) as base:
        yield base


def _env(source: Path, tmp_path: Path) -> dict[str, str]:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    # Open access is asked for too: public-only must win over it.
    return {"ODCORE_SOURCE": str(source), "ODCORE_PUBLIC_ONLY": "1",
            "ODCORE_SECRETS_FILE": str(secrets), "ODCORE_OPEN_ACCESS": "1"}


@pytest.fixture
def public_app(demo_path: Path, tmp_path: Path) -> Iterator[str]:
    yield from serve(PROJECT_ROOT / "app.py", _env(demo_path, tmp_path))


@pytest.fixture
def payload_app(tmp_path: Path) -> Iterator[str]:
    source = write_xlsx(tmp_path / "payloads.xlsx", payload_tabs())
    yield from serve(PROJECT_ROOT / "app.py", _env(source, tmp_path))


def test_internal_page_url_in_public_mode_lands_on_the_public_home(browser, public_app):
    page, _ = open_page(browser, f"{public_app}/problems")
    page.get_by_text("Панель програми відкритих даних").first.wait_for(timeout=WAIT_MS)
    assert "Проблеми в таблицях" not in page.inner_text("body")
    page.close()


def _cell_links(page) -> list[tuple[str, str]]:
    """(href, text) of every link in the main area."""
    return page.eval_on_selector_all("[data-testid='stMain'] a",
                                     "nodes => nodes.map(n => [n.href, n.innerText])")


def test_app_page_shows_cell_markup_as_text(browser, payload_app):
    page, _ = open_page(browser, f"{payload_app}/products")
    page.get_by_text("evil.example.org/pic.png", exact=False).first.wait_for(timeout=WAIT_MS)
    # Escaping puts an invisible word joiner after a colon; what a visitor reads is the cell.
    text = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    for payload in (PAYLOAD_NAME, PAYLOAD_DESCRIPTION, PAYLOAD_AUTHOR):
        assert payload in text
    links = _cell_links(page)
    assert not any(href.startswith("javascript:") for href, _ in links)
    assert not any(label in ("клікни", "картинка", "автор") for _, label in links)
    sources = page.eval_on_selector_all("[data-testid='stMain'] img", "ns => ns.map(n => n.src)")
    assert not any("evil.example.org" in src or src.endswith("/x") for src in sources)
    assert page.locator("[data-testid='stMain'] script").count() == 0
    # The name is bold as a whole; its own ** made no bold word of its own.
    assert "жирний" not in page.locator("strong").all_inner_texts()
    page.close()


def test_app_page_makes_no_link_from_a_url_typed_in_a_cell(browser, payload_app):
    page, _ = open_page(browser, f"{payload_app}/products")
    page.get_by_text("evil.example.org/pic.png", exact=False).first.wait_for(timeout=WAIT_MS)
    assert not any("evil.example.org" in href for href, _ in _cell_links(page))
    page.close()


def test_products_and_catalogue_link_each_other_in_the_app(browser, public_app):
    page, _ = open_page(browser, f"{public_app}/products")
    page.get_by_text("Жмеринка Транспорт").first.wait_for(timeout=WAIT_MS)
    page.get_by_role("link", name="ZHM-014").first.click()
    page.get_by_text("Продукти на цьому наборі").first.wait_for(timeout=WAIT_MS)
    assert "dataset=ZHM-014" in page.url
    assert "Жмеринка Транспорт" in page.locator("[data-testid='stMain']").inner_text()
    page.get_by_text("Усі ці продукти в галереї").first.click()
    page.get_by_text("Продукти за типами").first.wait_for(timeout=WAIT_MS)
    assert "dataset=ZHM-014" in page.url and "/products" in page.url
    page.get_by_text("1 продукт", exact=True).wait_for(timeout=WAIT_MS)  # filtered by it
    page.close()


FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"
PUBLIC_PATHS = (
    ("about", "Продукти на відкритих даних"),
    ("products", "Продукти за типами"),
    ("catalogue", "Набори за зірками відкритості"),
    ("catalogue?dataset=ZHM-014", "Продукти на цьому наборі"),
    ("programme", "Виконання за розділами"),
)


def test_public_pages_fit_a_phone_screen(browser, public_app):
    for path, shown in PUBLIC_PATHS:
        page, _ = open_page(browser, f"{public_app}/{path}")
        page.get_by_text(shown).first.wait_for(timeout=WAIT_MS)
        page.locator(FINISHED).wait_for(timeout=WAIT_MS)
        assert overflow(page, "[data-testid='stMain']") == [], path
        page.close()


def test_static_page_of_a_blank_template_invites_no_one_to_write_to_nobody(
        browser, tmp_path, secrets_file):
    from odcore.exports.template import write_template

    write_template(tmp_path / "blank.xlsx")
    page, errors = open_page(browser, export(tmp_path / "blank.xlsx", tmp_path / "site").as_uri())
    page.locator("#product-none").wait_for(timeout=WAIT_MS)  # no product: the note shows
    assert "Поки що тут немає жодного продукту." in page.locator("#product-none").inner_text()
    lines = page.locator(".contact-line")
    assert lines.count() == 2 and all(not lines.nth(i).is_visible() for i in range(2))
    assert "Напишіть" not in page.locator("body").inner_text()
    assert errors == []
    page.close()
    # With the council's contact set, the same lines show it.
    secrets_file.write_text('[odcore.council]\npublic_contact = "dani@rada.example.org"\n',
                            encoding="utf-8")
    page, _ = open_page(browser, export(tmp_path / "blank.xlsx", tmp_path / "site2").as_uri())
    page.locator("#product-none").wait_for(timeout=WAIT_MS)
    assert "Напишіть нам: dani@rada.example.org" in page.locator("#product-none").inner_text()
    page.close()
