"""A real PostgreSQL for the tests: Debian's server, started in a temporary folder.

PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to ``nobody`` and
every server command runs through ``runuser``; the folder is made in /tmp and handed to that
user (pytest's own temporary folders are root's, 0700). The server listens on a unix socket in
that folder and on a free loopback port, with password (SCRAM) authentication over TCP, so
that the tests use an address with a password as a deployment does. Where the server is not
installed the tests that need it are skipped, unless ODCORE_REQUIRE_POSTGRES=1 (``make test``
under CI sets it): then they fail.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_USER = "nobody"  # who runs the server when the tests run as root
SUPERUSER = "odcore_test"


def postgres_bin() -> Path | None:
    """The newest installed server's bin folder (/usr/lib/postgresql/N/bin), None without."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    return found[-1].parent if found else None


def require_postgres() -> Path:
    """The server's bin folder; skips the test without it, fails under
    ODCORE_REQUIRE_POSTGRES=1."""
    found = postgres_bin()
    if found is not None:
        return found
    message = ("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): "
               "run make postgres (apt-get install postgresql, as root)")
    if os.environ.get("ODCORE_REQUIRE_POSTGRES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    """A running test server: its folder (socket inside), TCP port and superuser password."""

    folder: Path
    port: int
    password: str

    def url(self, database: str = "postgres") -> str:
        """A TCP address with the password, as ODCORE_DATABASE_URL would be."""
        return (f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"
                "?connect_timeout=5")

    def socket_url(self, database: str = "postgres") -> str:
        """An address over the unix socket (trusted: no password)."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new empty database; its TCP address."""
        import psycopg

        with psycopg.connect(self.socket_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.url(name)


def _as_server_user(command: list[str]) -> list[str]:
    if os.name != "posix" or os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Initialise a cluster in a new temporary folder, start it, and stop and remove it when
    the block ends."""
    bin_dir = require_postgres()
    folder = Path(tempfile.mkdtemp(prefix="odcore-pg-"))
    as_root = os.name == "posix" and os.geteuid() == 0
    if as_root:
        import pwd  # POSIX only: tests/pg.py is imported on Windows too

        user = pwd.getpwnam(SERVER_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    password = secrets.token_hex(12)
    password_file = folder / "pw"
    password_file.write_text(password, encoding="utf-8")
    if as_root:
        os.chown(password_file, user.pw_uid, user.pw_gid)
    data = folder / "data"
    port = free_port()
    log = folder / "server.log"
    subprocess.run(_as_server_user([
        str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--pwfile", str(password_file),
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
        "--no-sync"]), check=True, capture_output=True, cwd=folder)
    options = (f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    started = subprocess.run(_as_server_user([
        str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
        "-o", options, "start"]), capture_output=True, cwd=folder)
    try:
        if started.returncode != 0:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr!r} {text[-2000:]}")
        yield PostgresServer(folder, port, password)
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m",
                                        "immediate", "-w", "stop"]),
                       capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)
