"""Debian's Chromium for the browser tests: skipped where it is missing, unless required."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    """Skip the calling module without Chromium; under ``make browser-test`` fail instead."""
    if CHROMIUM.exists():
        return
    if os.environ.get("ODCORE_REQUIRE_BROWSER") == "1":  # make browser-test: never skip
        raise RuntimeError("Debian's chromium is not installed at /usr/bin/chromium")
    pytest.skip("Debian's chromium is not installed: run make browser-test",
                allow_module_level=True)
