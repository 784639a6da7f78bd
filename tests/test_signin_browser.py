"""Signing in through a real OpenID Connect provider on loopback, in headless Chromium.

The test starts a small provider (tests/oidc_issuer.py: discovery, JWKS, authorization code
flow, RS256 ID tokens) and ``streamlit run app.py`` with ``[auth]`` pointing at it, then
signs in as the browser would: the sidebar's button, the provider's form, the callback.
A coordinator reaches the internal overview; an unlisted address gets only the public pages.
Run with ``make e2e`` (``pytest -m browser``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from odcore.config import PROJECT_ROOT
from odcore.i18n import translate
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, require_chromium, running_app
from tests.oidc_issuer import Account, Issuer, running_issuer

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

WAIT_MS = 30_000
COORDINATOR = "head@rada.example.org"
UNLISTED = "stranger@mail.example.org"
CLIENT_ID = "odcore-dashboard"
CLIENT_SECRET = "a-client-secret-for-the-loopback-issuer"



@dataclass
class Site:
    base: str
    issuer: Issuer
    log: Path


def _secrets(issuer: Issuer, redirect_uri: str) -> str:
    return f"""
[odcore.access]
coordinators = ["{COORDINATOR}"]

[auth]
redirect_uri = "{redirect_uri}"
cookie_secret = "{COOKIE_SECRET}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{issuer.metadata_url}"
"""


COOKIE_SECRET = "c0ffee" * 11


@contextmanager
def provider_and_settings(folder: Path, port: int, demo_path: Path) -> Iterator[
        tuple[Issuer, dict[str, str]]]:
    """The provider on loopback and the app's environment: secrets with [auth] pointing at
    it, the demo workbook as a source that is not the bundled demo."""
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    accounts = [Account(COORDINATOR, "Голова Координатор"), Account(UNLISTED, "Сторонній")]
    with running_issuer(CLIENT_ID, CLIENT_SECRET, (redirect_uri,), accounts) as issuer:
        secrets = folder / "secrets.toml"
        secrets.write_text(_secrets(issuer, redirect_uri), encoding="utf-8")
        env = {**os.environ, "ODCORE_SECRETS_FILE": str(secrets),
               "ODCORE_SOURCE": str(demo_path), "ODCORE_STATE_DIR": str(folder / "state")}
        for name in ("ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY",
                     "STREAMLIT_SERVER_COOKIE_SECRET"):
            env.pop(name, None)
        yield issuer, env


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, demo_path: Path) -> Iterator[Site]:
    """The provider and the app on loopback; the app's log (stderr) in a file."""
    folder = tmp_path_factory.mktemp("signin")
    port = free_port()
    log = folder / "server.log"
    with provider_and_settings(folder, port, demo_path) as (issuer, env), \
            running_app(PROJECT_ROOT / "app.py", port, env, log) as base:
        yield Site(base, issuer, log)


@pytest.fixture
def browser() -> Iterator[object]:
    """A fresh Chromium context (no cookies) for each test."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        yield context
        context.close()
        chromium.close()


def title(page) -> str:
    heading = page.locator("h1").first
    heading.wait_for(timeout=WAIT_MS)
    return heading.inner_text().strip()


def shown(text: str) -> re.Pattern[str]:
    """Text as the page shows it: escaping puts a word joiner after "@" and ":" (no autolink,
    no emoji shortcode)."""
    return re.compile(re.escape(text).replace("@", "@\u2060?").replace(":", ":\u2060?"))


def sign_in(page, site: Site, email: str) -> None:
    """The sidebar's sign-in button, the provider's form, back in the app."""
    page.goto(site.base, wait_until="domcontentloaded")
    page.get_by_role("button", name=translate("signin.sign_in")).click(timeout=WAIT_MS)
    page.wait_for_url(re.compile(re.escape(site.issuer.base) + r"/authorize"), timeout=WAIT_MS)
    page.fill("#login", email)
    page.click("#submit")
    page.wait_for_url(re.compile(re.escape(site.base) + r"/?(\?.*)?$"), timeout=WAIT_MS)
    page.get_by_text(shown(email)).first.wait_for(timeout=WAIT_MS)


def nav_labels(page) -> list[str]:
    links = page.locator("[data-testid='stSidebarNav'] a")
    links.first.wait_for(timeout=WAIT_MS)
    # A link's text is its icon's name, then the page's title.
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


def test_a_coordinator_signs_in_and_reaches_the_internal_overview(site, browser):
    page = browser.new_page()
    page.goto(f"{site.base}/overview", wait_until="domcontentloaded")
    assert title(page) == translate("public.title")  # not signed in: the public home
    sign_in(page, site, COORDINATOR)
    assert translate("page.overview") in nav_labels(page)
    page.goto(f"{site.base}/overview", wait_until="domcontentloaded")
    assert title(page) == translate("overview.title")
    page.get_by_text(shown(translate("role.coordinator"))).first.wait_for(timeout=WAIT_MS)
    assert site.issuer.sign_ins[-1] == COORDINATOR
    log = site.log.read_text(encoding="utf-8", errors="replace")
    assert f"sign-in who={COORDINATOR} role=coordinator" in log
    page.close()


def test_an_unlisted_address_signs_in_and_gets_only_the_public_pages(site, browser):
    page = browser.new_page()
    sign_in(page, site, UNLISTED)
    labels = nav_labels(page)
    assert translate("page.public_home") in labels
    assert translate("page.overview") not in labels and translate("page.problems") not in labels
    page.get_by_text(translate("signin.no_role")).first.wait_for(timeout=WAIT_MS)
    page.goto(f"{site.base}/overview", wait_until="domcontentloaded")
    assert title(page) == translate("public.title")
    page.get_by_text(shown(UNLISTED)).first.wait_for(timeout=WAIT_MS)  # still signed in
    log = site.log.read_text(encoding="utf-8", errors="replace")
    assert f"sign-in who={UNLISTED} role=public" in log
    page.close()


def test_signing_out_returns_to_the_public_pages(site, browser):
    page = browser.new_page()
    sign_in(page, site, COORDINATOR)
    page.get_by_role("button", name=translate("signin.sign_out")).click(timeout=WAIT_MS)
    page.get_by_role("button", name=translate("signin.sign_in")).wait_for(timeout=WAIT_MS)
    page.goto(f"{site.base}/overview", wait_until="domcontentloaded")
    assert title(page) == translate("public.title")
    page.close()


def test_with_the_server_cookie_secret_set_a_sign_in_survives_a_restart(tmp_path, demo_path,
                                                                         browser):
    # Streamlit reads the identity cookie when a tab connects, before odcore hands [auth]
    # over; with STREAMLIT_SERVER_COOKIE_SECRET = cookie_secret the first tab after a restart
    # reads it too (docs/access.md).
    port = free_port()
    log = tmp_path / "server.log"
    with provider_and_settings(tmp_path, port, demo_path) as (issuer, env):
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = COOKIE_SECRET
        with running_app(PROJECT_ROOT / "app.py", port, env, log) as base:
            page = browser.new_page()
            sign_in(page, Site(base, issuer, log), COORDINATOR)
            page.close()
        with running_app(PROJECT_ROOT / "app.py", port, env, log) as base:
            page = browser.new_page()
            page.goto(f"{base}/overview", wait_until="domcontentloaded")
            assert title(page) == translate("overview.title")
            page.close()
