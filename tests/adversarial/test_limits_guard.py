"""The native reader runs in a child process with a memory cap and a deadline: whatever a file
makes calamine do, it costs at most that, ends as one Ukrainian message naming the file (or
the sheet), and the other sheets still load."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.base import ReadLimits, SourceError
from odcore.sources.workbook_file import WorkbookFileSource
from tests.adversarial.hostile import run_check

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the address-space cap is enforced on Linux only")


def _two_sheets(path: Path, first_cell: bytes) -> Path:
    """Sheets «Великий» (its A1 given as XML) and «Навчання» (a header and one row)."""
    book = Workbook()
    book.active.title = "Великий"
    book.active["A1"] = "x"
    training = book.create_sheet("Навчання")
    training.append(["ПІБ", "Підрозділ", "Курс", "Дата", "Сертифікат"])
    training.append(["Коваль Ірина", "Відділ ІТ", "Відкриті дані", "14.03.2024", None])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="A1" t="inlineStr"><is><t>x</t></is></c>', first_cell)
            archive.writestr(name, data)
    return path


def test_a_reader_that_outlives_its_deadline_is_stopped_and_named(demo_path: Path) -> None:
    source = WorkbookFileSource(demo_path, limits=ReadLimits(reader_seconds=0.001))
    with pytest.raises(SourceError, match=r"^Файл demo\.xlsx не вдалося прочитати за 0\.001 с"):
        source.read_main()


@linux_only
def test_a_reader_past_its_memory_cap_ends_as_a_message_naming_the_file(tmp_path: Path) -> None:
    # calamine parses all of an .ods when it opens it: 60 MB of text in one cell (60 KB on
    # disk) exhausts a 100 MB reader before any sheet is named.
    path = _ods(tmp_path / "heavy.ods", '<table:table table:name="Навчання">'
                + _ods_row("x" * 60_000_000) + "</table:table>")
    # A generous deadline: on a loaded machine the memory cap, not the clock, must end it.
    source = WorkbookFileSource(path, limits=ReadLimits(reader_memory_bytes=100 << 20,
                                                        reader_seconds=120))
    with pytest.raises(SourceError, match=r"^Файл heavy\.ods не вдалося прочитати: читання "
                                          r"перевищило межу пам'яті \(100,0 МБ\)"):
        source.read_main()


@linux_only
def test_a_sheet_that_exhausts_the_reader_is_refused_and_the_others_load(tmp_path: Path) -> None:
    # 60 MB of text in one cell: 60 KB on disk, within the archive limit, but calamine holds
    # it twice (Rust and Python) and the cap is 120 MB.
    path = _two_sheets(tmp_path / "heavy.xlsx",
                       b'<c r="A1" t="inlineStr"><is><t>' + b"x" * 60_000_000 + b"</t></is></c>")
    settings = Settings()
    # A generous deadline: on a loaded machine the memory cap, not the clock, must end it.
    limits = ReadLimits(reader_memory_bytes=120 << 20, reader_seconds=120)
    workbook = load_workbook(WorkbookFileSource(path, limits=limits), settings)
    [refused] = [i for i in workbook.issues if i.code == "tab.unreadable"]
    assert refused.tab == "Великий" and "межу пам'яті (120,0 МБ)" in refused.message
    assert [t.person for t in workbook.trainings] == ["Коваль Ірина"]


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>")


def _ods(path: Path, tables: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", content)
    return path


def _ods_row(*values: str) -> str:
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                    "</table:table-cell>" for value in values)
    return f"<table:table-row>{cells}</table:table-row>"


def test_an_ods_table_repeating_a_value_over_the_whole_sheet_is_refused_at_its_tab(
        tmp_path: Path) -> None:
    # Two repeat attributes fill 1 048 576 x 16 384 cells in a file of a few hundred bytes;
    # calamine parses every table of an .ods when it opens it, so that table is emptied first.
    bomb = ('<table:table table:name="Бомба"><table:table-row '
            'table:number-rows-repeated="1048576"><table:table-cell office:value-type="string" '
            'table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell>'
            "</table:table-row></table:table>")
    training = ('<table:table table:name="Навчання">'
                + _ods_row("ПІБ", "Підрозділ", "Курс", "Дата")
                + _ods_row("Коваль Ірина", "Відділ ІТ", "Відкриті дані", "14.03.2024")
                + "</table:table>")
    path = _ods(tmp_path / "bomb.ods", bomb + training)
    assert path.stat().st_size < 2_000
    run = run_check(path, tmp_path)
    assert (run.code, run.stderr) == (1, "")
    [refused] = run.found("tab.unreadable", "Бомба")
    assert "сягають рядка 1048576 і стовпця 16384" in refused["message"]
    assert not [i for i in run.issues if i["tab"] == "Навчання" and i["severity"] == "error"]
