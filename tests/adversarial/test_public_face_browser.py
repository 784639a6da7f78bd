"""The public pages in headless Chromium: no third party, the page's language, no branding.

The hostile tester found that the page icon made every visitor's browser fetch an SVG from
fonts.gstatic.com (the visitor's address goes to Google), that the pages said
``<html lang="en">`` over Ukrainian text, that the menu said «Made with Streamlit v1.67.0»,
and that the table toolbar downloaded ``=DDE(…)`` cells unescaped. Run with
``make e2e`` or ``ODCORE_REQUIRE_BROWSER=1 pytest -m browser`` on this file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from odcore.config import PROJECT_ROOT
from odcore.exports.safe import is_formula_like
from odcore.figures import build_figures
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from tests.adversarial.test_public_face import DDE, PIPE, formula_source
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.public.test_browser import serve

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "artifacts" / "pages"
WAIT_MS = 30_000
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The public home is the default page, served at the root.
PUBLIC_PATHS = ("", "products", "catalogue", "catalogue?dataset=ZHM-014", "programme")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _env(source: Path, secrets: Path) -> dict[str, str]:
    secrets.write_text("", encoding="utf-8")
    return {"ODCORE_SOURCE": str(source), "ODCORE_PUBLIC_ONLY": "1",
            "ODCORE_SECRETS_FILE": str(secrets)}


@pytest.fixture(scope="module")
def demo_site(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    secrets = tmp_path_factory.mktemp("face-secrets") / "secrets.toml"
    yield from serve(PROJECT_ROOT / "app.py", _env(demo_path, secrets))


@pytest.fixture
def formula_site(tmp_path: Path) -> Iterator[str]:
    yield from serve(PROJECT_ROOT / "app.py",
                     _env(formula_source(tmp_path), tmp_path / "secrets.toml"))


def product_pictures(source: Path) -> set[str]:
    """The pictures the council itself published with its products: the one thing a public
    page loads from elsewhere, by design (docs/public-export.md)."""
    view = public_view(build_figures(load_workbook(WorkbookFileSource(source)),
                                     Settings().today(), Settings()))
    return {p.image_url for p in view.products if p.image_url}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS


def open_public(context, url: str):
    """Open a page, recording every request; nothing leaves the machine (no internet here),
    a request elsewhere is answered with an error but still recorded."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"),
               lambda route: route.abort())
    page.goto(url, wait_until="domcontentloaded")
    page.locator(FINISHED).wait_for(timeout=WAIT_MS)
    # The page's own icon replaces Streamlit's default one when the page config arrives.
    page.wait_for_function(
        "[...document.querySelectorAll(\"link[rel~='icon']\")].some(l => !l.href.endsWith"
        "('/favicon.png'))", timeout=WAIT_MS)
    return page, requests


def menu_text(page) -> str:
    """What the main menu says when opened, or "" when there is no menu."""
    button = page.locator("[data-testid='stMainMenuButton']")
    if button.count() == 0:
        return ""
    button.click()
    popover = page.locator("[data-testid='stMainMenuPopover']")
    popover.wait_for(timeout=WAIT_MS)
    text = popover.inner_text()
    page.keyboard.press("Escape")
    return text


@pytest.mark.parametrize(("language", "viewport"), [("uk", DESKTOP), ("en", PHONE)])
def test_public_pages_ask_no_third_party_and_say_their_language(chromium, demo_site, demo_path,
                                                                language, viewport):
    pictures = product_pictures(demo_path)
    context = chromium.new_context(viewport=viewport)
    for path in PUBLIC_PATHS:
        query = "" if language == "uk" else ("&" if "?" in path else "?") + "lang=en"
        page, requests = open_public(context, f"{demo_site}/{path}{query}")
        with contextlib.suppress(sync_api.TimeoutError):  # the script runs after rendering
            page.wait_for_function(f"document.documentElement.lang === '{language}'",
                                   timeout=WAIT_MS)
        assert page.evaluate("document.documentElement.lang") == language, path
        elsewhere = [url for url in requests if not is_local(url) and url not in pictures]
        assert elsewhere == [], path
        icons = page.eval_on_selector_all("link[rel~='icon']", "ls => ls.map(l => l.href)")
        assert icons and all(is_local(icon) for icon in icons), path
        assert "Streamlit" not in page.title()
        assert "Streamlit" not in menu_text(page)
        assert "Streamlit" not in page.locator("body").inner_text()
        # Public-only mode (issue 14's end-to-end suite): every public page draws without an
        # exception box, and its screenshot is kept.
        assert page.locator("[data-testid='stException']").count() == 0, path
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", (path or "home").lower()).strip("-")
        page.screenshot(path=str(ARTIFACTS / f"public-only-{slug}-{language}.png"),
                        full_page=True)
        page.close()
    context.close()


def test_the_table_toolbar_has_no_download_and_the_pages_download_is_formula_safe(
        chromium, formula_site):
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    page, _ = open_public(context, f"{formula_site}/catalogue")
    table = page.locator("[data-testid='stDataFrame']").last
    table.hover()
    toolbar = page.locator("[data-testid='stElementToolbar']").last
    toolbar.wait_for(timeout=WAIT_MS)
    labels = toolbar.locator("button").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label') || b.innerText)")
    assert labels and not any("download" in str(label).lower() for label in labels)
    with page.expect_download() as started:
        page.locator("[data-testid='stDownloadButton'] button").click()
    download = started.value
    assert download.suggested_filename.startswith("catalogue-")
    data = Path(download.path()).read_bytes()
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert "'" + DDE in cells and "'" + PIPE in cells
    assert [cell for cell in cells if is_formula_like(cell)] == []
    page.close()
    context.close()
