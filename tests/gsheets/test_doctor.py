"""doctor: the service account's e-mail and, per configured spreadsheet, whether it reads."""

from __future__ import annotations

import argparse

from odcore.commands import doctor
from tests.gsheets.conftest import DEPT_KEY, EMAIL, FINANCE, MAIN_KEY, OTHER_KEY


def run_doctor(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    doctor.add_parser(parser.add_subparsers())
    args = parser.parse_args(["doctor", *argv])
    return args.run(args)


def test_doctor_names_the_account_and_every_readable_spreadsheet(three_sheets, capsys):
    assert run_doctor(f"gsheets:{MAIN_KEY}") == 0

    out = capsys.readouterr().out
    assert f"Сервісний обліковий запис: {EMAIL}" in out
    assert f"Головна таблиця «Програма» ({MAIN_KEY}): читається" in out
    assert f"({DEPT_KEY}): читається" in out and f"({OTHER_KEY}): читається" in out
    assert "Усе гаразд" in out
    assert three_sheets.count("values") == 3  # each spreadsheet read once


def test_doctor_says_what_to_do_for_a_spreadsheet_it_cannot_read(three_sheets, capsys):
    three_sheets.spreadsheets[OTHER_KEY].readers.clear()

    assert run_doctor(f"gsheets:{MAIN_KEY}") == 2

    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if OTHER_KEY in line)
    assert f"«{FINANCE}»" in line and "НЕ читається" in line
    assert "надайте роль «читач»" in line and EMAIL in line
    assert "не вдалося прочитати: 1" in out


def test_doctor_ignores_snapshots_and_reports_the_main_sheet_failure(three_sheets, open_source,
                                                                     capsys):
    open_source().read_main()  # leaves a snapshot
    three_sheets.api_enabled = False

    assert run_doctor(f"gsheets:{MAIN_KEY}") == 2
    assert "Google Sheets API не увімкнено" in capsys.readouterr().out


def test_doctor_on_a_file_source_says_google_is_not_used(google, tmp_path, capsys):
    assert run_doctor(str(tmp_path / "book.xlsx")) == 0
    out = capsys.readouterr().out
    assert EMAIL in out and "Google Таблиці не використовуються" in out


def test_doctor_without_a_key_explains_where_to_put_one(google, monkeypatch, capsys):
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS")
    assert run_doctor(f"gsheets:{MAIN_KEY}") == 2
    assert "GOOGLE_APPLICATION_CREDENTIALS" in capsys.readouterr().out
