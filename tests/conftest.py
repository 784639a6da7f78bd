"""Fixtures every test folder shares: the demo workbook, no developer's secrets or database,
and a real PostgreSQL for the tests that ask for one (tests/pg.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from odcore.demo import write_demo
from tests.pg import PostgresServer, running_postgres

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workbook, written once per test process; tests only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    write_demo(path)
    return path


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty secrets.toml in place of the developer's, and no ODCORE_* mode variables."""
    path = tmp_path / "secrets.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture(autouse=True)
def _private_state_folder(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept copies, snapshots and closed quarters go to a folder of the test session, never
    the developer's ~/.local/state/odcore (a test that wants its own sets ODCORE_STATE_DIR)."""
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path_factory.getbasetemp() / "state"))
    monkeypatch.delenv("ODCORE_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server per test process, in a temporary folder (skipped where Debian's
    postgresql is not installed, unless ODCORE_REQUIRE_POSTGRES=1)."""
    with running_postgres() as server:
        yield server


@pytest.fixture
def pg_url(postgres: PostgresServer) -> str:
    """A new empty database of that server: its address, with a password."""
    return postgres.create_database(f"odcore_t{next(_databases)}")


@pytest.fixture(scope="session")
def stack(demo_path: Path, postgres: PostgresServer,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The deployment on loopback (tests/stack.py), once per test process: the browser suites
    that ask for it (tests/test_stack_browser.py, and tests/test_pages_browser.py under
    ODCORE_E2E_STACK=1) share it. Its processes' output goes to artifacts/stack/logs/."""
    from odcore.config import PROJECT_ROOT
    from tests.nginx import require_nginx
    from tests.stack import running_deployment

    nginx = require_nginx()
    url = postgres.create_database("odcore_stack")
    with running_deployment(nginx, url, demo_path, tmp_path_factory.mktemp("stack"),
                            PROJECT_ROOT / "artifacts" / "stack" / "logs") as running:
        yield running
