"""Reading Google spreadsheets: request counts, metadata caching, A1 anchoring, cell values."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from odcore.reading import load_workbook
from odcore.sources.base import CellError
from odcore.sources.gsheets import spreadsheet_from_payload, spreadsheet_key
from tests.gsheets.conftest import DEPT_KEY, EMAIL, FINANCE, IT, MAIN_KEY, OTHER_KEY, report
from tests.gsheets.fake_sheets import FakeSheet
from tests.helpers import DEPT, TASK, codes, headers, tab


def _values_queries(google, key):
    return [parse_qs(urlsplit(path).query) for method, path in google.log
            if f"/{key}/values:batchGet" in path]


def test_full_refresh_of_n_spreadsheets_costs_n_value_requests_once_metadata_is_cached(
        three_sheets, open_source, clock):
    first = load_workbook(open_source())
    assert {r.department for r in first.reports} == {IT, FINANCE}
    assert three_sheets.count("metadata") == 3 and three_sheets.count("values") == 3

    clock.advance(301)  # past the values TTL, well within the metadata hour
    second = load_workbook(open_source())

    assert len(second.reports) == 2
    assert three_sheets.count("metadata") == 3
    assert three_sheets.count("values") == 6
    for key in (MAIN_KEY, DEPT_KEY, OTHER_KEY):
        assert three_sheets.count("values", key) == 2


def test_values_within_their_ttl_cost_no_request(three_sheets, open_source, clock):
    load_workbook(open_source())
    clock.advance(299)
    workbook = load_workbook(open_source())
    assert len(workbook.reports) == 2
    assert three_sheets.count("values") == 3


def test_metadata_is_fetched_again_after_an_hour(three_sheets, open_source, clock):
    load_workbook(open_source())
    clock.advance(3601)
    load_workbook(open_source())
    assert three_sheets.count("metadata") == 6


def test_renamed_tab_triggers_one_metadata_refresh(three_sheets, open_source, clock):
    load_workbook(open_source())
    three_sheets.spreadsheets[DEPT_KEY].rename("Звіти", "reports")
    clock.advance(301)

    workbook = load_workbook(open_source())

    assert {r.department for r in workbook.reports} == {IT, FINANCE}
    assert three_sheets.count("metadata", DEPT_KEY) == 2
    assert three_sheets.count("metadata", MAIN_KEY) == 1
    assert three_sheets.count("values", DEPT_KEY) == 3  # first read, the failed one, the retry
    assert workbook.spreadsheets[1].stale_note == ""


def test_renamed_tab_keeps_its_saved_rows_and_says_so_not_a_failed_read(three_sheets,
                                                                         open_source, clock):
    load_workbook(open_source())
    dept = three_sheets.spreadsheets[DEPT_KEY]
    dept.rename("Звіти", "Чернетка")
    dept.sheets.append(FakeSheet(77, "Архів"))
    clock.advance(301)

    workbook = load_workbook(open_source())

    # A reply without a tab that the kept snapshot holds never replaces it (docs/google-sheets.md).
    assert sorted(r.department for r in workbook.reports) == sorted([IT, FINANCE])
    assert "spreadsheet.unreadable" not in codes(workbook)
    (stale,) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    assert "«Звіти» — станом на" in stale.message and "поверніть їй назву" in stale.message
    assert any(i.code == "tab.unknown" and i.tab == "Чернетка" for i in workbook.issues)
    assert three_sheets.count("metadata", DEPT_KEY) == 2


def test_a_tab_emptied_to_its_header_row_replaces_the_saved_rows(three_sheets, open_source,
                                                                  clock):
    load_workbook(open_source())
    reports = three_sheets.spreadsheets[DEPT_KEY].sheet("Звіти")
    reports.cells = reports.cells[:1]
    clock.advance(301)

    workbook = load_workbook(open_source())

    assert [r.department for r in workbook.reports] == [FINANCE]
    assert all(info.ok and not info.stale_note for info in workbook.spreadsheets)


def test_one_batch_get_asks_for_every_known_tab_unformatted_with_serial_dates(
        google, open_source):
    google.add_spreadsheet(MAIN_KEY, "Програма", {
        **dict([tab("plan", TASK), tab("departments", DEPT)]),
        "Нотатки координатора": [["будь-що"], ["ще щось"]],
    }, readers=[EMAIL])

    sheet = open_source().read_main()

    (query,) = _values_queries(google, MAIN_KEY)
    assert query["ranges"] == ["'План'", "'Підрозділи'", "'Нотатки координатора'!1:1"]
    assert query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert [t.title for t in sheet.tabs] == ["План", "Підрозділи", "Нотатки координатора"]


def test_a_sheet_of_no_known_tab_is_reported_from_its_header_row_alone(google, open_source):
    notes = [["Що перевірити"], ["рядок 2 — особисті нотатки"], ["рядок 3"]]
    google.add_spreadsheet(MAIN_KEY, "Програма", {**dict([tab("plan", TASK)]), "Нотатки": notes},
                           readers=[EMAIL])

    source = open_source()
    workbook = load_workbook(source)

    (unknown,) = [i for i in workbook.issues if i.code == "tab.unknown"]
    assert unknown.tab == "Нотатки"
    assert source.read_main().tabs[1].values == [["Що перевірити"]]


def test_lone_sheet_with_an_unknown_name_is_read_and_guessed(google, open_source):
    google.add_spreadsheet(MAIN_KEY, "Реєстр", {"Sheet1": [
        headers("datasets"), ["DS-1", "Бюджет", None, None, "Відділ ІТ", None, None,
                              "Оприлюднено"]]}, readers=[EMAIL])

    workbook = load_workbook(open_source())

    assert [d.id for d in workbook.datasets] == ["DS-1"]
    assert "tab.guessed" in codes(workbook)


def test_grid_is_anchored_at_a1_when_the_data_starts_lower_and_to_the_right(
        google, open_source):
    title, rows = tab("plan", TASK, {**TASK, "code": "4.4", "section": "#REF!"})
    shifted = [[], []] + [[None, *row] for row in rows]  # header at B3
    google.add_spreadsheet(MAIN_KEY, "Програма", {title: shifted}, readers=[EMAIL])

    source = open_source()
    workbook = load_workbook(source)

    (task,) = workbook.tasks
    gid = google.spreadsheets[MAIN_KEY].sheet("План").sheet_id
    assert task.origin.row == 4
    assert task.origin.link == (f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit"
                                f"#gid={gid}&range=A4")
    (error,) = [i for i in workbook.issues if i.code == "cell.spreadsheet_error"]
    assert (error.row, error.cell) == (5, "C5")
    assert error.link.endswith(f"#gid={gid}&range=C5")


def test_google_rendered_percent_and_a_number_typed_code_read_per_the_workbook_rules(
        google, open_source):
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([
        tab("plan", TASK, {**TASK, "code": 7}),
        tab("reports", report(IT, progress=0.5, reported_on=dt.date(2024, 4, 2))),
    ]), readers=[EMAIL])

    workbook = load_workbook(open_source())

    assert sorted(t.code for t in workbook.tasks) == ["4.3", "7"]
    (row,) = workbook.reports
    assert row.progress == 50.0
    assert row.reported_on == dt.date(2024, 4, 2)
    found = codes(workbook)
    assert "progress.fraction" in found and "text.number_as_text" in found


def test_api_values_become_cell_values():
    payload = {
        "key": MAIN_KEY, "read_at": "2025-03-01T10:00:00+02:00",
        "metadata": {"properties": {"title": "T"},
                     "sheets": [{"properties": {"sheetId": 5, "title": "План", "index": 0}}]},
        "ranges": ["План"],
        "values": {"valueRanges": [{"range": "'План'!A1:E2", "values": [
            ["a", "", 3.0, 2.5, True], ["#N/A", 45000, None, "", ""]]}]},
    }
    sheet = spreadsheet_from_payload(payload)
    assert sheet.tabs[0].values == [["a", None, 3, 2.5, True], [CellError("#N/A"), 45000]]
    assert sheet.tabs[0].gid == 5
    assert (sheet.kind, sheet.key, sheet.name, sheet.stale_note) == ("gsheets", MAIN_KEY, "T", "")


def test_spreadsheet_key_accepts_urls_prefixed_and_bare_keys_only_when_well_formed():
    url = f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit#gid=0"
    assert spreadsheet_key(url) == MAIN_KEY
    assert spreadsheet_key(f"gsheets:{MAIN_KEY}") == MAIN_KEY
    assert spreadsheet_key(f"  {MAIN_KEY} ") == MAIN_KEY
    assert spreadsheet_key("Звіти відділу ІТ") is None
    assert spreadsheet_key("../../etc/passwd") is None


def test_department_sheet_not_shared_is_an_issue_naming_the_account(three_sheets, open_source):
    three_sheets.spreadsheets[OTHER_KEY].readers.clear()

    workbook = load_workbook(open_source())

    (issue,) = [i for i in workbook.issues if i.code == "spreadsheet.unreadable"]
    assert EMAIL in issue.message and "Поділитися" in issue.message
    assert issue.department == FINANCE
    assert [r.department for r in workbook.reports] == [IT]
