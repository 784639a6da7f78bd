"""The deployment on loopback, as CI runs it: PostgreSQL (tests/pg.py), two Streamlit replicas
keeping their copies in it (ODCORE_DATABASE_URL), and nginx with deploy/nginx/odcore.conf in
front, moved onto free loopback ports (tests/nginx.py). The replicas read the source directly:
no refresh worker is needed for them to serve."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.browser import running_app
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
