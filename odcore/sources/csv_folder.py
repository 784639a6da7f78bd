"""A folder of CSV files, one per tab (``План.csv``), as a source of raw cells.

Each file has one encoding: strict UTF-8 (with or without BOM), otherwise cp1251, decided by a
streaming pass over the whole file. The delimiter (``,`` or ``;``) is the one the header line
holds more of outside quotes. Every value is text; an empty field is None. Files are read
streaming within the ``ReadLimits``: a file larger than ``max_file_bytes`` is refused at its
tab, records past ``max_rows`` and fields past ``max_columns`` are counted, not kept.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from odcore.sources.base import (
    DEFAULT_LIMITS,
    CellValue,
    RawSpreadsheet,
    RawTab,
    ReadLimits,
    SourceError,
)
from odcore.sources.workbook_limits import megabytes

_BOM = "\ufeff"
# A header with neither delimiter is a single column: NUL, which a text file never holds,
# keeps each line whole instead of splitting it at a comma or semicolon of the data.
_NO_DELIMITER = "\x00"
# The csv module refuses fields over 128 KiB by default; a long description pasted into one
# cell must not make the file unreadable (a field is at most the file, which max_file_bytes
# bounds, and is cut to max_cell_chars at once). 2**31 - 1 fits a C long on every platform.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
_CHUNK = 1024 * 1024
# The header is found in the file's first characters; a header line longer than this is no
# header of a spreadsheet tab.
_HEAD_CHARS = 1024 * 1024


class CsvFolderSource:
    """The main spreadsheet is a folder of CSV files; department ones are files beside it."""

    def __init__(self, path: str | Path, *, is_demo: bool = False,
                 limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.label = self.path.resolve().name  # "." names the folder it stands for
        self.is_demo = is_demo
        self.limits = limits

    def read_main(self) -> RawSpreadsheet:
        """Read every CSV file of the folder as a tab."""
        return read_csv_folder(self.path, self.limits)

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """Read a workbook or CSV folder named by a path relative to this folder's parent."""
        # Imported here: the workbook module reads CSV folders too, so a top-level import
        # would be circular.
        from odcore.sources.workbook_file import read_file_reference

        return read_file_reference(self.path.parent, reference, self.limits)


def read_csv_folder(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> RawSpreadsheet:
    """Every ``*.csv`` of the folder as a tab titled by the file stem, anchored at A1."""
    read_at = dt.datetime.now(dt.UTC)  # shown in the council's time zone by the views
    try:
        if not path.exists():
            raise SourceError(f"Папку з файлами CSV не знайдено: {path}")
        if not path.is_dir():
            raise SourceError(
                f"{path} — не папка: потрібна папка з файлами CSV (один файл на вкладку)"
            )
        # Names starting with a dot are hidden files, such as macOS's "._План.csv" metadata.
        files = sorted(
            (
                item
                for item in path.iterdir()
                if item.suffix.lower() == ".csv"
                and not item.name.startswith(".")
                and item.is_file()
            ),
            key=lambda item: item.name.casefold(),
        )
    except OSError as exc:
        raise SourceError(f"Не вдалося відкрити папку {path}: {exc.strerror or exc}") from None
    if not files:
        raise SourceError(
            f"У папці {path} немає файлів .csv (один файл на вкладку: План.csv, Звіти.csv, ...)"
        )
    # macOS stores names decomposed (NFD: "й" as "и" + breve); NFC gives them as typed.
    tabs = [_read_csv(item, unicodedata.normalize("NFC", item.stem), limits) for item in files]
    return RawSpreadsheet(
        name=path.resolve().name,
        location=str(path.resolve()),
        tabs=tabs,
        read_at=read_at,
        kind="csv",
    )


def _read_csv(path: Path, title: str, limits: ReadLimits) -> RawTab:
    """One file as a tab, within the limits; a file too large to read is refused at its tab."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return RawTab(title=title, values=[], refused=(
                f"Файл {path.name} завеликий: {megabytes(size)} (межа — "
                f"{megabytes(limits.max_file_bytes)}, налаштування max_file_bytes). Розділіть "
                "його на кілька файлів або видаліть зайві рядки."))
        encoding = _encoding(path)
        if encoding is None:
            raise SourceError(
                f"Файл {path.name} у папці {path.parent} не є текстом у кодуванні UTF-8 або "
                "Windows-1251: збережіть його як «CSV UTF-8»"
            )
        with path.open("r", encoding=encoding, newline="") as text:
            return _parse(text, title, limits)
    except OSError as exc:
        raise SourceError(
            f"Не вдалося прочитати файл {path.name} у папці {path.parent}: {exc.strerror or exc}"
        ) from None
    except UnicodeDecodeError:
        raise SourceError(
            f"Файл {path.name} у папці {path.parent} не є текстом у кодуванні UTF-8 або "
            "Windows-1251: збережіть його як «CSV UTF-8»"
        ) from None
    except csv.Error as exc:
        raise SourceError(
            f"Файл {path.name} у папці {path.parent} не читається як CSV: {exc}"
        ) from None


def _encoding(path: Path) -> str | None:
    """``utf-8-sig`` when the whole file is strict UTF-8 (a BOM dropped), else ``cp1251``;
    None for a file holding NUL bytes (UTF-16, a binary file), which cp1251 would turn into
    silent garbage. One streaming pass; cp1251's undefined bytes show while parsing."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8 = True
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            if b"\x00" in chunk:
                return None
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return "utf-8-sig" if utf8 else "cp1251"


def _detect_delimiter(text: str) -> str:
    """``;`` or ``,``: the one the header (first non-blank line) holds more of outside quotes."""
    header = text.lstrip("\r\n")
    fields = {
        delimiter: len(next(csv.reader(io.StringIO(header, newline=""), delimiter=delimiter), []))
        for delimiter in (";", ",")
    }
    if fields[";"] <= 1 and fields[","] <= 1:
        return _NO_DELIMITER
    # On a tie, ";" wins: Ukrainian-locale Excel writes it, and commas are common in text.
    return ";" if fields[";"] >= fields[","] else ","


def _parse(text: io.TextIOBase, title: str, limits: ReadLimits) -> RawTab:
    """Records of the text as rows (quoted newlines kept), trailing empty fields dropped;
    rows past ``max_rows`` and fields past ``max_columns`` are counted, not kept."""
    head = text.read(_HEAD_CHARS)
    delimiter = _detect_delimiter(head)
    rows: list[list[CellValue]] = []
    texts: dict[str, str] = {}
    last_row = widest = 0
    for number, record in enumerate(csv.reader(_joined(head, text), delimiter=delimiter), 1):
        while record and record[-1] == "":
            record.pop()
        if not record:
            if number <= limits.max_rows:
                rows.append([])
            continue
        last_row, widest = number, max(widest, len(record))
        if number > limits.max_rows:
            continue
        kept = [_field(value, limits.max_cell_chars, texts)
                for value in record[:limits.max_columns]]
        while kept and kept[-1] is None:
            kept.pop()
        rows.append(kept)
    while rows and not rows[-1]:
        rows.pop()
    return RawTab(
        title=title, values=rows,
        rows_in_sheet=last_row if last_row > limits.max_rows else 0,
        columns_in_sheet=widest if widest > limits.max_columns else 0,
    )


def _joined(head: str, rest: io.TextIOBase) -> Iterator[str]:
    """The lines of ``head`` followed by the rest of the stream, as the csv module wants."""
    yield from io.StringIO(head + rest.readline(), newline="")
    yield from rest


def _field(value: str, max_chars: int, texts: dict[str, str]) -> CellValue:
    """One field: None when empty; longer than ``max_chars`` kept to ``max_chars + 1``
    characters so the reading layer cuts and reports it."""
    if value == "":
        return None
    if len(value) > max_chars:
        value = value[:max_chars + 1]
    return texts.setdefault(value, value)
