"""A settings file saved in Windows-1251 (Notepad's old default on a Ukrainian Windows).

The hostile tester's case: the CLI exited 3 with a UnicodeDecodeError, the app showed
Streamlit's error box on every page, and Streamlit's own server would not start; nothing
named the file. Now it is a ConfigError naming the file and the line and saying to save it
as UTF-8: the CLI exits 2 with one Ukrainian line, internal pages show it, public pages show
a neutral notice, and Streamlit no longer reads the file at all.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import odcore.config as config_module
from odcore.cli import main
from odcore.config import PROJECT_ROOT, ConfigError, load_config
from tests.ui.rendered import texts

APP = PROJECT_ROOT / "app.py"
TIMEOUT = 30
# Ukrainian in a comment and in a value, as a clerk would type them.
SETTINGS = ('# Налаштування панелі ради\n[odcore]\ntime_zone = "Europe/Kyiv"\n'
            '[odcore.council]\nname = "Жмеринська міська рада"\n')


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], Path]:
    """Write the only settings file odcore reads; no ODCORE_* mode variables."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_PUBLIC_ONLY", "ODCORE_OPEN_ACCESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())

    def write(data: bytes) -> Path:
        path.write_bytes(data)
        return path
    return write


def test_a_cp1251_settings_file_is_a_config_error_naming_the_file_and_the_line(settings_file):
    path = settings_file(SETTINGS.encode("cp1251"))
    with pytest.raises(ConfigError) as error:
        load_config()
    message = str(error.value)
    assert str(path) in message and "рядок 1" in message
    assert "Збережіть його як UTF-8" in message and "\n" not in message


def test_the_line_named_is_the_first_that_is_not_utf8(settings_file):
    settings_file(b'[odcore]\ntime_zone = "Europe/Kyiv"\n' + "# Київ\n".encode("cp1251"))
    with pytest.raises(ConfigError, match="рядок 3"):
        load_config()


def test_utf8_with_a_byte_order_mark_is_read_as_typed(settings_file):
    settings_file(b"\xef\xbb\xbf" + SETTINGS.encode("utf-8"))
    assert load_config().settings.council.name == "Жмеринська міська рада"


def test_cli_exits_2_with_one_ukrainian_line_naming_the_file(settings_file, demo_path, capsys):
    settings_file(SETTINGS.encode("cp1251"))
    assert main(["check", str(demo_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Помилка: Файл налаштувань ") and captured.err.count("\n") == 1
    assert "secrets.toml" in captured.err and "UTF-8" in captured.err
    assert "Traceback" not in captured.err and "UnicodeDecodeError" not in captured.err


def _run_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if page is not None:
        at.switch_page(page)
    return at.run()


def test_a_public_visitor_sees_a_neutral_ukrainian_notice(settings_file, demo_path,
                                                          monkeypatch, caplog):
    settings_file(SETTINGS.encode("cp1251"))
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    with caplog.at_level(logging.ERROR, logger="odcore.ui.loading"):
        at = _run_app()
    assert not at.exception and not at.error
    shown = texts(at)
    assert "Панель тимчасово недоступна" in shown
    assert "secrets.toml" not in shown and "UTF-8" not in shown
    # The full message, with the file's path, is in the server log, once.
    logged = [r.getMessage() for r in caplog.records if "UTF-8" in r.getMessage()]
    assert len(logged) == 1 and str(PROJECT_ROOT) not in logged[0]


def test_an_intranet_install_names_the_file_on_its_internal_pages(settings_file, demo_path,
                                                                   monkeypatch):
    path = settings_file(SETTINGS.encode("cp1251"))
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = _run_app("app_pages/problems.py")  # raises if the page is not registered
    assert not at.exception
    shown = texts(at)
    assert "Налаштування панелі містять помилку" in shown
    assert ".streamlit/secrets.toml" in shown and "UTF-8" in shown
    # The server's folders stay out of the page, even an internal one.
    assert str(path.parent.parent) not in shown


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_streamlits_server_starts_beside_a_cp1251_secrets_file(tmp_path, demo_path):
    # Streamlit reads .streamlit/secrets.toml of the folder it runs in (and refuses to start
    # on one that is not UTF-8) unless the project's config.toml tells it not to.
    workdir = tmp_path / "site"
    (workdir / ".streamlit").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / ".streamlit" / "config.toml", workdir / ".streamlit")
    (workdir / ".streamlit" / "secrets.toml").write_bytes(SETTINGS.encode("cp1251"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ODCORE_")}
    env["ODCORE_SOURCE"] = str(demo_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--server.fileWatcherType", "none"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode(errors="replace")
                assert time.monotonic() < deadline, "streamlit did not start"
                time.sleep(0.3)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        process.stderr.close()
