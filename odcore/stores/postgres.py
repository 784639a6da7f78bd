"""Kept copies in PostgreSQL, so that a refresh worker and several web replicas share them.

One :class:`PostgresSnapshotStore` holds one council's copies: every row carries the
council's id (``default`` for a one-council site), and no query reads another council's rows.
The schema is the project's: :func:`migrate` creates it on an empty database and applies
the numbered :data:`MIGRATIONS` that a database lacks, recorded in ``odcore_schema_version``,
under an advisory lock so that replicas starting together migrate once. Each write is one
transaction: a crash in the middle of one leaves the previous copy readable.

Values are kept as JSON text, not ``jsonb``: ``jsonb`` refuses the ``\\u0000`` a cell may
hold and nothing queries inside them. A database that cannot be reached is an OSError
(:class:`StoreUnavailable`) for writes and for the closed quarters, a
:class:`~odcore.sources.snapshots.SnapshotError` for a spreadsheet's kept answer, and a
logged warning for the public copy and the records; no message carries the password
(docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import psycopg

from odcore.dburl import redact_url, scrub
from odcore.history import CLOSE_ERRORS, ClosedQuarter, closed_from_json
from odcore.periods import Quarter
from odcore.public import PublicView
from odcore.public_snapshot import PublicSnapshot, view_from_json, view_to_json
from odcore.sources.base import DEFAULT_LIMITS
from odcore.sources.snapshots import FORMAT as RAW_FORMAT
from odcore.sources.snapshots import PayloadStore, SnapshotError, corrupt_message
from odcore.stores.records import check_record, council_id, record_data, record_text

log = logging.getLogger(__name__)

# pg_advisory_xact_lock's key for migrations: "odcore" in ASCII, any constant would do.
MIGRATION_LOCK = 0x6F64636F7265
CONNECT_TIMEOUT_SECONDS = 5
# A write waiting on another's lock gives up rather than hang a page.
LOCK_TIMEOUT = "10s"

# Numbered migrations, applied in order, each once; never edit one that has shipped, add one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        """CREATE TABLE odcore_raw (
               council text NOT NULL,
               key text NOT NULL,
               payload text NOT NULL,
               read_at timestamptz,
               partial boolean NOT NULL DEFAULT false,
               saved_at timestamptz NOT NULL DEFAULT now(),
               PRIMARY KEY (council, key))""",
        """CREATE TABLE odcore_public (
               council text NOT NULL,
               store_id text NOT NULL,
               read_at timestamptz NOT NULL,
               view text NOT NULL,
               saved_at timestamptz NOT NULL DEFAULT now(),
               PRIMARY KEY (council, store_id))""",
        """CREATE TABLE odcore_closed (
               council text NOT NULL,
               store_id text NOT NULL,
               quarter text NOT NULL,
               closed_at timestamptz NOT NULL,
               data text NOT NULL,
               score_card bytea NOT NULL,
               PRIMARY KEY (council, store_id, quarter, closed_at))""",
        """CREATE TABLE odcore_records (
               council text NOT NULL,
               kind text NOT NULL,
               name text NOT NULL,
               data text NOT NULL,
               saved_at timestamptz NOT NULL DEFAULT now(),
               PRIMARY KEY (council, kind, name))""",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

T = TypeVar("T")


class StoreUnavailable(OSError):
    """PostgreSQL could not be reached or refused an operation; the message is Ukrainian and
    carries no password."""


class _Ref(Protocol):
    @property
    def store_id(self) -> str: ...


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION` (an empty database included) and return the
    version it has now; concurrent callers wait for one another on an advisory lock. A
    database migrated by a newer release keeps its version (logged)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("""CREATE TABLE IF NOT EXISTS odcore_schema_version (
                            version integer PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now())""")
        row = conn.execute("SELECT coalesce(max(version), 0) FROM odcore_schema_version"
                           ).fetchone()
        current = int(row[0]) if row else 0
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO odcore_schema_version (version) VALUES (%s)", (version,))
            log.info("PostgreSQL schema migrated to version %s", version)
            current = version
    if current > SCHEMA_VERSION:
        log.warning("the PostgreSQL schema is at version %s, newer than this release's %s",
                    current, SCHEMA_VERSION)
    return current


class PostgresSnapshotStore:
    """One council's kept copies in PostgreSQL (``url``: a libpq address).

    Connects on first use, migrating the schema then; one connection per store, reopened
    when it breaks, used by one thread at a time (the data are small, the queries short).
    ValueError when ``council`` is not a slug.
    """

    def __init__(self, url: str, council: str = "", *,
                 connect: Callable[[], psycopg.Connection[Any]] | None = None) -> None:
        self.url = url
        self.council = council_id(council)
        self._connect = connect or self._open
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PostgresSnapshotStore({redact_url(self.url)!r}, council={self.council!r})"

    @property
    def shown(self) -> str:
        """The database and council as messages name them (no password)."""
        return f"PostgreSQL {redact_url(self.url)}, рада «{self.council}»"

    # --- connection --------------------------------------------------------------------

    def _open(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS,
                               application_name="odcore",
                               options=f"-c lock_timeout={LOCK_TIMEOUT}")

    def _connection(self) -> psycopg.Connection[Any]:
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            if conn is not None:
                conn.close()
            self._conn = None
            conn = self._connect()
            try:
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return conn

    def run(self, work: Callable[[psycopg.Connection[Any]], T], doing: str) -> T:
        """``work`` on this store's connection; StoreUnavailable (naming what was being done)
        when the database fails. A connection lost mid-way is reopened once."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    return work(self._connection())
                except psycopg.Error as exc:
                    conn = self._conn
                    lost = conn is not None and conn.broken
                    if conn is not None and lost:
                        conn.close()
                        self._conn = None
                    if attempt == 1 and lost:
                        continue  # e.g. the database restarted: once more, connected anew
                    raise StoreUnavailable(
                        f"{self.shown}: не вдалося {doing} "
                        f"({scrub(_first_line(exc), self.url)})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close the connection (a later call opens a new one)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # --- the Google source's kept answers ---------------------------------------------

    def raw(self, max_bytes: int) -> PayloadStore:
        return PostgresPayloads(self, max_bytes)

    # --- the public projection ----------------------------------------------------------

    def save_public(self, ref: _Ref, view: PublicView, read_at: dt.datetime) -> None:
        text = json.dumps(view_to_json(view), ensure_ascii=False)

        def work(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute(
                    """INSERT INTO odcore_public (council, store_id, read_at, view)
                       VALUES (%s, %s, %s, %s)
                       ON CONFLICT (council, store_id) DO UPDATE
                       SET read_at = excluded.read_at, view = excluded.view, saved_at = now()""",
                    (self.council, ref.store_id, read_at, text))
        self.run(work, "зберегти публічну копію даних")

    def load_public(self, ref: _Ref) -> PublicSnapshot | None:
        def work(conn: psycopg.Connection[Any]) -> tuple[Any, ...] | None:
            return conn.execute(
                "SELECT read_at, view FROM odcore_public WHERE council = %s AND store_id = %s",
                (self.council, ref.store_id)).fetchone()
        try:
            row = self.run(work, "прочитати публічну копію даних")
        except StoreUnavailable as exc:
            log.warning("%s", exc)
            return None
        if row is None:
            return None
        try:
            return PublicSnapshot(view=view_from_json(json.loads(row[1])), read_at=row[0])
        except (ValueError, RecursionError) as exc:
            log.warning("Збережена публічна копія даних (%s) пошкоджена (%s), її "
                        "проігноровано.", self.shown, exc)
            return None

    # --- closed quarters ------------------------------------------------------------------

    def save_closed(self, ref: _Ref, closed: ClosedQuarter) -> None:
        text = json.dumps(closed.to_json(), ensure_ascii=False, allow_nan=False)

        def work(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute(
                    """INSERT INTO odcore_closed
                           (council, store_id, quarter, closed_at, data, score_card)
                       VALUES (%s, %s, %s, %s, %s, %s)""",
                    (self.council, ref.store_id, str(closed.quarter), closed.closed_at, text,
                     closed.score_card))
        self.run(work, "зберегти закриття кварталу")

    def list_closed(self, ref: _Ref) -> list[ClosedQuarter]:
        return self._closes(ref, None)

    def load_closed(self, ref: _Ref, quarter: Quarter) -> ClosedQuarter | None:
        closes = self._closes(ref, quarter)
        return closes[-1] if closes else None

    def _closes(self, ref: _Ref, quarter: Quarter | None) -> list[ClosedQuarter]:
        """The kept closes (of one quarter when given), by quarter then close time; unusable
        ones logged and left out; StoreUnavailable when the database fails."""
        def work(conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
            sql = ("SELECT quarter, closed_at, data, score_card FROM odcore_closed "
                   "WHERE council = %s AND store_id = %s")
            params: list[Any] = [self.council, ref.store_id]
            if quarter is not None:
                sql += " AND quarter = %s"
                params.append(str(quarter))
            return conn.execute(sql + " ORDER BY closed_at", params).fetchall()
        closes: list[ClosedQuarter] = []
        for label, closed_at, text, card in self.run(work, "прочитати закриті квартали"):
            try:
                closes.append(closed_from_json(json.loads(text), bytes(card)))
            except CLOSE_ERRORS as exc:
                log.warning("збережене закриття кварталу %s від %s (%s) пошкоджене (%s: %s), "
                            "його проігноровано", label, closed_at, self.shown,
                            type(exc).__name__, exc)
        closes.sort(key=lambda c: (c.quarter, c.closed_at))
        return closes

    # --- the worker's records ---------------------------------------------------------

    def save_record(self, kind: str, name: str, data: dict[str, Any]) -> None:
        check_record(kind, name)
        text = record_text(data)

        def work(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute(
                    """INSERT INTO odcore_records (council, kind, name, data)
                       VALUES (%s, %s, %s, %s)
                       ON CONFLICT (council, kind, name) DO UPDATE
                       SET data = excluded.data, saved_at = now()""",
                    (self.council, kind, name, text))
        self.run(work, f"зберегти запис {kind}/{name}")

    def load_record(self, kind: str, name: str) -> dict[str, Any] | None:
        check_record(kind, name)
        found = self._records(kind, name)
        return found[0][1] if found else None

    def list_records(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        check_record(kind, "-")
        return self._records(kind, None)

    def _records(self, kind: str, name: str | None) -> list[tuple[str, dict[str, Any]]]:
        def work(conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
            sql = "SELECT name, data FROM odcore_records WHERE council = %s AND kind = %s"
            params: list[Any] = [self.council, kind]
            if name is not None:
                sql += " AND name = %s"
                params.append(name)
            return conn.execute(sql + " ORDER BY name", params).fetchall()
        try:
            rows = self.run(work, f"прочитати записи {kind}")
        except StoreUnavailable as exc:
            log.warning("%s", exc)
            return []
        found: list[tuple[str, dict[str, Any]]] = []
        for row_name, text in rows:
            try:
                found.append((str(row_name), record_data(text)))
            except ValueError as exc:
                log.warning("збережений запис %s/%s (%s) пошкоджений (%s), його "
                            "проігноровано", kind, row_name, self.shown, exc)
        return found


class PostgresPayloads:
    """Each Google spreadsheet's last good answer, one row per council and key, with its
    read time and whether tabs were carried over from an earlier read (``partial``)."""

    def __init__(self, store: PostgresSnapshotStore,
                 max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> None:
        self.store = store
        self.max_bytes = max_bytes  # the bound on one reply, as for the files

    def where(self, key: str) -> str:
        return f"{self.store.shown}, таблиця {key}"

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` in one transaction; OSError when it is larger than ``max_bytes``
        or the database fails."""
        text = json.dumps({"format": RAW_FORMAT, "key": key, "payload": payload},
                          ensure_ascii=False)
        if len(text.encode("utf-8")) > self.max_bytes:
            raise OSError(errno.EFBIG, f"знімок більший за {self.max_bytes} байтів "
                                       "(max_file_bytes)")
        read_at = _moment(payload.get("read_at"))
        partial = bool(payload.get("kept"))
        store = self.store

        def work(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute(
                    """INSERT INTO odcore_raw (council, key, payload, read_at, partial)
                       VALUES (%s, %s, %s, %s, %s)
                       ON CONFLICT (council, key) DO UPDATE
                       SET payload = excluded.payload, read_at = excluded.read_at,
                           partial = excluded.partial, saved_at = now()""",
                    (store.council, key, text, read_at, partial))
        store.run(work, f"зберегти знімок таблиці {key}")

    def load(self, key: str) -> dict[str, Any] | None:
        """The kept payload, None when there is none; SnapshotError when it is unusable or
        the database cannot be read."""
        store = self.store

        def work(conn: psycopg.Connection[Any]) -> tuple[Any, ...] | None:
            return conn.execute("SELECT payload FROM odcore_raw WHERE council = %s AND key = %s",
                                (store.council, key)).fetchone()
        try:
            row = store.run(work, f"прочитати знімок таблиці {key}")
        except StoreUnavailable as exc:
            raise SnapshotError(f"збережений знімок недоступний: {exc}") from None
        if row is None:
            return None
        text = str(row[0])
        if len(text.encode("utf-8")) > self.max_bytes:
            raise SnapshotError(corrupt_message(self.where(key), f"завеликий: {len(text)} "
                                                                 "символів"))
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise SnapshotError(corrupt_message(self.where(key), "не JSON")) from None
        if (not isinstance(data, dict) or data.get("format") != RAW_FORMAT
                or data.get("key") != key or not isinstance(data.get("payload"), dict)):
            raise SnapshotError(corrupt_message(self.where(key), "невідома будова"))
        return dict(data["payload"])


def _moment(value: object) -> dt.datetime | None:
    """A payload's ISO read time, None when absent or not a time."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
