"""The deployment on loopback, as CI runs it (``make e2e-stack``, docs/deploy.md): the loopback
Sheets server (tests/gsheets/fake_sheets.py) holding three councils' spreadsheets, PostgreSQL
(tests/pg.py), the refresh worker run as a real process (``python -m odcore refresh --once``),
two Streamlit replicas with ODCORE_WORKER=1 serving only what the worker kept in PostgreSQL,
and nginx with deploy/nginx/odcore.conf in front, moved onto free loopback ports
(tests/nginx.py). :func:`running_stack` alone is the older shape: replicas reading a source
themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from tests.browser import running_app
from tests.councils_files import ZHMERYNKA
from tests.gsheets.conftest import EMAIL
from tests.gsheets.fake_sheets import FakeGoogle
from tests.gsheets.oblast import build_oblast, council_id, council_name
from tests.nginx import SITE, loopback_site, main_conf, nginx_test
from tests.pg import free_port

ROOT = Path(__file__).resolve().parents[1]
EXPORT_PAGE = "<!doctype html><title>opendata</title><p>Статичний публічний сайт</p>"


@dataclass(frozen=True)
class Stack:
    """The running deployment: nginx's address, each replica's ``host:port`` and the
    replicas' database."""

    base: str
    replicas: tuple[str, ...]
    database_url: str
    # The deployment's: the loopback Sheets server, the councils (id, name) and the Google
    # read requests the worker's round logged.
    google: FakeGoogle | None = None
    councils: tuple[tuple[str, str], ...] = field(default=())
    worker_requests: int = 0

    def google_reads(self) -> int:
        """Read requests the loopback Sheets server has answered so far (sheet lists and
        values, every client together)."""
        assert self.google is not None
        return self.google.count("metadata") + self.google.count("values")


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(0.2)


@contextmanager
def running_stack(nginx: str, env: dict[str, str], log: Path) -> Iterator[Stack]:
    """Two replicas of app.py with ``env`` and nginx before them until the block ends; their
    output goes to ``log`` (a folder)."""
    log.mkdir(parents=True, exist_ok=True)
    # nginx's workers run as nobody under root: their folder must be theirs to enter.
    folder = Path(tempfile.mkdtemp(prefix="odcore-nginx-"))
    folder.chmod(0o755)
    export = folder / "opendata"
    export.mkdir(mode=0o755)
    (export / "index.html").write_text(EXPORT_PAGE, encoding="utf-8")
    ports = (free_port(), free_port())
    listen = free_port()
    site = folder / "odcore.conf"
    site.write_text(loopback_site(SITE.read_text(encoding="utf-8"), listen=listen,
                                  replicas=ports, export=export), encoding="utf-8")
    conf = main_conf(folder, site)
    checked = nginx_test(nginx, conf)
    if checked.returncode != 0:
        raise RuntimeError(checked.stderr)
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, True)
        for number, port in enumerate(ports, 1):
            stack.enter_context(running_app(ROOT / "app.py", port, {**os.environ, **env},
                                            log / f"replica{number}.log"))
        process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(folder)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

        def stop() -> None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            if (folder / "error.log").exists():
                shutil.copy(folder / "error.log", log / "nginx-error.log")
        stack.callback(stop)
        base = f"http://127.0.0.1:{listen}"
        _wait_for(f"{base}/_stcore/health", process)
        yield Stack(base, tuple(f"127.0.0.1:{port}" for port in ports),
                    env.get("ODCORE_DATABASE_URL", ""))


DEMO_COUNCIL = "zhmerynka"  # the demo workbook, uploaded to the loopback Sheets server
DEMO_KEY = "1ZhmerynkaDemoSheet_0123456789abcdefghijkl"
OBLAST_COUNCILS = 2  # beside the demo: two councils of tests/gsheets/oblast.py
_REQUESTS = re.compile(r"council (\S+): [0-9.]+ s, (\d+) requests")


def _councils_file(google: FakeGoogle, folder: Path, demo_path: Path) -> Path:
    """Three councils on the loopback Sheets server: the demo first, then two small ones of a
    simulated oblast, all read with one service account (its key in ``folder``)."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    google.add_account(EMAIL, private_key.public_key())
    path = build_oblast(google, folder, google.key_info(EMAIL, private_key), EMAIL,
                        councils=OBLAST_COUNCILS, sheets=2)
    google.add_workbook(DEMO_KEY, demo_path, readers=[EMAIL])
    demo = (f'[[council]]\nid = "{DEMO_COUNCIL}"\nname = "{ZHMERYNKA}"\n'
            f'spreadsheet = "gsheets:{DEMO_KEY}"\nservice_account = "oblast-key.json"\n\n')
    path.write_text(demo + path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def run_worker_once(env: dict[str, str], log: Path) -> int:
    """``python -m odcore refresh --once`` as its own process; its stderr goes to ``log``.
    Returns the Google read requests its log lines count (one line per council)."""
    done = subprocess.run([sys.executable, "-m", "odcore", "refresh", "--once"],
                          cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=300)
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"the refresh worker failed ({done.returncode}): {done.stderr}")
    counted = {council: int(n) for council, n in _REQUESTS.findall(done.stderr)}
    return sum(counted.values())


@contextmanager
def running_deployment(nginx: str, database_url: str, demo_path: Path, folder: Path,
                       log: Path) -> Iterator[Stack]:
    """The whole deployment on loopback until the block ends: the Sheets server with three
    councils, the worker's round into PostgreSQL at ``database_url``, then two replicas with
    ODCORE_WORKER=1 behind nginx. Files go to ``folder``, the processes' output to ``log``."""
    log.mkdir(parents=True, exist_ok=True)
    google = FakeGoogle().start()
    try:
        councils = _councils_file(google, folder, demo_path)
        secrets = folder / "secrets.toml"
        secrets.write_text("", encoding="utf-8")
        env = {"ODCORE_SHEETS_ENDPOINT": google.url, "ODCORE_COUNCILS": str(councils),
               "ODCORE_DATABASE_URL": database_url, "ODCORE_SECRETS_FILE": str(secrets),
               "ODCORE_STATE_DIR": str(folder / "state"), "ODCORE_OPEN_ACCESS": "1",
               "ODCORE_SOURCE": "", "ODCORE_PUBLIC_ONLY": "",
               "GOOGLE_APPLICATION_CREDENTIALS": ""}
        requests = run_worker_once(env, log / "worker.log")
        names = ((DEMO_COUNCIL, ZHMERYNKA),
                 *((council_id(n), council_name(n)) for n in range(1, OBLAST_COUNCILS + 1)))
        with running_stack(nginx, {**env, "ODCORE_WORKER": "1"}, log) as stack:
            yield Stack(stack.base, stack.replicas, database_url, google, names, requests)
    finally:
        google.stop()
