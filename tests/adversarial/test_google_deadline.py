"""One wall-clock deadline for a whole refresh: the token request, the metadata, the values
and every retry, enforced while bytes arrive, so a server that trickles its answer (or a
sign-in server that does) ends the refresh on time and the kept snapshot serves.

The deadline is set low (2-3 s) and the bound is the deadline plus a generous margin; a
read that never ends makes the test fail instead of hanging (tests/gsheets/hostile.py).
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

import pytest

from odcore.reading import load_workbook
from odcore.sources.google_http import ApiError, Failure, forget_tokens
from tests.gsheets.conftest import DEPT_KEY, FINANCE, IT, MAIN_KEY, OTHER_KEY
from tests.gsheets.hostile import add_main, finished_within, real_source

DEADLINE = 2.0
MARGIN = 1.5  # reading the snapshots and the workbook after the deadline, on a busy machine


def _served_stale(workbook, *keys: str) -> bool:
    return all(next(i for i in workbook.spreadsheets if key in i.location).stale_note
               for key in keys)


def test_a_body_trickling_a_byte_at_a_time_ends_at_the_deadline_and_the_snapshot_serves(
        three_sheets):
    load_workbook(real_source())  # the snapshots
    three_sheets.fail("values", key=DEPT_KEY, status=200, trickle=0.3, endless=True)

    workbook, elapsed = finished_within(
        DEADLINE * 4, lambda: load_workbook(real_source(refresh_deadline_seconds=DEADLINE)))

    assert elapsed < DEADLINE + MARGIN
    assert sorted(r.department for r in workbook.reports) == sorted([IT, FINANCE])
    assert _served_stale(workbook, DEPT_KEY, OTHER_KEY)  # the deadline covers the refresh
    (stale, *_) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    assert f"не відповів за {DEADLINE:g} с" in stale.message


def test_a_trickle_slower_than_the_time_left_ends_at_the_deadline_not_at_the_next_byte(google):
    # Each read's socket timeout is cut to the time left: waiting for the next byte at the
    # full read timeout would end the read at the second byte, 2.5 s after the first.
    deadline = 3.0
    add_main(google)
    load_workbook(real_source())
    google.fail("values", status=200, trickle=2.5, endless=True)

    workbook, elapsed = finished_within(
        deadline * 4, lambda: load_workbook(real_source(refresh_deadline_seconds=deadline)))

    assert elapsed < deadline + 1.2
    assert len(workbook.reports) == 1 and workbook.spreadsheets[0].stale_note


def test_a_sign_in_server_trickling_its_answer_ends_at_the_deadline_and_snapshots_serve(
        three_sheets):
    load_workbook(real_source())
    forget_tokens()  # the kept token has run out: the next read must sign in again
    three_sheets.fail("token", status=200, trickle=0.3, endless=True)

    workbook, elapsed = finished_within(
        DEADLINE * 4, lambda: load_workbook(real_source(refresh_deadline_seconds=DEADLINE)))

    assert elapsed < DEADLINE + MARGIN
    assert sorted(r.department for r in workbook.reports) == sorted([IT, FINANCE])
    assert _served_stale(workbook, MAIN_KEY, DEPT_KEY, OTHER_KEY)
    stale = next(i for i in workbook.issues if i.code == "spreadsheet.stale")
    assert "сервер входу Google" in stale.message and f"за {DEADLINE:g} с" in stale.message


def test_a_finite_trickle_past_the_deadline_is_a_deadline_failure(google):
    add_main(google)
    google.fail("values", status=200, trickle=0.2, times=None)  # the real answer, 0.2 s a byte: minutes

    def read():
        with pytest.raises(ApiError) as caught:
            real_source(refresh_deadline_seconds=DEADLINE).read_main()
        return caught.value

    error, elapsed = finished_within(DEADLINE * 4, read)

    assert elapsed < DEADLINE + MARGIN
    assert error.failure is Failure.DEADLINE and "знімка цієї таблиці ще немає" in str(error)


def test_retries_of_a_slow_failing_server_stay_inside_the_deadline(google):
    add_main(google)
    google.fail("values", status=503, delay=0.8, times=None)

    def read():
        with pytest.raises(ApiError) as caught:
            real_source(refresh_deadline_seconds=DEADLINE).read_main()
        return caught.value

    error, elapsed = finished_within(DEADLINE * 4, read)

    assert elapsed < DEADLINE + MARGIN
    assert error.failure in (Failure.SERVER, Failure.DEADLINE, Failure.NETWORK)
