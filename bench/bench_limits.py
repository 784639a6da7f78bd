"""What the worst workbooks cost: wall time and peak memory of ``python -m odcore check``.

Run from the repository root: ``.venv/bin/python -m bench.bench_limits``. It builds, in a
temporary folder, the inputs a hostile tester used (a 2 GB zip bomb, ten 200 MB strings, a
1 000 000-row «Звіти», a value in XFD1048576 and in ZZ200000, a date cell holding -1e15, an
.ods table repeating one value over the whole sheet, an .xls with a value in its last cell),
runs ``check FILE --format json`` on each in a child process with the default settings, and
prints a Markdown table (the one in docs/sources.md, "Limits"). Peak memory is the largest
sum of the resident sizes of the check process and its children (the workbook reader),
sampled every 20 ms from /proc, or the largest resident size any of them reached, whichever
is larger. Exits 1 when any input takes more than 10 s or 500 MB. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlwt
from openpyxl import load_workbook

from odcore.demo import write_demo

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS = 10.0
MAX_MEGABYTES = 500.0
_MIB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _workbook_xml(title: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>')


def _xlsx(path: Path, title: str, write_sheet: Callable[[zipfile.ZipFile], None],
          strings: list[str], write_strings: Callable[[zipfile.ZipFile], None] | None = None
          ) -> Path:
    """A one-sheet .xlsx written part by part: the sheet (and maybe the shared strings)
    streamed by the callers, so that hundreds of MB never sit in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook_xml(title))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if write_strings is None:
            items = "".join(f"<si><t>{text}</t></si>" for text in strings)
            archive.writestr("xl/sharedStrings.xml",
                             f'<sst xmlns="{_MAIN}" count="{len(strings)}">{items}</sst>')
        else:
            write_strings(archive)
        write_sheet(archive)
    return path


def _stream(archive: zipfile.ZipFile, name: str, pieces: Callable[[], object],
            level: int = 1) -> None:
    entry = zipfile.ZipInfo(name)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry._compresslevel = level  # type: ignore[attr-defined]  # zipfile has no public knob
    with archive.open(entry, "w", force_zip64=True) as sink:
        for piece in pieces():  # type: ignore[attr-defined]
            sink.write(piece)


def build_bomb(folder: Path) -> Path:
    """2 MB on disk, 2 GB unpacked: blanks inside the sheet's XML, deflated at level 9."""
    blanks = b" " * _MIB

    def sheet(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
            for _ in range(2048):
                yield blanks
            yield b"</sheetData></worksheet>"
        _stream(archive, "xl/worksheets/sheet1.xml", pieces, level=9)

    return _xlsx(folder / "bomb-2gb.xlsx", "Звіти", sheet, [])


def build_long_strings(folder: Path) -> Path:
    """Ten shared strings of 200 MB each, used by ten cells of «Набори даних»."""
    text = b"x" * _MIB

    def strings(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<sst xmlns="{_MAIN}" count="10">'.encode()
            for _ in range(10):
                yield b"<si><t>"
                for _ in range(200):
                    yield text
                yield b"</t></si>"
            yield b"</sst>"
        _stream(archive, "xl/sharedStrings.xml", pieces, level=9)

    def sheet(archive: zipfile.ZipFile) -> None:
        rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>'
                       for n in range(1, 11))
        archive.writestr("xl/worksheets/sheet1.xml",
                         f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>')

    return _xlsx(folder / "strings-10x200mb.xlsx", "Набори даних", sheet, [], strings)


REPORT_HEADERS = ["Код завдання", "Період", "Статус", "Прогрес, %", "Що зроблено",
                  "Підтвердження", "Підрозділ", "Дата звіту", "Хто заповнив"]


def _reports(path: Path, rows: int, columns: int) -> Path:
    """«Звіти» with ``rows`` rows under its header, in its first ``columns`` columns: tasks,
    quarters and departments cycle, so most rows repeat an earlier report (each one an
    Issue, as in the tester's file, whose JSON was 588 bytes a row)."""
    tasks = [f"{section}.{item}" for section in range(1, 9) for item in range(1, 4)]
    periods = [f"{year}-Q{quarter}" for year in (2024, 2025, 2026) for quarter in range(1, 5)]
    departments = [f"Відділ {n}" for n in range(1, 6)]
    filler = ["Опрацьовано звернення та оновлено набір даних на порталі",
              "https://data.gov.ua/dataset/zhmerynka-1", "04.04.2024", "Коваль Ірина Миколаївна"]
    strings = [*REPORT_HEADERS, *tasks, *periods, "В роботі", "Виконано", *departments, *filler]
    index = {text: number for number, text in enumerate(strings)}
    letters = "ABCDEFGHI"[:columns]

    def cell(letter: str, row: int, text: str | None = None, number: int = 0) -> str:
        if text is None:
            return f'<c r="{letter}{row}"><v>{number}</v></c>'
        return f'<c r="{letter}{row}" t="s"><v>{index[text]}</v></c>'

    def sheet(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
            header = "".join(cell(letter, 1, text) for letter, text in zip(
                letters, REPORT_HEADERS, strict=False))
            yield f'<row r="1">{header}</row>'.encode()
            batch = []
            for row in range(2, rows + 2):
                values = {
                    "A": (tasks[row % len(tasks)], 0),
                    "B": (periods[row // len(tasks) % len(periods)], 0),
                    "C": ("Виконано" if row % 3 else "В роботі", 0),
                    "D": (None, row % 101),
                    "E": (filler[0], 0), "F": (filler[1], 0),
                    "G": (departments[row % len(departments)], 0),
                    "H": (filler[2], 0), "I": (filler[3], 0),
                }
                if columns < 9:  # the short form keeps the department in its last column
                    values[letters[-1]] = values["G"]
                cells = "".join(cell(letter, row, *values[letter]) for letter in letters)
                batch.append(f'<row r="{row}">{cells}</row>')
                if len(batch) == 10_000:
                    yield "".join(batch).encode()
                    batch = []
            yield "".join(batch).encode()
            yield b"</sheetData></worksheet>"
        _stream(archive, "xl/worksheets/sheet1.xml", pieces)

    headers = REPORT_HEADERS[:columns - 1] + ["Підрозділ"] if columns < 9 else REPORT_HEADERS
    strings[:len(REPORT_HEADERS)] = headers + REPORT_HEADERS[len(headers):]
    return _xlsx(path, "Звіти", sheet, strings)


def build_million_rows(folder: Path) -> Path:
    """1 000 000 report rows in five columns: within the archive limit (185 MB of XML), so
    the rows past the limit are cut before parsing."""
    return _reports(folder / "reports-1000000-rows.xlsx", 1_000_000, 5)


def build_full_rows(folder: Path) -> Path:
    """As many full nine-column report rows as fit within the archive limit: the most work
    ``check`` can be given through one tab."""
    return _reports(folder / "reports-650000-full-rows.xlsx", 650_000, 9)


def build_wide(folder: Path) -> Path:
    """20 000 rows x 250 numbers: ten times the cell limit, so 2 000 rows are read."""
    def sheet(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
            letters = [_letters(column) for column in range(1, 251)]
            for row in range(1, 20_001):
                yield (f'<row r="{row}">' + "".join(
                    f'<c r="{letter}{row}"><v>{row * 7 + column}</v></c>'
                    for column, letter in enumerate(letters)) + "</row>").encode()
            yield b"</sheetData></worksheet>"
        _stream(archive, "xl/worksheets/sheet1.xml", pieces)

    return _xlsx(folder / "wide-20000x250.xlsx", "Звіти", sheet, [])


def build_distinct_texts(folder: Path) -> Path:
    """20 000 rows x 25 different texts: 500 000 cells, the cell limit, in the costliest form
    for calamine, which keeps about 400 bytes for each such cell."""
    rows, columns = 20_000, 25
    count = rows * columns

    def strings(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<sst xmlns="{_MAIN}" count="{count}">'.encode()
            for first in range(0, count, 10_000):
                yield "".join(f"<si><t>Текст клітинки номер {number}</t></si>"
                              for number in range(first, min(count, first + 10_000))).encode()
            yield b"</sst>"
        _stream(archive, "xl/sharedStrings.xml", pieces)

    def sheet(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode()
            letters = [_letters(column) for column in range(1, columns + 1)]
            for row in range(1, rows + 1):
                yield (f'<row r="{row}">' + "".join(
                    f'<c r="{letter}{row}" t="s"><v>{(row - 1) * columns + column}</v></c>'
                    for column, letter in enumerate(letters)) + "</row>").encode()
            yield b"</sheetData></worksheet>"
        _stream(archive, "xl/worksheets/sheet1.xml", pieces)

    return _xlsx(folder / "texts-20000x25.xlsx", "Звіти", sheet, [], strings)


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_one_long_string(folder: Path) -> Path:
    """One shared string of 190 MB: within the archive limit, but the parser holds it twice
    (Rust and Python), past the reader's memory cap."""
    text = b"x" * _MIB

    def strings(archive: zipfile.ZipFile) -> None:
        def pieces() -> object:
            yield f'<sst xmlns="{_MAIN}" count="1"><si><t>'.encode()
            for _ in range(190):
                yield text
            yield b"</t></si></sst>"
        _stream(archive, "xl/sharedStrings.xml", pieces, level=9)

    def sheet(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/worksheets/sheet1.xml", (
            f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
            "</row></sheetData></worksheet>"))

    return _xlsx(folder / "string-190mb.xlsx", "Набори даних", sheet, [], strings)


def build_ods_error_cells(folder: Path) -> Path:
    """An .ods table of 450 000 saved error cells (within the cell limit): finding error
    cells parses content.xml in Python, about 10 µs a cell."""
    cell = ('<table:table-cell table:formula="of:=1/0" office:value-type="string" '
            'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
            "</table:table-cell>")
    row = "<table:table-row>" + cell * 10 + "</table:table-row>"
    path = folder / "ods-450000-error-cells.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _ods_head(archive)

        def pieces() -> object:
            yield _ODS_OPEN.encode()
            yield b'<table:table table:name="\xd0\x97\xd0\xb2\xd1\x96\xd1\x82\xd0\xb8">'
            block = (row * 1000).encode()
            for _ in range(45):
                yield block
            yield b"</table:table>" + _ODS_CLOSE.encode()
        _stream(archive, "content.xml", pieces)
    return path


_ODS_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
    '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:'
    'opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:'
    '1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.3"><office:body><office:spreadsheet>')
_ODS_CLOSE = "</office:spreadsheet></office:body></office:document-content>"


def _ods_head(archive: zipfile.ZipFile) -> None:
    archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                     compress_type=zipfile.ZIP_STORED)
    archive.writestr("META-INF/manifest.xml", (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/></manifest:manifest>'))


def build_from_demo(folder: Path, demo: Path, name: str, tab: str, cell: str,
                    value: object, number_format: str | None = None) -> Path:
    book = load_workbook(demo)
    book[tab][cell] = value
    if number_format:
        book[tab][cell].number_format = number_format
    book.save(folder / name)
    return folder / name


def build_ods_repeat_bomb(folder: Path) -> Path:
    """One filled cell repeated over 1 048 576 rows x 16 384 columns (a few hundred bytes),
    beside a small «План»."""
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
                    "</table:table-cell>" for text in ("Код", "Розділ", "Завдання"))
    row = "".join(f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
                  "</table:table-cell>" for text in ("1.1", "1. Розділ", "Завдання"))
    content = (
        _ODS_OPEN + '<table:table table:name="Звіти"><table:table-row '
        'table:number-rows-repeated="1048576"><table:table-cell office:value-type="string" '
        'table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
        '</table:table-row></table:table><table:table table:name="План"><table:table-row>'
        f"{cells}</table:table-row><table:table-row>{row}</table:table-row></table:table>"
        + _ODS_CLOSE)
    path = folder / "repeat-bomb.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _ods_head(archive)
        archive.writestr("content.xml", content)
    return path


def build_xls_far_cell(folder: Path) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Звіти")
    for column, header in enumerate(REPORT_HEADERS):
        sheet.write(0, column, header)
    sheet.write(65535, 255, "далеко")
    book.save(str(folder / "far-IV65536.xls"))
    return folder / "far-IV65536.xls"


@dataclass
class Measure:
    seconds: float
    megabytes: float
    exit_code: int
    output_bytes: int
    stderr: str


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        sizes[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid, size in sizes.items():
        ancestor = pid
        while ancestor not in (0, 1, root):
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += size
    return total


def measure(path: Path, folder: Path) -> Measure:
    """Run ``check PATH --format json`` with default settings; time it and watch its memory."""
    secrets = folder / "secrets.toml"
    secrets.write_text("[odcore]\n", encoding="utf-8")
    env = {**os.environ, "ODCORE_SECRETS_FILE": str(secrets)}
    output = folder / "check.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    with output.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "odcore", "check", str(path), "--format", "json"],
            cwd=ROOT, env=env, stdout=sink, stderr=subprocess.PIPE)
        peak = 0
        stop = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not stop.wait(0.02):
                peak = max(peak, _tree_rss(child.pid))

        watcher = threading.Thread(target=watch)
        watcher.start()
        _, stderr = child.communicate()
        stop.set()
        watcher.join()
    seconds = time.perf_counter() - start
    # ru_maxrss (KiB) of the largest process waited for, the reader included; it counts only
    # when it grew past what earlier runs reached.
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    largest = largest * 1024 if largest > before else 0
    return Measure(seconds, max(peak, largest) / _MIB, child.returncode,
                   output.stat().st_size, stderr.decode("utf-8", "replace").strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the inputs whose file name contains this")
    args = parser.parse_args()
    failed = False
    print("| input | on disk | wall time | peak memory | exit | output |\n"
          "|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="odcore-bench-") as scratch:
        folder = Path(scratch)
        demo = folder / "demo.xlsx"
        write_demo(demo)
        builders: list[Callable[[], Path]] = [
            lambda: build_bomb(folder),
            lambda: build_long_strings(folder),
            lambda: build_million_rows(folder),
            lambda: build_full_rows(folder),
            lambda: build_wide(folder),
            lambda: build_distinct_texts(folder),
            lambda: build_from_demo(folder, demo, "far-XFD1048576.xlsx", "План", "XFD1048576",
                                    "далеко"),
            lambda: build_from_demo(folder, demo, "far-ZZ200000.xlsx", "Звіти", "ZZ200000",
                                    "далеко"),
            lambda: build_from_demo(folder, demo, "date-minus-1e15.xlsx", "Звіти", "H5", -1e15,
                                    "DD.MM.YYYY"),
            lambda: build_ods_repeat_bomb(folder),
            lambda: build_one_long_string(folder),
            lambda: build_ods_error_cells(folder),
            lambda: build_xls_far_cell(folder),
        ]
        for build in builders:
            path = build()
            if args.only and args.only not in path.name:
                path.unlink()
                continue
            result = measure(path, folder)
            over = result.seconds > MAX_SECONDS or result.megabytes > MAX_MEGABYTES
            failed = failed or over
            said = (result.stderr.splitlines() or [""])[0][:90] if result.exit_code == 2 else (
                f"{result.output_bytes / 1024:.0f} KB of JSON")
            print(f"| {path.name} | {path.stat().st_size / 1024:,.0f} KB | "
                  f"{result.seconds:.1f} s | {result.megabytes:.0f} MB | {result.exit_code} | "
                  f"{said}{' **over the limit**' if over else ''} |", flush=True)
            path.unlink()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
