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

from odcore.sources import workbook_file, workbook_reader
from odcore.sources.base import CellError, ReadLimits, SourceError
from odcore.sources.error_cells import XLSX_ERROR_MARK
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


def _spaced_error_book(path: Path, spelling: bytes) -> Path:
    """A workbook whose one error cell's type is written ``spelling`` (XML allows white
    space around "="): openpyxl writes t="e", rewritten in the sheet's XML."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Аркуш"
    sheet.append(["Код", "#DIV/0!"])
    sheet["B1"].data_type = "e"
    plain = path.with_suffix(".plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                assert b't="e"' in data
                data = data.replace(b't="e"', spelling)
            target.writestr(item, data)
    return path


SPACED_SPELLINGS = [b't = "e"', b"t= 'e'", b't\n=\n"e"', b't\t="e"']


@pytest.mark.parametrize("spelling", SPACED_SPELLINGS)
def test_an_error_cell_typed_with_white_space_keeps_its_error(tmp_path: Path,
                                                              spelling: bytes) -> None:
    path = _spaced_error_book(tmp_path / "spaced.xlsx", spelling)
    assert [tab.values for tab in read_workbook(path).tabs] == [[["Код", CellError("#DIV/0!")]]]


@pytest.mark.parametrize("whole_bytes", [4 * 1024 * 1024, 0])  # read whole, and streamed
@pytest.mark.parametrize("spelling", SPACED_SPELLINGS)
def test_a_sheet_with_a_spaced_error_mark_is_scanned_for_error_cells(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: bytes,
        whole_bytes: int) -> None:
    monkeypatch.setattr(workbook_reader, "_WHOLE_PART_BYTES", whole_bytes)
    path = _spaced_error_book(tmp_path / "spaced.xlsx", spelling)
    with zipfile.ZipFile(path) as archive:
        plan = _plan_xlsx(path, archive, set(archive.namelist()), ReadLimits(), tmp_path)
    assert plan.parts and not plan.error_free


@pytest.mark.parametrize("spelling", SPACED_SPELLINGS)
@pytest.mark.parametrize("size", [1, 2, 3, 7, 4096])
def test_spaced_marks_are_seen_across_reads_of_any_size(spelling: bytes, size: int) -> None:
    data = b'<row r="1"><c r="A1" ' + spelling + b'><v>#N/A</v></c></row>'
    marks = _Marks(io.BytesIO(data), XLSX_ERROR_MARK)
    while marks.read(size):
        pass
    assert marks.seen and marks.whole


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 4096])
def test_marks_are_seen_across_reads_of_any_size(size: int) -> None:
    data = b'<row r="1"><c r="A1" t="e"><v>#N/A</v></c></row>'
    marks = _Marks(io.BytesIO(data), XLSX_ERROR_MARK)
    while marks.read(size):
        pass
    assert marks.seen and marks.whole
    clean = _Marks(io.BytesIO(data.replace(b't="e"', b't="s"')), XLSX_ERROR_MARK)
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


# --- what a review found (each failed before its fix) -----------------------------------------


@pytest.fixture(scope="module")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small sheet, and one of 50,000 distinct 1 KB texts that no 80 MB child can hold."""
    workbook = Workbook(write_only=True)
    small = workbook.create_sheet("Малий")
    small.append(["Код", 1])
    big = workbook.create_sheet("Великий")
    for number in range(2_000):
        big.append([f"{number}-{column}-" + "x" * 1_000 for column in range(25)])
    path = tmp_path_factory.mktemp("heavy") / "big.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize(("warm", "children"), [(False, ["serve", "serve"]),
                                                (True, ["serve", "serve"])])
def test_a_sheet_past_the_cap_is_parsed_at_most_twice(
        heavy: Path, monkeypatch: pytest.MonkeyPatch, warm: bool, children: list[str]) -> None:
    """A new child that reaches its cap mid-read is neither sent the read again nor replaced
    by a child of its own: the sheet it had started is refused and the rest read by one more
    child. A kept child that had served reads before gets one more try in a new child."""
    limits = ReadLimits(reader_memory_bytes=80 << 20, reader_seconds=60)
    workbook_file._PARSER.stop()
    if warm:
        start_parser(limits)
    started: list[str] = []
    real_popen = workbook_file.subprocess.Popen

    def counting_popen(command: list[str], **kwargs: object) -> object:
        started.append(command[5])  # "serve" or "main"
        return real_popen(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(workbook_file.subprocess, "Popen", counting_popen)
    spreadsheet = read_workbook(heavy, limits)
    tabs = {tab.title: tab for tab in spreadsheet.tabs}
    assert tabs["Малий"].values == [["Код", 1]]
    assert "межу пам'яті" in tabs["Великий"].refused
    assert started == children


def test_reads_work_with_more_than_a_thousand_descriptors_open(book: Path) -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1_200:
        pytest.skip("the descriptor limit is below 1,200")
    workbook_file._PARSER.stop()  # the next child's pipes get numbers past 1023
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1_100)]
    try:
        assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
        assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
    finally:
        for descriptor in held:
            os.close(descriptor)
        workbook_file._PARSER.stop()


def test_a_read_interrupted_before_its_reply_leaves_no_reply_for_the_next(
        book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Workbook()
    other.active.append(["Інша", 2])
    second = tmp_path / "other.xlsx"
    other.save(second)
    start_parser()
    real_reply = workbook_file._KeptParser._reply

    def interrupted(self: object, deadline: float) -> object:
        raise RuntimeError("interrupted")  # as a signal handler's exception would

    monkeypatch.setattr(workbook_file._KeptParser, "_reply", interrupted)
    with pytest.raises(RuntimeError):
        values(book)
    monkeypatch.setattr(workbook_file._KeptParser, "_reply", real_reply)
    assert values(second) == [["Інша", 2]]
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]


def test_a_forked_process_starts_its_own_child_and_leaves_the_parents(book: Path) -> None:
    start_parser()
    parent_child = kept_pid()
    pid = os.fork()
    if pid == 0:  # the forked process: report through the exit status only
        status = 1
        try:
            fresh = workbook_file._PARSER._child is None
            read = values(book) == [["Код", "Назва"], ["1.1", "Перше"]]
            status = 0 if fresh and read and kept_pid() != parent_child else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert kept_pid() == parent_child
    assert values(book) == [["Код", "Назва"], ["1.1", "Перше"]]


def test_a_cell_whose_reference_follows_a_line_break_is_measured() -> None:
    from odcore.sources.workbook_limits import xlsx_extent

    xml = (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
           b'</row><row r="900"><c\nr="ZZ900" t="inlineStr"><is><t>y</t></is></c></row>'
           b"</sheetData></worksheet>")
    extent = xlsx_extent(lambda: io.BytesIO(xml), 500)
    assert (extent.rows, extent.columns) == (900, 702)
