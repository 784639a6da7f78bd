"""The PostgreSQL store against a real server: the schema is created and migrated once, even by
replicas starting together; a writer killed in the middle of a write leaves the previous copy
readable; a database that cannot be reached is an error that names no password; the
configuration selects it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psycopg
import pytest

from odcore.config import ConfigError, load_config
from odcore.service import FileSnapshotStore, open_service, service_identity, store_for
from odcore.sources.snapshots import SnapshotError
from odcore.stores.postgres import (
    MIGRATIONS,
    SCHEMA_VERSION,
    PostgresSnapshotStore,
    StoreUnavailable,
    migrate,
)
from tests.pg import PostgresServer, free_port

ROOT = Path(__file__).resolve().parents[1]
KEY = "1MainKey_0123456789abcdef"
TABLES = {"odcore_schema_version", "odcore_raw", "odcore_public", "odcore_closed",
          "odcore_records"}


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {str(r[0]) for r in rows}


def _versions(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version FROM odcore_schema_version ORDER BY version")
        return [int(r[0]) for r in rows]


def test_an_empty_database_gets_the_schema_on_first_use_and_again_changes_nothing(
        pg_url: str) -> None:
    assert _tables(pg_url) == set()
    store = PostgresSnapshotStore(pg_url)
    assert _tables(pg_url) == set()  # nothing happens before the first use
    store.save_record("read", "main", {"n": 1})
    assert _tables(pg_url) == TABLES
    assert _versions(pg_url) == [version for version, _ in MIGRATIONS]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert migrate(conn) == SCHEMA_VERSION
        assert migrate(conn) == SCHEMA_VERSION
    assert _versions(pg_url) == [version for version, _ in MIGRATIONS]
    assert PostgresSnapshotStore(pg_url).load_record("read", "main") == {"n": 1}
    store.close()


def test_replicas_starting_together_migrate_once(pg_url: str) -> None:
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def replica(number: int) -> None:
        store = PostgresSnapshotStore(pg_url)
        start.wait()
        try:
            store.save_record("replica", str(number), {"n": number})
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert _versions(pg_url) == [version for version, _ in MIGRATIONS]
    assert len(PostgresSnapshotStore(pg_url).list_records("replica")) == 6


_WRITER = textwrap.dedent("""
    import sys
    from odcore.stores.postgres import PostgresSnapshotStore

    store = PostgresSnapshotStore(sys.argv[1], "crash")
    store.raw(10_000_000).save(sys.argv[2], {"key": sys.argv[2], "version": 2,
                                             "rows": ["x" * 100] * 1000})
    print("committed", flush=True)
""")


def _waiting_writer(url: str) -> int | None:
    """The backend pid of an odcore connection waiting for a lock, None when there is none."""
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = 'odcore' "
                           "AND wait_event_type = 'Lock'").fetchone()
    return int(row[0]) if row else None


def test_a_writer_killed_in_the_middle_of_a_write_leaves_the_previous_copy(
        pg_url: str) -> None:
    first = PostgresSnapshotStore(pg_url, "crash")
    first.raw(10_000_000).save(KEY, {"key": KEY, "version": 1})
    # Hold the row, so that the writer's transaction starts and stops in its write; then kill
    # the writer's process there, as a crash or an OOM kill would.
    blocker = psycopg.connect(pg_url)
    blocker.execute("SELECT 1 FROM odcore_raw WHERE council = 'crash' AND key = %s FOR UPDATE",
                    (KEY,))
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, pg_url, KEY], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=os.environ | {"PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        backend = None
        while backend is None and time.monotonic() < deadline and writer.poll() is None:
            backend = _waiting_writer(pg_url)
            time.sleep(0.05)
        assert backend is not None, writer.stderr.read() if writer.stderr else ""
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    finally:
        if writer.poll() is None:
            writer.kill()
        blocker.rollback()
        blocker.close()
    assert writer.stdout is not None and b"committed" not in writer.stdout.read()
    # The killed client's backend ends its transaction without a COMMIT.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with psycopg.connect(pg_url) as conn:
            alive = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                 (backend,)).fetchone()
        if alive is not None and alive[0] == 0:
            break
        time.sleep(0.05)
    second = PostgresSnapshotStore(pg_url, "crash")
    assert second.raw(10_000_000).load(KEY) == {"key": KEY, "version": 1}
    # The store still writes after the crash.
    first.raw(10_000_000).save(KEY, {"key": KEY, "version": 3})
    assert second.raw(10_000_000).load(KEY) == {"key": KEY, "version": 3}
    first.close()
    second.close()


def test_an_exception_inside_a_write_rolls_it_back(pg_url: str) -> None:
    store = PostgresSnapshotStore(pg_url)
    store.save_record("read", "main", {"n": 1})

    class Boom(Exception):
        pass

    def half_write(conn: psycopg.Connection[object]) -> None:
        with conn.transaction():
            conn.execute("UPDATE odcore_records SET data = '{\"n\": 2}' WHERE name = 'main'")
            raise Boom

    with pytest.raises(Boom):
        store.run(half_write, "test")
    assert PostgresSnapshotStore(pg_url).load_record("read", "main") == {"n": 1}
    store.save_record("read", "main", {"n": 3})  # the connection is usable afterwards
    assert store.load_record("read", "main") == {"n": 3}


def test_the_store_reconnects_after_its_connection_is_cut(pg_url: str) -> None:
    store = PostgresSnapshotStore(pg_url)
    store.save_record("read", "main", {"n": 1})
    assert store._conn is not None
    backend = store._conn.info.backend_pid
    with psycopg.connect(pg_url) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (backend,))
    store.save_record("read", "main", {"n": 2})
    assert store.load_record("read", "main") == {"n": 2}
    assert store._conn.info.backend_pid != backend


def test_an_unreachable_database_is_an_error_without_the_password(
        postgres: PostgresServer, caplog: pytest.LogCaptureFixture) -> None:
    wrong_password = postgres.url().replace(postgres.password, "Wr0ng-Pa55word")
    nobody_there = postgres.url().replace(f":{postgres.port}/", f":{free_port()}/")
    for url, secret in ((wrong_password, "Wr0ng-Pa55word"), (nobody_there, postgres.password)):
        store = PostgresSnapshotStore(url, "zhmerynka")
        assert secret not in repr(store) and secret not in store.shown
        with pytest.raises(StoreUnavailable) as raised:
            store.save_record("read", "main", {"n": 1})
        assert isinstance(raised.value, OSError)
        assert secret not in str(raised.value) and "zhmerynka" in str(raised.value)
        with pytest.raises(OSError):
            store.list_closed(_Ref())
        with pytest.raises(SnapshotError) as unreadable:
            store.raw(1000).load(KEY)
        assert secret not in str(unreadable.value)
        assert store.load_public(_Ref()) is None
        assert store.list_records("read") == []
        assert secret not in caplog.text


class _Ref:
    store_id = "data/demo.xlsx"


def test_store_for_chooses_postgres_only_with_an_address(pg_url: str, tmp_path: Path) -> None:
    assert isinstance(store_for(""), FileSnapshotStore)
    assert isinstance(store_for("  "), FileSnapshotStore)
    assert store_for("", "vinnytsia") == FileSnapshotStore(council="vinnytsia")
    chosen = store_for(pg_url, "vinnytsia")
    assert isinstance(chosen, PostgresSnapshotStore) and chosen.council == "vinnytsia"


def test_the_environment_or_secrets_select_postgres_for_the_service(
        pg_url: str, postgres: PostgresServer, secrets_file: Path, demo_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(str(demo_path)).database_url == ""
    assert isinstance(open_service(load_config(str(demo_path))).store, FileSnapshotStore)
    secrets_file.write_text(f'[odcore]\ndatabase = "{pg_url}"\n', encoding="utf-8")
    config = load_config(str(demo_path))
    assert config.database_url == pg_url and config.warnings == ()
    service = open_service(config)
    assert isinstance(service.store, PostgresSnapshotStore)
    assert postgres.password not in repr(config) and postgres.password not in repr(service)
    assert postgres.password not in service_identity(config)
    other = postgres.create_database("odcore_from_env")
    monkeypatch.setenv("ODCORE_DATABASE_URL", other)
    assert load_config(str(demo_path)).database_url == other  # the environment wins
    assert service_identity(load_config(str(demo_path))) != service_identity(config)


def test_a_database_setting_that_is_not_text_names_the_key_not_the_value(
        secrets_file: Path, demo_path: Path) -> None:
    secrets_file.write_text('[odcore]\ndatabase = ["postgresql://u:S3cret@h/d"]\n',
                            encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(str(demo_path))
    assert "database" in str(raised.value) and "S3cret" not in str(raised.value)
