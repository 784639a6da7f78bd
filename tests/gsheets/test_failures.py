"""Failures: retries and backoff, one deadline, snapshots that serve, messages by cause."""

from __future__ import annotations

import json
import time

import pytest

from odcore.config import AppConfig
from odcore.reading import load_workbook
from odcore.service import open_source as open_configured_source
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.google_http import ApiError, Failure, retry_after_seconds
from odcore.sources.gsheets import ReadCache
from odcore.sources.snapshots import SnapshotStore
from tests.gsheets.conftest import DEPT_KEY, EMAIL, FINANCE, IT, MAIN_KEY, OTHER_KEY
from tests.gsheets.fake_sheets import quota_body, service_disabled_body
from tests.helpers import DEPT, TASK, codes, tab


@pytest.fixture
def main_only(google):
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([tab("plan", TASK), tab("departments", DEPT)]),
                           readers=[EMAIL])
    return google


def _main_error(open_source, **settings) -> ApiError:
    with pytest.raises(SourceError) as caught:
        open_source(**settings).read_main()
    assert isinstance(caught.value, ApiError)
    return caught.value


def test_429_then_success_is_retried_and_succeeds(main_only, open_source, sleeps):
    main_only.fail("values", status=429, body=quota_body())

    sheet = open_source().read_main()

    assert [t.title for t in sheet.tabs] == ["План", "Підрозділи"]
    assert main_only.count("values") == 2
    assert sleeps == [1.0]


def test_retry_after_is_honoured(main_only, open_source, sleeps):
    main_only.fail("values", status=503, retry_after="7")
    open_source().read_main()
    assert sleeps == [7.0]


def test_at_most_three_tries_then_a_quota_message(main_only, open_source, sleeps):
    main_only.fail("values", status=429, body=quota_body(), times=None)

    error = _main_error(open_source)

    assert error.failure is Failure.QUOTA
    assert "ліміт запитів" in str(error) and EMAIL in str(error)
    assert main_only.count("values") == 3
    assert sleeps == [1.0, 2.0]


def test_backoff_never_sleeps_past_the_refresh_deadline(main_only, open_source, sleeps):
    main_only.fail("values", status=500, times=None)

    error = _main_error(open_source, refresh_deadline_seconds=2.5)

    assert error.failure is Failure.SERVER
    assert sleeps == [1.0]  # the second wait (2 s) would end after the deadline
    assert main_only.count("values") == 2


def test_retry_after_beyond_the_deadline_gives_up_at_once(main_only, open_source, sleeps):
    main_only.fail("values", status=429, body=quota_body(), retry_after="60")
    error = _main_error(open_source)
    assert error.failure is Failure.QUOTA and sleeps == []


def test_slow_server_times_out_within_the_deadline(main_only, monkeypatch):
    main_only.fail("values", status=200, delay=2.0, times=None)
    config = AppConfig(settings=Settings(refresh_deadline_seconds=0.4),
                       source_location=f"gsheets:{MAIN_KEY}", is_demo=False)
    source = open_configured_source(config, cache=ReadCache())
    started = time.monotonic()

    with pytest.raises(ApiError) as caught:
        source.read_main()

    assert caught.value.failure is Failure.NETWORK
    assert "не відповів вчасно" in str(caught.value)
    assert time.monotonic() - started < 1.5


def _loaded_twice(google, open_source, clock, **fault):
    """Read everything once (snapshots saved), plant a fault for DEPT_KEY, read again."""
    load_workbook(open_source())
    clock.advance(301)
    google.fail("values", key=DEPT_KEY, times=None, **fault)
    return load_workbook(open_source())


def _info(workbook, key):
    return next(i for i in workbook.spreadsheets if key in i.location)


def test_persistent_500_serves_the_snapshot_with_its_banner_while_another_sheet_is_fresh(
        three_sheets, open_source, clock):
    workbook = _loaded_twice(three_sheets, open_source, clock, status=500)

    assert {r.department for r in workbook.reports} == {IT, FINANCE}
    stale = _info(workbook, DEPT_KEY)
    assert stale.stale_note.startswith("Дані таблиці «Звіти ІТ» станом на ")
    assert _info(workbook, MAIN_KEY).stale_note == ""
    assert _info(workbook, OTHER_KEY).stale_note == ""
    assert three_sheets.count("values", DEPT_KEY) == 1 + 3
    assert "spreadsheet.unreadable" not in codes(workbook)


def test_dropped_connection_serves_the_snapshot(three_sheets, open_source, clock):
    workbook = _loaded_twice(three_sheets, open_source, clock, drop=True)

    assert {r.department for r in workbook.reports} == {IT, FINANCE}
    assert "станом на" in _info(workbook, DEPT_KEY).stale_note
    assert _info(workbook, OTHER_KEY).stale_note == ""


def test_snapshot_keeps_the_reason_in_its_notes(three_sheets, open_source, clock):
    _loaded_twice(three_sheets, open_source, clock, status=500)
    sheet = open_source().read_linked(DEPT_KEY)
    assert sheet.stale_note and any("(500)" in note for note in sheet.notes)


def test_after_a_failure_google_is_not_asked_again_for_a_minute(three_sheets, open_source, clock):
    _loaded_twice(three_sheets, open_source, clock, status=500)
    asked = three_sheets.count("values", DEPT_KEY)

    clock.advance(59)
    again = load_workbook(open_source())
    assert "станом на" in _info(again, DEPT_KEY).stale_note
    assert three_sheets.count("values", DEPT_KEY) == asked

    three_sheets.faults.clear()
    clock.advance(2)
    fresh = load_workbook(open_source())
    assert _info(fresh, DEPT_KEY).stale_note == ""
    assert three_sheets.count("values", DEPT_KEY) == asked + 1


def test_network_down_at_a_cold_start_serves_the_snapshots(three_sheets, open_source, clock,
                                                           sleeps):
    load_workbook(open_source())
    three_sheets.stop()
    config = AppConfig(settings=Settings(), source_location=f"gsheets:{MAIN_KEY}",
                       is_demo=False)
    cold = open_configured_source(config, cache=ReadCache(clock),
                              sleep=sleeps.append, clock=clock)

    workbook = load_workbook(cold)

    assert {r.department for r in workbook.reports} == {IT, FINANCE}
    assert all("станом на" in info.stale_note for info in workbook.spreadsheets)
    assert "недоступний" in cold.read_main().notes[0]


def test_main_sheet_failure_without_a_snapshot_says_there_is_none(main_only, open_source):
    main_only.fail("values", status=500, times=None)
    error = _main_error(open_source)
    assert "(500)" in str(error) and "знімка" in str(error)


def test_403_names_the_service_account_to_share_with(main_only, open_source):
    main_only.spreadsheets[MAIN_KEY].readers.clear()
    error = _main_error(open_source)
    assert error.failure is Failure.NOT_SHARED
    assert EMAIL in str(error) and "«читач»" in str(error)


def test_sheets_api_not_enabled_says_where_to_enable_it(main_only, open_source):
    main_only.api_enabled = False
    error = _main_error(open_source)
    assert error.failure is Failure.API_DISABLED
    assert "Google Sheets API не увімкнено" in str(error) and "odcore-test" in str(error)
    assert "sheets.googleapis.com" in str(error)


def test_api_disabled_is_told_apart_from_not_shared_by_its_reason(main_only, open_source):
    main_only.fail("metadata", status=403, body=service_disabled_body())
    assert _main_error(open_source).failure is Failure.API_DISABLED


def test_unknown_key_is_not_found(google, open_source):
    error = _main_error(open_source)
    assert error.failure is Failure.NOT_FOUND and "не знайдено" in str(error)


def test_revoked_key_says_to_make_a_new_one(main_only, open_source):
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    main_only.add_account(EMAIL, other.public_key())  # the key we hold is no longer valid
    error = _main_error(open_source)
    assert error.failure is Failure.BAD_KEY
    assert "відкликаний" in str(error) and EMAIL in str(error)


def test_wrong_server_clock_is_named(main_only, open_source):
    main_only.clock_skew = 3600.0
    error = _main_error(open_source)
    assert error.failure is Failure.CLOCK and "годинник" in str(error)


def test_network_down_says_to_check_the_connection(main_only, open_source, sleeps):
    main_only.stop()
    error = _main_error(open_source)
    assert error.failure is Failure.NETWORK and "інтернет" in str(error)
    assert sleeps == [1.0, 2.0]


def test_corrupt_snapshot_is_ignored_with_a_message(main_only, open_source, clock):
    open_source().read_main()
    path = SnapshotStore().path(MAIN_KEY)
    path.write_text("{not json", encoding="utf-8")
    clock.advance(301)
    main_only.fail("values", status=500, times=None)

    error = _main_error(open_source)

    assert "пошкоджений" in str(error) and str(path) in str(error)


def test_snapshot_of_an_unexpected_shape_is_ignored_with_a_message(main_only, open_source,
                                                                    clock):
    open_source().read_main()
    path = SnapshotStore().path(MAIN_KEY)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["payload"]["values"] = "broken"
    path.write_text(json.dumps(data), encoding="utf-8")
    clock.advance(301)
    main_only.fail("values", status=500, times=None)

    assert "пошкоджений" in str(_main_error(open_source))


def test_public_only_mode_stores_no_snapshot_and_says_so(main_only, open_source, clock):
    open_source(public_only=True).read_main()
    assert not SnapshotStore().path(MAIN_KEY).exists()
    clock.advance(301)
    main_only.fail("values", status=500, times=None)

    error = _main_error(open_source, public_only=True)

    assert "публічному режимі знімки" in str(error)


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    now = 1_700_000_000.0
    assert retry_after_seconds("7", lambda: now) == 7.0
    assert retry_after_seconds("Tue, 14 Nov 2023 22:13:40 GMT", lambda: now) == 20.0
    assert retry_after_seconds("Tue, 14 Nov 2023 22:13:00 GMT", lambda: now) == 0.0
    assert retry_after_seconds("soon", lambda: now) is None
    assert retry_after_seconds(None) is None
