"""The read cache: TTLs on an injectable clock, the refresh button and its cooldown."""

from __future__ import annotations

from odcore.config import AppConfig
from odcore.reading import load_workbook
from odcore.service import DataService, SourceRef, open_service
from odcore.settings import Settings
from odcore.sources.gsheets import ReadCache
from odcore.sources.memory import MemorySource
from tests.gsheets.conftest import Clock


def test_refresh_clears_metadata_and_values_so_the_next_read_asks_google(
        three_sheets, open_source, cache):
    load_workbook(open_source())
    cache.clear()  # what the service's refresh does to the Google cache
    load_workbook(open_source())
    assert three_sheets.count("metadata") == 6 and three_sheets.count("values") == 6


def _service(cache: ReadCache, clock: Clock, cooldown: int = 30) -> DataService:
    return DataService(SourceRef.parse("gsheets:abcdefghijklmnopqrstuvwx"),
                       Settings(refresh_cooldown_seconds=cooldown),
                       lambda: MemorySource({}), google_cache=cache, clock=clock)


def test_refresh_is_refused_during_its_cooldown():
    clock = Clock()
    cache = ReadCache(clock)
    service = _service(cache, clock)
    cache.put_metadata("k", {"a": 1})
    assert service.refresh()
    cache.put_metadata("k", {"a": 2})
    clock.advance(10)
    assert not service.refresh()
    assert service.refresh_wait() == 20
    assert cache.metadata("k") == {"a": 2}
    clock.advance(20)
    assert service.refresh()
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


def test_each_service_owns_its_google_cache_and_the_settings_cooldown():
    # No process-wide cache: the service of a configuration owns what Google answered, so a
    # refresh worker or a second council's service has its own.
    config = AppConfig(Settings(refresh_cooldown_seconds=3600), "gsheets:abcdefghijklmnopqrstuvwx",
                       is_demo=False)
    first, second = open_service(config), open_service(config)
    assert first.google_cache is not None and first.google_cache is not second.google_cache
    first.google_cache.put_metadata("k", {"m": 1})
    assert first.refresh()
    assert first.google_cache.metadata("k") is None
    assert not first.refresh()
    assert 3590 < first.refresh_wait() <= 3600
    assert second.refresh_wait() == 0
