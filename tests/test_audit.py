"""The audit log: one line per sign-in and per download, naming who, the role and what."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

import odcore.audit as audit
from odcore.i18n import translate
from odcore.roles import Role, Viewer
from tests.ui.conftest import APP, TIMEOUT

STAFF = Viewer(Role.STAFF, email="it@rada.gov.ua", department="Відділ ІТ", signed_in=True)


@pytest.fixture
def lines(caplog: pytest.LogCaptureFixture,
          monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """The audit lines logged so far."""
    monkeypatch.setattr(audit, "_seen", type(audit._seen)())
    caplog.set_level(logging.INFO, logger="odcore.audit")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "odcore.audit"]


def test_a_sign_in_is_logged_once_however_many_tabs_it_opens(lines):
    assert audit.audit_sign_in(STAFF, ("it@rada.gov.ua", "1760000000"))
    assert not audit.audit_sign_in(STAFF, ("it@rada.gov.ua", "1760000000"))
    assert audit.audit_sign_in(STAFF, ("it@rada.gov.ua", "1760009999"))  # a new sign-in
    assert lines() == ['sign-in who=it@rada.gov.ua role=staff department="Відділ ІТ"'] * 2


def test_the_sign_ins_remembered_are_bounded(lines, monkeypatch):
    monkeypatch.setattr(audit, "SIGN_INS_REMEMBERED", 2)
    for n in range(3):
        audit.audit_sign_in(STAFF, ("x", n))
    assert len(audit._seen) == 2 and audit.audit_sign_in(STAFF, ("x", 0))


def test_a_deferred_download_is_logged_when_its_file_is_built(lines):
    build = audit.audited(STAFF, "register-annex7.zip", lambda: b"zip")
    assert lines() == []  # showing the button logs nothing
    assert build() == b"zip"
    assert lines() == ['download who=it@rada.gov.ua role=staff department="Відділ ІТ" '
                     'file=register-annex7.zip']


def test_a_visitor_who_is_not_signed_in_is_a_dash(lines):
    audit.audit_download(Viewer(), "catalogue 2025.csv")
    audit.audit_sign_out(Viewer(Role.COORDINATOR))
    assert lines() == ["download who=- role=public file=catalogue_2025.csv",
                     "sign-out who=- role=coordinator"]


def test_a_tables_csv_download_is_built_and_logged_only_when_clicked(
        lines, demo_path: Path, secrets_file, monkeypatch):
    # The file is deferred: AppTest's media file manager (Streamlit's own, in memory) holds
    # its builder, and building it is what a click on the button asks of the server.
    managers: list[MediaFileManager] = []

    class Kept(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Kept)
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.switch_page("app_pages/problems.py").run()
    at.run()  # a rerun builds no file either
    assert not at.exception
    assert not [line for line in lines() if line.startswith("download")]
    button = at.download_button[0]
    assert button.proto.deferred_file_id and not button.proto.url  # nothing built yet
    url = managers[-1].execute_deferred(button.proto.deferred_file_id)
    assert [line for line in lines() if line.startswith("download")] == [
        "download who=- role=coordinator file=problems.csv"]
    data = managers[-1]._storage.get_file(url.rsplit("/", 1)[-1]).content
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:3] == [translate(f"problems.col.{name}", "uk")
                                     for name in ("severity", "cell", "message")]


def test_audit_lines_reach_stderr_where_logging_is_not_configured(monkeypatch, capsys):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(audit.log, "handlers", [])
    audit.audit_download(STAFF, "score-card-2025-Q2.xlsx")
    assert "odcore.audit download who=it@rada.gov.ua" in capsys.readouterr().err
