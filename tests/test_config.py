"""Settings and configuration: what secrets.toml may hold, and what a mistake in it does."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import odcore.config as config_module
from odcore.cli import main
from odcore.config import CONFIG_KEYS, ConfigError, load_config
from odcore.settings import Council, MailSettings, Settings
from odcore.sources import google_http

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / ".streamlit" / "secrets.toml.example"


@pytest.fixture
def secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a secrets file that load_config reads (and only that one)."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_PUBLIC_ONLY", "ODCORE_OPEN_ACCESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path
    return write


def _example_sections() -> dict[str, set[str]]:
    """Section -> every key the example names, commented out or not."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        text = line.lstrip("# ").rstrip()
        header = re.fullmatch(r"\[([\w.]+)\]", text)
        if header:
            current = header.group(1)
            sections.setdefault(current, set())
            continue
        key = re.match(r'("?)([^"=\s]+)\1\s*=', text)
        if key and current:
            sections.setdefault(current, set()).add(key.group(2))
    return sections


def test_the_example_documents_every_key_settings_and_the_configuration_read():
    sections = _example_sections()
    tables = {"council", "grace_days", "group_executors", "mail"}
    assert ({*Settings.model_fields} - tables) | {*CONFIG_KEYS} <= sections["odcore"]
    assert {f"odcore.{table}" for table in tables} <= set(sections)
    assert set(Council.model_fields) <= sections["odcore.council"]
    assert set(MailSettings.model_fields) <= sections["odcore.mail"]
    assert {"spreadsheet", *google_http._KEY_FIELDS} <= sections["connections.gsheets"]


def test_the_example_names_every_environment_variable_odcore_reads():
    read = set()
    for path in (ROOT / "odcore").rglob("*.py"):
        read.update(re.findall(r'"((?:ODCORE|GOOGLE|XDG)_[A-Z_]+)"', path.read_text("utf-8")))
    text = EXAMPLE.read_text(encoding="utf-8")
    assert read and [name for name in sorted(read) if name not in text] == []


def test_the_example_as_written_loads_with_the_defaults_and_no_warning(secrets):
    secrets(EXAMPLE.read_text(encoding="utf-8"))
    config = load_config()
    assert config.warnings == ()
    assert config.settings == Settings(grace_days={"Щомісяця": 0, "Щокварталу": 0})
    assert config.is_demo


def test_a_mistyped_key_in_odcore_is_a_warning_naming_the_nearest_key(secrets):
    secrets("[odcore]\nplan_frist_year = 2025\n")
    config = load_config()
    assert config.settings.plan_first_year == 2024  # the default applies
    (warning,) = config.warnings
    assert "[odcore]" in warning and "«plan_frist_year»" in warning
    assert "«plan_first_year»" in warning and ".streamlit/secrets.toml" in warning


def test_a_mistyped_key_in_the_council_section_is_a_warning(secrets):
    secrets('[odcore.council]\nedrpu = "04051057"\nname = "Рада"\n')
    config = load_config()
    assert config.settings.council.name == "Рада" and config.settings.council.edrpou == ""
    (warning,) = config.warnings
    assert "[odcore.council]" in warning and "«edrpu»" in warning and "«edrpou»" in warning


def test_grace_days_for_an_unknown_frequency_is_a_warning_and_a_synonym_is_not(secrets):
    secrets('[odcore.grace_days]\n"Щомісячно" = 5\n"Щорічно" = 10\n')
    (warning,) = load_config().warnings
    assert "[odcore.grace_days]" in warning and "«Щомісячно»" in warning
    assert "«Щомісяця»" in warning


def test_a_known_key_and_a_group_name_are_no_warning(secrets):
    secrets('[odcore]\nsource = "x.xlsx"\n[odcore.group_executors]\n'
            '"Будь-яка група" = ["Відділ"]\n[connections.gsheets]\nworksheet = "x"\n')
    assert load_config().warnings == ()


def test_each_warning_reaches_the_log_once(secrets, caplog):
    secrets("[odcore]\ncache_ttl = 60\n")
    with caplog.at_level("WARNING", logger="odcore.config"):
        load_config()
        load_config()
    assert [r.getMessage() for r in caplog.records].count(load_config().warnings[0]) == 1


def test_cli_prints_the_warning_on_stderr_and_keeps_its_exit_code(secrets, tmp_path, capsys):
    secrets("[odcore]\nopen_acess = true\n")
    assert main(["template", str(tmp_path / "t.xlsx")]) == 0
    capsys.readouterr()
    config_module._logged_warnings.clear()
    assert main(["check", str(tmp_path / "t.xlsx"), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Попередження: ") and "«open_acess»" in err and "«open_access»" in err


@pytest.mark.parametrize(("text", "expected"), [
    ('[odcore]\ntime_zone = "Kyiv"\n', "time_zone = 'Kyiv': невідомий часовий пояс"),
    ("[odcore]\nplan_first_year = 2027\n", "plan_first_year (2027) пізніше за plan_last_year"),
    ('[odcore]\ncache_ttl_seconds = "п’ять"\n', "cache_ttl_seconds = 'п’ять'"),
])
def test_a_value_that_cannot_work_stops_with_one_line_naming_the_key(secrets, text, expected):
    secrets(text)
    with pytest.raises(ConfigError) as error:
        load_config()
    message = str(error.value)
    assert expected in message and "\n" not in message
    assert ".streamlit/secrets.toml" in message and str(Path.home()) not in message


def test_cli_exits_2_on_a_value_that_cannot_work(secrets, capsys):
    secrets('[odcore]\ntime_zone = "Mars/Olympus"\n')
    assert main(["summary"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Помилка: ") and err.count("\n") == 1


def test_defaults_serve_the_demo_and_the_seed_plan():
    settings = Settings()
    assert settings.plan_years == (2024, 2026) and settings.time_zone == "Europe/Kyiv"
    assert settings.council.decision_number == "87"
    assert settings.council.edrpou == ""  # never invented: the register asks for it
    assert tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["odcore"]["council"]["edrpou"] == ""


def test_the_source_is_the_cli_argument_then_the_environment_then_secrets_then_the_demo(
        secrets, monkeypatch):
    secrets('[odcore]\nsource = "from-secrets.xlsx"\n'
            '[connections.gsheets]\nspreadsheet = "gsheets:from-connection"\n')
    assert load_config().source_location == "from-secrets.xlsx"
    monkeypatch.setenv("ODCORE_SOURCE", "from-env.xlsx")
    assert load_config().source_location == "from-env.xlsx"
    assert load_config("from-cli.xlsx").source_location == "from-cli.xlsx"
    monkeypatch.delenv("ODCORE_SOURCE")
    secrets('[connections.gsheets]\nspreadsheet = "gsheets:from-connection"\n')
    assert load_config().source_location == "gsheets:from-connection"
    secrets("")
    config = load_config()
    assert config.is_demo and config.source_location == str(config_module.DEMO_WORKBOOK)


def test_toml_errors_name_the_line_in_ukrainian():
    from odcore.config import toml_error_uk

    assert toml_error_uk("Illegal character '\\n' (at line 2, column 12)") == (
        "рядок 2, стовпець 12 (Illegal character '\\n')")
    assert "не закрито лапки" in toml_error_uk("Unterminated string (at end of document)")


def test_a_mistyped_key_in_the_mail_section_is_a_warning(secrets):
    secrets('[odcore.mail]\nhots = "smtp.example.org"\nport = 25\n')
    config = load_config()
    assert config.settings.mail.port == 25 and config.settings.mail.host == ""
    (warning,) = config.warnings
    assert "[odcore.mail]" in warning and "«hots»" in warning and "«host»" in warning


def test_the_mail_password_never_shows_in_the_settings_text(secrets):
    secrets('[odcore.mail]\nhost = "smtp.example.org"\npassword = "s3cret-MRK"\n')
    settings = load_config().settings
    assert settings.mail.password.get_secret_value() == "s3cret-MRK"
    assert "s3cret" not in repr(settings) and "s3cret" not in settings.model_dump_json()


def test_a_mail_port_out_of_range_names_the_key(secrets):
    secrets('[odcore.mail]\nport = 70000\n')
    with pytest.raises(ConfigError, match="mail.port"):
        load_config()
