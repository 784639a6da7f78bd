"""The parser child kept between reads (odcore.sources.workbook_file._KeptParser): reused,
replaced when it died, timed out or is busy, and counted (its CPU) for the benchmarks."""

from __future__ import annotations

import io
import os
import signal
import threading
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from odcore.sources import workbook_file
from odcore.sources.base import CellError, ReadLimits, SourceError
from odcore.sources.error_cells import XLSX_ERROR_TYPES
from odcore.sources.workbook_file import parser_cpu_seconds, read_workbook, start_parser
from odcore.sources.workbook_reader import _Marks, _plan_xlsx

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the kept child needs select on pipes")


def kept_pid() -> int | None:
    child = workbook_file._PARSER._child
    return None if child is None or child.poll() is not None else child.pid


@pytest.fixture
def book(tmp_path: Path) -> Path:
    workbook = Workbook()
    workbook.active.title = "План"
    workbook.active.append(["Код", "Назва"])
    workbook.active.append(["1.1", "Перше"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    return path


def values(path: Path, limits: ReadLimits | None = None) -> list[list[object]]:
    return read_workbook(path, limits or ReadLimits()).tabs[0].values


def test_reads_reuse_one_child(book: Path) -> None:
    start_parser()
    pid = kept_pid()
    assert pid is not None
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    assert kept_pid() == pid


def test_a_child_that_died_is_replaced_and_the_read_still_succeeds(book: Path) -> None:
    start_parser()
    pid = kept_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    assert kept_pid() not in (None, pid)


def test_a_child_that_dies_during_the_read_is_replaced_once(book: Path) -> None:
    """A kept child that ends without answering (as the memory cap ends it): the read is sent
    once more to a new child, and succeeds."""
    start_parser()
    pid = kept_pid()
    assert pid is not None
    parser = workbook_file._PARSER
    child = parser._child
    assert child is not None and child.stdin is not None
    child.stdin.close()  # the child leaves its loop and exits: the next request meets EOF
    child.wait()
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    assert kept_pid() not in (None, pid)


def test_the_deadline_kills_the_kept_child_and_the_next_read_starts_another(book: Path) -> None:
    start_parser()
    pid = kept_pid()
    with pytest.raises(SourceError, match=r"не вдалося прочитати за 1e-06 с"):
        values(book, ReadLimits(reader_seconds=0.000001))
    assert kept_pid() is None
    assert pid is not None and not Path(f"/proc/{pid}").exists()
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]


def test_another_memory_cap_starts_another_child(book: Path) -> None:
    start_parser()
    pid = kept_pid()
    assert values(book, ReadLimits(reader_memory_bytes=300 << 20)) == [["Код", "Назва"],
                                                                       ["1.1", "Перше"]]
    assert kept_pid() not in (None, pid)
    assert workbook_file._PARSER._cap == 300 << 20


def test_concurrent_reads_all_succeed(book: Path) -> None:
    """Threads (Streamlit sessions) reading at once: one uses the kept child, the others a
    child of their own; every read gets the whole workbook."""
    results: list[list[list[object]]] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            results.append(values(book))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [[["Код", "Назва"], ["1.1", "Перше"]]] * 4


def test_cpu_of_the_kept_child_is_reported(book: Path) -> None:
    start_parser()
    before = parser_cpu_seconds()
    assert before > 0  # the child's start: Python and the parser's imports
    for _ in range(3):
        values(book)
    assert parser_cpu_seconds() > before


def test_a_sheet_without_error_marks_is_not_scanned_again(tmp_path: Path) -> None:
    """The sheet's XML is measured before parsing; a sheet in which no error cell's mark passed
    by is not read a second time for error cells, one with a mark is (and keeps its error)."""
    workbook = Workbook()
    workbook.active.title = "Чистий"
    workbook.active.append(["Код", 1])
    errors = workbook.create_sheet("З помилкою")
    errors.append(["Код", "#REF!"])
    errors["B1"].data_type = "e"
    path = tmp_path / "errors.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        plan = _plan_xlsx(path, archive, set(archive.namelist()), ReadLimits(), tmp_path)
    assert [title for title, part in plan.parts.items() if part in plan.error_free] == ["Чистий"]
    tabs = {tab.title: tab.values for tab in read_workbook(path).tabs}
    assert tabs["Чистий"] == [["Код", 1]]
    assert tabs["З помилкою"] == [["Код", CellError("#REF!")]]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 4096])
def test_marks_are_seen_across_reads_of_any_size(size: int) -> None:
    data = b'<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>'
    marks = _Marks(io.BytesIO(data), XLSX_ERROR_TYPES)
    while marks.read(size):
        pass
    assert marks.seen and marks.whole
    clean = _Marks(io.BytesIO(data.replace(b't="e"', b't="s"')), XLSX_ERROR_TYPES)
    while clean.read(size):
        pass
    assert not clean.seen and clean.whole



def test_the_kept_folder_is_emptied_after_each_read_and_made_again_when_removed(
        book: Path) -> None:
    import shutil

    values(book)
    folder = workbook_file._PARSER._scratch
    assert folder is not None and os.listdir(folder) == []
    shutil.rmtree(folder)  # as a /tmp cleaner would
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    again = workbook_file._PARSER._scratch
    assert again is not None and os.path.isdir(again) and os.listdir(again) == []
