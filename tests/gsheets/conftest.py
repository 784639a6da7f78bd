"""The fake Google server on loopback, a service-account key made at test time, fake clocks.

Every test that touches Google runs against :class:`FakeGoogle` through the real gspread and
google-auth code: ``ODCORE_SHEETS_ENDPOINT`` points at the server and the key's ``token_uri``
too. The state folder, the secrets file and the key file live in ``tmp_path``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from odcore.config import AppConfig
from odcore.service import open_source as open_configured_source
from odcore.settings import Settings
from odcore.sources.google_http import forget_tokens
from odcore.sources.gsheets import GoogleSheetsSource, ReadCache
from tests.gsheets.fake_sheets import FakeGoogle
from tests.helpers import TASK, tab

EMAIL = "odcore-reader@odcore-test.iam.gserviceaccount.com"
MAIN_KEY = "1MainSheetKey_0123456789abcdefghijklmnopqrs"
DEPT_KEY = "1DeptSheetKey_0123456789abcdefghijklmnopqrs"
OTHER_KEY = "1OtherSheetKey_0123456789abcdefghijklmnopqr"


class Clock:
    """A monotonic clock that moves only when told to (or when the source sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def key_info(google: FakeGoogle, private_key: rsa.RSAPrivateKey) -> dict[str, str]:
    return google.key_info(EMAIL, private_key)


@pytest.fixture
def google(private_key: rsa.RSAPrivateKey, tmp_path: Any,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoogle]:
    server = FakeGoogle().start()
    server.add_account(EMAIL, private_key.public_key())
    key_path = tmp_path / "key.json"
    key_path.write_text(json.dumps(server.key_info(EMAIL, private_key)), encoding="utf-8")
    monkeypatch.setenv("ODCORE_SHEETS_ENDPOINT", server.url)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_path))
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "secrets.toml"))
    for name in ("ODCORE_SOURCE", "ODCORE_PUBLIC_ONLY", "ODCORE_OPEN_ACCESS", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    forget_tokens()  # the tokens a server of an earlier test issued
    yield server
    server.stop()
    forget_tokens()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sleeps(clock: Clock) -> list[float]:
    return []


@pytest.fixture
def cache(clock: Clock) -> ReadCache:
    return ReadCache(clock)


@pytest.fixture
def open_source(google: FakeGoogle, clock: Clock, sleeps: list[float],
                cache: ReadCache) -> Callable[..., GoogleSheetsSource]:
    """Open the Google source as the app does, with a fake clock and a recording sleep."""

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.advance(seconds)

    def _open(key: str = MAIN_KEY, *, public_only: bool = False,
              **settings: Any) -> GoogleSheetsSource:
        config = AppConfig(settings=Settings(**settings), source_location=f"gsheets:{key}",
                           is_demo=False, public_only=public_only)
        return open_configured_source(config, cache=cache, sleep=sleep,
                                  clock=clock)

    return _open


IT, FINANCE = "Відділ ІТ", "Фінансове управління"


def report(department: str, period: str = "2024-Q1", **extra: Any) -> dict[str, Any]:
    return {"task_code": "4.3", "period": period, "status": "Виконано",
            "department": department, **extra}


@pytest.fixture
def three_sheets(google: FakeGoogle) -> FakeGoogle:
    """A main spreadsheet listing two department spreadsheets, all shared with the account."""
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([
        tab("plan", {**TASK, "executors_text": f"{IT}, {FINANCE}"}),
        tab("departments",
            {"name": IT, "spreadsheet": f"https://docs.google.com/spreadsheets/d/{DEPT_KEY}/edit"},
            {"name": FINANCE, "spreadsheet": OTHER_KEY}),
    ]), readers=[EMAIL])
    google.add_spreadsheet(DEPT_KEY, "Звіти ІТ", dict([tab("reports", report(IT))]),
                           readers=[EMAIL])
    google.add_spreadsheet(OTHER_KEY, "Звіти фінансів",
                           dict([tab("reports", report(FINANCE, "2024-Q2"))]), readers=[EMAIL])
    return google
