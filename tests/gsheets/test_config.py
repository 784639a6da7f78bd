"""Credentials, the endpoint override and the CLI with a Google Sheets SOURCE."""

from __future__ import annotations

import json

import pytest

from odcore.cli import main
from odcore.config import AppConfig, load_config
from odcore.service import SourceRef
from odcore.service import open_source as open_configured_source
from odcore.settings import Settings
from odcore.sources import google_http
from odcore.sources.base import SourceError
from odcore.sources.google_http import (
    ENDPOINT_ENV,
    READ_SCOPES,
    endpoints,
    load_service_account,
)
from odcore.sources.gsheets import ReadCache
from tests.gsheets.conftest import EMAIL, MAIN_KEY
from tests.helpers import DEPT, TASK, tab

URL = f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit#gid=0"


@pytest.fixture
def shared(google):
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([tab("plan", TASK), tab("departments", DEPT)]),
                           readers=[EMAIL])
    return google


def _config(secrets=None) -> AppConfig:
    return AppConfig(settings=Settings(), source_location=URL, is_demo=False,
                     secrets=secrets or {})


def test_private_key_with_literal_newlines_in_secrets_toml_is_normalised(
        shared, key_info, tmp_path, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS")
    escaped = key_info["private_key"].replace("\n", "\\n")
    fields = "\n".join(f"{k} = {json.dumps(v)}" for k, v in key_info.items()
                       if k != "private_key")
    # A TOML literal string keeps the backslashes, as pasted from the JSON key.
    (tmp_path / "secrets.toml").write_text(
        f"[connections.gsheets]\nspreadsheet = \"{URL}\"\n{fields}\nprivate_key = '{escaped}'\n",
        encoding="utf-8")

    config = load_config()
    sheet = open_configured_source(config).read_main()

    assert config.gsheets_secrets["private_key"].count("\\n") > 10
    assert sheet.name == "Програма" and sheet.kind == "gsheets"


def test_key_file_named_by_the_environment_wins_over_secrets(shared, key_info):
    broken = {"connections": {"gsheets": {**key_info, "private_key": "not a key"}}}
    source = open_configured_source(_config(broken), cache=ReadCache())
    assert source.read_main().name == "Програма"


def test_whole_oauth_flow_runs_on_loopback_with_the_read_only_scope(shared):
    source = open_configured_source(_config(), cache=ReadCache())
    source.read_main()
    assert shared.count("token") == 1
    assert [scopes for _, scopes in shared.tokens.values()] == [set(READ_SCOPES)]


def test_no_key_anywhere_says_where_to_put_one(monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    with pytest.raises(SourceError, match="GOOGLE_APPLICATION_CREDENTIALS.*connections.gsheets"):
        load_service_account({"spreadsheet": URL})


def test_missing_key_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "nope.json"))
    with pytest.raises(SourceError, match="nope.json"):
        load_service_account({})


def test_a_user_oauth_file_is_not_a_service_account_key(tmp_path, monkeypatch):
    path = tmp_path / "user.json"
    path.write_text(json.dumps({"type": "authorized_user", "client_id": "x"}), encoding="utf-8")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    with pytest.raises(SourceError, match="authorized_user"):
        load_service_account({})


def test_missing_key_fields_are_named(monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    with pytest.raises(SourceError, match="private_key"):
        load_service_account({"client_email": EMAIL, "type": "service_account"})


def test_a_garbled_private_key_is_reported_as_broken(key_info, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS")
    account = load_service_account({**key_info, "private_key": "-----BEGIN PRIVATE KEY-----x"})
    with pytest.raises(SourceError, match="пошкоджено"):
        account.credentials(READ_SCOPES)


def test_token_uri_over_plain_http_is_refused_off_loopback(key_info, monkeypatch):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS")
    with pytest.raises(SourceError, match="token_uri"):
        load_service_account({**key_info, "token_uri": "http://example.com/token"})


@pytest.mark.parametrize("value", ["http://example.com:8080", "ftp://127.0.0.1", "127.0.0.1:80"])
def test_endpoint_override_accepts_plain_http_only_on_loopback(value, monkeypatch):
    monkeypatch.setenv(ENDPOINT_ENV, value)
    with pytest.raises(SourceError, match=ENDPOINT_ENV):
        endpoints()
    assert google_http.test_server_in_use()


@pytest.mark.parametrize("value", ["http://127.0.0.1:9", "http://localhost:9/", "http://[::1]:9",
                                   "https://sheets.example.org"])
def test_endpoint_override_sends_sheets_and_drive_to_the_server(value, monkeypatch):
    monkeypatch.setenv(ENDPOINT_ENV, value)
    found = endpoints()
    assert found.sheets == found.drive == found.test_server == value.rstrip("/")


def test_without_the_override_google_itself_is_used(monkeypatch):
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    assert not google_http.test_server_in_use()
    assert endpoints().sheets == "https://sheets.googleapis.com"


def test_a_title_instead_of_a_url_is_refused():
    with pytest.raises(SourceError, match="не є посиланням"):
        SourceRef.parse("gsheets:Моя таблиця")


def test_cli_check_and_summary_accept_a_url_and_a_gsheets_key(shared, capsys):
    assert main(["check", URL]) == 0
    capsys.readouterr()
    assert main(["summary", f"gsheets:{MAIN_KEY}", "--as-of", "2025-01-01"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["as_of"] == "2025-01-01"
    assert [t["code"] for t in summary["plan"]["tasks"]] == ["4.3"]


def test_cli_exits_2_with_the_message_when_the_sheet_is_not_shared(shared, capsys):
    shared.spreadsheets[MAIN_KEY].readers.clear()
    assert main(["check", URL]) == 2
    assert EMAIL in capsys.readouterr().err


def test_source_is_the_cli_then_the_environment_then_odcore_then_the_gsheets_spreadsheet(
        tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.delenv("ODCORE_SOURCE", raising=False)
    secrets.write_text(f'[connections.gsheets]\nspreadsheet = "{URL}"\n', encoding="utf-8")
    assert load_config().source_location == URL
    secrets.write_text(f'[odcore]\nsource = "book.xlsx"\n[connections.gsheets]\n'
                       f'spreadsheet = "{URL}"\n', encoding="utf-8")
    assert load_config().source_location == "book.xlsx"
    monkeypatch.setenv("ODCORE_SOURCE", f"gsheets:{MAIN_KEY}")
    assert load_config().source_location == f"gsheets:{MAIN_KEY}"
    config = load_config("cli.xlsx")
    assert config.source_location == "cli.xlsx" and not config.is_demo


def test_a_malformed_secrets_file_is_named_with_its_line_for_the_cli(tmp_path, monkeypatch,
                                                                      capsys):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[connections.gsheets]\nspreadsheet = "x\nclient_email = "y"\n',
                       encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert str(secrets) in err and "рядок 2" in err
