"""Debian's nginx for the tests: check the deployment's site file (nginx -t) and run it on
loopback in a temporary folder. Skipped where nginx is missing, unless ODCORE_REQUIRE_NGINX=1
(``make test`` under CI sets it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "odcore.conf"
COMPOSE_SITE = ROOT / "deploy" / "nginx" / "odcore-compose.conf"
REPLICA_PORTS = (8501, 8502)  # the site file's replicas
EXPORT_FOLDER = "/var/www/opendata/"


def require_nginx() -> str:
    """nginx's path; skips without it, fails under ODCORE_REQUIRE_NGINX=1."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found:
        return found
    message = "nginx is not installed: run make nginx (apt-get install nginx-light, as root)"
    if os.environ.get("ODCORE_REQUIRE_NGINX") == "1":
        pytest.fail(message)
    pytest.skip(message)


def loopback_site(text: str, *, listen: int, replicas: tuple[int, ...],
                  export: Path | None = None) -> str:
    """The site file moved onto loopback: nginx listens on ``listen``, the replicas are on
    ``replicas`` (in the file's order), and the static export is ``export``."""
    text = re.sub(r"^\s*listen \[::\]:80;\n", "", text, flags=re.MULTILINE)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    for old, new in zip(REPLICA_PORTS, replicas, strict=True):
        text = text.replace(f"server 127.0.0.1:{old} ", f"server 127.0.0.1:{new} ")
    if export is not None:
        text = text.replace(f"alias {EXPORT_FOLDER};", f"alias {export}/;")
    return text


def main_conf(folder: Path, site: Path) -> Path:
    """An nginx.conf in ``folder`` (pid, logs, temporary files there) that includes ``site``."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = " ".join(f"{name}_temp_path {folder / name};"
                    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(f"""daemon off;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder / 'access.log'};
    {temp}
    include {site};
}}
""", encoding="utf-8")
    return conf


def nginx_test(nginx: str, conf: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` of ``conf`` (its prefix is the conf's folder)."""
    return subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(conf.parent)],
                          capture_output=True, text=True, timeout=30)
