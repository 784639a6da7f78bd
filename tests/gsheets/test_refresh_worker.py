"""The refresh worker on the loopback Sheets server: a simulated oblast of 63 councils x 10
spreadsheets read in full under the quota (reads per minute measured on an injected clock),
a failing council reported while the others are fresh, the back-off, and web replicas that
serve only what the worker kept (docs/councils.md)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from odcore.config import load_config
from odcore.councils import council_config, load_councils
from odcore.refresh import READ_STATUS_KIND, RefreshWorker, TokenBucket, read_status
from odcore.rollup import ROLLUP_KIND
from odcore.service import open_service, store_for
from odcore.sources.base import SourceError
from tests.gsheets.conftest import EMAIL, Clock
from tests.gsheets.oblast import (
    build_oblast,
    council_id,
    council_key,
    council_name,
    most_in_any_window,
)

LIMIT, BURST = 50, 5  # Settings' default refresh_reads_per_minute and refresh_burst


def _sleeper(clock: Clock):
    def sleep(seconds: float) -> None:
        clock.advance(seconds)
    return sleep


@pytest.fixture
def oblast_worker(google, key_info, tmp_path, clock):
    def make(councils: int = 63, sheets: int = 10) -> tuple[RefreshWorker, Path]:
        path = build_oblast(google, tmp_path, key_info, EMAIL, councils=councils, sheets=sheets)
        worker = RefreshWorker(load_councils(path), load_config(), clock=clock,
                               sleep=_sleeper(clock))
        return worker, path
    return make


def test_an_oblast_of_63_councils_is_read_in_full_within_the_quota_and_a_500_is_reported(
        google, oblast_worker, clock, caplog):
    failing = 17
    google.fail("values", key=council_key(failing, 4), status=500, times=None)
    worker, _ = oblast_worker()
    start = clock()
    with caplog.at_level(logging.INFO, logger="odcore.refresh"):
        outcomes = worker.run_once()
    total = clock() - start
    times = [moment for moment, _ in worker.request_log]
    # Every spreadsheet asked: its sheet list and its values (the failing one three times).
    assert google.count("metadata") + google.count("values") == len(times)
    assert google.count("values") == 63 * 10 + 2
    assert most_in_any_window(times) <= LIMIT
    # The quota is the bottleneck, and it is used: the bucket's burst, then 45 a minute.
    minutes = (len(times) - BURST) / (LIMIT - BURST)
    assert minutes - 0.5 <= total / 60 <= minutes + 0.5
    print(f"\n63 councils x 10 spreadsheets: {len(times)} requests in {total / 60:.1f} "
          f"simulated minutes, at most {most_in_any_window(times)} in any minute")
    failed = [o for o in outcomes if not o.ok]
    assert [o.council for o in failed] == [council_id(failing)]
    assert council_key(failing, 4) in failed[0].error
    fresh = [o for o in outcomes if o.ok]
    # 1 task and 9 departments in the main spreadsheet, 1 report in each of the other 9.
    assert len(fresh) == 62 and all(o.rows == 19 for o in fresh)
    # One log line per council per read: duration, requests, rows, issues.
    lines = [r.getMessage() for r in caplog.records if r.name == "odcore.refresh"]
    assert len(lines) == 63
    assert any(line.startswith(f"council {council_id(2)}: ") and "20 requests, 19 rows" in line
               for line in lines)
    oblast = {name: row for name, row in store_for("", "").list_records(ROLLUP_KIND)}
    assert len(oblast) == 63
    assert oblast[council_id(failing)]["last_good_read"] is None
    assert council_key(failing, 4) in oblast[council_id(failing)]["last_error"]
    assert oblast[council_id(1)]["last_good_read"] and not oblast[council_id(1)]["last_error"]
    assert oblast[council_id(1)]["plan_progress"] > 0  # 2024-Q1 of a quarterly task is done
    status = read_status(store_for("", council_id(1)))
    assert status is not None and status["requests"] == 20 and status["last_error"] == ""


def test_web_replicas_serve_what_the_worker_kept_and_never_call_google(
        google, oblast_worker, monkeypatch):
    worker, path = oblast_worker(councils=2, sheets=3)
    worker.run_once()
    before = google.count("metadata") + google.count("values") + google.count("token")
    monkeypatch.setenv("ODCORE_WORKER", "1")
    web = council_config(load_config(), load_councils(path), council_id(2))
    assert web.worker
    snapshot = open_service(web).snapshot()
    assert not snapshot.partial
    assert len(snapshot.workbook.reports) == 2
    assert web.settings.council.name == council_name(2)
    assert google.count("metadata") + google.count("values") + google.count("token") == before
    # A council whose main spreadsheet the worker has not kept: a message, still no request.
    unread = council_config(load_config(), load_councils(path), council_id(1))
    store_for("", council_id(1)).raw(10**6).path(council_key(1, 0)).unlink()
    with pytest.raises(SourceError, match="refresh"):
        open_service(unread).snapshot()
    assert google.count("metadata") + google.count("values") + google.count("token") == before


def test_a_failing_council_is_backed_off_exponentially_while_the_others_keep_their_interval(
        google, oblast_worker, clock):
    google.fail("metadata", key=council_key(2, 0), status=403, times=None)
    worker, _ = oblast_worker(councils=3, sheets=2)
    attempts: dict[str, list[float]] = {}
    read = worker.read

    def recorded(state):
        attempts.setdefault(state.entry.id, []).append(clock())
        return read(state)

    worker.read = recorded  # type: ignore[method-assign]
    start = clock()
    worker.run(stop=lambda: clock() - start > 1300)
    failing = attempts[council_id(2)]
    gaps = [round(b - a) for a, b in zip(failing, failing[1:], strict=False)]
    assert gaps[:4] == [60, 120, 240, 480]
    for other in (council_id(1), council_id(3)):
        assert len(attempts[other]) == 3  # at 0, 600 and 1200 seconds
    assert read_status(store_for("", council_id(2)))["failures"] == len(failing)
    assert read_status(store_for("", council_id(1)))["failures"] == 0


def test_the_token_bucket_never_lets_more_than_the_limit_through_in_any_minute():
    clock = Clock()
    bucket = TokenBucket(50, 5, clock=clock, sleep=_sleeper(clock))
    times = []
    for _ in range(400):
        bucket.take()
        times.append(clock())
        clock.advance(0.01)
    assert most_in_any_window(times) <= 50
    assert (times[-1] - times[0]) / 60 < 400 / 45 + 0.5  # and it lets 45 a minute through


def test_read_status_is_kept_per_council(google, oblast_worker):
    worker, _ = oblast_worker(councils=2, sheets=2)
    worker.run_once()
    names = [name for name, _ in store_for("", council_id(1)).list_records(READ_STATUS_KIND)]
    assert names == ["latest"]
