"""AppTest runs of app.py on the demo workbook, with no developer's secrets read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 30


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


@pytest.fixture
def template_app(tmp_path: Path, secrets_file: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on a blank template (``python -m odcore template``), with open access."""
    from odcore.cli import main

    path = tmp_path / "blank.xlsx"
    assert main(["template", str(path)]) == 0
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    return make_runner()


def make_runner() -> Callable[..., AppTest]:
    def run(page: str | None = None, query: dict[str, str | list[str]] | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(query or {})
        if page is not None:
            at.switch_page(page)
        return at.run()
    return run
