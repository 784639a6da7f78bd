"""A two-digit year is refused with a message that says so; a title row above the headers
gets a message that points at it (WORKBOOK.md: row 1 is the header; dates)."""

from __future__ import annotations

import pytest

from odcore.cells import read_date
from tests.helpers import load


@pytest.mark.parametrize("raw", ["1.3.24", "01.03.24", "1/3/24"])
def test_a_two_digit_year_is_refused_and_the_message_asks_for_four_digits(raw):
    day, finding = read_date(raw)
    assert day is None
    assert finding is not None and finding.code == "date.invalid"
    assert "чотирма цифрами" in finding.message


def test_a_title_row_above_the_headers_is_named_in_the_message():
    rows = [["Реєстр наборів даних Жмеринської міської ради"],
            ["ID", "Назва", "Розпорядник", "Статус"],
            ["D1", "Бюджет", "Відділ ІТ", "Оприлюднено"]]
    workbook = load(("Набори даних", rows))
    [missing] = [i for i in workbook.issues if i.code == "column.missing"]
    assert "у рядку 2" in missing.message and "Видаліть рядок 1" in missing.message
