"""The dashboard through nginx, as deployed: two replicas on PostgreSQL behind the site file of
deploy/nginx. New browsers are spread over both replicas; one browser stays on its replica
(the odcore_replica cookie), and its session's one WebSocket carries rerun after rerun.

Run with ``make browser-test``: it needs Debian's chromium, postgresql and nginx.
"""

from __future__ import annotations

import http.cookiejar
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from odcore.config import PROJECT_ROOT
from odcore.stores.postgres import SCHEMA_VERSION
from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.nginx import require_nginx
from tests.stack import EXPORT_PAGE, Stack, running_stack

pytestmark = pytest.mark.browser

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")

WAIT_MS = 30_000
HEADER = "x-odcore-replica"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "stack"


@pytest.fixture(scope="module")
def stack(demo_path: Path, postgres: object, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Stack]:
    nginx = require_nginx()
    url = postgres.create_database("odcore_stack")  # type: ignore[attr-defined]
    folder = tmp_path_factory.mktemp("stack")
    secrets = folder / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    env = {"ODCORE_SOURCE": str(demo_path), "ODCORE_OPEN_ACCESS": "1",
           "ODCORE_SECRETS_FILE": str(secrets), "ODCORE_PUBLIC_ONLY": "",
           "ODCORE_DATABASE_URL": url, "ODCORE_STATE_DIR": str(folder / "state")}
    with running_stack(nginx, env, ARTIFACTS / "logs") as running:
        yield running


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
        page.goto(f"{stack.base}/", wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=WAIT_MS)
        titles = [page.locator("h1").first.inner_text()]
        # Each page switch is a rerun over the session's WebSocket; history reads the closed
        # quarters from PostgreSQL.
        for path in ("plan", "datasets", "history", "about"):
            page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
            page.wait_for_url(f"**/{path}", timeout=WAIT_MS)
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
