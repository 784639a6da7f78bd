"""Running the app's public pages with AppTest (public-only mode) on a test workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odcore.config import PROJECT_ROOT
from odcore.ui.navigation import PAGES_DIR
from tests.public.workbooks import marker_tabs, payload_tabs, write_xlsx

APP = PROJECT_ROOT / "app.py"
PUBLIC_SCRIPTS = ("public_products.py", "public_catalogue.py", "public_programme.py")
TIMEOUT = 30

PageRunner = Callable[..., AppTest]


@pytest.fixture
def public_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No developer's secrets, public-only mode; returns the (empty) secrets file."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.delenv("ODCORE_OPEN_ACCESS", raising=False)
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "1")
    return secrets


@pytest.fixture
def marker_source(tmp_path: Path) -> Path:
    # The folder and file names are markers too: no public page may name the source.
    return write_xlsx(tmp_path / "MRK_SOURCE" / "MRK_SOURCE_BOOK.xlsx", marker_tabs())


@pytest.fixture
def payload_source(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "payloads.xlsx", payload_tabs())


def run_public_page(source: Path, script: str, monkeypatch: pytest.MonkeyPatch,
                    query: dict[str, str] | None = None) -> AppTest:
    """Open one public page of the app (by file name) with a query, reading ``source``."""
    monkeypatch.setenv("ODCORE_SOURCE", str(source))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()  # lands on the public home
    at.query_params.update(query or {})
    at.switch_page(str((PAGES_DIR / script).relative_to(APP.parent)))
    return at.run()


@pytest.fixture
def public_page(public_env: Path, monkeypatch: pytest.MonkeyPatch) -> PageRunner:
    """``public_page(source, "public_products.py", query={...})`` -> the page's AppTest."""
    def run(source: Path, script: str, query: dict[str, str] | None = None) -> AppTest:
        return run_public_page(source, script, monkeypatch, query)
    return run
