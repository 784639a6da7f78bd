"""init-sheet: fill an empty Google spreadsheet with the template, or a workbook's rows."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
from openpyxl import Workbook

from odcore.checks import all_issues
from odcore.cli import main
from odcore.commands import init_sheet
from odcore.demo import write_demo
from odcore.exports.template import describe_tabs
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.schema.tabs import TAB_SPECS
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.google_http import DRIVE_SCOPE, WRITE_SCOPES
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from tests.gsheets.conftest import EMAIL, MAIN_KEY, OTHER_KEY
from tests.helpers import headers

URL = f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit"


def run_init_sheet(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    init_sheet.add_parser(parser.add_subparsers())
    args = parser.parse_args(["init-sheet", *argv])
    return args.run(args)


@pytest.fixture
def empty(google):
    return google.add_spreadsheet(MAIN_KEY, "Програма відкритих даних", ["Аркуш1"],
                                  writers=[EMAIL])


def test_init_sheet_fills_what_check_then_reads_with_no_errors(google, empty, open_source,
                                                               capsys):
    assert run_init_sheet("--key", URL) == 0

    out = capsys.readouterr().out
    assert URL in out and "«Аркуш1» на «План»" in out
    workbook = load_workbook(open_source())
    assert [i for i in all_issues(workbook, Settings()) if i.is_error or i.severity == "warning"
            ] == []
    assert len(workbook.tasks) == 16
    assert workbook.tabs_present == {spec.key for spec in TAB_SPECS}
    assert [s.title for s in empty.sheets] == [spec.title for spec in TAB_SPECS]
    assert google.count("batchUpdate") == 1 and google.count("valuesUpdate") == 1


def test_every_tab_gets_a_frozen_protected_header_with_notes_formats_and_dropdowns(
        google, empty):
    run_init_sheet("--key", MAIN_KEY)

    assert (empty.locale, empty.time_zone) == ("uk_UA", "Europe/Kyiv")
    protected = {p["range"]["sheetId"] for p in empty.protected
                 if (p["range"]["startRowIndex"], p["range"]["endRowIndex"]) == (0, 1)}
    assert protected == {s.sheet_id for s in empty.sheets}
    for layout in describe_tabs():
        sheet = empty.sheet(layout.title)
        assert sheet.frozen_rows == 1
        assert sheet.cells[0] == [c.header for c in layout.columns]
        assert sheet.notes[(0, 0)] == layout.columns[0].note
    reports = empty.sheet("Звіти")
    columns = headers("reports")
    for name in ("Код завдання", "Період", "Підрозділ"):
        assert reports.formats[columns.index(name)]["numberFormat"]["type"] == "TEXT"
    date_format = reports.formats[columns.index("Дата звіту")]["numberFormat"]
    assert date_format == {"type": "DATE", "pattern": "dd.mm.yyyy"}
    status = reports.validations[columns.index("Статус")]
    assert status["strict"] is True
    assert [v["userEnteredValue"] for v in status["condition"]["values"]] == [
        "Не розпочато", "В роботі", "Виконано", "Не виконано", "Не застосовується"]
    assert reports.validations[columns.index("Період")]["strict"] is False
    datasets = empty.sheet("Набори даних")
    mandatory = datasets.validations[headers("datasets").index("Обовʼязковий")]
    assert [v["userEnteredValue"] for v in mandatory["condition"]["values"]] == ["так", "ні"]
    assert datasets.formats[headers("datasets").index("ID")]["numberFormat"]["type"] == "TEXT"


def test_from_xlsx_uploads_a_workbook_that_then_gives_the_same_summary(google, empty,
                                                                       open_source, tmp_path):
    path = tmp_path / "demo.xlsx"
    write_demo(path)

    assert run_init_sheet("--key", MAIN_KEY, "--from-xlsx", str(path)) == 0

    as_of = dt.date(2025, 7, 1)
    from_file = load_workbook(WorkbookFileSource(path))
    from_sheets = load_workbook(open_source())
    assert (build_summary(build_figures(from_sheets, as_of, Settings()))
            == build_summary(build_figures(from_file, as_of, Settings())))


def test_from_xlsx_keeps_columns_and_tabs_the_template_lacks(google, empty, open_source,
                                                            tmp_path):
    book = Workbook()
    plan = book.active
    plan.title = "plan"
    plan.append(["Завдання", "Код", "Примітка", "Розділ"])
    plan.append(["Контроль якості", "4.3", "перевірити у травні", "4. Якість"])
    book.create_sheet("Нотатки").append(["будь-що", dt.date(2025, 1, 2)])
    path = tmp_path / "own.xlsx"
    book.save(path)

    run_init_sheet("--key", MAIN_KEY, "--from-xlsx", str(path))

    sheet = empty.sheet("План")
    assert sheet.cells[0] == [*headers("plan"), "Примітка"]
    assert sheet.cells[1][:3] == ["4.3", "4. Якість", "Контроль якості"]
    assert sheet.cells[1][-1] == "перевірити у травні"
    assert empty.sheet("Нотатки").cells == [["будь-що", "02.01.2025"]]
    (task,) = load_workbook(open_source()).tasks
    assert (task.code, task.task) == ("4.3", "Контроль якості")


def test_a_spreadsheet_that_already_holds_data_is_never_overwritten(google, capsys):
    google.add_spreadsheet(MAIN_KEY, "Робоча", {"Звіти": [headers("reports"), ["4.3"]]},
                           writers=[EMAIL])

    with pytest.raises(SourceError, match="«Звіти» \\(2 непорожніх рядків\\)"):
        run_init_sheet("--key", MAIN_KEY)

    assert google.count("batchUpdate") == 0 and google.count("valuesUpdate") == 0


def test_share_gives_each_address_edit_access_through_the_drive_api(google, empty, capsys):
    run_init_sheet("--key", MAIN_KEY, "--share", "it@rada.ua", "--share", "fin@rada.ua")

    assert [(p["emailAddress"], p["role"], p["type"]) for p in empty.permissions] == [
        ("it@rada.ua", "writer", "user"), ("fin@rada.ua", "writer", "user")]
    assert "it@rada.ua, fin@rada.ua" in capsys.readouterr().out


def test_an_account_that_may_only_read_is_told_to_become_an_editor(google):
    google.add_spreadsheet(MAIN_KEY, "Нова", ["Аркуш1"], readers=[EMAIL])
    with pytest.raises(SourceError, match=f"{EMAIL}.*«редактор»"):
        run_init_sheet("--key", MAIN_KEY)


def test_a_key_that_is_not_a_key_is_refused_before_any_request(google):
    with pytest.raises(SourceError, match="не є посиланням"):
        run_init_sheet("--key", "Моя таблиця")
    assert google.count("token") == 0


def test_python_m_odcore_init_sheet_then_check_finds_no_errors(google, empty, capsys):
    assert main(["init-sheet", "--key", URL]) == 0
    assert main(["check", f"gsheets:{MAIN_KEY}"]) == 0
    assert "Помилок: 0, попереджень: 0" in capsys.readouterr().out


def test_running_again_on_header_only_tabs_adds_no_second_protection(google, empty, tmp_path):
    book = Workbook()
    book.active.title = "План"
    book.active.append(headers("plan"))
    path = tmp_path / "headers.xlsx"
    book.save(path)
    run_init_sheet("--key", MAIN_KEY, "--from-xlsx", str(path))
    first = len(empty.protected)

    assert run_init_sheet("--key", MAIN_KEY, "--from-xlsx", str(path)) == 0

    assert first == len(TAB_SPECS) and len(empty.protected) == first
    assert [s.title for s in empty.sheets] == [spec.title for spec in TAB_SPECS]


def test_init_sheet_asks_for_write_access_and_for_drive_only_with_share(google, empty):
    run_init_sheet("--key", MAIN_KEY)
    assert [scopes for _, scopes in google.tokens.values()] == [set(WRITE_SCOPES)]
    google.tokens.clear()
    google.add_spreadsheet(OTHER_KEY, "Друга", ["Аркуш1"], writers=[EMAIL])
    run_init_sheet("--key", OTHER_KEY, "--share", "it@rada.ua")
    assert [scopes for _, scopes in google.tokens.values()] == [{*WRITE_SCOPES, DRIVE_SCOPE}]
