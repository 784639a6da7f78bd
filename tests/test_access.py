"""The page list per mode: internal pages only on the demo or with open access on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from odcore.access import INTERNAL_PAGES, PUBLIC_PAGES, PageKey, internal_allowed, pages_for
from odcore.config import AppConfig, load_config
from odcore.settings import Settings

INTERNAL = (PageKey.OVERVIEW, PageKey.PROBLEMS)
PUBLIC = (PageKey.PUBLIC_HOME,)


def config(*, is_demo: bool = False, open_access: bool = False,
           public_only: bool = False) -> AppConfig:
    return AppConfig(settings=Settings(), source_location="x.xlsx", is_demo=is_demo,
                     open_access=open_access, public_only=public_only)


def test_demo_serves_every_page_internal_ones_first():
    assert pages_for(config(is_demo=True)) == INTERNAL_PAGES + PUBLIC_PAGES
    assert pages_for(config(is_demo=True), internal=INTERNAL, public=PUBLIC) == (
        PageKey.OVERVIEW, PageKey.PROBLEMS, PageKey.PUBLIC_HOME)


def test_other_source_without_open_access_serves_only_the_public_pages():
    assert pages_for(config()) == PUBLIC_PAGES
    assert not internal_allowed(config())


def test_public_pages_start_with_the_public_home_and_hold_no_internal_page():
    assert PUBLIC_PAGES[0] is PageKey.PUBLIC_HOME
    assert not set(PUBLIC_PAGES) & set(INTERNAL_PAGES)


def test_open_access_serves_internal_pages_on_any_source():
    assert pages_for(config(open_access=True), internal=INTERNAL, public=PUBLIC) == (
        INTERNAL + PUBLIC)


@pytest.mark.parametrize("is_demo", [True, False])
def test_public_only_wins_over_open_access_and_the_demo(is_demo):
    chosen = config(is_demo=is_demo, open_access=True, public_only=True)
    assert pages_for(chosen, internal=INTERNAL, public=PUBLIC) == PUBLIC


def test_without_public_pages_the_public_home_stands_alone():
    assert pages_for(config(), internal=INTERNAL, public=()) == PUBLIC


def test_configuration_that_failed_to_load_is_public():
    assert pages_for(None, internal=INTERNAL, public=PUBLIC) == PUBLIC


def test_internal_pages_never_include_the_public_home():
    assert PageKey.PUBLIC_HOME not in INTERNAL_PAGES


@pytest.fixture
def secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_environment_open_access_wins_over_secrets(secrets, monkeypatch):
    secrets.write_text('[odcore]\nsource = "x.xlsx"\nopen_access = false\n', encoding="utf-8")
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    assert pages_for(load_config(), internal=INTERNAL, public=PUBLIC) == INTERNAL + PUBLIC


def test_environment_can_switch_off_public_only_from_secrets(secrets, monkeypatch):
    secrets.write_text('[odcore]\nsource = "x.xlsx"\npublic_only = true\nopen_access = true\n',
                       encoding="utf-8")
    assert pages_for(load_config(), internal=INTERNAL, public=PUBLIC) == PUBLIC
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "0")
    assert pages_for(load_config(), internal=INTERNAL, public=PUBLIC) == INTERNAL + PUBLIC


def test_public_only_in_secrets_applies_to_the_demo(secrets):
    secrets.write_text("[odcore]\npublic_only = true\n", encoding="utf-8")
    assert pages_for(load_config(), internal=INTERNAL, public=PUBLIC) == PUBLIC
