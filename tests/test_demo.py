"""The demo workbook: the plan verbatim, a realistic register, and exactly the planted mistakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook as open_xlsx
from openpyxl.workbook.workbook import Workbook as Xlsx

from odcore.checks import all_issues
from odcore.demo import PLANTED_MISTAKES, demo_tabs, write_demo
from odcore.figures import build_figures
from odcore.issues import Severity
from odcore.reading import load_workbook
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from odcore.workbook import Workbook

# WORKBOOK.md, tab by tab, in its order.
CONTRACT_HEADERS = {
    "План": ["Код", "Розділ", "Завдання", "Строк виконання", "Ключові показники",
             "Виконавець", "Показник"],
    "Звіти": ["Код завдання", "Період", "Статус", "Прогрес, %", "Що зроблено",
              "Підтвердження", "Підрозділ", "Дата звіту", "Хто заповнив", "ID звіту",
              "Email автора", "Час подання"],
    "Набори даних": ["ID", "Назва", "Опис", "Підстава та призначення збору інформації",
                     "Розпорядник", "Відповідальна особа", "Email відповідальної особи",
                     "Статус", "Посилання на портал", "Формати", "Частота оновлення",
                     "Дата останнього оновлення", "Дата першого оприлюднення", "Обовʼязковий",
                     "Ключові слова", "Ліцензія", "Структура Мінцифри"],
    "Перевірки якості": ["ID набору", "Період", "Відповідає стандартам", "Зауваження",
                         "Рекомендації", "Рекомендації виконано", "Перевірив",
                         "Дата перевірки"],
    "Навчання": ["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"],
    "Публікації": ["Дата", "Заголовок", "Посилання", "Набори даних"],
    "Продукти": ["Назва", "Тип", "Опис", "Автор", "Посилання", "Зображення", "Набори даних",
                 "Дата додавання", "Публічний", "Контакт"],
    "Заходи": ["Дата", "Назва", "Тип", "Завдання плану", "Результат", "Посилання"],
    "Підрозділи": ["Підрозділ", "Керівник", "Email", "Таблиця"],
}

# The decision's codes and deadlines, verbatim (8.2 has none).
PLAN_DEADLINES = [
    ("1.1", "І-й квартал 2024 року"), ("1.2", "І-й квартал 2024 року"),
    ("2.1", "І-й квартал 2024 року"), ("2.2", "Постійно"),
    ("3.1", "Впродовж терміну дії Плану"), ("4.1", "1 раз на рік"), ("4.2", "Постійно"),
    ("4.3", "Щоквартально"), ("5.1", "Щоквартально"), ("6.1", "Постійно"),
    ("6.2", "Впродовж дії Плану заходів"), ("7.1", "Постійно"), ("8.1", "Постійно"),
    ("8.2", None), ("9.1", "ІІ-ге півріччя 2024 року"), ("9.2", "Постійно"),
]

# docs/demo.md's table: the bad value in each planted cell.
PLANTED_VALUES = {
    ("Звіти", 38, "Період"): "5 кв. 2024",
    ("Звіти", 48, "Код завдання"): "4.4",
    ("Звіти", 60, "Статус"): "Зроблено",
    ("Звіти", 61, "Період"): "2025 Q3",
    ("Звіти", 67, "Прогрес, %"): 150,
    ("Набори даних", 5, "Розпорядник"): "Фінансове управліня",
    ("Набори даних", 25, "ID"): "ZHM-023",
    ("Перевірки якості", 17, "Відповідає стандартам"): "можливо",
    ("Перевірки якості", 22, "ID набору"): "ZHM-099",
    ("Навчання", 14, "Дата"): "31.02.2025",
    ("Продукти", 4, "Опис"): "Перевірка місця дитини в черзі до закладу дошкільної освіти. "
                             "Довідки за телефоном +38 (04332) 5-12-34.",
    ("Продукти", 6, "Посилання"): "javascript:alert(1)",
}

DATE_HEADERS = {"Дата звіту", "Дата останнього оновлення", "Дата першого оприлюднення",
                "Дата перевірки", "Дата", "Дата додавання"}
TEXT_HEADERS = {"Код", "Код завдання", "Період", "ID", "ID набору", "Структура Мінцифри",
                "Показник", "Набори даних", "Завдання плану"}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    write_demo(path)
    return path


@pytest.fixture(scope="module")
def xlsx(demo_path: Path) -> Xlsx:
    return open_xlsx(demo_path)


@pytest.fixture(scope="module")
def loaded(demo_path: Path) -> Workbook:
    return load_workbook(WorkbookFileSource(demo_path), DEFAULT_SETTINGS)


def _column(xlsx: Xlsx, tab: str, header: str) -> list[object]:
    sheet = xlsx[tab]
    index = [c.value for c in sheet[1]].index(header) + 1
    return [sheet.cell(row=r, column=index).value for r in range(2, sheet.max_row + 1)]


def test_every_tab_is_written_in_workbook_order_with_the_contract_headers(xlsx: Xlsx) -> None:
    assert xlsx.sheetnames == list(CONTRACT_HEADERS)
    for tab, headers in CONTRACT_HEADERS.items():
        assert [c.value for c in xlsx[tab][1]] == headers, tab


def test_header_row_is_bold_and_frozen(xlsx: Xlsx) -> None:
    for sheet in xlsx:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])


def test_plan_holds_the_sixteen_tasks_with_their_codes_and_deadlines_verbatim(xlsx: Xlsx) -> None:
    codes = _column(xlsx, "План", "Код")
    deadlines = _column(xlsx, "План", "Строк виконання")
    assert list(zip(codes, deadlines, strict=True)) == PLAN_DEADLINES


def test_plan_keeps_the_decisions_own_spelling_of_executors(xlsx: Xlsx) -> None:
    executors = dict(zip(_column(xlsx, "План", "Код"), _column(xlsx, "План", "Виконавець"),
                         strict=True))
    assert executors["1.2"] == ("Начальники управлінь та відділів, Відділ інформаційних "
                                "технологій та комунікацій")
    assert executors["6.2"].endswith("відповідальні працівники управлінь та відділв")
    assert executors["7.1"] == "Виконавчі орган міської ради"
    assert all("\n" not in text for text in executors.values())


def test_plan_links_the_default_indicators(xlsx: Xlsx) -> None:
    indicators = dict(zip(_column(xlsx, "План", "Код"), _column(xlsx, "План", "Показник"),
                          strict=True))
    assert {code: key for code, key in indicators.items() if key} == {
        "6.2": "datasets_compliant_share", "4.2": "register_complete_share",
        "4.3": "quality_checked_share", "4.1": "recommendations_resolved_share",
        "2.2": "stewards_trained_share", "5.1": "publications_quarter_share",
        "8.2": "products_public", "9.1": "charter_joined", "3.1": "grant_applications"}


def test_register_holds_about_forty_datasets_with_one_id_used_twice(xlsx: Xlsx) -> None:
    ids = _column(xlsx, "Набори даних", "ID")
    assert 38 <= len(set(ids)) <= 45
    assert len(ids) - len(set(ids)) == 1
    statuses = _column(xlsx, "Набори даних", "Статус")
    assert statuses.count("Оприлюднено") > len(ids) / 2
    assert {"Готується", "Заплановано", "Обмежено", "Знято"} <= set(statuses)


def test_no_report_is_for_a_quarter_of_2026(xlsx: Xlsx) -> None:
    periods = _column(xlsx, "Звіти", "Період")
    assert periods and not any("2026" in str(p) for p in periods)


def test_demo_tabs_are_fresh_copies_a_caller_may_change() -> None:
    # Tests mutate demo grids to plant mistakes; a shared grid would leak one test's change
    # into the next.
    changed = demo_tabs()
    tab = next(iter(changed))
    original = changed[tab][1][0]
    changed[tab][1][0] = "змінено в тесті"
    assert demo_tabs()[tab][1][0] == original != "змінено в тесті"


def test_written_cells_equal_demo_tabs(xlsx: Xlsx) -> None:
    for tab, grid in demo_tabs().items():
        written = [[c.value.date() if isinstance(c.value, dt.datetime) else c.value
                    for c in row] for row in xlsx[tab].iter_rows()]
        assert written == grid, tab


def test_each_planted_mistake_points_at_its_documented_bad_value(xlsx: Xlsx) -> None:
    assert {(tab, row, column) for tab, row, column, _ in PLANTED_MISTAKES} == set(PLANTED_VALUES)
    for tab, row, column, _ in PLANTED_MISTAKES:
        sheet = xlsx[tab]
        index = [c.value for c in sheet[1]].index(column) + 1
        assert sheet.cell(row=row, column=index).value == PLANTED_VALUES[(tab, row, column)]


def test_planted_mistakes_are_of_different_kinds() -> None:
    codes = [code for *_, code in PLANTED_MISTAKES]
    assert 8 <= len(codes) <= 12
    assert len(set(codes)) == len(codes)


def test_check_reports_exactly_the_planted_mistakes(loaded: Workbook) -> None:
    issues = all_issues(loaded, DEFAULT_SETTINGS)
    found = {(i.tab, i.row, i.column, i.code) for i in issues if i.severity is not Severity.INFO}
    assert found == set(PLANTED_MISTAKES)
    infos = {(i.tab, i.row, i.column, i.code) for i in issues if i.severity is Severity.INFO}
    assert infos == {("План", 15, "Строк виконання", "deadline.empty")}


def test_task_6_2_is_reported_done_while_fewer_than_75_percent_comply(loaded: Workbook) -> None:
    summary = build_summary(build_figures(loaded, dt.date(2026, 1, 1), DEFAULT_SETTINGS))
    task = next(t for t in summary["plan"]["tasks"] if t["code"] == "6.2")
    assert task["discrepancy"] is True
    assert summary["datasets"]["compliant_share"] < 0.75


def test_some_published_datasets_are_overdue_at_earlier_quarter_ends_and_more_now(
        loaded: Workbook) -> None:
    earlier = build_summary(build_figures(loaded, dt.date(2025, 10, 1),
                                          DEFAULT_SETTINGS))["datasets"]
    now = build_summary(build_figures(loaded, dt.date(2026, 12, 1), DEFAULT_SETTINGS))["datasets"]
    assert earlier["overdue"]
    assert set(earlier["overdue"]) < set(now["overdue"])


def test_date_columns_hold_date_cells_shown_as_day_month_year(xlsx: Xlsx) -> None:
    planted = {(tab, row, column) for tab, row, column, _ in PLANTED_MISTAKES}
    dates = 0
    for sheet in xlsx:
        for index, header in enumerate(c.value for c in sheet[1]):
            if header not in DATE_HEADERS:
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                if cell.value is None or (sheet.title, cell.row, header) in planted:
                    continue
                assert isinstance(cell.value, dt.datetime), (sheet.title, cell.coordinate)
                assert cell.number_format == "DD.MM.YYYY"
                dates += 1
    assert dates > 100


def test_code_id_and_period_cells_are_stored_as_text(xlsx: Xlsx) -> None:
    for sheet in xlsx:
        for index, header in enumerate(c.value for c in sheet[1]):
            if header not in TEXT_HEADERS:
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                assert cell.number_format == "@", (sheet.title, cell.coordinate)
                assert cell.value is None or isinstance(cell.value, str)


def test_writing_again_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "demo.xlsx"
    write_demo(target)
    write_demo(target)
    assert [p.name for p in target.parent.iterdir()] == ["demo.xlsx"]
    assert open_xlsx(target).sheetnames == list(CONTRACT_HEADERS)


def test_no_cell_holds_blank_or_padded_text() -> None:
    texts = [value for grid in demo_tabs().values() for row in grid for value in row
             if isinstance(value, str)]
    assert all(text and text == text.strip() for text in texts)
