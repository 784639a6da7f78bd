"""The reading layer: headers, tabs, rows, merging spreadsheets and cross-tab checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from odcore.issues import Finding, Issue, IssueCode, Severity
from odcore.periods import Quarter
from odcore.reading import load_workbook
from odcore.reading.cross_checks import _dedupe_reports
from odcore.schema.models import Report
from odcore.schema.vocab import DatasetStatus, ReportStatus, UpdateFrequency
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.memory import MemorySource
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.workbook import Workbook
from tests.helpers import DEPT, TASK, codes, headers, load, tab

ANNEX7 = (Path(__file__).resolve().parents[1] / "odcore" / "portal" / "structures"
          / "annex-07" / "register" / "example.xlsx")

REPORT = {"task_code": "4.3", "period": "2024-Q1", "status": "Виконано",
          "department": "Відділ ІТ"}
DATASET = {"id": "ZHM-001", "title": "Бюджет", "department": "Відділ ІТ",
           "status": "Оприлюднено"}


def test_headers_match_case_spaces_apostrophes_and_english_keys():
    rows = [["  КОД ", "section", "Завдання", "строк   виконання"],
            ["1.1", "1. Розділ", "Текст", "Постійно"]]
    wb = load(("план", rows))
    assert [t.code for t in wb.tasks] == ["1.1"]
    assert wb.tasks[0].deadline == "Постійно"
    ds = load(("Набори даних", [["ID", "Назва", "Розпорядник", "Статус", "Обов'язковий"],
                                ["A", "B", "C", "Оприлюднено", "так"]]))
    assert ds.datasets[0].mandatory is True  # ' matches ʼ in the header


def test_missing_required_column_is_an_error_for_that_tab_only():
    wb = load(("План", [["Код", "Розділ"], ["1.1", "x"]]), tab("departments", DEPT))
    assert [i.code for i in wb.issues if i.severity is Severity.ERROR] == ["column.missing"]
    missing = next(i for i in wb.issues if i.code == "column.missing")
    assert missing.tab == "План" and "«Завдання»" in missing.message
    assert wb.tasks == [] and [d.name for d in wb.departments] == ["Відділ ІТ"]


def test_extra_columns_reported_once_as_information():
    rows = [headers("departments") + ["Примітка", "Ще"], ["Відділ ІТ", None, None, None, "a", "b"]]
    wb = load(("Підрозділи", rows))
    extra = [i for i in wb.issues if i.code == "column.unknown"]
    assert len(extra) == 1 and extra[0].severity is Severity.INFO
    assert "«Примітка»" in extra[0].message and "«Ще»" in extra[0].message


def test_duplicated_header_is_an_error():
    wb = load(("Підрозділи", [["Підрозділ", "Підрозділ"], ["Відділ ІТ", "Інший"]]))
    dup = [i for i in wb.issues if i.code == "column.duplicate"]
    assert len(dup) == 1 and dup[0].is_error and dup[0].cell == "B1"


def test_row_numbers_are_the_spreadsheets_own_when_the_sheet_starts_at_b3():
    rows = [[], [None, None],
            [None, "Підрозділ", "Email"],
            [None, "Відділ ІТ", "not-an-email"],
            [None, None, None],
            [None, "Відділ освіти", "osvita@rada.gov.ua"]]
    wb = load(("Підрозділи", rows))
    assert [(d.name, d.origin.row) for d in wb.departments] == [("Відділ ІТ", 4),
                                                                 ("Відділ освіти", 6)]
    bad = next(i for i in wb.issues if i.code == "email.invalid")
    assert (bad.row, bad.cell, bad.column) == (4, "C4", "Email")


def test_fully_empty_rows_are_skipped_and_error_rows_left_out():
    wb = load(tab("plan", TASK), tab("departments", DEPT),
              tab("reports", REPORT, {}, {**REPORT, "period": "вчора"},
                  {**REPORT, "period": "2024-Q2"}))
    assert [str(r.period) for r in wb.reports] == ["2024-Q1", "2024-Q2"]
    assert wb.rows_total["reports"] == 3
    bad = next(i for i in wb.issues if i.code == "quarter.invalid")
    assert bad.row == 4 and bad.tab == "Звіти" and bad.department == "Відділ ІТ"


def test_single_unknown_sheet_is_read_as_the_tab_its_headers_match():
    wb = load(("Sheet1", [["ID", "Назва", "Розпорядник", "Статус"],
                          ["A-1", "Бюджет", "Відділ ІТ", "Готується"]]))
    assert [d.id for d in wb.datasets] == ["A-1"]
    assert "tab.guessed" in codes(wb)


def test_a_lone_filled_sheet_beside_empty_ones_is_read_by_its_headers_too():
    wb = load(("Sheet1", [["ID", "Назва", "Розпорядник", "Статус"],
                          ["A-1", "Бюджет", "Відділ ІТ", "Готується"]]),
              ("Sheet2", []), ("Sheet3", [[None, " "]]))
    assert [d.id for d in wb.datasets] == ["A-1"]
    assert "tab.guessed" in codes(wb) and "tab.unknown" not in codes(wb)


def test_two_filled_unknown_sheets_are_not_guessed():
    rows = [["ID", "Назва", "Розпорядник", "Статус"], ["A-1", "Бюджет", "Відділ ІТ", "Готується"]]
    with pytest.raises(SourceError):
        load(("Sheet1", rows), ("Sheet2", rows))


def test_unknown_sheets_beside_known_tabs_are_information():
    wb = load(tab("departments", DEPT), ("Нотатки", [["що-небудь"]]))
    unknown = [i for i in wb.issues if i.code == "tab.unknown"]
    assert len(unknown) == 1 and unknown[0].tab == "Нотатки"


def test_no_known_tab_at_all_cannot_be_read():
    with pytest.raises(SourceError):
        load_workbook(MemorySource({"x.xlsx": {"Аркуш1": [["a", "b"], [1, 2]],
                                               "Аркуш2": [["c"]]}}))


def test_annex7_register_loads_as_it_is():
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(ANNEX7))
    rows = book.get_sheet_by_index(0).to_python()
    wb = load(("Набори даних", rows))
    assert len(wb.datasets) == 3
    first = wb.datasets[0]
    assert first.id == "amk-dovidnyk" and first.formats == ("CSV",)
    assert first.status is DatasetStatus.PUBLISHED and first.status_inferred
    assert first.steward == "Симоненко Олена Петрівна"
    assert not [i for i in wb.issues if i.is_error]
    assert codes(wb).count("register.status_inferred") == 1


def test_annex7_example_file_as_it_is_loads_as_three_datasets_through_the_sheet1_rule():
    wb = load_workbook(WorkbookFileSource(ANNEX7))
    assert [d.id for d in wb.datasets] == ["amk-dovidnyk", "Мінагрополітики України",
                                           "Державної авіаційної служби України"]
    assert [d.origin.row for d in wb.datasets] == [2, 3, 4]
    guessed = [i for i in wb.issues if i.code == "tab.guessed"]
    assert len(guessed) == 1 and guessed[0].tab == "Sheet1" and "«Набори даних»" in guessed[0].message
    assert [i for i in wb.issues if i.severity is not Severity.INFO] == []


def test_register_with_the_structures_ukrainian_titles_and_this_tabs_columns_beside_them():
    rows = [["Ідентифікатор", "Назва", "Опис", "Частота оновлення", "Ключові слова",
             "Підстава", "Посилання на сторінку набору даних", "Формати ресурсів",
             "Назва розпорядника", "Відповідальна особа", "Email відповідальної особи",
             "Статус", "Обовʼязковий"],
            ["zhm-budget", "Бюджет", "Опис", "Щорічно", "бюджет; кошти", "Закон",
             "https://data.gov.ua/dataset/zhm-budget", "CSV, XLSX", "Фінансове управління",
             "Іваненко І. І.", "finance@rada.gov.ua", "Готується", "так"]]
    wb = load(("Набори даних", rows))
    (dataset,) = wb.datasets
    assert (dataset.id, dataset.purpose, dataset.portal_url, dataset.formats,
            dataset.department, dataset.steward_email) == (
        "zhm-budget", "Закон", "https://data.gov.ua/dataset/zhm-budget", ("CSV", "XLSX"),
        "Фінансове управління", "finance@rada.gov.ua")
    assert dataset.update_frequency is UpdateFrequency.YEARLY
    assert dataset.keywords == ("бюджет", "кошти") and dataset.mandatory is True
    assert dataset.status is DatasetStatus.PREPARING and not dataset.status_inferred
    assert [i.code for i in wb.issues if i.code.startswith(("column.", "register."))] == []


def test_register_without_status_takes_planned_for_rows_without_url():
    wb = load(("Набори даних", [["ID", "Назва", "Розпорядник", "Посилання на портал"],
                                ["A", "x", "y", "https://data.gov.ua/dataset/a"],
                                ["B", "x", "y", None]]))
    assert [d.status for d in wb.datasets] == [DatasetStatus.PUBLISHED, DatasetStatus.PLANNED]


def test_unknown_task_codes_and_dataset_ids():
    wb = load(tab("plan", TASK), tab("departments", DEPT),
              tab("reports", REPORT, {**REPORT, "task_code": "4.4"}),
              tab("datasets", DATASET),
              tab("quality_checks", {"dataset_id": "ZHM-099", "period": "2024-Q1",
                                     "compliant": "так"}),
              tab("publications", {"published_on": "01.02.2024", "title": "Новина",
                                   "dataset_ids": "ZHM-001, ZHM-404"}),
              tab("events", {"date": "01.02.2024", "title": "День", "kind": "Захід",
                             "task_codes": "4.3; 9.9"}))
    found = {(i.code, i.severity, i.value) for i in wb.issues if i.code.startswith("ref.")}
    # A listed reference whose row still counts has a code of its own (docs/reading.md).
    assert found == {("ref.unknown_task", Severity.ERROR, "4.4"),
                     ("ref.unknown_dataset", Severity.ERROR, "ZHM-099"),
                     ("ref.unknown_dataset_listed", Severity.WARNING, "ZHM-404"),
                     ("ref.unknown_task_listed", Severity.WARNING, "9.9")}
    assert len(wb.reports) == 1 and wb.quality_checks == []


def test_duplicate_ids_also_across_spreadsheets():
    wb = load(tab("departments", {**DEPT, "spreadsheet": "osvita.xlsx"}),
              tab("datasets", DATASET),
              linked={"osvita.xlsx": dict([tab("datasets", {**DATASET, "title": "Копія"})])})
    dup = [i for i in wb.issues if i.code == "id.duplicate"]
    assert len(dup) == 1 and dup[0].spreadsheet == "osvita.xlsx"
    assert "main.xlsx" in dup[0].message
    assert [d.title for d in wb.datasets] == ["Бюджет"]


def test_unknown_department_suggests_the_nearest_name():
    wb = load(tab("departments", {"name": "Фінансове управління"}, DEPT),
              tab("datasets", {**DATASET, "department": "Фінансове управліня"}))
    issue = next(i for i in wb.issues if i.code == "ref.unknown_department")
    assert issue.severity is Severity.WARNING
    assert "«Фінансове управління»" in issue.message


def test_executors_are_matched_before_splitting_on_commas():
    long_name = "Управління ЖКГ, транспорту та благоустрою"
    wb = load(tab("departments", DEPT, {"name": long_name}),
              tab("plan", {**TASK, "executors_text": f"{long_name}, відділ іт\nГрупа"}))
    assert wb.tasks[0].executors == (long_name, "Відділ ІТ", "Група")


def test_every_task_gets_its_executors_also_when_cells_repeat():
    # Each distinct executors cell is split once a load: every task still gets its own
    # executors, in the fields set, a frozen model still.
    wb = load(tab("departments", DEPT, {"name": "Фінансове управління"}),
              tab("plan", {**TASK, "executors_text": "Відділ ІТ; фінансове управління"},
                  {**TASK, "code": "1.2", "executors_text": "Відділ ІТ; фінансове управління"},
                  {**TASK, "code": "1.3", "executors_text": "Відділ ІТ"},
                  {**TASK, "code": "1.4", "executors_text": ""}))
    assert [t.executors for t in wb.tasks] == [
        ("Відділ ІТ", "Фінансове управління"), ("Відділ ІТ", "Фінансове управління"),
        ("Відділ ІТ",), ()]
    assert all("executors" in t.model_fields_set for t in wb.tasks)
    assert wb.tasks[0] == wb.tasks[0].model_copy()
    with pytest.raises(ValueError):
        wb.tasks[0].executors = ()  # type: ignore[misc]


def test_duplicate_reports_later_date_wins_with_a_warning_naming_both_rows():
    wb = load(tab("plan", TASK), tab("departments", DEPT),
              tab("reports", {**REPORT, "status": "В роботі", "reported_on": "05.04.2024"},
                  {**REPORT, "status": "Виконано", "reported_on": "03.04.2024"},
                  {**REPORT, "period": "2024-Q2", "status": "В роботі"},
                  {**REPORT, "period": "2024-Q2", "status": "Виконано"}))
    by_period = {str(r.period): r for r in wb.reports}
    assert len(wb.reports) == 2
    assert by_period["2024-Q1"].status.value == "В роботі"  # the later date
    assert by_period["2024-Q2"].status.value == "Виконано"  # no dates: the later row
    warnings = [i for i in wb.issues if i.code == "report.duplicate"]
    assert len(warnings) == 2 and "2" in warnings[0].message and "3" in warnings[0].message


def test_department_spreadsheets_are_merged_after_the_main_one():
    wb = load(tab("plan", TASK),
              tab("departments", {**DEPT, "spreadsheet": "it.xlsx"},
                  {"name": "Відділ освіти", "spreadsheet": "it.xlsx"},
                  {"name": "Відділ культури", "spreadsheet": "missing.xlsx"}),
              tab("reports", REPORT),
              linked={"it.xlsx": dict([tab("reports", {**REPORT, "period": "2024-Q2"},
                                           {**REPORT, "period": "2024-Q3",
                                            "department": "Відділ освіти"}),
                                       tab("departments", {"name": "Чужий"})])})
    assert [str(r.period) for r in wb.reports] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [r.origin.main for r in wb.reports] == [True, False, False]
    found = codes(wb)
    assert "department.foreign_row" in found  # 2024-Q3 names another department
    assert "spreadsheet.duplicate" in found
    assert "spreadsheet.unreadable" in found
    assert "tab.ignored" in found  # a department's own Підрозділи is not followed
    assert [d.name for d in wb.departments] == ["Відділ ІТ", "Відділ освіти", "Відділ культури"]


def test_contact_in_public_text_is_a_warning():
    wb = load(tab("products", {"name": "Бот", "kind": "Чат-бот",
                               "description": "Дзвоніть +380 67 123 45 67"}))
    assert "text.contact_in_public" in codes(wb)


def test_missing_tabs_are_information():
    wb = load(tab("departments", DEPT))
    missing = {i.tab for i in wb.issues if i.code == "tab.missing"}
    assert "План" in missing and "Підрозділи" not in missing


def test_a_spreadsheet_served_from_its_snapshot_is_a_warning_with_its_banner():
    class StaleSource(MemorySource):
        def read_main(self):
            sheet = super().read_main()
            sheet.stale_note = "Дані таблиці «main» станом на 01.12.2026 10:00."
            sheet.notes.append("Google не відповів.")
            return sheet

    wb = load_workbook(StaleSource({"main": dict([tab("departments", DEPT)])}))
    stale = [i for i in wb.issues if i.code == "spreadsheet.stale"]
    assert len(stale) == 1 and stale[0].severity is Severity.WARNING
    assert stale[0].message == ("Дані таблиці «main» станом на 01.12.2026 10:00. "
                                "Google не відповів.")


def test_a_note_of_the_source_is_information_about_that_spreadsheet():
    class NotingSource(MemorySource):
        def read_main(self):
            sheet = super().read_main()
            sheet.notes.append("Не вдалося перевірити клітинки з помилками у файлі main.")
            return sheet

    wb = load_workbook(NotingSource({"main": dict([tab("departments", DEPT)])}))
    (note,) = [i for i in wb.issues if i.code == "spreadsheet.note"]
    assert note.severity is Severity.INFO and note.spreadsheet == "main"
    assert note.message == "Не вдалося перевірити клітинки з помилками у файлі main."


def test_a_known_tab_without_a_header_row_is_information():
    wb = load(tab("departments", DEPT), ("План", [[], [None, " "]]))
    (empty,) = [i for i in wb.issues if i.code == "tab.empty"]
    assert empty.severity is Severity.INFO and empty.tab == "План"
    assert "План" not in {i.tab for i in wb.issues if i.code == "tab.missing"}


def test_department_spreadsheets_beyond_the_limit_are_not_read():
    departments = tab("departments", *({"name": f"Відділ {n}", "spreadsheet": f"{n}.xlsx"}
                                       for n in range(3)))
    sheets = {"main.xlsx": dict([departments])}
    sheets.update({f"{n}.xlsx": dict([tab("reports", REPORT)]) for n in range(3)})
    wb = load_workbook(MemorySource(sheets), Settings(max_linked_spreadsheets=2))
    (limit,) = [i for i in wb.issues if i.code == "spreadsheet.too_many"]
    assert limit.severity is Severity.WARNING and limit.row == 4 and "2" in limit.message
    assert [s.name for s in wb.spreadsheets] == ["main.xlsx", "0.xlsx", "1.xlsx"]


def test_a_google_department_reference_that_is_not_a_key_is_never_used():
    class GoogleLikeSource(MemorySource):
        def read_main(self):
            sheet = super().read_main()
            sheet.kind = "gsheets"
            return sheet

        def read_linked(self, reference):
            raise AssertionError(f"read {reference}")

    wb = load_workbook(GoogleLikeSource({"main": dict([tab(
        "departments", {**DEPT, "spreadsheet": "../../etc/passwd"})])}))
    (bad,) = [i for i in wb.issues if i.code == "spreadsheet.bad_key"]
    assert bad.is_error and (bad.row, bad.column, bad.value) == (2, "Таблиця", "../../etc/passwd")


def test_a_cell_that_breaks_its_reader_is_one_unreadable_error_and_the_row_is_left_out():
    # An int of 5,000 digits has no text (Python's int-to-str limit): the reader's last guard
    # turns that into an Issue, and the Issue quotes the value as "<int>".
    wb = load(tab("reports", REPORT, {**REPORT, "period": "2024-Q2", "done": 10**5000}))
    (bad,) = [i for i in wb.issues if i.is_error]
    assert (bad.code, bad.row, bad.column, bad.cell) == ("cell.unreadable", 3, "Що зроблено", "E3")
    assert bad.value == "<int>"
    assert [str(r.period) for r in wb.reports] == ["2024-Q1"]


def test_a_row_the_model_refuses_is_one_unreadable_error(monkeypatch):
    import odcore.reading.tabs as reading
    from odcore.cells import CellRead

    real = reading.read_cell

    def wrong_type(col, raw, *years):
        # A reader bug: the task code comes back as a list, which the model refuses.
        return CellRead(["4.3"]) if col.key == "task_code" and raw == "bug" else real(col, raw, *years)

    monkeypatch.setattr(reading, "read_cell", wrong_type)
    # No quick reader answers first: every first reading goes through read_cell.
    monkeypatch.setattr(reading, "quick_reader", lambda *_: lambda raw: reading.UNSURE)
    wb = load(tab("reports", REPORT, {**REPORT, "task_code": "bug", "period": "2024-Q2"}))
    (bad,) = [i for i in wb.issues if i.is_error]
    assert (bad.code, bad.row, bad.tab) == ("cell.unreadable", 3, "Звіти")
    assert len(wb.reports) == 1


def test_duplicate_report_with_a_date_beats_a_later_undated_row():
    wb = load(tab("plan", TASK), tab("departments", DEPT),
              tab("reports", {**REPORT, "status": "В роботі", "reported_on": "05.04.2024"},
                  {**REPORT, "status": "Виконано"}))
    (report,) = wb.reports
    assert report.status.value == "В роботі" and report.origin.row == 2
    (warning,) = [i for i in wb.issues if i.code == "report.duplicate"]
    assert warning.row == 3 and warning.severity is Severity.WARNING


def test_quality_check_issues_are_grouped_under_the_datasets_department():
    wb = load(tab("departments", DEPT), tab("datasets", DATASET),
              tab("quality_checks", {"dataset_id": "ZHM-001", "period": "2024-Q1",
                                     "compliant": "можливо"}))
    issue = next(i for i in wb.issues if i.code == "yesno.invalid")
    assert issue.department == "Відділ ІТ" and issue.cell == "C2"


def test_a_header_letter_without_a_unicode_name_matches_no_tab_instead_of_crashing():
    # U+17000 (Tangut) is a letter with no name in unicodedata: header matching once raised
    # IndexError here.
    with pytest.raises(SourceError, match="немає жодної відомої вкладки"):
        load(("Sheet1", [["\U00017000"], ["x"]]))


def test_a_duplicate_report_is_built_on_its_cell_as_place_on_cell_would_place_it():
    from odcore.cells import Finding
    from odcore.issue_codes import IssueCode
    from odcore.reading.cross_checks import record_issue
    from odcore.workbook import column_letter_of, place_on_cell

    wb = load(tab("plan", TASK), tab("departments", DEPT),
              tab("reports", REPORT, REPORT, REPORT))
    warnings = [i for i in wb.issues if i.code == "report.duplicate"]
    letter = column_letter_of(wb, warnings[0].spreadsheet, warnings[0].tab, "Період")
    assert letter is not None and len(warnings) == 2
    assert [i.cell for i in warnings] == [f"{letter}2", f"{letter}3"]  # the last row wins
    # A link to the row becomes a link to the cell, exactly as place_on_cell makes it.
    report = wb.reports[0]  # the row kept: 4
    row = report.origin.row
    report = report.model_copy(update={"origin": report.origin.model_copy(
        update={"link": f"https://docs.google.com/spreadsheets/d/k/edit#gid=7&range=A{row}"})})
    finding = Finding.of(IssueCode.REPORT_DUPLICATE, task="1", period="x", department="d",
                         row="2", kept="3")
    unplaced = record_issue(report, finding, field="period", value="2024-Q1")
    built = record_issue(report, finding, field="period", value="2024-Q1", letter=letter)
    placed = place_on_cell(wb, unplaced)
    assert unplaced.cell == "" and built == placed and built.cell == f"{letter}{row}"
    assert built.link == placed.link == (
        f"https://docs.google.com/spreadsheets/d/k/edit#gid=7&range={letter}{row}")


@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["1.1", "2.1"]),
                          st.one_of(st.none(), st.dates(dt.date(2024, 1, 1),
                                                        dt.date(2024, 1, 5)))),
                max_size=12))
@hypothesis_settings(max_examples=200, deadline=None)
def test_the_kept_duplicate_report_is_the_latest_dated_then_the_last_row(rows):
    """The report kept of each (task, period, department): the greatest of (dated, date,
    row), as WORKBOOK.md says; the others are each one Issue on their period cell."""
    reports = [Report.model_validate({
        "task_code": code, "period": Quarter(2024, 1), "status": ReportStatus.DONE,
        "department": f"Відділ {group}", "reported_on": day,
        "origin": {"spreadsheet": "Книга", "tab": "Звіти", "row": i + 2}})
        for i, (group, code, day) in enumerate(rows)]
    workbook = Workbook()
    workbook.column_numbers[("Книга", "Звіти")] = {"період": 2}
    issues: list[Issue] = []
    kept = _dedupe_reports(reports, issues, workbook)
    best: dict[tuple[str, str], int] = {}
    for i, report in enumerate(reports):
        key = (report.task_code, report.department)
        rank = (report.reported_on is not None, report.reported_on or dt.date.min, i)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, i)  # type: ignore[assignment]
    winners = sorted(i for _rank, i in best.values())  # type: ignore[misc]
    assert kept == [reports[i] for i in winners]
    assert sorted(issue.row for issue in issues) == sorted(
        r.origin.row for i, r in enumerate(reports) if i not in winners)
    for issue in issues:
        report = next(r for r in reports if r.origin.row == issue.row)
        winner = reports[best[(report.task_code, report.department)][1]]  # type: ignore[index]
        assert issue.finding == Finding.of(
            IssueCode.REPORT_DUPLICATE, task=report.task_code, period=Quarter(2024, 1).phrase(),
            department=report.department, row=str(issue.row), kept=str(winner.origin.row))
        assert (issue.cell, issue.value) == (f"B{issue.row}", "2024-Q1")
