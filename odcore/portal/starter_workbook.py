"""An empty workbook in a recommended structure, so a department can start a missing set right.

One sheet per resource whose header row is the structure's column names (what the file on
the portal must have), each header with a note giving the column's title, type, whether it
is required and the Ministry's description; a last sheet «Опис структури» lists the same as a
table. Text columns are formatted as text so that codes keep their leading zeros.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from odcore.portal.structures import Structure, StructureColumn, StructureResource
from odcore.sources.base import column_letter

INFO_SHEET = "Опис структури"
INFO_HEADERS = ("Ресурс", "Стовпець", "Назва", "Тип", "Обовʼязковий", "Опис")
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"  # ISO 8601, as the structures' descriptions ask
NUMBER_FORMATS: dict[str, str] = {"string": TEXT_FORMAT, "anyURI": TEXT_FORMAT,
                                  "anyURL": TEXT_FORMAT, "date": DATE_FORMAT,
                                  "dateTime": "yyyy-mm-dd\"T\"hh:mm:ss", "time": "hh:mm:ss"}
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_NOTE_WIDTH, _NOTE_HEIGHT = 320, 200


def column_note(column: StructureColumn) -> str:
    """The header note: title, type, required or not, and the Ministry's description."""
    required = "обовʼязковий" if column.required else "необовʼязковий"
    lines = [f"{column.title} ({column.datatype_label}; {required})"]
    if column.description:
        lines.append(column.description)
    return "\n".join(lines)


def _sheet_title(resource: StructureResource, taken: set[str]) -> str:
    base = _SHEET_TITLE_UNSAFE.sub("_", resource.name)[:31] or f"annex-{resource.annex}"
    title, number = base, 2
    while title.casefold() in taken:
        suffix = f"_{number}"
        title, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def _fill_resource_sheet(sheet: Worksheet, resource: StructureResource) -> None:
    for index, column in enumerate(resource.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = _REQUIRED_FILL
        cell.comment = Comment(column_note(column), "odcore", _NOTE_HEIGHT, _NOTE_WIDTH)
        letter = column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(12, min(40, len(column.name) + 4))
        number_format = NUMBER_FORMATS.get(column.datatype)
        if number_format:
            # A column style applies to every cell typed into the column later (Excel and
            # LibreOffice both honour it), without writing a thousand formatted empty cells.
            dimension.number_format = number_format
    sheet.freeze_panes = "A2"


def _fill_info_sheet(sheet: Worksheet, resources: tuple[StructureResource, ...]) -> None:
    sheet.append(INFO_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for resource in resources:
        for column in resource.columns:
            sheet.append((resource.name, column.name, column.title, column.datatype_label,
                          "так" if column.required else "ні", column.description))
    for letter, width in zip("ABCDEF", (18, 24, 36, 26, 14, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def write_structure_workbook(structure: Structure, path: Path,
                             resource_name: str | None = None) -> tuple[StructureResource, ...]:
    """Write the empty workbook of ``structure`` (one resource, or all of them) to ``path``;
    return the resources written. StructureError for an unknown resource, OSError on write."""
    resources = ((structure.resource(resource_name),) if resource_name is not None
                 else structure.resources)
    workbook = Workbook()
    taken: set[str] = {INFO_SHEET.casefold()}
    for number, resource in enumerate(resources):
        sheet = workbook.worksheets[0] if number == 0 else workbook.create_sheet()
        sheet.title = _sheet_title(resource, taken)
        _fill_resource_sheet(sheet, resource)
    _fill_info_sheet(workbook.create_sheet(INFO_SHEET), resources)
    workbook.properties.title = f"Додаток {structure.annex}. {structure.title}"
    workbook.save(path)
    return resources
