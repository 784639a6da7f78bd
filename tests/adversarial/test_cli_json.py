"""With ``--format json`` a failure is still JSON on stdout, beside one line on stderr.

The hostile tester's case: when the source could not be read, ``check`` and ``summary
--format json`` printed nothing on stdout, so a script parsing it failed on empty input.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

import odcore.config as config_module
from odcore.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def json_commands() -> list[str]:
    """Every command whose --format offers json, read from the parser itself."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = []
    for name, command in sub.choices.items():
        formats = [a for a in command._actions if "--format" in a.option_strings]
        if formats and "json" in (formats[0].choices or ()):
            found.append(name)
    return found


@pytest.fixture(autouse=True)
def _no_developer_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_PUBLIC_ONLY", "ODCORE_OPEN_ACCESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())
    return path


def error_of(out: str) -> dict[str, str]:
    """The one JSON document on stdout, which must be the error envelope and nothing else."""
    document = json.loads(out)
    assert set(document) == {"error"} and set(document["error"]) == {"code", "message"}
    return document["error"]


def test_check_and_summary_are_the_commands_with_json():
    assert {"check", "summary"} <= set(json_commands())


@pytest.mark.parametrize("command", json_commands())
def test_an_unreadable_source_prints_the_json_error_on_stdout(command, tmp_path, capsys):
    missing = tmp_path / "немає.xlsx"
    assert main([command, str(missing), "--format", "json"]) == 2
    captured = capsys.readouterr()
    error = error_of(captured.out)
    assert error["code"] == "source_unreadable" and "немає.xlsx" in error["message"]
    assert captured.err == f"Помилка: {error['message']}\n"


@pytest.mark.parametrize("command", json_commands())
def test_a_settings_file_that_cannot_be_used_is_config_invalid(command, demo_path,
                                                               _no_developer_settings, capsys):
    _no_developer_settings.write_bytes("[odcore]\n# Київ\n".encode("cp1251"))
    assert main([command, str(demo_path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    error = error_of(captured.out)
    assert error["code"] == "config_invalid" and "UTF-8" in error["message"]
    assert captured.err.startswith("Помилка: ") and captured.err.count("\n") == 1


def test_summary_is_json_by_default_and_so_is_its_error(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "missing.xlsx")]) == 2
    assert error_of(capsys.readouterr().out)["code"] == "source_unreadable"


def test_text_format_keeps_stdout_empty_on_failure(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.xlsx")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("Помилка: ")


@pytest.mark.parametrize("argv", [
    ["summary", "--as-of", "01.07.2025", "--format", "json"],
    ["check", "--format=json", "--as-of", "вчора"],
])
def test_a_bad_command_line_with_json_is_a_usage_error_in_json(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    error = error_of(captured.out)
    assert error["code"] == "usage_error" and "РРРР-ММ-ДД" in error["message"]
    assert captured.err.startswith("usage: ") and "Помилка: " in captured.err


def test_an_internal_error_is_json_with_exit_3(demo_path, monkeypatch, capsys):
    def broken(*_args: object) -> None:
        raise RuntimeError("зламано")

    monkeypatch.setattr("odcore.commands.check.sorted_issues", broken)
    assert main(["check", str(demo_path), "--format", "json"]) == 3
    captured = capsys.readouterr()
    error = error_of(captured.out)
    assert error["code"] == "internal_error" and "зламано" in error["message"]
    assert captured.err.startswith("Внутрішня помилка: ") and "Traceback" not in captured.err


def test_the_json_error_reaches_a_real_pipe(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "odcore", "check", str(tmp_path / "missing.xlsx"),
         "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "", "ODCORE_SECRETS_FILE": str(tmp_path / "none.toml"),
             "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["code"] == "source_unreadable"
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
