"""Real workbook and CSV files, built at test time in tmp_path.

openpyxl cannot compute formulas, so saved error values are written into the sheet XML of the
saved file, as Excel itself stores them. The .ods files are written as LibreOffice writes them
(``calcext:value-type="error"``, covered cells under a merge, repeated trailing rows).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook


def _rewrite_zip(path: Path, changes: dict[str, Callable[[str], str]], renames: dict[str, str]) -> None:
    """Rewrite members of a zip file in place: text changes by name, then member renames."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(renames.get(info.filename, info.filename), data)


def _replace_cell(xml: str, reference: str, cell: str) -> str:
    """Replace the ``<c r=reference>`` element of a sheet XML."""
    new, count = re.subn(rf'<c r="{reference}"[^>]*?(/>|>.*?</c>)', cell, xml, count=1)
    assert count == 1, f"cell {reference} not in the sheet XML"
    return new


def _add_after_cell(xml: str, reference: str, cell: str) -> str:
    new, count = re.subn(rf'(<c r="{reference}"[^>]*?(/>|>.*?</c>))', rf"\g<1>{cell}", xml, count=1)
    assert count == 1, f"cell {reference} not in the sheet XML"
    return new


# Cells written without "r" attributes (the format allows it), one with a single-quoted type
# and a formula whose text holds t="e": A1 text, B1 #N/A, C4 #NAME?, A5 #VALUE!, B5 the number 0.
REPORTS_SHEET_DATA = (
    '<sheetData><row><c t="inlineStr"><is><t>Код завдання</t></is></c><c t="e"><v>#N/A</v></c>'
    '</row><row r="4"><c r="C4" t="e"><f>НЕВІДОМА()</f><v>#NAME?</v></c></row>'
    "<row r=\"5\"><c r=\"A5\" t='e'><v>#VALUE!</v></c>"
    '<c r="B5"><f>IF(t="e",1,0)</f><v>0</v></c></row></sheetData>'
)


def build_xlsx(path: Path) -> Path:
    """Sheets План (data from B3, errors, a merge), Звіти (cells without r), Порожня."""
    book = Workbook()
    plan = book.active
    plan.title = "План"
    plan["B3"], plan["C3"], plan["D3"], plan["E3"] = "Код", "Дата", "Сума", "Так"
    plan["F3"], plan["G3"] = "Час", "Тривалість"
    plan["B4"], plan["C4"], plan["D4"], plan["E4"] = "4.1", dt.date(2024, 3, 31), 7, True
    plan["F4"], plan["G4"] = dt.time(10, 30), dt.timedelta(hours=30)
    plan["B5"], plan["C5"], plan["D5"], plan["E5"] = "4.2", dt.datetime(2024, 3, 31, 10, 30), 2.5, False
    plan["B6"] = "#REF!"
    plan["B6"].data_type = "s"  # openpyxl would store this text as an error value
    plan["C6"] = 0  # replaced by a saved #DIV/0! below
    plan["B8"] = "Об'єднано"
    plan.merge_cells("B8:D9")
    reports = book.create_sheet("Звіти")
    reports["A1"] = "placeholder"
    book.create_sheet("Порожня")
    book.save(path)
    _rewrite_zip(
        path,
        {
            "xl/worksheets/sheet1.xml": lambda xml: _add_after_cell(
                _replace_cell(
                    xml,
                    "C6",
                    # a saved error, then a number whose formula text holds t="e"
                    '<c r="C6" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
                    '<c r="D6"><f>IF(t="e",1,0)</f><v>0</v></c>',
                ),
                "B8",
                # a value hidden under the merge, as writers other than Excel may leave
                '<c r="C8" t="inlineStr"><is><t>приховано</t></is></c>',
            ),
            "xl/worksheets/sheet2.xml": lambda xml: re.sub(
                r"<sheetData>.*</sheetData>", REPORTS_SHEET_DATA, xml
            ),
        },
        {},
    )
    return path


@pytest.fixture
def xlsx_path(tmp_path: Path) -> Path:
    return build_xlsx(tmp_path / "main.xlsx")


@pytest.fixture
def xlsx_swapped_parts_path(tmp_path: Path) -> Path:
    """Like build_xlsx, but План lives in sheet2.xml and Звіти in sheet1.xml, targets relative."""
    path = build_xlsx(tmp_path / "swapped.xlsx")

    def relative_swapped_targets(rels: str) -> str:
        rels = rels.replace('Target="/xl/worksheets/sheet1.xml"', 'Target="worksheets/SWAP2"')
        rels = rels.replace('Target="/xl/worksheets/sheet2.xml"', 'Target="worksheets/SWAP1"')
        return rels.replace("SWAP1", "sheet1.xml").replace("SWAP2", "sheet2.xml")

    _rewrite_zip(
        path,
        {"xl/_rels/workbook.xml.rels": relative_swapped_targets},
        {"xl/worksheets/sheet1.xml": "xl/worksheets/sheet2.xml",
         "xl/worksheets/sheet2.xml": "xl/worksheets/sheet1.xml"},
    )
    return path


@pytest.fixture
def xls_path(tmp_path: Path) -> Path:
    """An .xls (BIFF8) with data from B3, error cells, a text "#REF!" and a merge."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    plan = book.add_sheet("План")
    plan.write(2, 1, "Код")
    plan.write(2, 2, "Дата")
    plan.write(3, 1, "4.1")
    plan.write(3, 2, dt.date(2024, 3, 31), xlwt.easyxf(num_format_str="DD.MM.YYYY"))
    plan.write(3, 3, 7)
    plan.write(3, 4, True)
    plan.write(4, 2, dt.datetime(2024, 3, 31, 10, 30), xlwt.easyxf(num_format_str="DD.MM.YYYY HH:MM"))
    plan.write(4, 3, 2.5)
    plan.row(5).set_cell_error(1, "#REF!")
    plan.row(5).set_cell_error(2, "#DIV/0!")
    plan.write(5, 3, "#REF!")
    plan.write_merge(7, 8, 1, 3, "Об'єднано")
    book.add_sheet("Порожня")
    path = tmp_path / "main.xls"
    book.save(str(path))
    return path


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)

# Rows 1-2 empty, header in row 3 from B, errors in row 6, a merge B7:C8 whose covered cell
# C7 keeps hidden text, formulas without calcext in row 8, then LibreOffice's trailing rows.
ODS_PLAN = """<table:table table:name="План">
<table:table-column table:number-columns-repeated="1024"/>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-header-rows><table:table-row><table:table-cell/>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Код</text:p></table:table-cell>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Дата</text:p></table:table-cell>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Сума</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="1020"/></table:table-row></table:table-header-rows>
<table:table-row><table:table-cell/>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>4.1</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2024-03-31" calcext:value-type="date"><text:p>31.03.2024</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="7" calcext:value-type="float"><text:p>7</text:p></table:table-cell>
<table:table-cell office:value-type="boolean" office:boolean-value="true" calcext:value-type="boolean"><text:p>TRUE</text:p></table:table-cell>
</table:table-row>
<table:table-row-group><table:table-row><table:table-cell/>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>4.2</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2024-03-31T10:30:00" calcext:value-type="date"><text:p>31.03.2024 10:30</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="2.5" calcext:value-type="float"><text:p>2,5</text:p></table:table-cell>
<table:table-cell office:value-type="time" office:time-value="PT10H30M00S" calcext:value-type="time"><text:p>10:30</text:p></table:table-cell>
</table:table-row></table:table-row-group>
<table:table-row><table:table-cell/>
<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
<table:table-cell table:formula="of:=SUM([.Z1:.Z2" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>
<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>#REF!</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="2" table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
</table:table-row>
<table:table-row><table:table-cell/>
<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string" calcext:value-type="string"><text:p>Об'єднано</text:p></table:table-cell>
<table:covered-table-cell office:value-type="string" calcext:value-type="string"><text:p>приховано</text:p></table:covered-table-cell>
</table:table-row>
<table:table-row><table:table-cell/><table:covered-table-cell table:number-columns-repeated="2"/>
<table:table-cell table:formula="oooc:=#REF!" office:value-type="string" office:string-value=""><text:p>#REF!</text:p></table:table-cell>
<table:table-cell table:formula="oooc:=[.A1" office:value-type="string" office:string-value=""><text:p>Err:504</text:p></table:table-cell>
<table:table-cell table:formula="of:=&quot;ok&quot;" office:value-type="string" office:string-value="ok" calcext:value-type="string"><text:p>ok</text:p></table:table-cell>
</table:table-row>
<table:table-row table:number-rows-repeated="1048568"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>"""

ODS_REPORTS = """<table:table table:name="Звіти">
<table:table-row><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>рядок 1</text:p><text:p>рядок 2</text:p></table:table-cell></table:table-row>
</table:table>
<table:table table:name="Порожня"><table:table-row><table:table-cell/></table:table-row></table:table>"""


def build_ods(path: Path, tables: str) -> Path:
    """An .ods: a zip with the mimetype first and stored, a manifest and content.xml.

    The XML is written without line breaks between elements, as LibreOffice writes it
    (calamine rejects whitespace between the cells of a row).
    """
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{tables.replace(chr(10), "")}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


@pytest.fixture
def ods_path(tmp_path: Path) -> Path:
    return build_ods(tmp_path / "main.ods", ODS_PLAN + ODS_REPORTS)


@pytest.fixture
def make_ods(tmp_path: Path) -> Callable[[str], Path]:
    """A factory: ``make_ods('<table:table ...>...</table:table>')`` -> an .ods path."""
    return lambda tables: build_ods(tmp_path / "made.ods", tables)


@pytest.fixture
def encrypted_xlsx_path(tmp_path: Path) -> Path:
    """A password-protected .xlsx (an OLE container with the encrypted package), as Excel saves it."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = build_xlsx(tmp_path / "plain.xlsx")
    path = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        ooxml.OOXMLFile(source).encrypt("пароль", target)
    return path


@pytest.fixture
def make_csv_folder(tmp_path: Path) -> Callable[..., Path]:
    """A factory: ``make_csv_folder({"План.csv": b"..."}, name="main")`` -> the folder."""

    def make(files: dict[str, bytes], name: str = "main") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file_name, data in files.items():
            (folder / file_name).write_bytes(data)
        return folder

    return make
