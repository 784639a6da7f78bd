"""The streaming .xlsx writer: every value kind read back as written, by calamine and openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from odcore.exports.template import CellFormat
from odcore.exports.xlsx_stream import StreamColumn, StreamSheet, write_xlsx_stream
from odcore.sources.workbook_file import read_workbook

COLUMNS = (StreamColumn("Текст", 20, CellFormat.TEXT),
           StreamColumn("Дата", 12, CellFormat.DATE),
           StreamColumn("Загальний", 10, CellFormat.GENERAL))

TEXTS = ["A & B <c> \"d\" 'e'", "  з пробілами  ", "рядок 1\nрядок 2", "=1+1", "@SUM(A1)",
         "#REF!", "ZHM-001", "007"]


def _write(path: Path, rows: list[list[object]], title: str = "Аркуш") -> None:
    write_xlsx_stream(path, [StreamSheet(title, COLUMNS, rows)])


def test_texts_come_back_unchanged_and_never_as_formulas(tmp_path):
    path = tmp_path / "texts.xlsx"
    _write(path, [[text, None, text] for text in TEXTS])
    values = read_workbook(path).tabs[0].values
    assert [row[0] for row in values[1:]] == TEXTS
    assert [row[2] for row in values[1:]] == TEXTS
    sheet = load_workbook(path)["Аркуш"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row
               if cell.value is not None)


def test_numbers_booleans_dates_and_date_times_keep_their_kind(tmp_path):
    path = tmp_path / "kinds.xlsx"
    moment = dt.datetime(2025, 3, 31, 10, 30)
    rows = [[None, dt.date(2025, 3, 31), 42], [None, moment, 2 ** 40], [None, None, -0.125],
            [None, None, True], [None, None, False]]
    _write(path, rows)
    values = read_workbook(path).tabs[0].values
    assert values[1:] == [[None, dt.date(2025, 3, 31), 42], [None, moment, 2 ** 40],
                          [None, None, -0.125], [None, None, True], [None, None, False]]
    sheet = load_workbook(path)["Аркуш"]
    assert sheet["B2"].number_format == "DD.MM.YYYY"


def test_empty_values_leave_the_cell_empty_and_the_header_is_row_one(tmp_path):
    path = tmp_path / "empty.xlsx"
    _write(path, [["a", None, ""], [None, None, None], ["b"]])
    values = read_workbook(path).tabs[0].values
    assert values[0] == ["Текст", "Дата", "Загальний"]
    assert values[1] == ["a"]
    assert values[3] == ["b"]


def test_a_character_xml_cannot_hold_becomes_the_replacement_character(tmp_path):
    path = tmp_path / "control.xlsx"
    _write(path, [["a\x01b"]])
    assert read_workbook(path).tabs[0].values[1] == ["a\ufffdb"]


def test_sheet_titles_with_quotes_and_ampersands_and_column_layout(tmp_path):
    path = tmp_path / "titles.xlsx"
    write_xlsx_stream(path, [StreamSheet("R&D \"x\"", COLUMNS, [["1"]]),
                             StreamSheet("Друга", COLUMNS, [])])
    book = load_workbook(path)
    assert book.sheetnames == ["R&D \"x\"", "Друга"]
    sheet = book["R&D \"x\""]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 20
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet.column_dimensions["B"].number_format == "DD.MM.YYYY"
    assert [c.font.bold for c in sheet[1]] == [True, True, True]
    assert read_workbook(path).tabs[1].values == [["Текст", "Дата", "Загальний"]]
