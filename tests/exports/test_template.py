"""The template workbook: tabs, explained headers, dropdowns, formats, the pre-filled plan."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from odcore.exports.template import (
    PERSONAL_NOTE,
    CellFormat,
    describe_tabs,
    write_template,
)
from odcore.issues import Severity
from odcore.plan_seed import SEED_PLAN
from odcore.reading import load_workbook
from odcore.schema.tabs import SPEC_BY_KEY, TAB_SPECS
from odcore.schema.vocab import DatasetStatus, UpdateFrequency, allowed_values
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource

SEED = Path(__file__).resolve().parents[2] / "docs" / "contract" / "plan-2024-2026.txt"

PLAN_DEADLINES = {
    "1.1": "І-й квартал 2024 року", "1.2": "І-й квартал 2024 року",
    "2.1": "І-й квартал 2024 року", "2.2": "Постійно", "3.1": "Впродовж терміну дії Плану",
    "4.1": "1 раз на рік", "4.2": "Постійно", "4.3": "Щоквартально", "5.1": "Щоквартально",
    "6.1": "Постійно", "6.2": "Впродовж дії Плану заходів", "7.1": "Постійно",
    "8.1": "Постійно", "8.2": None, "9.1": "ІІ-ге півріччя 2024 року", "9.2": "Постійно",
}
INDICATORS = {
    "6.2": "datasets_compliant_share", "4.2": "register_complete_share",
    "4.3": "quality_checked_share", "4.1": "recommendations_resolved_share",
    "2.2": "stewards_trained_share", "5.1": "publications_quarter_share",
    "8.2": "products_public", "9.1": "charter_joined", "3.1": "grant_applications",
}


@pytest.fixture(scope="module")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "шаблон.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def book(template_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template_path)


def _columns(sheet: Worksheet) -> dict[str, str]:
    """Header text -> column letter."""
    return {cell.value: cell.column_letter for cell in sheet[1] if cell.value}


def _validation(sheet: Worksheet, letter: str):
    found = [dv for dv in sheet.data_validations.dataValidation
             if f"{letter}2:{letter}1000" in str(dv.sqref).split()]
    assert len(found) == 1, f"{sheet.title}!{letter}: {len(found)} validations"
    return found[0]


def test_every_tab_is_written_in_schema_order_with_every_header(book):
    assert book.sheetnames == [spec.title for spec in TAB_SPECS]
    for spec in TAB_SPECS:
        headers = [c.value for c in book[spec.title][1]]
        assert headers == [c.header for c in spec.columns if not c.extra]


def test_extra_columns_are_left_out_of_the_template(book):
    assert "publisherId" not in _columns(book["Набори даних"])


def test_header_row_is_frozen_bold_filled_and_noted_on_every_tab(book):
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        for cell in sheet[1]:
            assert cell.font.bold
            assert cell.fill.fill_type == "solid"
            assert cell.comment is not None and cell.comment.text.strip()


def test_notes_say_required_or_optional(book):
    sheet = book["Звіти"]
    letters = _columns(sheet)
    assert "Обовʼязковий стовпець" in sheet[f"{letters['Код завдання']}1"].comment.text
    assert "Необовʼязковий стовпець" in sheet[f"{letters['Що зроблено']}1"].comment.text


def test_personal_columns_are_marked_in_their_notes_and_only_they(book):
    for spec in TAB_SPECS:
        sheet = book[spec.title]
        letters = _columns(sheet)
        for col in spec.columns:
            if col.extra:
                continue
            note = sheet[f"{letters[col.header]}1"].comment.text
            assert (PERSONAL_NOTE in note) == col.personal, (spec.title, col.header)


def test_vocabulary_notes_list_the_allowed_values(book):
    sheet = book["Набори даних"]
    note = sheet[f"{_columns(sheet)['Частота оновлення']}1"].comment.text
    for value in allowed_values(UpdateFrequency):
        assert f"«{value}»" in note


def test_every_closed_vocabulary_column_has_a_strict_dropdown(book):
    checked = 0
    for spec in TAB_SPECS:
        sheet = book[spec.title]
        letters = _columns(sheet)
        for col in spec.columns:
            if col.vocabulary is None:
                continue
            rule = _validation(sheet, letters[col.header])
            assert rule.type == "list"
            assert rule.formula1 == '"' + ",".join(allowed_values(col.vocabulary)) + '"'
            assert rule.showErrorMessage and rule.errorStyle == "stop"
            checked += 1
    assert checked == 5  # report, dataset status, frequency, product kind, event kind


def test_every_yes_no_column_has_a_tak_ni_dropdown(book):
    yes_no = [(spec, col) for spec in TAB_SPECS for col in spec.columns
              if col.kind.value == "yesno"]
    assert len(yes_no) == 4
    for spec, col in yes_no:
        sheet = book[spec.title]
        rule = _validation(sheet, _columns(sheet)[col.header])
        assert (rule.type, rule.formula1) == ("list", '"так,ні"')


def test_period_columns_suggest_the_plan_quarters_without_refusing_other_spellings(book):
    sheet = book["Звіти"]
    rule = _validation(sheet, _columns(sheet)["Період"])
    assert rule.formula1.startswith('"2024-Q1,2024-Q2,') and rule.formula1.endswith('2026-Q4"')
    assert not rule.showErrorMessage


def test_period_suggestions_follow_the_plan_years_of_the_settings():
    layouts = describe_tabs(Settings(plan_first_year=2025, plan_last_year=2025))
    period = next(c for c in layouts[1].columns if c.key == "period")
    assert period.choices == ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")


def test_date_columns_are_formatted_dd_mm_yyyy_and_checked_as_dates(book):
    sheet = book["Набори даних"]
    letter = _columns(sheet)["Дата останнього оновлення"]
    assert sheet.column_dimensions[letter].number_format == "DD.MM.YYYY"
    rule = _validation(sheet, letter)
    assert (rule.type, rule.operator) == ("date", "between")
    assert (rule.formula1, rule.formula2) == ("32874", "73415")  # 01.01.1990 .. 31.12.2100


def test_code_id_period_and_list_columns_are_text_formatted(book):
    for tab, header in [("План", "Код"), ("Звіти", "Код завдання"), ("Звіти", "Період"),
                        ("Набори даних", "ID"), ("Набори даних", "Формати"),
                        ("Перевірки якості", "ID набору"), ("Заходи", "Завдання плану")]:
        sheet = book[tab]
        assert sheet.column_dimensions[_columns(sheet)[header]].number_format == "@", header


def test_progress_column_is_checked_as_a_number_from_0_to_100(book):
    sheet = book["Звіти"]
    rule = _validation(sheet, _columns(sheet)["Прогрес, %"])
    assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "100")


def test_columns_get_widths_by_what_they_hold(book):
    sheet = book["План"]
    letters = _columns(sheet)
    widths = {h: sheet.column_dimensions[letter].width for h, letter in letters.items()}
    assert widths["Завдання"] > widths["Строк виконання"] > widths["Код"] >= 10


def test_plan_tab_holds_the_sixteen_seed_tasks_with_exact_codes_and_deadlines(book):
    sheet = book["План"]
    letters = _columns(sheet)
    rows = range(2, sheet.max_row + 1)
    codes = [sheet[f"{letters['Код']}{r}"].value for r in rows]
    assert codes == list(PLAN_DEADLINES)
    deadlines = {sheet[f"{letters['Код']}{r}"].value: sheet[f"{letters['Строк виконання']}{r}"].value
                 for r in rows}
    assert deadlines == PLAN_DEADLINES
    assert all(sheet[f"{letters['Код']}{r}"].number_format == "@" for r in rows)


def test_plan_tab_links_the_default_indicators(book):
    sheet = book["План"]
    letters = _columns(sheet)
    linked = {sheet[f"{letters['Код']}{r}"].value: sheet[f"{letters['Показник']}{r}"].value
              for r in range(2, sheet.max_row + 1)}
    assert {code: key for code, key in linked.items() if key} == INDICATORS


def test_template_without_plan_has_headers_only(tmp_path):
    path = tmp_path / "порожній.xlsx"
    write_template(path, with_plan=False)
    assert openpyxl.load_workbook(path)["План"].max_row == 1


def test_template_loads_with_sixteen_tasks_and_no_errors(template_path):
    workbook = load_workbook(WorkbookFileSource(template_path))
    assert len(workbook.tasks) == 16
    assert workbook.tabs_present == set(SPEC_BY_KEY)
    assert [i for i in workbook.issues if i.severity is Severity.ERROR] == []
    assert workbook.plan_has_indicator_column
    assert workbook.tasks[1].executors == (
        "Начальники управлінь та відділів", "Відділ інформаційних технологій та комунікацій")


def test_template_loads_without_warnings(template_path):
    workbook = load_workbook(WorkbookFileSource(template_path))
    assert [i.code for i in workbook.issues if i.severity is Severity.WARNING] == []


def test_writing_replaces_an_existing_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"old")
    write_template(path)
    assert openpyxl.load_workbook(path).sheetnames[0] == "План"
    assert [p.name for p in tmp_path.iterdir()] == ["template.xlsx"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"old")

    def fail(self, filename):
        Path(filename).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError):
        write_template(path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["template.xlsx"]


def test_a_path_that_is_not_xlsx_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.xlsx"):
        write_template(tmp_path / "template.ods")


def test_describe_tabs_gives_the_same_notes_and_dropdowns_the_workbook_shows(book):
    for layout in describe_tabs():
        sheet = book[layout.title]
        for index, column in enumerate(layout.columns, start=1):
            assert sheet.cell(row=1, column=index).comment.text == column.note
        dropdowns = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation
                     if dv.type == "list"}
        expected = {f"{sheet.cell(row=1, column=i).column_letter}2:"
                    f"{sheet.cell(row=1, column=i).column_letter}1000":
                    '"' + ",".join(c.choices) + '"'
                    for i, c in enumerate(layout.columns, start=1) if c.choices}
        assert dropdowns == expected


def test_describe_tabs_formats_dates_as_dates_and_yes_no_as_general():
    datasets = next(t for t in describe_tabs() if t.key == "datasets")
    formats = {c.key: c.cell_format for c in datasets.columns}
    assert formats["last_updated"] is CellFormat.DATE
    assert formats["mandatory"] is CellFormat.GENERAL
    assert formats["id"] is CellFormat.TEXT
    status = next(c for c in datasets.columns if c.key == "status")
    assert status.choices == tuple(allowed_values(DatasetStatus)) and status.strict


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_seed_plan_uses_the_decision_wording_word_for_word():
    decision = _words(SEED.read_text(encoding="utf-8"))
    for task in SEED_PLAN:
        assert _words(f"{task.code}. {task.task}") in decision, task.code
        assert _words(task.section) in decision, task.code
        assert _words(task.kpi) in decision, task.code
        assert _words(task.executors) in decision, task.code
        assert not task.deadline or f" {task.deadline} " in decision, task.code


def test_every_contract_column_carries_its_template_note_in_the_schema():
    # The schema is the one place that describes a column: the template, init-sheet and the
    # docs read Col.note, so a column added without one would reach departments unexplained.
    from odcore.schema.tabs import TAB_SPECS

    assert [(s.key, c.key) for s in TAB_SPECS for c in s.columns
            if not c.note and not c.extra] == []
