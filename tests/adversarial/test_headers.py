"""Header cells as people really type them still name their column (WORKBOOK.md: headers
match case-insensitively, spaces and apostrophe variants ignored; docs/reading.md)."""

from __future__ import annotations

import pytest

from tests.helpers import codes, load, tab

DATASET = {"id": "D1", "title": "Бюджет", "department": "Відділ ІТ", "status": "Оприлюднено"}


def _with_header(index: int, header: str):
    title, rows = tab("datasets", DATASET)
    rows[0][index] = header
    return load((title, rows))


@pytest.mark.parametrize(("index", "header"), [
    (0, "ID:"),                    # a trailing colon, as on a paper form
    (1, "Назва *"),                # a required-field star
    (1, "На\u00adзва"),            # a soft hyphen pasted from a Word document
    (0, "\u200bID"),               # a zero-width space pasted from a web page
    (0, "\ufeffID"),               # a BOM left at the start of a pasted header
    (0, "\u0406D"),                # Cyrillic І typed for Latin I (they look the same)
    (7, "Cтатус"),                 # Latin C typed for Cyrillic С in a Ukrainian header
])
def test_header_typed_with_invisible_or_look_alike_characters_matches(index, header):
    workbook = _with_header(index, header)
    assert "column.missing" not in codes(workbook)
    assert [d.id for d in workbook.datasets] == ["D1"]


def test_header_that_only_resembles_a_column_is_still_unknown():
    workbook = _with_header(0, "ІД")  # Cyrillic letters that do not look like "ID"
    assert "column.missing" in codes(workbook)
    assert workbook.datasets == []
