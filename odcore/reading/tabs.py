"""Reading one tab and one spreadsheet: rows become records or Issues, within the reading
limits, every cell through odcore.cells."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from odcore.cells import UNSURE, Finding, is_empty, quick_reader, read_cell
from odcore.issues import Issue, IssueCode, display_value
from odcore.reading.headers import column_for, guess_spec, header_row, is_blank, missing_columns
from odcore.schema.columns import Col
from odcore.schema.models import (
    DatasetStatus,
    Department,
    Record,
)
from odcore.schema.tabs import TAB_SPECS, TabSpec, spec_for_tab_name
from odcore.settings import Settings
from odcore.sources.base import (
    RawSpreadsheet,
    RawTab,
    column_letter,
)
from odcore.text import normalize_name
from odcore.workbook import Workbook

_PHONE = re.compile(r"\+?\(?\d[\d\s()\-]{7,}\d")
# _PHONE without its optional "+(": a text holds a match of one exactly when it holds one of
# the other, and a pattern that starts with a digit class is searched for by a scan for a
# digit in C (0.5 us for a public text of the demo against 1.4 us).
_PHONE_CORE = re.compile(r"\d[\d\s()\-]{7,}\d")


# A match may start only where a run of non-@, non-space characters starts (the same matches:
# any match extends left to there); without the anchor a 100,000-letter cell takes ~30 s.
_EMAIL_IN_TEXT = re.compile(r"(?<![^@\s])[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")


# The memo of read_tab: read_cell is a pure function of (column, value, years), and a column's
# values repeat (statuses, periods, departments, dates, formats). Only values of these exact
# types are remembered (hashable, and equal only when they read the same), texts up to
# _MEMO_MAX_CHARS (a long text rarely repeats and would stay in memory), and at most
# _MEMO_LIMIT distinct values per column of one tab.
_MEMO_TYPES = frozenset({str, int, bool, float, dt.date, dt.datetime, type(None)})
_MEMO_MAX_CHARS = 200
_MEMO_LIMIT = 4096


class _ColumnMemo:
    """``read_cell`` for one column of one tab, remembering each distinct value's reading:
    ``clean`` holds the value alone of each reading without findings or contact (most
    cells), ``seen`` the whole reading of each other one: (value, findings, no error among
    them, a public text holding a contact); both keyed by the text itself for a str (no key
    built for the commonest cell) and by (type, value) else. A value read for the first
    time is read by the column's quick reader (``odcore.cells.quick_reader``), by
    ``read_cell`` when that one is unsure."""

    __slots__ = ("col", "years", "accepted", "seen", "clean", "quick", "public", "max_chars")

    def __init__(self, col: Col, settings: Settings) -> None:
        self.col, self.years, self.accepted = col, settings.plan_years, settings.accepted_years
        self.seen: dict[object, _Reading] = {}
        self.clean: dict[object, Any] = {}
        self.quick = quick_reader(col, self.years, self.accepted)
        self.public = col.public_text
        # The longest text ``first`` reads: one the memo keeps and read_tab does not cut.
        self.max_chars = min(_MEMO_MAX_CHARS, settings.max_cell_chars)

    def first(self, raw: object) -> Any:
        """The value of a cell not among the clean readings, when its reading is clean (the
        quick reader's value, no contact in a public text): remembered among them while the
        memo has room. ``UNSURE`` for any other cell (a reading with findings or a contact,
        a value of a type the memo does not keep, a text too long for it): the caller then
        reads it by ``read``. Most first sightings of a value (about a thousand a load of
        the demo) take this path: no reading tuple built, nothing asked twice."""
        kind = type(raw)
        if kind is str:
            if len(raw) > self.max_chars:  # type: ignore[arg-type]
                return UNSURE
            key: object = raw
        elif kind in _MEMO_TYPES and kind is not float:  # floats: see read
            key = (kind, raw)
        else:
            return UNSURE
        if key in self.seen:
            return UNSURE
        try:
            value = self.quick(raw)
        except Exception:  # noqa: BLE001 - read_cell says what was wrong
            return UNSURE
        if value is UNSURE or (self.public and isinstance(value, str) and _has_contact(value)):
            return UNSURE
        # A full memo keeps no more readings, but a clean one is still read here: past
        # _MEMO_LIMIT distinct values (41,000 register rows at 1,000 times the demo) each
        # cell went on to ``read`` and its reading tuple.
        if len(self.seen) + len(self.clean) < _MEMO_LIMIT:
            self.clean[key] = value
        return value

    def read(self, raw: object) -> _Reading:
        """The reading of ``raw``, from the memo when this column has read it before."""
        kind = type(raw)
        keep = False
        if kind in _MEMO_TYPES:
            key = raw if kind is str else (kind, raw)
            if (known := self.seen.get(key)) is not None:
                return known
            if key in self.clean:
                return (self.clean[key], (), True, False)
            # Remembered: up to _MEMO_LIMIT readings, no long text, and no float that
            # equals another one (-0.0 equals 0.0) or nothing (NaN): those are read each time.
            keep = len(self.seen) + len(self.clean) < _MEMO_LIMIT and (
                len(raw) <= _MEMO_MAX_CHARS if kind is str  # type: ignore[arg-type]
                else kind is not float or (raw != 0 and raw == raw))  # noqa: PLR0124
            try:
                value = self.quick(raw)
            except Exception:  # noqa: BLE001 - read_cell below says what was wrong
                value = UNSURE
        else:
            value = UNSURE
        if value is UNSURE:
            result = read_cell(self.col, raw, self.years, self.accepted)
            value, findings = result.value, tuple(result.findings)
            ok = not findings or result.ok
        else:  # the quick reader's value: read_cell's, without findings
            findings, ok = (), True
        contact = self.public and isinstance(value, str) and _has_contact(value)
        reading = (value, findings, ok, contact)
        if keep:
            if findings or contact:
                self.seen[key] = reading
            else:
                self.clean[key] = value
        return reading


_Reading = tuple[Any, tuple[Finding, ...], bool, bool]


@dataclass
class TabRead:
    spec: TabSpec
    records: list[Record]
    issues: list[Issue]
    rows_total: int
    columns: set[str]
    place: tuple[str, str] = ("", "")
    column_numbers: dict[str, int] = field(default_factory=dict)
    dataset_refs: dict[int, str] = field(default_factory=dict)  # row -> dataset ID it names


class _Place:
    """Builds Issues for one tab of one spreadsheet."""

    def __init__(self, sheet: RawSpreadsheet, tab: RawTab, department: str = "") -> None:
        self.sheet, self.tab, self.department = sheet, tab, department

    def issue(self, finding: Finding, *, row: int | None = None, column: str = "",
              col_index: int | None = None, value: Any = None, department: str = "") -> Issue:
        cell = f"{column_letter(col_index)}{row}" if col_index and row else ""
        return Issue(
            finding, spreadsheet=self.sheet.name, tab=self.tab.title, row=row, column=column,
            cell=cell,
            value="" if value is None else display_value(value),
            department=department or self.department,
            link=self.sheet.tab_link(self.tab, row, col_index),
        )

    def from_finding(self, finding: Finding, row: int, column: str, col_index: int,
                     value: Any) -> Issue:
        return self.issue(finding, row=row, column=column, col_index=col_index, value=value)


def read_tab(sheet: RawSpreadsheet, tab: RawTab, spec: TabSpec, settings: Settings,
             *, main: bool = True, department: str = "") -> TabRead:
    """One tab's rows -> records and Issues (header matching, cell reading, required cells)."""
    place = _Place(sheet, tab, department)
    issues: list[Issue] = _limit_issues(place, tab, settings)
    header_index = header_row(tab.values)
    if header_index is None:
        issues.append(place.issue(Finding.of(IssueCode.TAB_EMPTY)))
        return TabRead(spec, [], issues, 0, set())
    header_row_number = header_index + 1
    mapping: dict[int, Col] = {}
    seen: dict[str, int] = {}
    unknown: list[str] = []
    for c_index, header in enumerate(tab.values[header_index]):
        if is_empty(header):
            continue
        header_text = display_value(header).strip()
        col = column_for(spec, header_text)
        if col is None:
            unknown.append(header_text)
            continue
        if col.key in seen:
            first = column_letter(seen[col.key] + 1)
            issues.append(place.issue(
                Finding.of(IssueCode.COLUMN_DUPLICATE, header=header_text, first=first),
                row=header_row_number, column=header_text, col_index=c_index + 1,
                value=header_text))
            continue
        seen[col.key] = c_index
        mapping[c_index] = col
    if unknown:
        issues.append(place.issue(
            Finding.of(IssueCode.COLUMN_UNKNOWN, columns=", ".join(f"«{u}»" for u in unknown)),
            row=header_row_number))
    present = {col.key for col in mapping.values()}
    infer_status = spec.key == "datasets" and "status" not in present
    missing = [c for c in spec.columns if c.required and c.key not in present
               and not (infer_status and c.key == "status")]
    if missing:
        issues.append(place.issue(missing_columns(tab, spec, header_index, missing),
                                  row=header_row_number))
        return TabRead(spec, [], issues, 0, present)
    column_numbers = {normalize_name(col.header): c + 1 for c, col in mapping.items()}
    if infer_status:
        issues.append(place.issue(Finding.of(IssueCode.REGISTER_STATUS_INFERRED)))

    records: list[Record] = []
    dataset_refs: dict[int, str] = {}
    rows_total = 0
    # Per column read: (column index, record key, the memo's clean readings); the Col and
    # the memo by column index, for the cells the clean readings do not answer.
    memos = {c_index: (col, _ColumnMemo(col, settings)) for c_index, col in mapping.items()}
    readers = [(c_index, col.key, memo.clean, memo.first)
               for c_index, (col, memo) in memos.items()]
    width_needed = max(mapping) + 1
    padding = (None,) * width_needed
    max_chars = settings.max_cell_chars
    # The model's compiled validator, called directly: model_validate is a Python wrapper
    # around it that adds 0.4 us to each of up to hundreds of thousands of rows.
    validate = spec.model.__pydantic_validator__.validate_python
    names_datasets = "dataset_id" in present
    sheet_name, tab_title = sheet.name, tab.title
    # A file's rows have no links; a Google tab's rows each link to their first cell.
    linked = bool(sheet.tab_link(tab, 1, 1))
    rows = tab.values
    for r_index in range(header_index + 1, len(rows)):
        row = rows[r_index]
        for raw in row:  # is_empty(raw) for each cell, inlined: most rows end at the first
            if raw is not None and (not isinstance(raw, str) or raw.strip()):
                break
        else:
            continue
        rows_total += 1
        row_number = r_index + 1
        if len(row) < width_needed:  # a row's trailing empty cells may be left out
            row = [*row, *padding[len(row):]]
        # None values are left out: the model's defaults stand for empty optional cells.
        values: dict[str, Any] = {}
        row_ok = True
        first_issue = len(issues)  # this row's Issues are appended from here
        for c_index, key, clean, read_first in readers:
            raw = row[c_index]
            # A value read before without findings: its value straight from the clean
            # readings. A text too long for the memo is never found there, so the length
            # check can wait; nor is a value of a type the memo does not keep, nor an
            # unhashable one (its lookup raises TypeError). Else a first sighting that
            # reads clean: its value by the memo's ``first``, which remembers it.
            try:
                value = clean[raw if type(raw) is str else (type(raw), raw)]
            except (KeyError, TypeError):
                value = read_first(raw)
                if value is not UNSURE:
                    if value is not None:
                        values[key] = value
                    continue
            else:
                if value is not None:
                    values[key] = value
                continue
            col, memo = memos[c_index]
            if isinstance(raw, str) and len(raw) > max_chars:
                raw = raw[:max_chars]
                issues.append(place.issue(
                    Finding.of(IssueCode.CELL_TOO_LONG, limit=_count(max_chars)),
                    row=row_number, column=col.header, col_index=c_index + 1, value=raw))
            value, findings, ok, contact = memo.read(raw)
            if findings:
                for finding in findings:
                    issues.append(place.from_finding(finding, row_number, col.header,
                                                     c_index + 1, raw))
                if not ok:
                    row_ok = False
            if value is not None:
                values[key] = value
            if contact:
                issues.append(place.issue(
                    Finding.of(IssueCode.TEXT_CONTACT_IN_PUBLIC), row=row_number,
                    column=col.header, col_index=c_index + 1, value=raw))
        if names_datasets and isinstance(values.get("dataset_id"), str):
            dataset_refs[row_number] = values["dataset_id"]
        if len(issues) > first_issue:
            owner = _row_department(values) or department
            if owner:
                issues[first_issue:] = [_with_department(i, owner)
                                        for i in issues[first_issue:]]
        if not row_ok:
            continue
        if infer_status:
            values["status"] = (DatasetStatus.PUBLISHED if values.get("portal_url")
                                else DatasetStatus.PLANNED)
            values["status_inferred"] = True
        # A dict, validated into the record's Origin by the same compiled call as the row
        # (an Origin built here first cost a Python-level __init__ per row).
        values["origin"] = {"spreadsheet": sheet_name, "tab": tab_title, "row": row_number,
                            "link": sheet.tab_link(tab, row_number, 1) if linked else "",
                            "main": main}
        try:
            records.append(validate(values))
        except ValidationError as exc:  # a reader returned a value the model refuses
            issues.append(place.issue(
                Finding.of(IssueCode.CELL_UNREADABLE, "row", count=str(exc.error_count())),
                row=row_number))
    return TabRead(spec, records, issues, rows_total, present, (sheet.name, tab.title),
                    column_numbers, dataset_refs)


def _count(number: int) -> str:
    """``50000`` -> ``50 000``, as numbers are written in Ukrainian."""
    return f"{number:,}".replace(",", "\u00a0")


def _limit_issues(place: _Place, tab: RawTab, settings: Settings) -> list[Issue]:
    """What the source (or ``within_limits``) left out of a tab: rows and columns past the
    read limits, rows it could not read."""
    issues = []
    if tab.rows_in_sheet:
        limits = {"reached": _count(tab.rows_in_sheet),
                  "max_rows": _count(settings.max_rows_per_tab),
                  "max_cells": _count(settings.max_used_range_cells)}
        issues.append(place.issue(
            Finding.of(IssueCode.TAB_TOO_MANY_ROWS, last=_count(len(tab.values)), **limits)
            if tab.values else Finding.of(IssueCode.TAB_TOO_MANY_ROWS, "none_read", **limits)))
    if tab.columns_in_sheet:
        last = settings.max_columns_per_tab
        issues.append(place.issue(Finding.of(
            IssueCode.TAB_TOO_MANY_COLUMNS, reached=column_letter(tab.columns_in_sheet),
            last=column_letter(last), limit=_count(last))))
    for row, _reason in sorted(tab.unreadable_rows.items()):
        issues.append(place.issue(Finding.of(IssueCode.CELL_UNREADABLE, "reader"), row=row))
    return issues


def within_limits(tab: RawTab, settings: Settings) -> RawTab:
    """The tab cut to ``max_rows_per_tab`` rows and ``max_columns_per_tab`` columns, saying how
    far it reached; sources that read everything (memory, Google) are cut here."""
    rows, columns = settings.max_rows_per_tab, settings.max_columns_per_tab
    widest = max(map(len, tab.values), default=0)
    if len(tab.values) <= rows and widest <= columns:
        return tab
    values = [row[:columns] for row in tab.values[:rows]]
    return replace(
        tab, values=values,
        rows_in_sheet=max(tab.rows_in_sheet, len(tab.values) if len(tab.values) > rows else 0),
        columns_in_sheet=max(tab.columns_in_sheet, widest if widest > columns else 0))


def _with_department(issue: Issue, department: str) -> Issue:
    if not department or issue.department:
        return issue
    return issue.replaced(department=department)


def _row_department(values: dict[str, Any]) -> str:
    value = values.get("department")
    return value if isinstance(value, str) else ""


def _has_contact(text: str) -> bool:
    """An e-mail address, or a run of 9-13 digits written like a phone number."""
    if "@" in text and _EMAIL_IN_TEXT.search(text):  # an address holds an @
        return True
    if _PHONE_CORE.search(text) is None:  # most texts: no run that could be a phone number
        return False
    return any(9 <= sum(c.isdigit() for c in m.group()) <= 13 for m in _PHONE.finditer(text))


def read_spreadsheet(sheet: RawSpreadsheet, settings: Settings, *, main: bool,
                     department: str = "") -> tuple[list[TabRead], list[Issue]]:
    """Match the spreadsheet's tabs to the schema and read each known tab."""
    reads: list[TabRead] = []
    issues: list[Issue] = []
    matched: list[tuple[RawTab, TabSpec]] = []
    unknown: list[RawTab] = []
    tabs = [within_limits(tab, settings) for tab in sheet.tabs]
    for tab in tabs:
        if tab.refused:
            issues.append(_Place(sheet, tab, department).issue(
                Finding.of(IssueCode.TAB_UNREADABLE, reason=tab.refused)))
            continue
        # Two sheets naming one tab ("План.csv" and "plan.csv") are both read and merged, as
        # the same tab of several spreadsheets is: a row repeated in both is a duplicate.
        spec = spec_for_tab_name(tab.title)
        if spec is None:
            unknown.append(tab)
        else:
            matched.append((tab, spec))
    # Empty sheets do not count: older Excel adds Sheet2 and Sheet3 to every new workbook.
    filled = [tab for tab in tabs if not is_blank(tab) and not tab.refused]
    if not matched and len(filled) == 1:
        tab = filled[0]
        guess = guess_spec(tab)
        if guess is not None:
            matched.append((tab, guess))
            unknown = []
            issues.append(_Place(sheet, tab, department).issue(
                Finding.of(IssueCode.TAB_GUESSED, sheet=tab.title, tab=guess.title)))
    for tab in unknown:
        if is_blank(tab):
            continue
        issues.append(_Place(sheet, tab, department).issue(Finding.of(
            IssueCode.TAB_UNKNOWN, sheet=tab.title,
            tabs=", ".join(f"«{s.title}»" for s in TAB_SPECS))))
    for tab, spec in matched:
        if not main and spec.key == "departments":
            issues.append(_Place(sheet, tab, department).issue(
                Finding.of(IssueCode.TAB_IGNORED, tab=Department.TAB)))
            continue
        reads.append(read_tab(sheet, tab, spec, settings, main=main, department=department))
    return reads, issues


def merge(workbook: Workbook, reads: list[TabRead]) -> None:
    """Add the records of ``reads`` to the workbook, each tab after the rows already there."""
    for read in reads:
        key = read.spec.key
        workbook.tabs_present.add(key)
        workbook.columns_present.setdefault(key, set()).update(read.columns)
        workbook.rows_total[key] = workbook.rows_total.get(key, 0) + read.rows_total
        workbook.records(key).extend(read.records)
        workbook.issues.extend(read.issues)
        workbook.column_numbers[read.place] = read.column_numbers
        workbook.dataset_refs.update({(*read.place, row): ref
                                      for row, ref in read.dataset_refs.items()})
