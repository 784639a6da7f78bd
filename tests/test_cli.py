"""The CLI: exit codes, output formats, --help, and no traceback on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from odcore.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_developer_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "none.toml"))
    monkeypatch.delenv("ODCORE_SOURCE", raising=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    assert main(["demo", str(path)]) == 0
    return path


def test_check_on_the_template_exits_0_without_errors(tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path)]) == 0
    assert main(["check", str(path)]) == 0
    assert "Помилок: 0" in capsys.readouterr().out


def test_check_on_the_demo_exits_1_and_prints_where_to_fix(demo, capsys):
    assert main(["check", str(demo)]) == 1
    out = capsys.readouterr().out
    assert "demo.xlsx / Звіти / рядок 48 / Код завдання (A48): [помилка]" in out


def test_check_json_has_the_documented_keys(demo, capsys):
    assert main(["check", str(demo), "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)
    assert {"code", "severity", "spreadsheet", "tab", "row", "column", "value",
            "message"} <= set(issues[0])
    assert all(isinstance(i["row"], int) or i["row"] is None for i in issues)
    assert any(i["code"] == "ref.unknown_task" and i["row"] == 48 and i["tab"] == "Звіти"
               for i in issues)


@pytest.mark.parametrize("make", [
    lambda p: p / "missing.xlsx",
    lambda p: (p / "not.xlsx").write_text("hello") and p / "not.xlsx",
    lambda p: (p / "notes.txt").write_text("hello") and p / "notes.txt",
])
def test_unreadable_source_exits_2_with_one_line_and_no_traceback(tmp_path, capsys, make):
    assert main(["check", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Помилка: ") and "Traceback" not in err and err.count("\n") == 1


def test_password_protected_workbook_exits_2_asking_to_save_it_without_a_password(
        tmp_path, capsys):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain, secret = tmp_path / "plain.xlsx", tmp_path / "secret.xlsx"
    assert main(["template", str(plain)]) == 0
    capsys.readouterr()
    with plain.open("rb") as source, secret.open("wb") as target:
        ooxml.OOXMLFile(source).encrypt("пароль", target)
    assert main(["check", str(secret)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("Помилка: ") and "паролем" in captured.err


def test_workbook_without_any_known_tab_exits_2(tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["щось", "інше"])
    book.create_sheet("Друге").append(["x"])
    book.save(tmp_path / "other.xlsx")
    assert main(["check", str(tmp_path / "other.xlsx")]) == 2
    assert "жодної відомої вкладки" in capsys.readouterr().err


def test_summary_json_and_exit_code(demo, capsys):
    # The summary was written: exit 0; the data's errors are in the JSON and named on stderr.
    assert main(["summary", str(demo), "--as-of", "2025-07-01"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["as_of"] == "2025-07-01"
    assert {"plan", "indicators", "datasets", "issues"} <= set(summary)
    assert summary["issues"]["errors"] == 8
    assert "помилки (8)" in err and "odcore check" in err


@pytest.mark.parametrize("command", [
    ["summary", "--as-of", "2025-07-01"],
    ["report", "--quarter", "2025-Q2", "--out", "{tmp}/card.xlsx"],
    ["export-public", "{tmp}/site", "--as-of", "2025-07-01"],
])
def test_strict_makes_data_errors_exit_1_and_without_it_they_exit_0(
        demo, tmp_path, capsys, command):
    argv = [command[0], str(demo), *(a.format(tmp=tmp_path) for a in command[1:])]
    assert main(argv) == 0
    assert "помилки (8)" in capsys.readouterr().err
    assert main([*argv, "--strict"]) == 1
    assert "помилки (8)" in capsys.readouterr().err


def test_the_readmes_cron_line_exits_0_on_the_demo(demo, tmp_path):
    # The line an operator copies into crontab, with this machine's paths put in.
    readme = (ROOT / "README.md").read_text("utf-8")
    [line] = [ln for ln in readme.splitlines() if "odcore export-public" in ln and "cron" not in ln
              and ln.strip().startswith("15 6")]
    command = line.split("&&", 1)[1].split(">>", 1)[0].split()
    assert command[:4] == [".venv/bin/python", "-m", "odcore", "export-public"]
    site = tmp_path / "opendata"
    done = subprocess.run([sys.executable, *command[1:4], str(demo), str(site)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "ODCORE_SECRETS_FILE": str(tmp_path / "none.toml")})
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").is_file()
    assert "помилки" in done.stderr  # the demo's planted errors still reach the log


def test_bad_as_of_is_a_usage_error_not_a_traceback(demo, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["summary", str(demo), "--as-of", "01.07.2025"])
    assert stop.value.code == 2
    assert "РРРР-ММ-ДД" in capsys.readouterr().err


def test_report_writes_the_score_card(demo, tmp_path):
    out = tmp_path / "card.xlsx"
    assert main(["report", str(demo), "--quarter", "2025-Q2", "--out", str(out)]) == 0
    assert "Зведення" in openpyxl.load_workbook(out).sheetnames


def test_register_writes_the_annex7_files(demo, tmp_path):
    assert main(["register", str(demo), "--out", str(tmp_path / "reg")]) == 0
    assert sorted(p.name for p in (tmp_path / "reg").iterdir()) == [
        "register.csv", "register.json", "register.schema.json"]


def test_the_source_argument_wins_over_odcore_source(demo, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ODCORE_SOURCE", str(tmp_path / "missing.xlsx"))
    assert main(["check", str(demo)]) == 1
    assert main(["check"]) == 2
    assert "missing.xlsx" in capsys.readouterr().err


def test_every_command_has_help():
    for command in COMMANDS:
        done = subprocess.run([sys.executable, "-m", "odcore", command, "--help"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "usage:" in done.stdout, command
