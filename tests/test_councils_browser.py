"""A multi-council deployment in headless Chromium: the council stays in the URL when the
menu switches pages, the sidebar leads back to the roll-up, and a roll-up row links to its
council (docs/councils.md). Screenshots under artifacts/councils/ (gitignored)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from odcore.config import PROJECT_ROOT
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    cut_columns,
    grid_columns,
    require_chromium,
)
from tests.councils_files import BAR, ZHMERYNKA, write_councils

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

from tests.public.test_browser import serve  # noqa: E402 - after the skip: needs Chromium

ARTIFACTS = PROJECT_ROOT / "artifacts" / "councils"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def app(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("councils-app")
    secrets = folder / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    env = {"ODCORE_COUNCILS": str(write_councils(folder, demo_path)),
           "ODCORE_OPEN_ACCESS": "1", "ODCORE_SECRETS_FILE": str(secrets),
           "ODCORE_STATE_DIR": str(folder / "state"), "ODCORE_PUBLIC_ONLY": "",
           "ODCORE_SOURCE": ""}
    # The worker's round first, so the roll-up has figures to show.
    subprocess.run([sys.executable, "-m", "odcore", "refresh", "--once"], check=True,
                   cwd=PROJECT_ROOT, env={**os.environ, **env},
                   capture_output=True)
    yield from serve(PROJECT_ROOT / "app.py", env)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _settled(page) -> None:
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                              || !document.querySelector('[data-testid="stStatusWidget"]')
                                   .innerText.includes('Running')""", timeout=WAIT_MS)
    page.wait_for_timeout(1000)


def test_the_council_stays_in_the_url_when_the_menu_switches_pages(app, chromium):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{app}/?council=bar")
    page.get_by_text(f"Громада: {BAR}").wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Набори даних").click()
    page.locator("h1", has_text="Набори даних").wait_for(timeout=WAIT_MS)
    _settled(page)
    assert page.url.endswith("/datasets?council=bar")
    assert page.get_by_text(f"Громада: {BAR}").count() == 1
    assert ZHMERYNKA not in page.inner_text("body")
    page.locator("a", has_text="Усі громади області").click()
    page.locator("h1", has_text="Громади області").wait_for(timeout=WAIT_MS)
    _settled(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "oblast-desktop.png"))
    # Beside the menu, every column of the roll-up is whole, its last one included.
    info = grid_columns(page.locator('[data-testid="stDataFrame"]').first)
    assert "Прочитано" in info["heads"]
    assert cut_columns(info, first=len(info["heads"])) == []
    page.close()


def test_without_a_council_the_roll_up_is_the_landing_page_and_a_council_address_opens_it(
        app, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{app}/")
    page.locator("h1", has_text="Громади області").wait_for(timeout=WAIT_MS)
    _settled(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "oblast-phone.png"))
    # On a phone the hromada, its link and the plan's progress are whole.
    assert cut_columns(grid_columns(page.locator('[data-testid="stDataFrame"]').first)) == []
    page.goto(f"{app}/?council=zhmerynka")
    page.get_by_text(f"Громада: {ZHMERYNKA}").wait_for(timeout=WAIT_MS)
    _settled(page)
    assert "council=zhmerynka" in page.url
    assert BAR not in page.inner_text("body")
    page.close()
