"""AppTest runs of app.py on the demo workbook, with no developer's secrets read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odcore.demo import write_demo

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 30


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    write_demo(path)
    return path


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def internal_app(demo_path: Path, secrets_file: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on the demo workbook named by ODCORE_SOURCE, with ODCORE_OPEN_ACCESS=1."""
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    return make_runner()


@pytest.fixture
def public_app(demo_path: Path, secrets_file: Path,
               monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on the demo workbook as a non-demo source without open access."""
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    return make_runner()


def make_runner() -> Callable[..., AppTest]:
    def run(page: str | None = None, query: dict[str, str | list[str]] | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(query or {})
        if page is not None:
            at.switch_page(page)
        return at.run()
    return run
