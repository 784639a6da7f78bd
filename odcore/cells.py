"""Reading one cell by its column's kind (WORKBOOK.md "General reading rules").

Every function here is total: whatever a cell holds, it returns a value and a list of
findings, never raises. A finding with severity error means the row is left out of figures.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final
from urllib.parse import urlsplit

from odcore.dates import (
    date_text_parts,
    in_years,
    is_short_year_date,
    make_date,
    years_text,
)
from odcore.deadlines import parse_deadline
from odcore.issues import Finding, IssueCode, Severity, display_value
from odcore.periods import Quarter, quarter_parts
from odcore.schema.columns import Col, Kind
from odcore.schema.vocab import allowed_values, match_vocabulary
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.base import ERROR_VALUES, CellError

SERIAL_EPOCH = dt.date(1899, 12, 30)
ACCEPTED_YEARS = DEFAULT_SETTINGS.accepted_years  # when a caller names no years of its own

_YES = {"так", "yes", "true", "1", "+", "т", "y"}
_NO = {"ні", "no", "false", "0", "-", "н", "n", "нi"}
_LIST_SPLIT = re.compile(r"[,;\n\r]+")
_EMAIL = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>()]{2,}$")


@dataclass
class CellRead:
    value: Any = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def is_error_value(raw: object) -> bool:
    """A saved spreadsheet error (``#REF!``), as a CellError or as the text the API returns."""
    return isinstance(raw, CellError) or (
        isinstance(raw, str) and raw.strip().upper() in ERROR_VALUES
    )


def is_empty(raw: object) -> bool:
    """An empty cell: None, or text of spaces only."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def shortest_number_text(number: float | int) -> str:
    """7.0 -> "7", 4.1 -> "4.1" (Python's shortest round-trip form)."""
    if isinstance(number, bool):
        return "TRUE" if number else "FALSE"
    if isinstance(number, float):
        if math.isnan(number) or math.isinf(number):
            return str(number)
        if number.is_integer() and abs(number) < 1e16:
            return str(int(number))
        return repr(number)
    return str(number)


def format_date_uk(day: dt.date) -> str:
    """31.03.2024: how dates are written in Ukraine (four-digit year also before 1000)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _as_text(raw: object, col: Col) -> tuple[str, list[Finding]]:
    """Any raw value as text; numbers, booleans and dates say that they were converted."""
    if isinstance(raw, str):
        return raw.strip(), []
    if isinstance(raw, bool):
        text = "TRUE" if raw else "FALSE"
    elif isinstance(raw, (int, float)):
        text = shortest_number_text(raw)
    elif isinstance(raw, dt.datetime):
        text = format_date_uk(raw.date()) if raw.time() == dt.time() else raw.isoformat(" ")
    elif isinstance(raw, dt.date):
        text = format_date_uk(raw)
    else:
        text = display_value(raw)
    return text, [Finding.of(IssueCode.TEXT_NUMBER_AS_TEXT, text=text)]


def serial_date(number: float) -> dt.date | None:
    """The day a Sheets serial number (days since 1899-12-30) names, or None when it names no
    day Python can hold (a huge number, NaN, infinity)."""
    if isinstance(number, float) and not math.isfinite(number):
        return None
    ordinal = SERIAL_EPOCH.toordinal() + math.floor(number)  # exact for an int of any size
    if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def _outside_years(raw: object, day: dt.date | int, years: tuple[int, int]) -> Finding:
    """The date (or, for text whose year is out, the year) and the accepted years."""
    code, accepted = IssueCode.DATE_OUTSIDE_YEARS, years_text(years)
    if isinstance(day, int):  # a year that names no date Python can hold (0000, 10000)
        return Finding.of(code, "year", value=display_value(raw), year=f"{day:04d}",
                          years=accepted)
    if isinstance(raw, int | float):  # a serial number: say which day it stands for
        return Finding.of(code, "serial", number=shortest_number_text(raw),
                          day=format_date_uk(day), years=accepted)
    return Finding.of(code, value=display_value(raw), day=format_date_uk(day), years=accepted)


def read_date(raw: object, years: tuple[int, int] = ACCEPTED_YEARS,
              ) -> tuple[dt.date | None, Finding | None]:
    """A date from a native cell, a serial number or ISO / dd.mm.yyyy / dd/mm/yyyy text,
    whose year lies in ``years`` (settings.earliest_year..latest_year)."""
    def bad() -> Finding:  # built only when found
        return Finding.of(IssueCode.DATE_INVALID, value=display_value(raw))

    day: dt.date | None
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
    elif isinstance(raw, bool):
        return None, bad()
    elif isinstance(raw, int | float):
        day = serial_date(raw)
        if day is None:
            return None, bad()
    elif isinstance(raw, str):
        text = raw.strip()
        parts = date_text_parts(text)
        if parts is None:
            if is_short_year_date(text):
                # 1.3.24 could be 2024 or 1924: refused rather than guessed (WORKBOOK.md).
                return None, Finding.of(IssueCode.DATE_INVALID, "two_digit_year", value=text)
            return None, bad()
        year, month, day_of_month = parts
        if not in_years(year, years):  # checked first: year 0 or 10000 is no date at all
            return None, _outside_years(raw, year, years)
        day = make_date(year, month, day_of_month)
        if day is None:
            return None, bad()
    else:
        return None, bad()
    if not in_years(day.year, years):
        return None, _outside_years(raw, day, years)
    return day, None


def read_yesno(raw: object) -> tuple[bool | None, Finding | None]:
    """так/ні, yes/no, true/false, 1/0, +/-, or a checkbox; anything else is an error."""
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw), None
    if isinstance(raw, str):
        text = raw.strip().casefold()
        if text in _YES:
            return True, None
        if text in _NO:
            return False, None
    return None, Finding.of(IssueCode.YESNO_INVALID, value=display_value(raw))


def read_quarter(raw: object, years: tuple[int, int],
                 accepted: tuple[int, int] = ACCEPTED_YEARS) -> tuple[Quarter | None, Finding | None]:
    """A quarter in any accepted form, inside the plan's years and the accepted years."""
    parts = quarter_parts(raw) if isinstance(raw, str) else None
    if parts is None:
        return None, Finding.of(IssueCode.QUARTER_INVALID, value=display_value(raw))
    year, q = parts
    # Settings keep the plan's years inside the accepted ones, so the plan's bounds decide.
    bounds = (max(years[0], accepted[0]), min(years[1], accepted[1]))
    if not in_years(year, bounds):
        return None, Finding.of(IssueCode.QUARTER_OUTSIDE_PLAN, quarter=f"{year:04d}-Q{q}",
                                years=years_text(bounds))
    return Quarter(year, q), None


def read_deadline(raw: object, col: Col, years: tuple[int, int],
                  accepted: tuple[int, int] = ACCEPTED_YEARS) -> tuple[str, list[Finding]]:
    """The plan's deadline wording as text; an error when it names a year outside
    ``accepted`` (other findings on the wording are the schedule rules' own)."""
    text, findings = _as_text(raw, col)
    _, finding = parse_deadline(text, years[0], years[1], accepted)
    if finding is not None and finding.severity is Severity.ERROR:
        return text, [finding]  # one Issue per unreadable cell; the error quotes the text
    return text, findings


# In ASCII the spaces and the control characters are exactly \x00-\x20 and \x7f, and there
# is no format character: one compiled search instead of a test per character (nearly every
# URL is ASCII; the others take the test per character below).
_ASCII_REFUSED = re.compile("[\x00-\x20\x7f<>\"'`]")


def _refused_characters(text: str) -> bool:
    """Whether a URL holds a space, a control or format character, a quote, a backtick, < or >."""
    if text.isascii():
        return _ASCII_REFUSED.search(text) is not None
    return any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text) or any(
        c in text for c in "<>\"'`")


def valid_http_url(text: str, *, https_only: bool = False) -> bool:
    """True for an http(s) URL with a host and no spaces (never javascript:, data:, ...).

    Refused too: credentials before the host (``https://gov.ua@evil.example`` reads as the
    council's address, and a password would be published), control and invisible format
    characters (a U+202E override makes the shown text differ from the address opened), and
    a port no browser opens.
    """
    if _refused_characters(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    netloc = parts.netloc
    if "@" in netloc:
        return False
    if ":" in netloc or "[" in netloc or "%" in netloc:
        try:
            parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
        except ValueError:
            return False
        hostname = parts.hostname or ""
    else:  # no port, no IPv6 address, no zone: the host is the whole netloc (most URLs)
        hostname = netloc.lower()
    schemes = ("https",) if https_only else ("http", "https")
    return parts.scheme.lower() in schemes and bool(hostname) and "." in hostname


def read_url(raw: object, *, https_only: bool = False) -> tuple[str | None, Finding | None]:
    """An http(s) URL (https only for pictures); anything else is a warning and no link."""
    text = raw.strip() if isinstance(raw, str) else display_value(raw)
    if valid_http_url(text, https_only=https_only):
        return text, None
    return None, Finding.of(IssueCode.URL_INVALID, "https" if https_only else "",
                            value=display_value(raw))


def read_email(raw: object) -> tuple[str | None, Finding | None]:
    """One e-mail address; anything else is a warning."""
    text = raw.strip() if isinstance(raw, str) else display_value(raw)
    if _EMAIL.match(text):
        return text, None
    return None, Finding.of(IssueCode.EMAIL_INVALID, value=display_value(raw))


def read_percent(raw: object) -> tuple[float | None, list[Finding]]:
    """0..100; a trailing % allowed; a number strictly between 0 and 1 is a fraction."""
    # The findings are built only when found (two Findings a call cost 2 us).
    def bad() -> list[Finding]:
        return [Finding.of(IssueCode.NUMBER_INVALID, value=display_value(raw))]

    def out_of_range() -> list[Finding]:
        return [Finding.of(IssueCode.PROGRESS_OUT_OF_RANGE, value=display_value(raw))]

    had_sign = False
    if isinstance(raw, bool):
        return None, bad()
    if isinstance(raw, (int, float)):
        if isinstance(raw, int) and abs(raw) > 100:
            return None, out_of_range()  # an int beyond a float's range too (10**400)
        number = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", " ")
        if text.endswith("%"):
            had_sign, text = True, text[:-1].strip()
        text = text.replace(",", ".").replace(" ", "")
        try:
            number = float(text)
        except ValueError:
            return None, bad()
    else:
        return None, bad()
    if math.isnan(number) or math.isinf(number):
        return None, bad()
    findings: list[Finding] = []
    if not had_sign and 0 < number < 1:
        findings.append(Finding.of(IssueCode.PROGRESS_FRACTION,
                                   number=shortest_number_text(number),
                                   percent=shortest_number_text(number * 100)))
        number *= 100
    if not had_sign and number == 1 and not isinstance(raw, str):
        findings.append(Finding.of(IssueCode.PROGRESS_AMBIGUOUS_ONE))
    if not 0 <= number <= 100:
        return None, out_of_range()
    return number, findings


def read_vocab(raw: object, col: Col) -> tuple[Enum | None, list[Finding]]:
    """A member of the column's closed vocabulary (values, English names, synonyms)."""
    assert col.vocabulary is not None
    text, findings = _as_text(raw, col) if not isinstance(raw, str) else (raw.strip(), [])
    member = match_vocabulary(col.vocabulary, text)
    if member is not None:
        return member, []
    choices = ", ".join(f"«{v}»" for v in allowed_values(col.vocabulary))
    # A required vocabulary's row cannot count; an optional one's cell is read as empty.
    code = IssueCode.VOCAB_UNKNOWN if col.required else IssueCode.VOCAB_UNKNOWN_OPTIONAL
    return None, [Finding.of(code, value=display_value(raw), choices=choices)]


def split_list(text: str) -> tuple[str, ...]:
    """Values separated by commas, semicolons or new lines, trimmed, empties dropped."""
    return tuple(filter(None, map(str.strip, _LIST_SPLIT.split(text))))


# What a quick reader (``quick_reader``) returns for a cell it leaves to ``read_cell``.
UNSURE: Final = object()


def quick_reader(col: Col, years: tuple[int, int],
                 accepted: tuple[int, int] = ACCEPTED_YEARS) -> Callable[[object], Any]:
    """A reader of the commonest cells of ``col``, chosen once per column by its kind: for a
    cell ``read_cell`` reads without findings (text in a text column, a date in its years, a
    valid URL, ...) it returns the value ``read_cell`` returns; for any other (empty, a saved
    error, a finding, a type it does not expect) ``UNSURE``, and the caller reads the cell by
    ``read_cell``. It builds no CellRead and no Finding: the first reading of each distinct
    value of a column (about a thousand a load of the demo) takes it. It may raise on a
    value ``read_cell`` would call unreadable; the caller then asks ``read_cell``."""
    kind = col.kind
    if (fixed := _FIXED_QUICK_READERS.get(kind)) is not None:
        return fixed
    if kind is Kind.DATE:
        return _quick_date(accepted)
    if kind is Kind.VOCAB:
        return _quick_text_reader(lambda raw: _found_all(read_vocab(raw, col)))
    if kind is Kind.QUARTER:
        return _quick_text_reader(lambda raw: _found(read_quarter(raw, years, accepted)))
    if kind is Kind.DEADLINE:
        return _quick_text_reader(lambda raw: _found_all(read_deadline(raw, col, years,
                                                                       accepted)))
    return lambda raw: UNSURE


def _quick_date(accepted: tuple[int, int]) -> Callable[[object], Any]:
    first, last = accepted

    def quick(raw: object) -> Any:
        kind = type(raw)
        if kind is dt.date:
            if first <= raw.year <= last:  # type: ignore[attr-defined]
                return raw
        elif kind is dt.datetime:
            day = raw.date()  # type: ignore[attr-defined]
            if first <= day.year <= last:
                return day
        return UNSURE

    return quick


def _quick_url(*, https_only: bool) -> Callable[[object], Any]:
    def quick(raw: object) -> Any:
        if type(raw) is str:
            text = raw.strip()
            if valid_http_url(text, https_only=https_only):  # never an empty or error text
                return text
        return UNSURE

    return quick


def _quick_text_reader(read: Callable[[str], Any] | None = None) -> Callable[[object], Any]:
    """``read`` for a cell of text that is neither empty nor a saved error (no ``read``: the
    text itself, trimmed)."""
    def quick(raw: object) -> Any:
        if type(raw) is str:
            text = raw.strip()
            # Every saved error starts with "#", and upper() makes a "#" of nothing else: a
            # text starting otherwise is no error, told without upper-casing it (a long
            # Cyrillic text: 0.3 us).
            if text and (text[0] != "#" or text.upper() not in ERROR_VALUES):
                return text if read is None else read(raw)
        return UNSURE

    return quick


_quick_text = _quick_text_reader()
_quick_list = _quick_text_reader(lambda raw: split_list(raw.strip()))
# Kinds whose cell of text reads as the text itself (a list: split), by their quick reader.
_QUICK_TEXT_READERS = {Kind.TEXT: _quick_text, Kind.CODE: _quick_text,
                       Kind.DEPARTMENTS: _quick_text, Kind.LIST: _quick_list}
_quick_percent_text = _quick_text_reader(lambda raw: _found_all(read_percent(raw)))


def _quick_percent(raw: object) -> Any:
    kind = type(raw)
    if kind is int or kind is float:
        return _found_all(read_percent(raw))
    return _quick_percent_text(raw)


# The quick readers of the kinds whose reading depends on nothing but the kind, built once
# (a load asks for one per column of each tab read: 74 at the demo, 12 us built each time).
_FIXED_QUICK_READERS = {
    **_QUICK_TEXT_READERS,
    Kind.URL: _quick_url(https_only=False), Kind.IMAGE_URL: _quick_url(https_only=True),
    Kind.EMAIL: _quick_text_reader(lambda raw: _found(read_email(raw))),
    Kind.YESNO: _quick_text_reader(lambda raw: _found(read_yesno(raw))),
    Kind.PERCENT: _quick_percent,
}


def _found(reading: tuple[Any, Finding | None]) -> Any:
    """A reader's value when it found nothing to say, else UNSURE."""
    value, finding = reading
    return value if finding is None else UNSURE


def _found_all(reading: tuple[Any, list[Finding]]) -> Any:
    value, findings = reading
    return UNSURE if findings else value


def read_cell(col: Col, raw: object, years: tuple[int, int],
              accepted: tuple[int, int] = ACCEPTED_YEARS) -> CellRead:
    """Read one cell of column ``col`` (``years``: the plan's; ``accepted``: the years any date
    or period may name); never raises."""
    try:
        return _read_cell(col, raw, years, accepted)
    except Exception as exc:  # noqa: BLE001 - the last guard: no cell may break loading
        return CellRead(None, [Finding.of(IssueCode.CELL_UNREADABLE,
                                          error_type=type(exc).__name__)])


def _read_cell(col: Col, raw: object, years: tuple[int, int],
               accepted: tuple[int, int]) -> CellRead:
    kind = col.kind
    # Text in a text column (IDs, titles, lists of IDs): its trimmed self, by the column's
    # quick reader, unless empty or a saved error (the general path below reads those).
    text_reader = _QUICK_TEXT_READERS.get(kind)
    if text_reader is not None and (value := text_reader(raw)) is not UNSURE:
        return CellRead(value)
    empty_value: Any = () if kind is Kind.LIST else None
    if is_error_value(raw):
        return CellRead(empty_value, [Finding.of(IssueCode.CELL_SPREADSHEET_ERROR,
                                                 error=str(raw).strip())])
    if is_empty(raw):
        if col.required:
            return CellRead(empty_value, [Finding.of(IssueCode.VALUE_REQUIRED,
                                                     column=col.header)])
        return CellRead(empty_value)
    if kind in (Kind.TEXT, Kind.CODE, Kind.DEPARTMENTS):
        text, findings = _as_text(raw, col)
        return CellRead(text, findings)
    if kind is Kind.LIST:
        text, findings = _as_text(raw, col)
        return CellRead(split_list(text), findings)
    if kind is Kind.DEADLINE:
        text, findings = read_deadline(raw, col, years, accepted)
        return CellRead(text, findings)
    if kind is Kind.DATE:
        day, finding = read_date(raw, accepted)
        return CellRead(day, [finding] if finding else [])
    if kind is Kind.YESNO:
        answer, finding = read_yesno(raw)
        return CellRead(answer, [finding] if finding else [])
    if kind is Kind.QUARTER:
        quarter, finding = read_quarter(raw, years, accepted)
        return CellRead(quarter, [finding] if finding else [])
    if kind in (Kind.URL, Kind.IMAGE_URL):
        url, finding = read_url(raw, https_only=kind is Kind.IMAGE_URL)
        return CellRead(url, [finding] if finding else [])
    if kind is Kind.EMAIL:
        email, finding = read_email(raw)
        return CellRead(email, [finding] if finding else [])
    if kind is Kind.PERCENT:
        number, findings = read_percent(raw)
        return CellRead(number, findings)
    if kind is Kind.VOCAB:
        member, findings = read_vocab(raw, col)
        return CellRead(member, findings)
    raise ValueError(f"unknown kind {kind}")
