"""A wrongly typed value in [odcore] never reaches a public page.

The hostile tester's case: ``cache_ttl_seconds = "abc"`` or ``time_zone = "<b>x</b>"`` was
echoed word for word on every public page. Rule: a public page never shows a configuration
value; the full message goes to the server log and to the internal pages, and a visitor sees
a neutral «Панель тимчасово недоступна» notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import odcore.config as config_module
from odcore.access import PUBLIC_PAGES, PageKey, pages_for
from odcore.config import ConfigError, load_config
from odcore.ui.loading import page_access
from odcore.ui.navigation import PAGE_FILES, PAGES_DIR
from tests.public.conftest import APP, TIMEOUT
from tests.public.sent import sent
from tests.ui.rendered import texts

BAD_VALUES = [
    ('cache_ttl_seconds = "abc"', ("abc", "cache_ttl_seconds")),
    ('time_zone = "<b>x</b>"', ("<b>x</b>", "time_zone", "&lt;b&gt;")),
    ('plan_first_year = "MRK_YEAR"', ("MRK_YEAR", "plan_first_year")),
    ('[odcore.council]\ndecision_date = "MRK_DATE"', ("MRK_DATE", "decision_date")),
]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             demo_path: Path) -> Callable[[str], Path]:
    """Write the only settings file odcore reads; the source is the demo as a non-demo file."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    for name in ("ODCORE_PUBLIC_ONLY", "ODCORE_OPEN_ACCESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())

    def write(body: str) -> Path:
        path.write_text(f"[odcore]\n{body}\n", encoding="utf-8")
        return path
    return write


def run_page(key: PageKey, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.switch_page(str((PAGES_DIR / PAGE_FILES[key].script).relative_to(APP.parent)))
    return at.run()


@pytest.mark.parametrize(("body", "secrets"), BAD_VALUES)
def test_no_public_page_shows_a_wrongly_typed_value(settings, body, secrets, caplog):
    settings(body)
    with caplog.at_level(logging.ERROR, logger="odcore.ui.loading"):
        for key in PUBLIC_PAGES:
            for language in ("uk", "en"):
                at = run_page(key, {"lang": language})
                assert not at.exception and not at.error
                everything = sent(at)
                assert [s for s in secrets if s in everything] == [], (key, language)
                assert "secrets.toml" not in everything
                notice = "temporarily unavailable" if language == "en" else "тимчасово недоступна"
                assert notice in texts(at)
    # The full message, value included, reaches the server log once.
    logged = [r.getMessage() for r in caplog.records if secrets[1] in r.getMessage()]
    assert len(logged) == 1 and secrets[0] in logged[0]


@pytest.mark.parametrize(("body", "secrets"), BAD_VALUES)
def test_the_internal_problems_page_shows_the_whole_message(settings, monkeypatch, body,
                                                            secrets):
    settings(body)
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    # The broken setting leaves the access flags readable: the intranet keeps its pages.
    assert PageKey.PROBLEMS in pages_for(page_access())
    at = run_page(PageKey.PROBLEMS)
    assert not at.exception
    shown = texts(at)
    assert "Налаштування панелі містять помилку" in shown
    assert secrets[1] in shown and secrets[0] in shown


@pytest.mark.parametrize(("body", "expected"), [
    ('cache_ttl_seconds = "abc"', "cache_ttl_seconds = 'abc': має бути цілим числом"),
    ("compliance_target = \"75%\"", "compliance_target = '75%': має бути числом"),
    ('image_hosts = "example.org"', "image_hosts = 'example.org': має бути списком"),
    ("grace_days = 5", "grace_days = 5: має бути окремим розділом"),
    ('council = "Рада"', "council = 'Рада': має бути окремим розділом"),
    ('[odcore.council]\ndecision_date = "26.02.2024"',
     "council.decision_date = '26.02.2024': має бути датою РРРР-ММ-ДД"),
    ('public_only = "так"', "public_only = 'так': має бути true або false"),
    ("source = 5", "source = 5: має бути текстом у лапках"),
])
def test_a_wrongly_typed_value_is_named_in_ukrainian(settings, body, expected):
    settings(body)
    with pytest.raises(ConfigError) as error:
        load_config()
    assert expected in str(error.value)
    assert "Input should be" not in str(error.value)


@pytest.mark.parametrize("body", ['open_access = "false"', 'open_access = "ні"',
                                  "open_access = 0"])
def test_open_access_typed_as_text_or_a_number_keeps_the_site_public(settings, body):
    # "false" in quotes is a non-empty text, which bool() reads as true: it must not open
    # the internal pages.
    settings(body)
    assert pages_for(page_access()) == PUBLIC_PAGES
    at = run_page(PageKey.PROBLEMS)
    assert at.title == [] or at.title[0].value != "Проблеми в таблицях"
    assert "тимчасово недоступна" in texts(at)


def test_public_only_typed_wrongly_fails_closed_even_with_open_access(settings, monkeypatch):
    settings('public_only = "yes"')
    with pytest.raises(ConfigError) as error:
        load_config()
    assert error.value.access is not None and error.value.access.public_only
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    assert pages_for(page_access()) == PUBLIC_PAGES
