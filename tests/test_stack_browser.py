"""The dashboard through nginx, as deployed (tests/stack.py): the refresh worker's round from
the loopback Sheets server into PostgreSQL, two replicas with ODCORE_WORKER=1 behind the site
file of deploy/nginx. New browsers are spread over both replicas; one browser stays on its
replica (the odcore_replica cookie), and its session's one WebSocket carries rerun after rerun;
the roll-up lists every council and each council's dashboard opens through ``?council=``; the
replicas never asked Google for anything (the worker's requests are all the server answered).

Run with ``make e2e-stack``: it needs Debian's chromium, postgresql and nginx.
"""

from __future__ import annotations

import http.cookiejar
import urllib.request

import psycopg
import pytest

from odcore.config import PROJECT_ROOT
from odcore.stores.postgres import SCHEMA_VERSION
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.stack import DEMO_COUNCIL, EXPORT_PAGE, Stack

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

WAIT_MS = 30_000
HEADER = "x-odcore-replica"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "stack"


def _replica(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(url, timeout=10) as answer:
        assert answer.status == 200
        return str(answer.headers[HEADER])


def test_new_browsers_spread_over_both_replicas_and_each_keeps_its_own(stack: Stack) -> None:
    fresh = {_replica(urllib.request.build_opener(), f"{stack.base}/") for _ in range(24)}
    assert fresh == set(stack.replicas)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    first = _replica(browser, f"{stack.base}/")
    assert [c.name for c in jar] == ["odcore_replica"]
    assert {_replica(browser, f"{stack.base}{path}")
            for path in ("/", "/_stcore/health", "/plan", "/static/") * 3} == {first}


def test_the_static_export_is_served_without_a_replica(stack: Stack) -> None:
    with urllib.request.urlopen(f"{stack.base}/opendata/", timeout=10) as answer:
        assert answer.read().decode("utf-8") == EXPORT_PAGE
        assert answer.headers.get(HEADER) is None


def test_a_session_stays_on_its_replica_over_one_websocket_through_reruns(stack: Stack
                                                                          ) -> None:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        replicas: list[str] = []
        sockets: list[object] = []
        page.on("response", lambda r: replicas.append(r.headers.get(HEADER, "")))
        page.on("websocket", lambda socket: sockets.append(socket))
        page.goto(f"{stack.base}/?council={DEMO_COUNCIL}", wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=WAIT_MS)
        titles = [page.locator("h1").first.inner_text()]
        # Each page switch is a rerun over the session's WebSocket; history reads the closed
        # quarters from PostgreSQL.
        for path in ("plan", "datasets", "history", "about"):
            page.locator(f'[data-testid="stSidebarNav"] a[href*="/{path}"]').first.click()
            page.wait_for_url(f"**/{path}?council={DEMO_COUNCIL}", timeout=WAIT_MS)
            page.wait_for_function(
                "previous => document.querySelector('h1') && "
                "document.querySelector('h1').innerText !== previous",
                arg=titles[-1], timeout=WAIT_MS)
            titles.append(page.locator("h1").first.inner_text())
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "through-nginx.png"))
        error_text = page.locator('[data-testid="stException"]').count()
        chromium.close()
    assert len(set(titles)) == len(titles), titles
    assert error_text == 0
    answered = {r for r in replicas if r}
    assert len(answered) == 1 and answered <= set(stack.replicas), replicas
    assert len(sockets) == 1 and f"{stack.base.split('//')[1]}/_stcore/stream" in \
        sockets[0].url  # type: ignore[attr-defined]
    assert not sockets[0].is_closed()  # type: ignore[attr-defined]
    # The history page asked the replica's store for the closed quarters: it migrated the
    # database on that first use.
    with psycopg.connect(stack.database_url) as conn:
        assert conn.execute("SELECT max(version) FROM odcore_schema_version").fetchone() == \
            (SCHEMA_VERSION,)


def _settled(page) -> None:
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                              || !document.querySelector('[data-testid="stStatusWidget"]')
                                   .innerText.includes('Running')""", timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # the grids draw their canvases after the script


def test_the_roll_up_lists_every_council_and_each_opens_through_its_address(stack: Stack
                                                                           ) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shown: dict[str, str] = {}
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        for size, viewport in (("desktop", {"width": 1400, "height": 900}),
                               ("phone", {"width": 390, "height": 844})):
            page = chromium.new_page(viewport=viewport)
            page.goto(f"{stack.base}/", wait_until="domcontentloaded")
            page.locator("h1", has_text="Громади області").wait_for(timeout=WAIT_MS)
            _settled(page)
            page.screenshot(path=str(ARTIFACTS / f"oblast-{size}.png"), full_page=True)
            assert page.locator('[data-testid="stException"]').count() == 0
            # The table is a canvas: its rows are in the grid's accessible table.
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.locator("table").first.wait_for(state="attached", timeout=WAIT_MS)
            shown[size] = grid.locator("table").first.inner_text()
            page.close()
        for council, name in stack.councils:
            page = chromium.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{stack.base}/?council={council}", wait_until="domcontentloaded")
            page.get_by_text(f"Громада: {name}").wait_for(timeout=WAIT_MS)
            _settled(page)
            assert page.locator('[data-testid="stException"]').count() == 0, council
            assert page.locator('[data-testid="stAlert"]', has_text="refresh").count() == 0
            assert "council=" + council in page.url
            if council == DEMO_COUNCIL:
                for size, viewport in (("desktop", None),
                                       ("phone", {"width": 390, "height": 844})):
                    if viewport:
                        page.set_viewport_size(viewport)
                        page.wait_for_timeout(1500)
                    page.screenshot(path=str(ARTIFACTS / f"overview-{size}.png"),
                                    full_page=True)
            page.close()
        chromium.close()
    for size, text in shown.items():
        for _, name in stack.councils:
            assert name in text, (size, name)


def test_the_replicas_made_no_google_request(stack: Stack) -> None:
    # Runs last in this file: every page above was served by the replicas by now.
    assert stack.google is not None and stack.worker_requests > 0
    assert stack.google_reads() == stack.worker_requests
    # Every spreadsheet's sheet list was asked for once: by the worker, never by a replica.
    assert stack.google.spreadsheets
    for key in stack.google.spreadsheets:
        assert stack.google.count("metadata", key) == 1, key
