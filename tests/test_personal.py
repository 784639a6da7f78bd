"""Personal columns per viewer: values, data problems and cell links (odcore.personal)."""

from __future__ import annotations

import datetime as dt

import pytest

from odcore.issues import Finding, Issue, IssueCode
from odcore.personal import Redactor, is_personal_column, owner_department, personal_fields
from odcore.roles import Role, Viewer
from odcore.schema.tabs import SPEC_BY_KEY, TAB_SPECS
from odcore.workbook import SpreadsheetInfo, Workbook
from tests.helpers import load, tab

IT, FIN = "Відділ ІТ", "Фінансове управління"
STAFF_IT = Viewer(Role.STAFF, email="it@rada.gov.ua", department=IT, signed_in=True,
                  sign_in=True, verified=True)
STAFF_NONE = Viewer(Role.STAFF, email="clerk@rada.gov.ua", signed_in=True, sign_in=True,
                    verified=True)
COORDINATOR = Viewer(Role.COORDINATOR, email="head@rada.gov.ua", signed_in=True)
MARK = "приховано"
KEY_IT = "1" * 44
KEY_FIN = "2" * 44
KEY_MAIN = "3" * 44


def sheet_url(key: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{key}/edit#gid=0&range=A2"


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    book = load(
        tab("datasets",
            {"id": "D1", "title": "Бюджет", "department": FIN, "status": "Готується",
             "steward": "Петро Фінансист", "steward_email": "petro@rada.gov.ua"},
            {"id": "D2", "title": "Мережа", "department": IT, "status": "Готується",
             "steward": "Ірина Айтішниця", "steward_email": "iryna@rada.gov.ua"}),
        tab("quality_checks", {"dataset_id": "D1", "period": "2025-Q1", "compliant": "так",
                               "checked_by": "Олена Перевірка"}),
        tab("trainings", {"person": "Навчений Іван", "department": FIN, "course": "Курс"},
            {"person": "Без Підрозділу", "course": "Курс"}),
        tab("products", {"name": "Мапа", "kind": "Інше", "contact": "Партнер Контакт"}),
        tab("departments", {"name": IT, "head": "Керівник ІТ", "email": "it-head@rada.gov.ua"},
            {"name": FIN, "head": "Керівник Фін", "email": "fin-head@rada.gov.ua"}))
    book.spreadsheets += [
        SpreadsheetInfo("ІТ", sheet_url(KEY_IT), "gsheets", dt.datetime(2025, 1, 1), False, IT),
        SpreadsheetInfo("Фін", f"gsheets:{KEY_FIN}", "gsheets", dt.datetime(2025, 1, 1), False,
                        FIN)]
    return book


def test_every_column_workbook_md_marks_personal_is_personal_in_the_schema():
    marked = {(spec.key, name) for spec in TAB_SPECS for name in personal_fields(spec)}
    assert marked == {("reports", "reported_by"), ("reports", "submitted_by"),
                      ("datasets", "steward"),
                      ("datasets", "steward_email"), ("quality_checks", "checked_by"),
                      ("trainings", "person"), ("trainings", "certificate_url"),
                      ("products", "contact"), ("departments", "head"),
                      ("departments", "email")}


def test_rows_belong_to_their_department_and_a_check_to_its_datasets(workbook):
    owners = {"d1": FIN, "d2": IT}
    check = workbook.quality_checks[0]
    assert owner_department(check, owners) == FIN
    assert owner_department(workbook.departments[0], owners) == IT
    assert owner_department(workbook.products[0], owners) == ""
    assert owner_department(workbook.trainings[1], owners) == ""


def test_staff_see_personal_cells_of_their_own_department_only(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    assert shown.personal("Ірина Айтішниця", IT) == "Ірина Айтішниця"
    assert shown.personal("Петро Фінансист", FIN) == MARK
    assert shown.personal("Партнер Контакт", None) == MARK  # a product has no department
    assert shown.personal("", FIN) == "" and shown.personal(None, FIN) == ""
    assert shown.hidden == {"Петро Фінансист", "petro@rada.gov.ua", "Олена Перевірка",
                            "Навчений Іван", "Без Підрозділу", "Партнер Контакт",
                            "Керівник Фін", "fin-head@rada.gov.ua"}


def test_staff_without_a_department_see_no_personal_cell(workbook):
    shown = Redactor.build(STAFF_NONE, workbook, MARK)
    assert shown.personal("Ірина Айтішниця", IT) == MARK
    assert "Ірина Айтішниця" in shown.hidden and "Керівник ІТ" in shown.hidden


def test_a_coordinator_sees_every_cell_and_every_link(workbook):
    shown = Redactor.build(COORDINATOR, workbook, MARK)
    assert shown.personal("Петро Фінансист", FIN) == "Петро Фінансист"
    assert shown.personal("Партнер Контакт", None) == "Партнер Контакт"
    assert shown.link(sheet_url(KEY_MAIN)) == sheet_url(KEY_MAIN)
    issue = Issue(Finding.of(IssueCode.EMAIL_INVALID, value="x@"), tab="Набори даних",
                  column="Email відповідальної особи", value="x@", department=FIN)
    assert shown.issue(issue) is issue


def test_staff_follow_cell_links_into_their_own_departments_spreadsheet_only(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    assert shown.link(sheet_url(KEY_IT)) == sheet_url(KEY_IT)
    assert shown.link(sheet_url(KEY_FIN)) is None
    assert shown.link(sheet_url(KEY_MAIN)) is None  # the main spreadsheet is the coordinator's
    assert shown.link("") == "" and shown.link(None) is None
    assert Redactor.build(STAFF_NONE, workbook, MARK).link(sheet_url(KEY_IT)) is None


def test_a_problem_in_a_personal_cell_of_another_department_hides_the_value(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.EMAIL_INVALID, value="bad-fin-email"),
                  spreadsheet="main.xlsx",
                  tab="Набори даних", row=2, column="Email відповідальної особи",
                  value="bad-fin-email", department=FIN, link=sheet_url(KEY_FIN))
    seen = shown.issue(issue)
    assert seen.value == MARK and "bad-fin-email" not in seen.message
    assert seen.message.startswith(f"«{MARK}»") and seen.link == ""
    assert (seen.tab, seen.row, seen.column, seen.code) == (issue.tab, 2, issue.column,
                                                            issue.code)


def test_a_problem_in_a_personal_cell_of_the_own_department_keeps_the_value(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.EMAIL_INVALID, value="bad-it"), tab="Набори даних", column="Email відповідальної особи", value="bad-it",
                  department=IT, link=sheet_url(KEY_IT))
    assert shown.issue(issue) == issue and shown.issue(issue).link == issue.link


def test_a_personal_cell_with_no_department_is_hidden_from_staff(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.CELL_TOO_LONG, limit="10"), tab="Продукти",
                  column="Контакт", value="довгий контакт")
    assert shown.issue(issue).value == MARK


def test_a_tab_with_an_unknown_name_counts_a_personal_header_as_personal(workbook):
    assert is_personal_column("Аркуш1", "ПІБ") and not is_personal_column("Аркуш1", "Курс")
    assert is_personal_column("Навчання", "ПІБ") and not is_personal_column("Навчання", "Курс")
    assert is_personal_column("register", "contactPointEmail")  # an annex-7 alias
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.SPREADSHEET_NOTE, note="м"), tab="Аркуш1", column="ПІБ",
                  value="Хтось")
    assert shown.issue(issue).value == MARK


def test_a_hidden_value_quoted_by_another_problem_is_hidden_too(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.DEPARTMENT_FOREIGN_ROW, department="Відділ ІТ",
                             named="Петро Фінансист"),
                  tab="Набори даних", column="Розпорядник", value="Петро Фінансист",
                  department=IT)
    seen = shown.issue(issue)
    assert seen.value == MARK and "Петро" not in seen.message and "«Відділ ІТ»" in seen.message


def test_every_personal_column_of_the_schema_has_a_header_that_counts_as_personal():
    for spec in TAB_SPECS:
        for name in personal_fields(spec):
            col = next(c for c in spec.columns if c.key == name)
            assert is_personal_column(spec.title, col.header), (spec.key, name)
            assert is_personal_column("невідома вкладка", col.header), (spec.key, name)
    assert SPEC_BY_KEY["datasets"].column("steward").personal


def test_a_hidden_value_stays_hidden_in_every_language(workbook):
    shown = Redactor.build(STAFF_IT, workbook, MARK)
    issue = Issue(Finding.of(IssueCode.DEPARTMENT_FOREIGN_ROW, department="Відділ ІТ",
                             named="Петро Фінансист"),
                  tab="Набори даних", column="Розпорядник", value="Петро Фінансист",
                  department=IT)
    seen = shown.issue(issue)
    for language in ("uk", "en"):
        message = seen.message_in(language)
        assert "Петро" not in message and f"«{MARK}»" in message and "«Відділ ІТ»" in message
