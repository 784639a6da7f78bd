"""``python -m odcore structure``: an empty workbook whose headers are the structure's columns."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from odcore.cli import main
from odcore.portal.starter_workbook import INFO_HEADERS, INFO_SHEET, column_note
from odcore.portal.structures import load_catalogue


def test_structure_writes_headers_equal_to_the_structures_columns(tmp_path: Path) -> None:
    out = tmp_path / "stops.xlsx"
    assert main(["structure", "27", "--out", str(out)]) == 0
    resource = load_catalogue().require(27).resources[0]
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    headers = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    assert headers == list(resource.column_names)
    assert sheet.max_row == 1  # empty below the header
    first = resource.columns[0]
    assert sheet.cell(1, 1).comment.text == column_note(first)
    assert first.title in column_note(first) and first.description in column_note(first)
    info = book[INFO_SHEET]
    rows = list(info.iter_rows(values_only=True))
    assert rows[0] == INFO_HEADERS
    assert [r[1] for r in rows[1:]] == list(resource.column_names)
    assert rows[1][4] == ("так" if first.required else "ні")


def test_text_columns_are_text_formatted_and_dates_iso(tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    assert main(["structure", "7", "--out", str(out)]) == 0
    resource = load_catalogue().require(7).resources[0]
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.column_dimensions["A"].number_format == "@"  # uid keeps leading zeros
    for index, column in enumerate(resource.columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        if column.datatype == "date":
            assert sheet.column_dimensions[letter].number_format == "yyyy-mm-dd"


def test_every_resource_gets_a_sheet_unless_one_is_chosen(tmp_path: Path) -> None:
    structure = load_catalogue().require(29)
    out = tmp_path / "votes.xlsx"
    assert main(["structure", "29", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [r.name for r in structure.resources] + [INFO_SHEET]
    for resource in structure.resources:
        assert [c.value for c in book[resource.name][1]] == list(resource.column_names)
    one = tmp_path / "one.xlsx"
    assert main(["structure", "29", "--resource", "votings", "--out", str(one)]) == 0
    assert openpyxl.load_workbook(one).sheetnames == ["votings", INFO_SHEET]


@pytest.mark.parametrize(("argv", "message"), [
    (["structure", "8"], "«додаток 8» немає"),
    (["structure", "двадцять"], "не є номером додатка"),
    (["structure", "29", "--resource", "nope"], "немає ресурсу «nope»"),
])
def test_unknown_annex_or_resource_exits_2_with_a_ukrainian_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
        message: str) -> None:
    out = tmp_path / "x.xlsx"
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()
