"""A folder of CSV files, one per tab (``План.csv``), as a source of raw cells.

Each file is decoded as a whole: strict UTF-8 (with or without BOM), otherwise cp1251. The
delimiter (``,`` or ``;``) is the one the header line holds more of outside quotes. Every
value is text; an empty field is None.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.base import CellValue, RawSpreadsheet, RawTab, SourceError

_BOM = "\ufeff"
# A header with neither delimiter is a single column: NUL, which a text file never holds,
# keeps each line whole instead of splitting it at a comma or semicolon of the data.
_NO_DELIMITER = "\x00"
# The csv module refuses fields over 128 KiB by default; a long description pasted into one
# cell must not make the file unreadable (the file is read whole anyway). 2**31 - 1 fits a C
# long on every platform.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


class CsvFolderSource:
    """The main spreadsheet is a folder of CSV files; department ones are files beside it."""

    def __init__(self, path: str | Path, *, is_demo: bool = False) -> None:
        self.path = Path(path)
        self.label = self.path.resolve().name  # "." names the folder it stands for
        self.is_demo = is_demo

    def read_main(self) -> RawSpreadsheet:
        """Read every CSV file of the folder as a tab."""
        return read_csv_folder(self.path)

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """Read a workbook or CSV folder named by a path relative to this folder's parent."""
        # Imported here: the workbook module reads CSV folders too, so a top-level import
        # would be circular.
        from odcore.sources.workbook_file import read_file_reference

        return read_file_reference(self.path.parent, reference)


def read_csv_folder(path: Path) -> RawSpreadsheet:
    """Every ``*.csv`` of the folder as a tab titled by the file stem, anchored at A1."""
    read_at = DEFAULT_SETTINGS.now()
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
    tabs = [
        # macOS stores names decomposed (NFD: "й" as "и" + breve); NFC gives them as typed.
        RawTab(title=unicodedata.normalize("NFC", item.stem), values=_read_csv(item))
        for item in files
    ]
    return RawSpreadsheet(
        name=path.resolve().name,
        location=str(path.resolve()),
        tabs=tabs,
        read_at=read_at,
        kind="csv",
    )


def _read_csv(path: Path) -> list[list[CellValue]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"Не вдалося прочитати файл {path.name} у папці {path.parent}: {exc.strerror or exc}"
        ) from None
    text = _decode(data)
    if text is None:
        raise SourceError(
            f"Файл {path.name} у папці {path.parent} не є текстом у кодуванні UTF-8 або "
            "Windows-1251: збережіть його як «CSV UTF-8»"
        )
    try:
        return _parse(text)
    except csv.Error as exc:
        raise SourceError(
            f"Файл {path.name} у папці {path.parent} не читається як CSV: {exc}"
        ) from None


def _decode(data: bytes) -> str | None:
    """The file's text: strict UTF-8 (a BOM dropped), else cp1251; None when neither fits."""
    if b"\x00" in data:
        return None  # UTF-16 or a binary file; cp1251 would turn it into silent garbage
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            return None
    return text.removeprefix(_BOM)


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


def _parse(text: str) -> list[list[CellValue]]:
    """Records of the text as rows (quoted newlines kept), trailing empty fields dropped."""
    rows: list[list[CellValue]] = []
    for record in csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(text)):
        values: list[CellValue] = [field if field != "" else None for field in record]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows
