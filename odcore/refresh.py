"""The refresh worker: reads every council's spreadsheets under Google's quota and keeps them.

``python -m odcore refresh --councils FILE`` runs it for good (``--once`` reads every council
once, for cron). It reads each council through its own :class:`~odcore.service.DataService`
and :class:`~odcore.service.SnapshotStore`, so what it reads lands where the web replicas
look: each spreadsheet's raw payload (``store.raw()``), the public projection of a complete
read, a ``read_status`` record (last good read, duration, requests, rows, issues, last
error) and the council's roll-up row in the oblast's store (:mod:`odcore.rollup`).

Every Google request first takes a token from its service account's :class:`TokenBucket`:
``refresh_burst`` tokens at most, refilled at ``refresh_reads_per_minute - refresh_burst``
a minute, so any 60 seconds hold at most ``refresh_reads_per_minute`` requests. The time
spent waiting for a token is not counted against the refresh deadline. A council whose read
fails (or leaves a spreadsheet out) is read again after an exponential back-off (one
interval, doubled per failure, capped at ``refresh_backoff_max_seconds``); the others keep
their own schedule. Each read logs one line: duration, requests, rows, issues.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from odcore.config import AppConfig
from odcore.councils import CouncilEntry, Councils, council_config
from odcore.rollup import ROLLUP_KIND, rollup_figures
from odcore.service import (
    DataService,
    FileSnapshotStore,
    Snapshot,
    SnapshotStore,
    SourceRef,
    open_source,
    store_for,
)
from odcore.sources.base import SourceError
from odcore.sources.gsheets import ReadCache

log = logging.getLogger(__name__)

READ_STATUS_KIND = "read_status"
READ_STATUS_NAME = "latest"
BACKOFF_BASE_SECONDS = 60.0
ERROR_CHARS = 500


class TokenBucket:
    """Google read requests of one service account: at most ``per_minute`` in any 60 s.

    Holds at most ``burst`` tokens and gains ``per_minute - burst`` a minute; ``take`` waits
    (with the injectable ``sleep``) until a token is there and returns the seconds it waited.
    """

    def __init__(self, per_minute: int, burst: int, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not 1 <= burst < per_minute:
            raise ValueError("burst must be between 1 and per_minute - 1")
        self.capacity = float(burst)
        self.rate = (per_minute - burst) / 60.0
        self.clock = clock
        self.sleep = sleep
        self.tokens = self.capacity
        self.updated = clock()
        self._lock = threading.Lock()

    def take(self) -> float:
        waited = 0.0
        with self._lock:  # one taker at a time: the next waits behind the one sleeping
            while True:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                # A hair short of a token after sleeping for it is a token: rounding of the
                # clock's float must not make the wait endless.
                if self.tokens >= 1.0 - 1e-9:
                    self.tokens = max(self.tokens - 1.0, 0.0)
                    return waited
                wait = (1.0 - self.tokens) / self.rate
                self.sleep(wait)
                waited += wait


@dataclass
class Meter:
    """Counts one read's requests and takes each one's token (``before_request``)."""

    bucket: TokenBucket | None
    clock: Callable[[], float]
    account: str
    log: list[tuple[float, str]]  # every request of the worker: (clock, account)
    requests: int = 0

    def __call__(self) -> float:
        waited = self.bucket.take() if self.bucket is not None else 0.0
        self.requests += 1
        self.log.append((self.clock(), self.account))
        return waited


@dataclass
class ReadOutcome:
    """One read of one council, as logged and kept."""

    council: str
    ok: bool
    duration: float
    requests: int
    rows: int
    issues: int
    error: str = ""


@dataclass
class CouncilState:
    entry: CouncilEntry
    config: AppConfig
    store: SnapshotStore
    service: DataService
    meter: Meter
    cache: ReadCache
    failures: int = 0
    next_due: float = 0.0


def _rows(snapshot: Snapshot) -> int:
    """Data rows read (header rows left out), every spreadsheet of the read."""
    raw = snapshot.raw
    if raw is None:
        return 0
    sheets = [raw.main] + [s for s in raw.linked.values() if not isinstance(s, str)]
    return sum(max(len(tab.values) - 1, 0) for s in sheets if s is not None for tab in s.tabs)


def _read_error(snapshot: Snapshot) -> str:
    """Why a read is partial: each spreadsheet not read, or served from its kept copy."""
    raw = snapshot.raw
    problems: list[str] = []
    if raw is not None:
        problems += [text for text in raw.linked.values() if isinstance(text, str)]
        sheets = [raw.main] + [s for s in raw.linked.values() if not isinstance(s, str)]
        problems += [s.notes[-1] if s.notes else s.stale_note
                     for s in sheets if s is not None and s.stale_note]
    return " ".join(" ".join(problems).split())[:ERROR_CHARS]


def _account(config: AppConfig) -> str:
    """The e-mail of the service account that reads this council ("" when none can)."""
    if not SourceRef.parse(config.source_location).is_google:
        return ""
    from odcore.sources.google_http import load_service_account

    try:
        return load_service_account(config.gsheets_secrets,
                                    from_environment=not config.own_service_account).email
    except SourceError:
        return ""


@dataclass
class RefreshWorker:
    """Reads every council of ``councils`` with ``base``'s settings (the worker's own
    ``[odcore]``: the quota, the interval and the back-off)."""

    councils: Councils
    base: AppConfig
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    request_log: list[tuple[float, str]] = field(default_factory=list)
    states: list[CouncilState] = field(default_factory=list, init=False)
    buckets: dict[str, TokenBucket] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        # The worker itself reads Google and keeps every spreadsheet's copy.
        reader = replace(self.base, worker=False, public_only=False)
        self.oblast_store = store_for(self.base.database_url, "")
        for entry in self.councils.entries:
            config = council_config(reader, self.councils, entry.id)
            self.states.append(self._state(entry, config))

    def _bucket(self, account: str) -> TokenBucket | None:
        if not account:
            return None
        settings = self.base.settings
        if account not in self.buckets:
            self.buckets[account] = TokenBucket(
                settings.refresh_reads_per_minute, settings.refresh_burst, clock=self.clock,
                sleep=self.sleep)
        return self.buckets[account]

    def _state(self, entry: CouncilEntry, config: AppConfig) -> CouncilState:
        account = _account(config)
        meter = Meter(self._bucket(account), self.clock, account, self.request_log)
        cache = ReadCache(self.clock)
        store = store_for(config.database_url, entry.id)
        ref = SourceRef.parse(config.source_location)

        def opened() -> Any:
            return open_source(config, cache=cache, store=store, sleep=self.sleep,
                               clock=self.clock, before_request=meter)

        service = DataService(ref, config.settings, opened, store=store,
                              keep_public_copy=True, google_cache=cache, clock=self.clock,
                              portal_folder=store.base if isinstance(store, FileSnapshotStore)
                              else None)
        return CouncilState(entry, config, store, service, meter, cache)

    def read(self, state: CouncilState) -> ReadOutcome:
        """Read one council now, keep what it read, log one line; never raises."""
        start = self.clock()
        state.meter.requests = 0
        state.cache.forget_values()
        state.service.forget()
        snapshot: Snapshot | None = None
        error = ""
        try:
            snapshot = state.service.snapshot(keep_raw=True)
        except SourceError as exc:
            error = " ".join(str(exc).split())[:ERROR_CHARS]
        except Exception as exc:  # noqa: BLE001 - one council's bug must not stop the others
            log.exception("council %s: the read failed", state.entry.id)
            error = f"внутрішня помилка {type(exc).__name__}"
        figures = None
        if snapshot is not None:
            figures = state.service.figures(snapshot, state.config.settings.today())
            error = _read_error(snapshot) if snapshot.partial else ""
        counts = figures.issue_counts if figures is not None else None
        outcome = ReadOutcome(
            state.entry.id, ok=snapshot is not None and not error,
            duration=self.clock() - start, requests=state.meter.requests,
            rows=_rows(snapshot) if snapshot is not None else 0,
            issues=counts.errors + counts.warnings if counts is not None else 0, error=error)
        self._keep(state, outcome, snapshot, rollup_figures(figures) if figures else None)
        self._schedule(state, outcome)
        line = (f"council {outcome.council}: {outcome.duration:.1f} s, {outcome.requests} "
                f"requests, {outcome.rows} rows, {outcome.issues} issues")
        if outcome.error:
            log.warning("%s; failed: %s", line, outcome.error)
        else:
            log.info("%s", line)
        if snapshot is not None:
            state.service.forget()  # the raw grids are not kept between reads
        return outcome

    def _keep(self, state: CouncilState, outcome: ReadOutcome, snapshot: Snapshot | None,
              figures: dict[str, Any] | None) -> None:
        now = dt.datetime.now(state.config.settings.tz).isoformat(timespec="seconds")
        previous = state.store.load_record(READ_STATUS_KIND, READ_STATUS_NAME) or {}
        last_good = now if outcome.ok else previous.get("last_good_read")
        status = {"council": state.entry.id, "last_attempt": now, "last_good_read": last_good,
                  "duration_seconds": round(outcome.duration, 3),
                  "requests": outcome.requests, "rows": outcome.rows, "issues": outcome.issues,
                  "last_error": outcome.error, "failures": state.failures + (not outcome.ok)}
        row = dict(self.oblast_store.load_record(ROLLUP_KIND, state.entry.id) or {})
        if figures is not None:
            row.update(figures)  # a partial read's figures still show, with its error
        row.update({"last_good_read": last_good, "last_error": outcome.error})
        try:
            state.store.save_record(READ_STATUS_KIND, READ_STATUS_NAME, status)
            self.oblast_store.save_record(ROLLUP_KIND, state.entry.id, row)
        except OSError as exc:
            log.error("council %s: the read status was not kept: %s", state.entry.id, exc)

    def _schedule(self, state: CouncilState, outcome: ReadOutcome) -> None:
        settings = self.base.settings
        if outcome.ok:
            state.failures = 0
            state.next_due = self.clock() + settings.refresh_interval_seconds
            return
        state.failures += 1
        backoff = min(BACKOFF_BASE_SECONDS * 2 ** (state.failures - 1),
                      float(settings.refresh_backoff_max_seconds))
        state.next_due = self.clock() + backoff

    def run_once(self) -> list[ReadOutcome]:
        """Read every council once, in the councils file's order (cron's ``--once``)."""
        return [self.read(state) for state in self.states]

    def run(self, *, stop: Callable[[], bool] = lambda: False) -> None:
        """Read each council when it is due, for good (until ``stop()``): the one due
        soonest first; between reads, sleep until the next is due."""
        while not stop():
            state = min(self.states, key=lambda s: s.next_due)
            wait = state.next_due - self.clock()
            if wait > 0:
                self.sleep(min(wait, 60.0))
                continue
            self.read(state)


def read_status(store: SnapshotStore) -> dict[str, Any] | None:
    """A council's last read as the worker kept it (None before its first read)."""
    return store.load_record(READ_STATUS_KIND, READ_STATUS_NAME)
