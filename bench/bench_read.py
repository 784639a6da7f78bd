"""How long reading a small workbook takes: calamine with the error scan vs openpyxl read-only.

Run from the repository root: ``.venv/bin/python -m bench.bench_read [--tabs 10] [--rows 500]``. It builds
the workbooks in a temporary folder and prints a Markdown table of the fastest times; the figures
in docs/sources.md come from it. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import python_calamine
from openpyxl import Workbook, load_workbook

from odcore.sources.workbook_file import read_workbook

COLUMNS = 10
ERROR_EVERY = 50  # one saved error value per this many rows, in the "with errors" files


def row_values(tab: int, row: int, with_errors: bool) -> list[object]:
    """One data row: codes, text, numbers, a date, a yes/no, a URL, and maybe an error."""
    values: list[object] = [
        f"{tab}.{row}",
        f"Набір даних {row} вкладки {tab}",
        "Опис набору даних, що оприлюднюється щокварталу",
        row * 3,
        row / 7,
        dt.date(2024, 1, 1) + dt.timedelta(days=row),
        row % 2 == 0,
        f"https://data.gov.ua/dataset/{tab}-{row}",
        "Щокварталу",
        "CSV, JSON",
    ]
    if with_errors and row % ERROR_EVERY == 0:
        values[4] = "ERRCELL"
    return values


def build_xlsx(path: Path, tabs: int, rows: int, with_errors: bool) -> Path:
    book = Workbook()
    book.remove(book.active)
    for tab in range(1, tabs + 1):
        sheet = book.create_sheet(f"Вкладка {tab}")
        sheet.append([f"Колонка {col}" for col in range(1, COLUMNS + 1)])
        for row in range(1, rows + 1):
            sheet.append(row_values(tab, row, with_errors))
    book.save(path)
    if with_errors:
        # openpyxl cannot compute formulas: write the saved error values as Excel stores them.
        with zipfile.ZipFile(path) as source:
            members = [(info, source.read(info.filename)) for info in source.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in members:
                if info.filename.startswith("xl/worksheets/"):
                    data = re.sub(
                        rb'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>ERRCELL</t></is></c>',
                        rb'<c r="\1" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
                        data,
                    )
                target.writestr(info, data)
    return path


def ods_cell(value: object) -> str:
    if value == "ERRCELL":
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
            'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, bool):
        flag = str(value).lower()
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}"/>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    if isinstance(value, dt.date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def build_ods(path: Path, tabs: int, rows: int, with_errors: bool) -> Path:
    tables = []
    for tab in range(1, tabs + 1):
        header = "".join(ods_cell(f"Колонка {col}") for col in range(1, COLUMNS + 1))
        body = "".join(
            "<table:table-row>"
            + "".join(ods_cell(value) for value in row_values(tab, row, with_errors))
            + "</table:table-row>"
            for row in range(1, rows + 1)
        )
        tables.append(
            f'<table:table table:name="Вкладка {tab}"><table:table-row>{header}</table:table-row>'
            f"{body}</table:table>"
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'office:version="1.3"><office:body><office:spreadsheet>'
        + "".join(tables)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)
    return path


def build_xls(path: Path, tabs: int, rows: int, with_errors: bool) -> Path | None:
    try:
        import xlwt  # test-only dependency; the .xls rows are skipped without it
    except ImportError:
        return None
    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for tab in range(1, tabs + 1):
        sheet = book.add_sheet(f"Вкладка {tab}")
        for col in range(COLUMNS):
            sheet.write(0, col, f"Колонка {col + 1}")
        for row in range(1, rows + 1):
            for col, value in enumerate(row_values(tab, row, with_errors)):
                if value == "ERRCELL":
                    sheet.row(row).set_cell_error(col, "#DIV/0!")
                elif isinstance(value, dt.date):
                    sheet.write(row, col, value, date_style)
                else:
                    sheet.write(row, col, value)
    book.save(str(path))
    return path


def calamine_only(path: Path) -> None:
    with python_calamine.CalamineWorkbook.from_path(path) as book:
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def openpyxl_read_only(path: Path) -> None:
    book = load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def source_read(path: Path) -> None:
    read_workbook(path)


def best_ms(action: Callable[[Path], None], path: Path, repeat: int) -> float:
    action(path)  # warm the file cache and the imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action(path)
        times.append(time.perf_counter() - start)
    # The fastest run is the least disturbed by other work on the machine.
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=10)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cells = args.tabs * (args.rows + 1) * COLUMNS
    print(f"{args.tabs} tabs x {args.rows} rows x {COLUMNS} columns = {cells} cells; "
          f"fastest of {args.repeat} runs, ms\n")
    print("| file | calamine only | WorkbookFileSource (calamine + scan) | openpyxl read-only |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for label, builder, suffix in (
            ("xlsx", build_xlsx, ".xlsx"),
            ("ods", build_ods, ".ods"),
            ("xls", build_xls, ".xls"),
        ):
            for with_errors in (False, True):
                name = f"{label}-{'errors' if with_errors else 'clean'}{suffix}"
                path = builder(Path(folder) / name, args.tabs, args.rows, with_errors)
                if path is None:
                    print(f"| {name} | (xlwt not installed) | | |")
                    continue
                calamine = best_ms(calamine_only, path, args.repeat)
                source = best_ms(source_read, path, args.repeat)
                openpyxl = (
                    f"{best_ms(openpyxl_read_only, path, args.repeat):.0f}"
                    if label == "xlsx" else "n/a"
                )
                print(f"| {name} | {calamine:.0f} | {source:.0f} | {openpyxl} |")


if __name__ == "__main__":
    main()
