"""Requests per refresh: once the token and the sheet list are kept, a refresh of the data is
one values request per spreadsheet (issue 14), counted by the loopback Sheets server."""

from __future__ import annotations

from odcore.reading import load_workbook
from odcore.sources.google_http import TOKEN_KEEP_SECONDS
from odcore.sources.gsheets import METADATA_TTL_SECONDS

VALUES_TTL = 300  # Settings' default cache_ttl_seconds


def _counts(google) -> dict[str, int]:
    return {kind: google.count(kind) for kind in ("token", "metadata", "values")}


def test_a_refresh_after_the_values_expire_is_one_values_request_per_spreadsheet(
        three_sheets, open_source, clock):
    workbook = load_workbook(open_source())
    assert len(workbook.reports) == 2
    first = _counts(three_sheets)
    assert first == {"token": 1, "metadata": 3, "values": 3}
    for refresh in range(1, 4):
        clock.advance(VALUES_TTL + 1)  # the values expire; the token and sheet list are kept
        assert len(load_workbook(open_source()).reports) == 2
        assert _counts(three_sheets) == {"token": 1, "metadata": 3, "values": 3 + 3 * refresh}


def test_the_values_within_their_ttl_are_no_request_at_all(three_sheets, open_source, clock):
    load_workbook(open_source())
    clock.advance(VALUES_TTL - 1)
    load_workbook(open_source())
    assert _counts(three_sheets) == {"token": 1, "metadata": 3, "values": 3}


def test_the_token_and_the_sheet_list_are_asked_again_when_their_time_is_up(
        three_sheets, open_source, clock):
    load_workbook(open_source())
    clock.advance(min(TOKEN_KEEP_SECONDS, METADATA_TTL_SECONDS))
    load_workbook(open_source())
    counts = _counts(three_sheets)
    assert counts["token"] == 2 and counts["values"] == 6
