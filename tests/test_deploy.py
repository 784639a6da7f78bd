"""The deployment files in deploy/ are what docs/deploy.md says: nginx accepts the site (sticky
cookie, WebSocket upgrade, long timeouts, health checks, the static export); the compose file
has PostgreSQL, the worker, two web replicas and nginx; the image runs as a user with a health
check; systemd accepts the units. Docker itself cannot run here: the image is not built."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.nginx import COMPOSE_SITE, ROOT, SITE, main_conf, nginx_test, require_nginx

DEPLOY = ROOT / "deploy"


def _server_lines_removed(text: str) -> str:
    body = text[text.index("\nmap $cookie_odcore_replica"):]
    return re.sub(r"^\s*server \S+ max_fails.*\n", "", body, flags=re.MULTILINE)


def test_nginx_accepts_the_site_and_the_compose_site(tmp_path: Path) -> None:
    nginx = require_nginx()
    checked = nginx_test(nginx, main_conf(tmp_path / "site", SITE))
    assert checked.returncode == 0, checked.stderr
    # The compose site names its replicas by service; here they must resolve to be checked.
    local = tmp_path / "compose.conf"
    local.write_text(COMPOSE_SITE.read_text(encoding="utf-8").replace("web1:", "127.0.0.1:")
                     .replace("web2:", "localhost:"), encoding="utf-8")
    checked = nginx_test(nginx, main_conf(tmp_path / "compose", local))
    assert checked.returncode == 0, checked.stderr


def test_the_compose_site_is_the_site_with_other_replica_addresses() -> None:
    site, compose = SITE.read_text(encoding="utf-8"), COMPOSE_SITE.read_text(encoding="utf-8")
    assert _server_lines_removed(site) == _server_lines_removed(compose)
    assert re.findall(r"server (\S+) max_fails", compose) == ["web1:8501", "web2:8501"]


def test_the_site_keeps_sessions_on_one_replica_and_their_websocket_open() -> None:
    site = SITE.read_text(encoding="utf-8")
    assert "hash $odcore_sticky consistent;" in site
    assert '""      $request_id;' in site and "default $cookie_odcore_replica;" in site
    stream = site[site.index("location /_stcore/stream"):]
    stream = stream[:stream.index("}")]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_read_timeout 86400s;" in stream
    assert "location = /_stcore/health" in site
    assert "alias /var/www/opendata/;" in site


def test_the_compose_file_runs_the_database_the_worker_two_replicas_and_nginx() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"db", "worker", "web1", "web2", "nginx"}
    assert services["worker"]["command"][-4:] == ["odcore", "refresh", "--councils",
                                                  "/etc/odcore/councils.toml"]
    for name in ("worker", "web1", "web2"):
        assert services[name]["build"]["dockerfile"] == "deploy/Dockerfile"
        assert services[name]["env_file"] == "odcore.env"
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "command" not in services["web1"]  # the image's: streamlit on 8501
    nginx = services["nginx"]
    assert nginx["depends_on"] == {"web1": {"condition": "service_healthy"},
                                   "web2": {"condition": "service_healthy"}}
    mounted = [v.split(":")[0] for v in nginx["volumes"]]
    assert "./nginx/odcore-compose.conf" in mounted
    assert (DEPLOY / "nginx" / "odcore-compose.conf").is_file()
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    env = (DEPLOY / "odcore.env.example").read_text(encoding="utf-8")
    assert "ODCORE_DATABASE_URL=postgresql://odcore:CHANGE-ME@" in env


def test_the_image_runs_as_a_user_with_a_health_check() -> None:
    lines = [line.strip() for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    users = [line for line in lines if line.startswith("USER ")]
    assert users == ["USER odcore"]
    assert lines.index("USER odcore") < next(i for i, line in enumerate(lines)
                                             if line.startswith("CMD "))
    health = next(line for line in lines if line.startswith("HEALTHCHECK"))
    assert "--interval" in health
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "/_stcore/health" in text and "pip install -r requirements.txt" in text
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored and "deploy/odcore.env" in ignored


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    # The units name the deployment's Python; here the test's stands in for it.
    for source, name in ((DEPLOY / "systemd" / "odcore-web@.service", "odcore-web@8501.service"),
                         (DEPLOY / "systemd" / "odcore-worker.service",
                          "odcore-worker.service")):
        text = source.read_text(encoding="utf-8")
        assert "User=odcore" in text and "EnvironmentFile=/etc/odcore/odcore.env" in text
        (tmp_path / name).write_text(text.replace("/opt/odcore/.venv/bin/python", sys.executable),
                                     encoding="utf-8")
    checked = subprocess.run([analyze, "verify", "odcore-web@8501.service",
                              "odcore-worker.service"], cwd=tmp_path, capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stderr
    worker = (DEPLOY / "systemd" / "odcore-worker.service").read_text(encoding="utf-8")
    assert "-m odcore refresh --councils /etc/odcore/councils.toml" in worker
