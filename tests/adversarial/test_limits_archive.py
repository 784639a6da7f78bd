"""No memory bound on compressed workbooks: a 2 MB .xlsx expanding to 2 GB took 44 s and
4.2 GB, ten 200 MB strings 6.2 GB. Now the archive's directory is checked before any parsing
(the huge inputs themselves are in bench/bench_limits.py; here the limits are set low)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from odcore.reading import load_workbook as read_all
from odcore.settings import Settings
from odcore.sources.base import ReadLimits, SourceError, SpreadsheetTooLarge
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.sources.workbook_limits import MAX_ARCHIVE_ENTRIES
from tests.adversarial.hostile import rewrite_part, run_check


def _padded(demo_path: Path, target: Path, padding: int) -> Path:
    """The demo with ``padding`` bytes of blanks inside a sheet's XML: a few KB on disk."""
    target.write_bytes(demo_path.read_bytes())
    rewrite_part(target, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1))
    return target


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(
        demo_path: Path, tmp_path: Path) -> None:
    path = _padded(demo_path, tmp_path / "bomb.xlsx", 3_000_000)
    assert path.stat().st_size < 100_000
    run = run_check(path, tmp_path, "max_uncompressed_bytes = 1000000")
    assert run.code == 2
    assert run.stderr.startswith("Помилка: Файл bomb.xlsx розпаковується у 3,")
    assert "max_uncompressed_bytes" in run.stderr and len(run.stderr.splitlines()) == 1


def test_a_department_workbook_past_the_limit_is_one_issue_and_the_rest_loads(
        demo_path: Path, tmp_path: Path) -> None:
    main = load_workbook(demo_path)
    main["Підрозділи"]["D2"] = "bomb.xlsx"
    main.save(tmp_path / "main.xlsx")
    _padded(demo_path, tmp_path / "bomb.xlsx", 3_000_000)
    settings = Settings(max_uncompressed_bytes=2_000_000)
    workbook = read_all(WorkbookFileSource(tmp_path / "main.xlsx",
                                           limits=settings.read_limits()), settings)
    [issue] = [i for i in workbook.issues if i.code == "spreadsheet.too_large"]
    assert (issue.tab, issue.row, issue.column, issue.value) == (
        "Підрозділи", 2, "Таблиця", "bomb.xlsx")
    assert issue.severity == "error" and "розпаковується" in issue.message
    assert len(workbook.tasks) == 16


def test_a_file_larger_than_the_limit_is_refused_without_opening_it(
        demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(demo_path.read_bytes())
    with pytest.raises(SpreadsheetTooLarge, match=r"^Файл big\.xlsx завеликий: 0,0 МБ"):
        WorkbookFileSource(path, limits=ReadLimits(max_file_bytes=1000)).read_main()


def test_an_archive_with_more_parts_than_any_workbook_is_refused(
        demo_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    path.write_bytes(demo_path.read_bytes())
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(MAX_ARCHIVE_ENTRIES):
            archive.writestr(f"x/{number}", b"")
    run = run_check(path, tmp_path)
    assert run.code == 2 and "забагато частин" in run.stderr


def test_a_part_whose_declared_size_hides_its_data_is_refused_as_damaged(
        demo_path: Path, tmp_path: Path) -> None:
    # A zip bomb can declare a small size in the directory; deflate cannot pack more than
    # 1032 bytes into one, nor fewer bytes into more, so such a size is a forgery.
    path = _padded(demo_path, tmp_path / "forged.xlsx", 3_000_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    directory = data.rfind(b"PK\x01\x02" + data[info.header_offset + 4:info.header_offset + 6])
    while data[directory + 46:directory + 46 + len(info.filename)] != info.filename.encode():
        directory = data.rfind(b"PK\x01\x02", 0, directory)
    data[directory + 24:directory + 28] = (10).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError, match="forged.xlsx пошкоджений: розміри частини"):
        WorkbookFileSource(path).read_main()


def test_huge_strings_are_cut_at_their_cells_with_one_issue_each(tmp_path: Path) -> None:
    # Ten strings of a few hundred thousand characters stand for the tester's 200 MB ones.
    book = Workbook()
    sheet = book.active
    sheet.title = "Набори даних"
    sheet.append(["ID", "Назва", "Розпорядник", "Статус", "Опис"])
    for number in range(1, 11):
        sheet.append([f"D{number}", "Бюджет", "Відділ ІТ", "Оприлюднено",
                      str(number) * 300_000])
    book.save(tmp_path / "long.xlsx")
    settings = Settings(max_cell_chars=1_000)
    workbook = read_all(WorkbookFileSource(tmp_path / "long.xlsx",
                                           limits=settings.read_limits()), settings)
    cut = [i for i in workbook.issues if i.code == "cell.too_long"]
    assert [(i.row, i.cell, i.severity) for i in cut] == [
        (row, f"E{row}", "warning") for row in range(2, 12)]
    assert [d.description for d in workbook.datasets] == [
        (str(number) * 300_000)[:1_000] for number in range(1, 11)]


def test_the_source_keeps_one_character_past_the_limit_so_the_cut_is_reported(
        tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["x" * 5_000, "y" * 100])
    book.save(tmp_path / "long.xlsx")
    [tab] = WorkbookFileSource(tmp_path / "long.xlsx",
                               limits=ReadLimits(max_cell_chars=100)).read_main().tabs
    assert [len(value) for value in tab.values[0]] == [101, 100]
