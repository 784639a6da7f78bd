"""The read cache: TTLs on an injectable clock, the refresh button and its cooldown."""

from __future__ import annotations

from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources import gsheets
from odcore.sources.gsheets import ReadCache, refresh_data, refresh_wait_seconds
from tests.gsheets.conftest import Clock


def test_refresh_clears_metadata_and_values_so_the_next_read_asks_google(
        three_sheets, open_source, cache):
    load_workbook(open_source())
    assert cache.refresh(30)
    load_workbook(open_source())
    assert three_sheets.count("metadata") == 6 and three_sheets.count("values") == 6


def test_refresh_is_refused_during_its_cooldown():
    clock = Clock()
    cache = ReadCache(clock)
    cache.put_metadata("k", {"a": 1})
    assert cache.refresh(30)
    cache.put_metadata("k", {"a": 2})
    clock.advance(10)
    assert not cache.refresh(30)
    assert cache.refresh_wait(30) == 20
    assert cache.metadata("k") == {"a": 2}
    clock.advance(20)
    assert cache.refresh(30)
    assert cache.metadata("k") is None


def test_values_expire_after_their_ttl_and_metadata_after_an_hour():
    clock = Clock()
    cache = ReadCache(clock)
    cache.put_values("k", {"v": 1})
    cache.put_metadata("k", {"m": 1})
    clock.advance(299)
    assert cache.values("k", 300) == {"v": 1}
    clock.advance(1)
    assert cache.values("k", 300) is None
    assert cache.metadata("k") == {"m": 1}
    clock.advance(3600)
    assert cache.metadata("k") is None


def test_a_good_read_forgets_the_last_failure():
    cache = ReadCache(Clock())
    cache.put_failure("k", RuntimeError("down"))  # type: ignore[arg-type]
    cache.put_values("k", {"v": 1})
    assert cache.failure("k", 60) is None


def test_the_app_button_uses_the_shared_cache_and_the_settings_cooldown(monkeypatch):
    shared = ReadCache()
    monkeypatch.setattr(gsheets, "SHARED_CACHE", shared)
    shared.put_metadata("k", {"m": 1})
    settings = Settings(refresh_cooldown_seconds=3600)

    assert refresh_data(settings.refresh_cooldown_seconds)
    assert shared.metadata("k") is None
    assert not refresh_data(settings.refresh_cooldown_seconds)
    assert 3590 < refresh_wait_seconds(settings.refresh_cooldown_seconds) <= 3600
