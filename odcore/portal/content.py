"""Does a file have the Ministry's columns? A content check with frictionless (docs/portal.md,
"Content check").

A Table Schema is built from a recommended structure (names, required, types); a resource (a
local path or an http(s) URL, at most ``max_bytes`` read) is checked against it. The header is
compared by this module (missing required columns, unknown, blank and duplicated headers);
frictionless checks every cell of the columns it knows. The result is data: a verdict, the
findings with row and column, and a compliance reason when the check failed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from odcore.portal.http import DEFAULT_TIMEOUT, fetch_capped, is_http_url
from odcore.portal.records import (  # re-exported: the check's result types
    COMPLIANCE_REASON,
    NOT_READ_KINDS,
    ContentCheck,
    Finding,
    FindingKind,
    Verdict,
)
from odcore.portal.structures import Structure, StructureColumn, StructureResource
from odcore.sources.base import column_letter
from odcore.text import normalize_name

# The result types live in odcore.portal.records (no network); importable from here too.
__all__ = ["COMPLIANCE_REASON", "DEFAULT_MAX_BYTES", "MAX_FINDINGS", "NOT_READ_KINDS",
           "ContentCheck", "Finding", "FindingKind", "Verdict", "check_content",
           "field_descriptor", "sniff_format", "size_uk", "table_schema"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_FINDINGS = 200  # findings kept per check; counts stay complete


# --- The Table Schema ----------------------------------------------------------------------

def field_descriptor(column: StructureColumn, name: str | None = None, *,
                     spreadsheet: bool = False) -> dict[str, Any]:
    """The Table Schema field of a structure column (anyURI/anyURL as a ``uri`` string).

    In a spreadsheet a text column takes any cell: a code typed as a number is still the
    code, and in CSV every value is text anyway.
    """
    descriptor: dict[str, Any] = {"name": name or column.name, "title": column.title}
    descriptor.update(_TYPES.get(column.datatype, {"type": "string"}))
    if spreadsheet and descriptor == {"name": descriptor["name"], "title": column.title,
                                      "type": "string"}:
        descriptor["type"] = "any"
    if column.required:
        descriptor["constraints"] = {"required": True}
    return descriptor


# dateTime is read by any ISO-like form: the structures' own examples omit the seconds.
_TYPES: dict[str, dict[str, str]] = {
    "string": {"type": "string"},
    "anyURI": {"type": "string", "format": "uri"},
    "anyURL": {"type": "string", "format": "uri"},
    "date": {"type": "date"},
    "dateTime": {"type": "datetime", "format": "any"},
    "time": {"type": "time"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
}
_TYPE_WORDS_UK: dict[str, str] = {
    "date/default": "датою РРРР-ММ-ДД", "datetime/any": "датою і часом РРРР-ММ-ДДTгг:хх:сс",
    "time/default": "часом гг:хх:сс", "integer/default": "цілим числом",
    "number/default": "числом (десятковий роздільник — крапка)",
    "boolean/default": "значенням True або False", "string/uri": "посиланням (https://…)",
    "string/default": "текстом",
}


def table_schema(resource: StructureResource) -> dict[str, Any]:
    """The Table Schema descriptor of a structure resource (repeated names get ``.2``, ``.3``)."""
    seen: Counter[str] = Counter()
    fields = []
    for column in resource.columns:
        seen[column.name] += 1
        name = column.name if seen[column.name] == 1 else f"{column.name}.{seen[column.name]}"
        fields.append(field_descriptor(column, name))
    return {"fields": fields}


# --- Reading the bytes -------------------------------------------------------------------

@dataclass
class _Collected:
    findings: list[Finding] = field(default_factory=list)

    def add(self, kind: FindingKind, message: str, **place: Any) -> None:
        self.findings.append(Finding(kind, message, **place))


def _read_source(source: str, max_bytes: int, timeout: float,
                 session: requests.Session | None) -> tuple[bytes, bool, str, str]:
    """(bytes, over the cap, content type, error) of a local path or an http(s) URL."""
    if is_http_url(source):
        fetched = fetch_capped(source, max_bytes, session=session, timeout=timeout)
        return fetched.data, fetched.over_cap, fetched.content_type, fetched.error
    path = Path(source)
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        return b"", False, "", f"файл {path} не знайдено"
    except OSError as exc:
        return b"", False, "", f"файл {path} не відкривається ({exc.strerror or exc})"
    return data[:max_bytes], len(data) > max_bytes, "", ""


def sniff_format(data: bytes, name: str = "", content_type: str = "") -> str:
    """``xlsx``, ``ods``, ``xls``, ``csv``, ``json``, ``pdf``, ``html`` or ``""``, from the first
    bytes (a zip or OLE container, text), then the name and content type."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head:
            return "ods"
        return "xlsx" if b"[Content_Types].xml" in data[:65536] or name.endswith("xlsx") \
            else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    if text.startswith((b"<?xml", b"<")):
        return "xml"
    if text.startswith((b"{", b"[")):
        return "json"
    suffix = Path(urlsplit(name).path).suffix.lower().lstrip(".")
    if suffix in ("csv", "txt", "tsv") or "csv" in content_type.lower() or head:
        return "csv"
    return ""


def _decode(data: bytes, collected: _Collected, source: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in; a NOT_UTF8 finding when that
    is not UTF-8 (the file is still read, as Windows-1251 or UTF-16, so its other defects
    show too)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # A cut at the cap can split a character: that is not a wrong encoding.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[:exc.start].decode("utf-8"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        text, encoding = data.decode("cp1251", errors="replace"), "cp1251"
    label = {"utf-16": "UTF-16", "cp1251": "Windows-1251"}[encoding]
    collected.add(FindingKind.NOT_UTF8,
                  f"Файл {source} збережено не в UTF-8 (схоже на {label}); збережіть як "
                  "«CSV UTF-8».", value=encoding)
    return text, encoding


def _delimiter(text: str) -> str:
    """``,`` or ``;``: the one splitting the header line into more fields (a tie: ``,``, the
    Ministry's)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in (",", ";")}
    return ";" if counts[";"] > counts[","] else ","


# --- The header --------------------------------------------------------------------------

def _pick_resource(structure: Structure | StructureResource,
                   labels: Sequence[str]) -> StructureResource:
    if isinstance(structure, StructureResource):
        return structure
    if len(structure.resources) == 1:
        return structure.resources[0]
    names = {label.strip() for label in labels}
    return max(structure.resources, key=lambda r: len(names & set(r.column_names)))


def _label_hint(label: str, resource: StructureResource) -> str:
    norm = normalize_name(label)
    for column in resource.columns:
        if normalize_name(column.name) == norm:
            return f" Мабуть, «{column.name}» (великі й малі літери мають значення)."
        if column.title and normalize_name(column.title) == norm:
            return (f" Це назва стовпця «{column.name}»: у заголовку пишуть ідентифікатор "
                    f"{column.name}.")
    return ""


def _check_header(labels: Sequence[str], resource: StructureResource, collected: _Collected,
                  spreadsheet: bool) -> list[dict[str, Any]]:
    """The header findings, and one Table Schema field per file column (typed for the
    structure's columns, plain strings for the rest) under names that cannot collide."""
    by_name: dict[str, list[StructureColumn]] = {}
    for column in resource.columns:
        by_name.setdefault(column.name, []).append(column)
    used: Counter[str] = Counter()
    fields: list[dict[str, Any]] = []
    for number, raw in enumerate(labels, start=1):
        label = raw.strip()
        place = {"row": 1, "column": label, "column_number": number}
        letter = column_letter(number)
        internal = f"#{number}"
        if not label:
            collected.add(FindingKind.BLANK_HEADER,
                          f"Стовпець {letter} не має заголовка (рядок 1).", **place)
            fields.append({"name": internal, "type": "any"})
            continue
        used[label] += 1
        expected = by_name.get(label, [])
        if used[label] > max(1, len(expected)):
            collected.add(FindingKind.DUPLICATE_HEADER,
                          f"Заголовок «{label}» повторюється (стовпець {letter}).", **place)
            fields.append({"name": internal, "type": "any"})
        elif expected:
            fields.append(field_descriptor(expected[used[label] - 1], internal,
                                           spreadsheet=spreadsheet))
        else:
            collected.add(FindingKind.UNKNOWN_COLUMN,
                          f"Стовпця «{label}» ({letter}) немає в структурі додатка "
                          f"{resource.annex} ({resource.name})." + _label_hint(label, resource),
                          **place)
            fields.append({"name": internal, "type": "any"})
    present = Counter(label.strip() for label in labels)
    for name, columns in by_name.items():
        required = sum(1 for c in columns if c.required)
        if required and present[name] < required:
            collected.add(FindingKind.MISSING_REQUIRED_COLUMN,
                          f"Немає обовʼязкового стовпця «{name}» ({columns[0].title}).",
                          column=name)
    return fields


# --- The cells (frictionless) ------------------------------------------------------------

def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _cell_findings(report: Any, labels: Sequence[str], collected: _Collected) -> None:
    short_rows: set[int | None] = set()
    for task in report.tasks:
        for error in task.errors:
            code = error.type
            row = getattr(error, "row_number", None)
            number = getattr(error, "field_number", None)
            label = labels[number - 1].strip() if number and number <= len(labels) else ""
            place = f"Рядок {row}, стовпець «{label}» ({column_letter(number)})" \
                if row and number else f"Рядок {row}"
            value = _cell_text(getattr(error, "cell", ""))
            common = {"row": row, "column": label, "column_number": number, "value": value}
            if code == "type-error":
                field_type = error.note.split('"')[1] if '"' in error.note else ""
                words = _TYPE_WORDS_UK.get(field_type, field_type)
                collected.add(FindingKind.TYPE_ERROR, f"{place}: «{value}» не є {words}.",
                              **common)
            elif code == "constraint-error":
                collected.add(FindingKind.MISSING_VALUE,
                              f"{place}: обовʼязкове значення не заповнено.", **common)
            elif code in ("extra-cell", "missing-cell"):
                if row in short_rows:  # one finding per row is enough
                    continue
                short_rows.add(row)
                what = "зайва клітинка" if code == "extra-cell" else "бракує клітинки"
                collected.add(FindingKind.ROW_LENGTH,
                              f"Рядок {row}: {what} (стовпець {column_letter(number or 1)}); "
                              "кількість значень не збігається із заголовком.", **common)
            else:
                collected.add(FindingKind.UNREADABLE,
                              f"Файл не прочитано до кінця: {error.message}", row=row)


def _frictionless_resource(data: bytes, file_format: str, delimiter: str,
                           schema: dict[str, Any] | None) -> Any:
    from frictionless import Dialect, Resource, Schema, formats

    options: dict[str, Any] = {"format": file_format}
    if file_format == "csv":
        options["encoding"] = "utf-8"
        options["dialect"] = Dialect(controls=[formats.CsvControl(delimiter=delimiter)])
    if schema is not None:
        options["schema"] = Schema.from_descriptor(schema)
    return Resource(data, **options)


def _labels(data: bytes, file_format: str, delimiter: str) -> list[str]:
    """The first row of the file (of its first sheet), as text."""
    if file_format == "csv":
        text = data.decode("utf-8")
        line = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        return [str(v) for v in line]
    resource = _frictionless_resource(data, file_format, delimiter, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with resource:
            return ["" if v is None else str(v) for v in resource.header.labels]


def _validate_cells(data: bytes, file_format: str, delimiter: str, fields: list[dict[str, Any]],
                    labels: Sequence[str], collected: _Collected) -> int:
    from frictionless import Checklist

    resource = _frictionless_resource(data, file_format, delimiter, {"fields": fields})
    # Header errors are this module's (with Ukrainian messages); a blank row is not a
    # structure defect (spreadsheets keep formatted empty rows at the end).
    checklist = Checklist(skip_errors=["#header", "blank-row"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = resource.validate(checklist, limit_errors=MAX_FINDINGS * 5)
    _cell_findings(report, labels, collected)
    stats = report.tasks[0].stats if report.tasks else {}
    rows = stats.get("rows") if isinstance(stats, dict) else getattr(stats, "rows", 0)
    return int(rows or 0)


def size_uk(size: int) -> str:
    """A byte count in Ukrainian units: ``10 МБ``, ``512 КБ``, ``40 байт``."""
    for unit, scale in (("МБ", 1024 * 1024), ("КБ", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} байт"


# --- The check ---------------------------------------------------------------------------

def _result(source: str, resource: StructureResource | None, annex: int,
            collected: _Collected, **extra: Any) -> ContentCheck:
    kinds = Counter(f.kind.value for f in collected.findings)
    defects = [f for f in collected.findings if f.kind not in NOT_READ_KINDS]
    not_read = any(f.kind in NOT_READ_KINDS for f in collected.findings)
    verdict = (Verdict.FAILED if defects else Verdict.UNCHECKED if not_read
               else Verdict.PASSED)
    return ContentCheck(source, annex, resource.name if resource else "", verdict,
                        tuple(collected.findings[:MAX_FINDINGS]), dict(kinds), **extra)


def check_content(source: str, structure: Structure | StructureResource, *,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                  session: requests.Session | None = None) -> ContentCheck:
    """Check a local file or an http(s) URL against a structure (for an annex with several
    resources, the one whose columns the header matches best). Never raises."""
    annex = structure.annex
    collected = _Collected()
    fixed = structure if isinstance(structure, StructureResource) else None
    data, over_cap, content_type, error = _read_source(source, max_bytes, timeout, session)
    if error:
        collected.add(FindingKind.UNREADABLE, f"Ресурс {source} не прочитано: {error}.")
        return _result(source, fixed, annex, collected)
    if over_cap:
        collected.add(FindingKind.TOO_LARGE,
                      f"Файл {source} більший за {size_uk(max_bytes)}: перевірено лише його "
                      "початок.", value=str(max_bytes))
    file_format = sniff_format(data, source.lower(), content_type)
    extra: dict[str, Any] = {"bytes_read": len(data), "file_format": file_format}
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n"):
        collected.add(FindingKind.EMPTY_FILE, f"Файл {source} порожній.")
        return _result(source, fixed, annex, collected, **extra)
    if file_format not in ("csv", "xlsx"):
        collected.add(FindingKind.UNREADABLE,
                      f"Файл {source} не є таблицею CSV чи XLSX ({file_format or 'невідомий'} "
                      "формат): структуру не перевірено.")
        return _result(source, fixed, annex, collected, **extra)
    if file_format == "xlsx" and over_cap:
        # A zip cut short cannot be opened: nothing more to check.
        return _result(source, fixed, annex, collected, **extra)
    delimiter = ","
    if file_format == "csv":
        text, extra["encoding"] = _decode(data, collected, source)
        if over_cap:  # the last line read is cut short: leave it out
            text = text[:text.rfind("\n") + 1] if "\n" in text else text
        delimiter = _delimiter(text)
        data = text.encode("utf-8")
    try:
        labels = _labels(data, file_format, delimiter)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a finding, not a crash
        collected.add(FindingKind.UNREADABLE,
                      f"Файл {source} не читається як {file_format.upper()} ({type(exc).__name__}).")
        return _result(source, fixed, annex, collected, **extra)
    if not any(label.strip() for label in labels):
        collected.add(FindingKind.EMPTY_FILE,
                      f"Файл {source} не має рядка заголовків (перший рядок порожній).")
        return _result(source, fixed, annex, collected, **extra)
    resource = _pick_resource(structure, labels)
    fields = _check_header(labels, resource, collected, spreadsheet=file_format == "xlsx")
    try:
        extra["rows_checked"] = _validate_cells(data, file_format, delimiter, fields, labels,
                                                collected)
    except Exception as exc:  # noqa: BLE001 - frictionless failing on odd input is a finding
        collected.add(FindingKind.UNREADABLE,
                      f"Файл {source} не прочитано до кінця ({type(exc).__name__}).")
    return _result(source, resource, annex, collected, **extra)
