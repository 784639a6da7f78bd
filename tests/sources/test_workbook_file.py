"""WorkbookFileSource on real .xlsx, .xlsm, .xls and .ods files built in tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from odcore.sources.base import CellError, SourceError
from odcore.sources.workbook_file import WORKBOOK_SUFFIXES, WorkbookFileSource

NOT_A_WORKBOOK = "не є книгою Excel або LibreOffice (.xlsx, .xlsm, .xls, .ods) або пошкоджений"


def tab_values(path: Path, title: str) -> list[list[object]]:
    spreadsheet = WorkbookFileSource(path).read_main()
    return next(tab.values for tab in spreadsheet.tabs if tab.title == title)


def test_workbook_suffixes_are_the_four_supported_formats() -> None:
    assert WORKBOOK_SUFFIXES == (".xlsx", ".xlsm", ".xls", ".ods")


# --- .xlsx -------------------------------------------------------------------------------------


def test_xlsx_tabs_are_all_sheets_in_workbook_order(xlsx_path: Path) -> None:
    spreadsheet = WorkbookFileSource(xlsx_path).read_main()
    assert [tab.title for tab in spreadsheet.tabs] == ["План", "Звіти", "Порожня"]
    assert spreadsheet.tabs[2].values == []


def test_xlsx_hidden_sheet_and_chart_sheet_are_tabs_too(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Старий план"
    book.active["A1"] = "Код"
    book.active.sheet_state = "hidden"
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=1, max_row=1))
    book.create_chartsheet("Діаграма").add_chart(chart)
    book.active = 1
    path = tmp_path / "charts.xlsx"
    book.save(path)
    tabs = WorkbookFileSource(path).read_main().tabs
    assert [(tab.title, tab.values) for tab in tabs] == [("Старий план", [["Код"]]), ("Діаграма", [])]


def test_xlsx_provenance_names_the_file_and_an_aware_read_time(xlsx_path: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    spreadsheet = WorkbookFileSource(xlsx_path).read_main()
    assert spreadsheet.name == "main.xlsx"
    assert spreadsheet.location == str(xlsx_path.resolve())
    assert spreadsheet.kind == "file"
    assert spreadsheet.notes == []
    # An aware moment: the views show it in the configured time zone (sources know none).
    assert spreadsheet.read_at.utcoffset() == dt.timedelta(0)
    assert spreadsheet.read_at >= before


def test_source_label_is_the_file_name_and_demo_flag_is_kept(xlsx_path: Path) -> None:
    source = WorkbookFileSource(str(xlsx_path), is_demo=True)
    assert source.label == "main.xlsx"
    assert source.is_demo is True
    assert WorkbookFileSource(xlsx_path).is_demo is False


def test_xlsx_grid_is_anchored_at_a1_when_data_starts_at_b3(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    assert values[0] == [] and values[1] == []
    assert values[2] == [None, "Код", "Дата", "Сума", "Так", "Час", "Тривалість"]
    assert values[3][1] == "4.1"


def test_xlsx_date_only_cell_is_date_and_date_time_cell_is_datetime(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    assert type(values[3][2]) is dt.date
    assert values[3][2] == dt.date(2024, 3, 31)
    assert values[4][2] == dt.datetime(2024, 3, 31, 10, 30)


def test_xlsx_integral_number_is_int_fraction_float_and_booleans_stay_bool(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    assert values[3][3] == 7 and type(values[3][3]) is int
    assert values[4][3] == 2.5
    assert values[3][4] is True and values[4][4] is False


def test_xlsx_time_and_duration_cells_become_their_text(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    assert values[3][5:7] == ["10:30:00", "30:00:00"]


def test_xlsx_saved_error_value_is_cell_error_at_its_cell(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    assert values[5][2] == CellError("#DIV/0!")  # C6


def test_xlsx_text_that_reads_like_an_error_stays_text(xlsx_path: Path) -> None:
    assert tab_values(xlsx_path, "План")[5][1] == "#REF!"  # B6


def test_xlsx_formula_whose_text_holds_an_error_type_is_not_an_error(xlsx_path: Path) -> None:
    assert tab_values(xlsx_path, "План")[5][3] == 0  # D6: IF(t="e",1,0)


def test_xlsx_error_cells_without_references_are_placed_by_order(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "Звіти")
    assert values == [
        ["Код завдання", CellError("#N/A")],
        [],
        [],
        [None, None, CellError("#NAME?")],
        [CellError("#VALUE!"), 0],
    ]


def test_xlsx_error_cells_follow_sheet_names_through_workbook_relationships(
    xlsx_swapped_parts_path: Path,
) -> None:
    assert tab_values(xlsx_swapped_parts_path, "План")[5][2] == CellError("#DIV/0!")
    assert tab_values(xlsx_swapped_parts_path, "Звіти")[0] == ["Код завдання", CellError("#N/A")]


def test_xlsx_merged_range_keeps_its_value_in_the_top_left_cell_only(xlsx_path: Path) -> None:
    values = tab_values(xlsx_path, "План")
    # B8:D9 is merged; the file also hides "приховано" in C8 under the merge
    assert values[7] == [None, "Об'єднано"]
    assert len(values) == 8  # row 9, all covered, is empty


def test_xlsm_workbook_is_read_like_xlsx(xlsx_path: Path, tmp_path: Path) -> None:
    xlsm = shutil.copy(xlsx_path, tmp_path / "macro.xlsm")
    assert tab_values(Path(xlsm), "План")[5][2] == CellError("#DIV/0!")


def test_xlsx_saved_under_xls_suffix_is_read_by_its_content(xlsx_path: Path, tmp_path: Path) -> None:
    renamed = Path(shutil.copy(xlsx_path, tmp_path / "exported.xls"))
    values = tab_values(renamed, "План")
    assert values[2][1] == "Код"
    assert values[5][2] == CellError("#DIV/0!")


def test_workbook_whose_error_scan_fails_still_loads_with_a_note(xlsx_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(xlsx_path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "_rels/.rels":
                data = data.replace(b"xl/workbook.xml", b"xl/missing.xml")
            target.writestr(info, data)
    spreadsheet = WorkbookFileSource(broken).read_main()
    assert spreadsheet.tabs[0].values[2][1] == "Код"
    assert len(spreadsheet.notes) == 1
    assert "Не вдалося перевірити клітинки з помилками" in spreadsheet.notes[0]
    assert "odd.xlsx" in spreadsheet.notes[0]


# --- .xls --------------------------------------------------------------------------------------


def test_xls_values_are_anchored_at_a1_with_native_dates(xls_path: Path) -> None:
    values = tab_values(xls_path, "План")
    assert values[0] == [] and values[1] == []
    assert values[2] == [None, "Код", "Дата"]
    assert values[3] == [None, "4.1", dt.date(2024, 3, 31), 7, True]
    assert type(values[3][2]) is dt.date
    assert values[4] == [None, None, dt.datetime(2024, 3, 31, 10, 30), 2.5]


def test_xls_error_cells_are_cell_errors_and_error_text_stays_text(xls_path: Path) -> None:
    values = tab_values(xls_path, "План")
    assert values[5] == [None, CellError("#REF!"), CellError("#DIV/0!"), "#REF!"]


def test_xls_merged_range_keeps_its_value_in_the_top_left_cell_only(xls_path: Path) -> None:
    values = tab_values(xls_path, "План")
    assert values[7] == [None, "Об'єднано"]
    assert len(values) == 8


def test_xls_lists_every_sheet(xls_path: Path) -> None:
    spreadsheet = WorkbookFileSource(xls_path).read_main()
    assert [(tab.title, tab.values == []) for tab in spreadsheet.tabs] == [
        ("План", False),
        ("Порожня", True),
    ]


# --- .ods --------------------------------------------------------------------------------------


def test_ods_grid_is_anchored_at_a1_with_typed_values(ods_path: Path) -> None:
    values = tab_values(ods_path, "План")
    assert values[0] == [] and values[1] == []
    assert values[2] == [None, "Код", "Дата", "Сума"]
    assert values[3] == [None, "4.1", dt.date(2024, 3, 31), 7, True]
    assert type(values[3][2]) is dt.date
    assert values[4] == [None, "4.2", dt.datetime(2024, 3, 31, 10, 30), 2.5, "10:30:00"]


def test_ods_libreoffice_error_cells_are_cell_errors_with_their_text(ods_path: Path) -> None:
    values = tab_values(ods_path, "План")
    # B6 an error shown as text, C6 one LibreOffice saved as the number 0, E6:F6 one repeated
    assert values[5] == [
        None,
        CellError("#DIV/0!"),
        CellError("Err:502"),
        "#REF!",
        CellError("#DIV/0!"),
        CellError("#DIV/0!"),
    ]


def test_ods_formula_showing_an_error_without_calcext_is_a_cell_error(ods_path: Path) -> None:
    values = tab_values(ods_path, "План")
    assert values[7][3:] == [CellError("#REF!"), CellError("Err:504"), "ok"]


def test_ods_merged_range_empties_covered_cells_even_with_hidden_contents(ods_path: Path) -> None:
    values = tab_values(ods_path, "План")
    assert values[6] == [None, "Об'єднано"]
    assert values[7][:3] == [None, None, None]


def test_ods_trailing_repeated_rows_add_no_rows(ods_path: Path) -> None:
    assert len(tab_values(ods_path, "План")) == 8


def test_ods_error_cell_in_repeated_rows_is_an_error_in_each_row(
    make_ods: Callable[[str], Path],
) -> None:
    error_cell = (
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
        'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
        "</table:table-cell>"
    )
    path = make_ods(
        '<table:table table:name="Звіти"><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>'
        f'<table:table-row table:number-rows-repeated="3"><table:table-cell/>{error_cell}'
        "</table:table-row></table:table>"
    )
    assert tab_values(path, "Звіти") == [["a"]] + [[None, CellError("#DIV/0!")]] * 3


def test_ods_lists_every_table_and_joins_paragraphs_with_newlines(ods_path: Path) -> None:
    spreadsheet = WorkbookFileSource(ods_path).read_main()
    assert [tab.title for tab in spreadsheet.tabs] == ["План", "Звіти", "Порожня"]
    assert spreadsheet.tabs[1].values == [["рядок 1\nрядок 2"]]
    assert spreadsheet.tabs[2].values == []


# --- errors ------------------------------------------------------------------------------------


def read_error(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        WorkbookFileSource(path).read_main()
    return str(caught.value)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "немає.xlsx"
    assert read_error(path) == f"Файл не знайдено: {path}"


def test_folder_instead_of_a_workbook_is_reported(tmp_path: Path) -> None:
    assert read_error(tmp_path) == f"{tmp_path} — папка, а не файл книги (.xlsx, .xlsm, .xls, .ods)"


@pytest.mark.parametrize(("name", "shown"), [("plan.docx", "«.docx»"), ("plan", "«без розширення»")])
def test_unsupported_extension_is_reported_with_the_extension(
    tmp_path: Path, name: str, shown: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really")
    assert read_error(path) == (
        f"Файл {name} має непідтримуваний тип {shown}: "
        "потрібна книга .xlsx, .xlsm, .xls або .ods чи папка з файлами CSV"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("text.xlsx", "Код;Назва\n4.1;Реєстр\n".encode()),
        ("empty.ods", b""),
        ("csv-export.xls", b"a,b\n1,2\n"),
    ],
)
def test_file_that_is_not_a_workbook_is_reported(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_error(path) == f"Файл {name} {NOT_A_WORKBOOK}"


def test_truncated_workbook_is_reported_as_damaged(xlsx_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(xlsx_path.read_bytes()[:400])
    assert read_error(path) == f"Файл cut.xlsx {NOT_A_WORKBOOK}"


def test_ods_without_content_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "hollow.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert read_error(path) == f"Файл hollow.ods {NOT_A_WORKBOOK}"


def test_password_protected_workbook_asks_to_save_it_without_password(
    encrypted_xlsx_path: Path,
) -> None:
    assert read_error(encrypted_xlsx_path) == (
        "Файл secret.xlsx захищено паролем: збережіть його без пароля"
    )


# --- linked spreadsheets -----------------------------------------------------------------------


def test_linked_reference_is_resolved_beside_the_main_workbook(xlsx_path: Path, tmp_path: Path) -> None:
    departments = tmp_path / "departments"
    departments.mkdir()
    shutil.copy(xlsx_path, departments / "finance.xlsx")
    linked = WorkbookFileSource(xlsx_path).read_linked("  departments/finance.xlsx ")
    assert linked.name == "finance.xlsx"
    assert linked.tabs[0].values[5][2] == CellError("#DIV/0!")


def test_linked_reference_with_windows_backslashes_is_found(xlsx_path: Path, tmp_path: Path) -> None:
    (tmp_path / "departments").mkdir()
    shutil.copy(xlsx_path, tmp_path / "departments" / "finance.xlsx")
    linked = WorkbookFileSource(xlsx_path).read_linked("departments\\finance.xlsx")
    assert linked.name == "finance.xlsx"


def test_linked_absolute_path_is_allowed(xlsx_path: Path, ods_path: Path) -> None:
    linked = WorkbookFileSource(xlsx_path).read_linked(str(ods_path.resolve()))
    assert linked.name == "main.ods"


def test_linked_folder_is_read_as_csv_folder(xlsx_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "finance"
    folder.mkdir()
    (folder / "Звіти.csv").write_bytes("Код завдання;Статус\n4.1;Виконано\n".encode())
    linked = WorkbookFileSource(xlsx_path).read_linked("finance")
    assert linked.kind == "csv"
    assert linked.tabs[0].values == [["Код завдання", "Статус"], ["4.1", "Виконано"]]


def test_linked_url_is_reported_with_the_reference(xlsx_path: Path) -> None:
    url = "https://docs.google.com/spreadsheets/d/abc/edit"
    with pytest.raises(SourceError) as caught:
        WorkbookFileSource(xlsx_path).read_linked(url)
    message = str(caught.value)
    assert message.startswith(f"«{url}» у «Підрозділи» / «Таблиця» — веб-адреса")
    assert "\n" not in message


@pytest.mark.parametrize("reference", ["finance.xlsx", "a\x00b.xlsx", "x" * 5000])
def test_linked_missing_file_is_reported_with_the_reference(xlsx_path: Path, reference: str) -> None:
    with pytest.raises(SourceError) as caught:
        WorkbookFileSource(xlsx_path).read_linked(reference)
    assert str(caught.value).startswith(f"Таблицю «{reference}» з «Підрозділи» / «Таблиця» не знайдено")


def test_linked_empty_reference_is_reported(xlsx_path: Path) -> None:
    with pytest.raises(SourceError, match="Порожнє посилання на таблицю"):
        WorkbookFileSource(xlsx_path).read_linked("   ")


def test_linked_file_that_is_not_a_workbook_is_reported(xlsx_path: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(SourceError, match="notes.txt має непідтримуваний тип «.txt»"):
        WorkbookFileSource(xlsx_path).read_linked("notes.txt")
