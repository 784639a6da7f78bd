"""Debian's Chromium for the browser tests: skipped where it is missing, unless required."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_chromium() -> None:
    """Skip the calling module without Chromium; under ``make e2e`` fail instead."""
    if CHROMIUM.exists():
        return
    if os.environ.get("ODCORE_REQUIRE_BROWSER") == "1":  # make e2e: never skip
        raise RuntimeError("Debian's chromium is not installed at /usr/bin/chromium")
    pytest.skip("Debian's chromium is not installed: run make e2e",
                allow_module_level=True)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(base: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait for a ``streamlit run`` at ``base`` to answer its health check; RuntimeError when
    the process ends or ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start") from None
            time.sleep(0.3)


@contextmanager
def running_app(script: Path, port: int, env: dict[str, str], log: Path | None = None
                ) -> Iterator[str]:
    """``streamlit run script`` on a loopback port until the block ends, its output appended
    to ``log`` (dropped when None); yields the app's base URL once it is healthy."""
    base = f"http://127.0.0.1:{port}"
    with (log.open("ab") if log is not None else open(os.devnull, "wb")) as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=script.parent, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(base, process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# --- Whether a grid's columns fit (issue 12) ------------------------------------------------

COLUMNS_JS = (Path(__file__).parent / "browser_js" / "columns.js").read_text("utf-8")
HEADER_PADDING = 16  # the grid's cell padding, both sides together
GRID_WAIT_MS = 30_000


def grid_columns(grid) -> dict:
    """The grid's column edges and headers, once it has drawn its canvas and headers."""
    grid.locator("canvas").first.wait_for(timeout=GRID_WAIT_MS)
    grid.locator("thead th").first.wait_for(state="attached", timeout=GRID_WAIT_MS)
    return grid.evaluate(COLUMNS_JS)


def cut_columns(info: dict, first: int = 3) -> list[str]:
    """Which of a table's ``first`` columns are cut: past the grid's edge, or a header
    wider than its column."""
    edges, heads, width = info["edges"], info["heads"], info["width"]
    total = int(info["colcount"] or len(heads))
    # Row selection adds a narrow checkbox column first; no data column is that narrow.
    offset = 1 if edges and edges[0] < 40 else 0
    start = edges[0] if offset else 0.0
    cut = []
    for k in range(min(first, total)):
        if offset + k < len(edges):
            end = edges[offset + k]
        else:  # the last column stretches to the grid's width; any other runs past it
            end = width if k == total - 1 else math.inf
        head = heads[k] if k < len(heads) else f"#{k + 1}"
        if end > width + 1 or k >= len(heads) or (
                info["textWidths"][k] + HEADER_PADDING > end - start):
            cut.append(head)
        start = end
    return cut
