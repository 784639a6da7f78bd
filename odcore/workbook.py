"""Sources -> typed records + Issues: the reading layer, with every cross-tab check.

``load_workbook`` reads the main spreadsheet and the department spreadsheets it lists,
turns every row into a record (or an Issue), merges rows of the same tab, and checks
references across tabs. No cell content can raise past this module.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from odcore.cells import Finding, is_empty, read_cell
from odcore.departments import DepartmentNames
from odcore.i18n import Phrase
from odcore.issues import Issue, IssueCode, display_value
from odcore.schema.columns import Col
from odcore.schema.models import (
    Dataset,
    DatasetStatus,
    Department,
    Event,
    Origin,
    Product,
    Publication,
    QualityCheck,
    Record,
    Report,
    Task,
    Training,
)
from odcore.schema.tabs import TAB_SPECS, TabSpec, header_of, spec_for_tab_name
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.base import (
    RawSpreadsheet,
    RawTab,
    Source,
    SourceError,
    SpreadsheetTooLarge,
    column_letter,
    spreadsheet_key,
)
from odcore.text import normalize_name

_PHONE = re.compile(r"\+?\(?\d[\d\s()\-]{7,}\d")
# A match may start only where a run of non-@, non-space characters starts (the same matches:
# any match extends left to there); without the anchor a 100,000-letter cell takes ~30 s.
_EMAIL_IN_TEXT = re.compile(r"(?<![^@\s])[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")


@dataclass
class SpreadsheetInfo:
    """What the sidebar and the data-problems page say about one spreadsheet."""

    name: str
    location: str
    kind: str
    read_at: dt.datetime | None
    main: bool
    department: str = ""
    stale_note: str = ""
    ok: bool = True


@dataclass
class Workbook:
    """Every record of every tab, merged across spreadsheets, and every Issue found."""

    tasks: list[Task] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    quality_checks: list[QualityCheck] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    spreadsheets: list[SpreadsheetInfo] = field(default_factory=list)
    tabs_present: set[str] = field(default_factory=set)
    columns_present: dict[str, set[str]] = field(default_factory=dict)
    rows_total: dict[str, int] = field(default_factory=dict)  # non-empty rows, error rows too
    # (spreadsheet, tab) -> normalised column header -> column number, to place Issues on cells
    column_numbers: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    # (spreadsheet, tab, row) -> the dataset ID a quality-check row names, so that its Issues
    # are grouped under the dataset's department (that tab has no department column)
    dataset_refs: dict[tuple[str, str, int], str] = field(default_factory=dict)
    source_label: str = ""
    is_demo: bool = False

    def records(self, key: str) -> list[Any]:
        return getattr(self, "tasks" if key == "plan" else key)

    @property
    def plan_has_indicator_column(self) -> bool:
        return "indicator" in self.columns_present.get("plan", set())

    def department_names(self) -> DepartmentNames:
        return DepartmentNames(d.name for d in self.departments)


@dataclass
class _TabRead:
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


def _header_row(values: list[list[Any]]) -> int | None:
    for index, row in enumerate(values):
        if any(not is_empty(v) for v in row):
            return index
    return None


# Letters that look the same in Latin and Cyrillic: a header typed with one of them from the
# other alphabet ("ІD" with Cyrillic І, "Cтатус" with Latin C) looks right to its author.
_LATIN_LOOK_ALIKES = "ABCEHIKMOPTXaceiopxy"
_CYRILLIC_LOOK_ALIKES = "АВСЕНІКМОРТХасеіорху"
_TO_LATIN = str.maketrans(_CYRILLIC_LOOK_ALIKES, _LATIN_LOOK_ALIKES)
_TO_CYRILLIC = str.maketrans(_LATIN_LOOK_ALIKES, _CYRILLIC_LOOK_ALIKES)
_HEADER_MARKS = re.compile(r"[\s:*]+$")


def _column_for(spec: TabSpec, header: str) -> Col | None:
    """The column a header cell names, also when it holds invisible format characters (soft
    hyphen, zero-width space, BOM), ends in ``:`` or a required-field ``*``, or mixes
    look-alike Latin and Cyrillic letters (docs/reading.md)."""
    col = spec.column_for_header(header)
    if col is not None:
        return col
    text = "".join(c for c in header if unicodedata.category(c) != "Cf")
    text = _HEADER_MARKS.sub("", text)
    candidates = [text]
    # Letters without a Unicode name (Tangut, some CJK) belong to neither alphabet.
    scripts = {unicodedata.name(c, "?").split()[0] for c in text if c.isalpha()}
    if {"LATIN", "CYRILLIC"} <= scripts:
        candidates += [text.translate(_TO_LATIN), text.translate(_TO_CYRILLIC)]
    for candidate in candidates:
        col = spec.column_for_header(candidate)
        if col is not None:
            return col
    return None


def _title_row(tab: RawTab, spec: TabSpec, header_index: int) -> tuple[int, int] | None:
    """When the header row is one cell (a title such as "Реєстр наборів даних") and the next
    filled row names the tab's columns: the numbers of both rows, else None."""
    if sum(not is_empty(v) for v in tab.values[header_index]) != 1:
        return None
    following = _header_row(tab.values[header_index + 1:])
    if following is None:
        return None
    row = tab.values[header_index + 1 + following]
    if not any(isinstance(v, str) and _column_for(spec, v) is not None for v in row):
        return None
    return header_index + 1, header_index + 2 + following


def _missing_columns(tab: RawTab, spec: TabSpec, header_index: int, missing: list[Col]
                     ) -> Finding:
    """Which required columns are absent, pointing at a title row above the headers."""
    names = ", ".join(f"«{c.header}»" for c in missing)
    row = str(header_index + 1)
    title = _title_row(tab, spec, header_index)
    if title is None:
        return Finding.of(IssueCode.COLUMN_MISSING, columns=names, row=row)
    return Finding.of(IssueCode.COLUMN_MISSING, "title_row", columns=names, row=row,
                      title_row=str(title[0]), header_row=str(title[1]))


def _is_blank(tab: RawTab) -> bool:
    return all(is_empty(v) for row in tab.values for v in row)


def _guess_spec(tab: RawTab) -> TabSpec | None:
    """For a lone sheet with an unknown name: the tab whose columns its header matches best."""
    header_index = _header_row(tab.values)
    if header_index is None:
        return None
    headers = [h for h in tab.values[header_index] if isinstance(h, str) and h.strip()]
    best, best_score = None, 0
    for spec in TAB_SPECS:
        score = sum(1 for h in headers if _column_for(spec, h) is not None)
        required = [c for c in spec.columns if c.required]
        covered = sum(1 for c in required if any(_column_for(spec, h) is c for h in headers))
        score += covered
        if score > best_score:
            best, best_score = spec, score
    return best if best_score >= 2 else None


def read_tab(sheet: RawSpreadsheet, tab: RawTab, spec: TabSpec, settings: Settings,
             *, main: bool = True, department: str = "") -> _TabRead:
    """One tab's rows -> records and Issues (header matching, cell reading, required cells)."""
    place = _Place(sheet, tab, department)
    issues: list[Issue] = _limit_issues(place, tab, settings)
    header_index = _header_row(tab.values)
    if header_index is None:
        issues.append(place.issue(Finding.of(IssueCode.TAB_EMPTY)))
        return _TabRead(spec, [], issues, 0, set())
    header_row_number = header_index + 1
    mapping: dict[int, Col] = {}
    seen: dict[str, int] = {}
    unknown: list[str] = []
    for c_index, header in enumerate(tab.values[header_index]):
        if is_empty(header):
            continue
        header_text = display_value(header).strip()
        col = _column_for(spec, header_text)
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
        issues.append(place.issue(_missing_columns(tab, spec, header_index, missing),
                                  row=header_row_number))
        return _TabRead(spec, [], issues, 0, present)
    column_numbers = {normalize_name(col.header): c + 1 for c, col in mapping.items()}
    if infer_status:
        issues.append(place.issue(Finding.of(IssueCode.REGISTER_STATUS_INFERRED)))

    records: list[Record] = []
    dataset_refs: dict[int, str] = {}
    rows_total = 0
    for r_index in range(header_index + 1, len(tab.values)):
        row = tab.values[r_index]
        if all(is_empty(v) for v in row):
            continue
        rows_total += 1
        row_number = r_index + 1
        values: dict[str, Any] = {}
        row_ok = True
        row_issues: list[Issue] = []
        for c_index, col in mapping.items():
            raw = row[c_index] if c_index < len(row) else None
            if isinstance(raw, str) and len(raw) > settings.max_cell_chars:
                raw = raw[:settings.max_cell_chars]
                row_issues.append(place.issue(
                    Finding.of(IssueCode.CELL_TOO_LONG, limit=_count(settings.max_cell_chars)),
                    row=row_number, column=col.header, col_index=c_index + 1, value=raw))
            result = read_cell(col, raw, settings.plan_years, settings.accepted_years)
            for finding in result.findings:
                row_issues.append(place.from_finding(finding, row_number, col.header,
                                                     c_index + 1, raw))
            if not result.ok:
                row_ok = False
            values[col.key] = result.value
            if col.public_text and isinstance(result.value, str) and _has_contact(result.value):
                row_issues.append(place.issue(
                    Finding.of(IssueCode.TEXT_CONTACT_IN_PUBLIC), row=row_number,
                    column=col.header, col_index=c_index + 1, value=raw))
        owner = _row_department(spec, values) or department
        if isinstance(values.get("dataset_id"), str):
            dataset_refs[row_number] = values["dataset_id"]
        row_issues = [_with_department(i, owner) for i in row_issues]
        issues.extend(row_issues)
        if not row_ok:
            continue
        if infer_status:
            values["status"] = (DatasetStatus.PUBLISHED if values.get("portal_url")
                                else DatasetStatus.PLANNED)
            values["status_inferred"] = True
        values = {k: v for k, v in values.items() if v is not None}
        origin = Origin(spreadsheet=sheet.name, tab=tab.title, row=row_number,
                        link=sheet.tab_link(tab, row_number, 1), main=main)
        try:
            records.append(spec.model.model_validate({**values, "origin": origin}))
        except ValidationError as exc:  # a reader returned a value the model refuses
            issues.append(place.issue(
                Finding.of(IssueCode.CELL_UNREADABLE, "row", count=str(exc.error_count())),
                row=row_number))
    return _TabRead(spec, records, issues, rows_total, present, (sheet.name, tab.title),
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
    widest = max((len(row) for row in tab.values), default=0)
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
    return replace(issue, department=department)


def _row_department(spec: TabSpec, values: dict[str, Any]) -> str:
    value = values.get("department")
    return value if isinstance(value, str) else ""


def _has_contact(text: str) -> bool:
    """An e-mail address, or a run of 9-13 digits written like a phone number."""
    if _EMAIL_IN_TEXT.search(text):
        return True
    return any(9 <= sum(c.isdigit() for c in m.group()) <= 13 for m in _PHONE.finditer(text))


def read_spreadsheet(sheet: RawSpreadsheet, settings: Settings, *, main: bool,
                     department: str = "") -> tuple[list[_TabRead], list[Issue]]:
    """Match the spreadsheet's tabs to the schema and read each known tab."""
    reads: list[_TabRead] = []
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
    filled = [tab for tab in tabs if not _is_blank(tab) and not tab.refused]
    if not matched and len(filled) == 1:
        tab = filled[0]
        guess = _guess_spec(tab)
        if guess is not None:
            matched.append((tab, guess))
            unknown = []
            issues.append(_Place(sheet, tab, department).issue(
                Finding.of(IssueCode.TAB_GUESSED, sheet=tab.title, tab=guess.title)))
    for tab in unknown:
        if _is_blank(tab):
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


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a workbook is built.

    Loading allocates hundreds of thousands of objects that all stay alive (cells, records,
    Issues) and form no cycles to free; the collector would scan them again and again as they
    pile up: about a quarter of the loading time at 100 times the demo's rows, more at 1000.
    The collector is switched back on (if it was on) when loading ends, also on an error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_workbook(source: Source, settings: Settings = DEFAULT_SETTINGS) -> Workbook:
    """Read every spreadsheet of a source and validate it. Raises SourceError (exit 2)."""
    with _cyclic_gc_paused():
        return _load_workbook(source, settings)


def _load_workbook(source: Source, settings: Settings) -> Workbook:
    try:
        main_sheet = source.read_main()
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - a reader's failure is a message, not a traceback
        raise SourceError(
            f"Таблицю «{source.label}» не вдалося прочитати ({type(exc).__name__}). Збережіть "
            "її ще раз; якщо не допоможе, повідомте розробників.") from None
    reads, issues = read_spreadsheet(main_sheet, settings, main=True)
    refused = [i for i in issues if i.code is IssueCode.TAB_UNREADABLE]
    if not reads and refused:
        raise SourceError(
            f"У таблиці «{main_sheet.name}» не вдалося прочитати жодної відомої вкладки. "
            + " ".join(f"«{issue.tab}»: {issue.message}" for issue in refused))
    if not reads:
        raise SourceError(
            f"У таблиці «{main_sheet.name}» немає жодної відомої вкладки "
            "(«План», «Звіти», «Набори даних», …).")
    workbook = Workbook(source_label=source.label, is_demo=source.is_demo)
    workbook.spreadsheets.append(SpreadsheetInfo(
        main_sheet.name, main_sheet.location, main_sheet.kind, main_sheet.read_at, True,
        stale_note=main_sheet.stale_note))
    workbook.issues.extend(_sheet_notes(main_sheet))
    _merge(workbook, reads)
    workbook.issues.extend(issues)
    _read_linked(workbook, source, main_sheet, settings)
    _cross_checks(workbook, settings)
    workbook.issues = _grouped_by_dataset(
        workbook, [place_on_cell(workbook, i) for i in workbook.issues])
    unreadable = {spec.key for issue in workbook.issues if issue.code is IssueCode.TAB_UNREADABLE
                  and (spec := spec_for_tab_name(issue.tab)) is not None}
    for spec in TAB_SPECS:
        if spec.key not in workbook.tabs_present and spec.key not in unreadable:
            workbook.issues.append(Issue(Finding.of(IssueCode.TAB_MISSING, tab=spec.title),
                                         spreadsheet=main_sheet.name, tab=spec.title))
    return workbook


def _merge(workbook: Workbook, reads: list[_TabRead]) -> None:
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


def _read_linked(workbook: Workbook, source: Source, main_sheet: RawSpreadsheet,
                 settings: Settings) -> None:
    """Read the department spreadsheets listed in ``Підрозділи`` / ``Таблиця``."""
    seen: set[str] = set()
    listed = [d for d in workbook.departments if d.spreadsheet]
    for dept in listed:
        reference = (dept.spreadsheet or "").strip()
        place = Issue(Finding.of(IssueCode.SPREADSHEET_DUPLICATE), spreadsheet=main_sheet.name,
                      tab=dept.origin.tab, row=dept.origin.row,
                      column=header_of(dept, "spreadsheet"), value=reference,
                      department=dept.name, link=dept.origin.link)
        ref_key = normalize_name(spreadsheet_key(reference) or reference)
        if ref_key in seen:
            workbook.issues.append(place)
            continue
        seen.add(ref_key)
        if len(seen) > settings.max_linked_spreadsheets:
            workbook.issues.append(_replace(place, Finding.of(
                IssueCode.SPREADSHEET_TOO_MANY, limit=str(settings.max_linked_spreadsheets))))
            break
        if main_sheet.kind == "gsheets" and spreadsheet_key(reference) is None:
            workbook.issues.append(_replace(place, Finding.of(IssueCode.SPREADSHEET_BAD_KEY)))
            continue
        try:
            sheet = source.read_linked(reference)
        except SpreadsheetTooLarge as exc:
            workbook.issues.append(_replace(place, Finding.of(IssueCode.SPREADSHEET_TOO_LARGE,
                                                              detail=str(exc))))
            workbook.spreadsheets.append(SpreadsheetInfo(
                reference, reference, main_sheet.kind, None, False, dept.name, ok=False))
            continue
        except Exception as exc:  # noqa: BLE001 - one department's file never stops the rest
            finding = (Finding.of(IssueCode.SPREADSHEET_UNREADABLE, detail=str(exc))
                       if isinstance(exc, SourceError) else
                       Finding.of(IssueCode.SPREADSHEET_UNREADABLE, "unexpected",
                                  reference=reference, error_type=type(exc).__name__))
            workbook.issues.append(_replace(place, finding))
            workbook.spreadsheets.append(SpreadsheetInfo(
                reference, reference, main_sheet.kind, None, False, dept.name, ok=False))
            continue
        workbook.spreadsheets.append(SpreadsheetInfo(
            sheet.name, sheet.location, sheet.kind, sheet.read_at, False, dept.name,
            stale_note=sheet.stale_note))
        workbook.issues.extend(_sheet_notes(sheet, dept.name))
        reads, issues = read_spreadsheet(sheet, settings, main=False, department=dept.name)
        workbook.issues.extend(issues)
        _merge(workbook, reads)
        _foreign_rows(workbook, reads, dept.name)


def _sheet_notes(sheet: RawSpreadsheet, department: str = "") -> list[Issue]:
    """What a source said about a spreadsheet: served from a snapshot, or a reading note."""
    issues = []
    if sheet.stale_note:
        note = " ".join([sheet.stale_note, *sheet.notes])
        issues.append(Issue(Finding.of(IssueCode.SPREADSHEET_STALE, note=note),
                            spreadsheet=sheet.name, department=department))
    else:
        issues.extend(Issue(Finding.of(IssueCode.SPREADSHEET_NOTE, note=note),
                            spreadsheet=sheet.name, department=department)
                      for note in sheet.notes)
    return issues


def _grouped_by_dataset(workbook: Workbook, issues: list[Issue]) -> list[Issue]:
    """Issues of a quality-check row get the department of the dataset the row names."""
    owners = {normalize_name(d.id): d.department for d in workbook.datasets}
    grouped = []
    for issue in issues:
        ref = workbook.dataset_refs.get((issue.spreadsheet, issue.tab, issue.row or 0))
        owner = owners.get(normalize_name(ref)) if ref is not None else None
        grouped.append(replace(issue, department=owner)
                       if owner and not issue.department else issue)
    return grouped


def place_on_cell(workbook: Workbook, issue: Issue) -> Issue:
    """Give a row-level Issue about a named column its cell (``C5``) and a link to that cell."""
    if issue.cell or issue.row is None or not issue.column:
        return issue
    number = workbook.column_numbers.get((issue.spreadsheet, issue.tab), {}).get(
        normalize_name(issue.column))
    if number is None:
        return issue
    letter = column_letter(number)
    link = issue.link.replace(f"&range=A{issue.row}", f"&range={letter}{issue.row}")
    return replace(issue, cell=f"{letter}{issue.row}", link=link)


def _replace(issue: Issue, finding: Finding) -> Issue:
    return replace(issue, finding=finding)


def _foreign_rows(workbook: Workbook, reads: list[_TabRead], department: str) -> None:
    for read in reads:
        for record in read.records:
            named = getattr(record, "department", None)
            if isinstance(named, str) and normalize_name(named) != normalize_name(department):
                workbook.issues.append(_record_issue(
                    record, Finding.of(IssueCode.DEPARTMENT_FOREIGN_ROW, department=department,
                                       named=named),
                    field="department", value=named, department=department))


def _record_issue(record: Record, finding: Finding, *, field: str = "", value: Any = None,
                  department: str = "") -> Issue:
    return Issue(finding, spreadsheet=record.origin.spreadsheet, tab=record.origin.tab,
                 row=record.origin.row, column=header_of(record, field) if field else "",
                 value="" if value is None else display_value(value),
                 department=department or (getattr(record, "department", None) or ""),
                 link=record.origin.link)


def _cross_checks(workbook: Workbook, settings: Settings) -> None:
    issues = workbook.issues
    # Duplicate keys: the first row wins, the later ones are errors and leave the figures.
    workbook.tasks = _unique(workbook.tasks, "code", issues, "task")
    workbook.datasets = _unique(workbook.datasets, "id", issues, "dataset")
    workbook.departments = _unique(workbook.departments, "name", issues, "department")

    names = DepartmentNames([d.name for d in workbook.departments]
                            + list(settings.group_executors))
    workbook.tasks = [t.model_copy(update={"executors": names.split(t.executors_text or "")})
                      for t in workbook.tasks]
    task_codes = {normalize_name(t.code) for t in workbook.tasks}
    dataset_ids = {normalize_name(d.id) for d in workbook.datasets}
    has_plan = "plan" in workbook.tabs_present and bool(workbook.tasks)
    has_register = "datasets" in workbook.tabs_present and bool(workbook.datasets)

    if has_plan:
        workbook.reports = _known_only(
            workbook.reports, "task_code", task_codes, issues, IssueCode.REF_UNKNOWN_TASK,
            Task.TAB)
        _warn_unknown(workbook.events, "task_codes", task_codes, issues,
                      IssueCode.REF_UNKNOWN_TASK_LISTED, Task.TAB)
    if has_register:
        workbook.quality_checks = _known_only(
            workbook.quality_checks, "dataset_id", dataset_ids, issues,
            IssueCode.REF_UNKNOWN_DATASET, Dataset.TAB)
        _warn_unknown([*workbook.publications, *workbook.products], "dataset_ids", dataset_ids,
                      issues, IssueCode.REF_UNKNOWN_DATASET_LISTED, Dataset.TAB)
    if workbook.departments:
        _unknown_departments(workbook, names)
    workbook.reports = _dedupe_reports(workbook.reports, issues)


def _known_only(records: list[Any], field_name: str, known: set[str], issues: list[Issue],
                code: IssueCode, tab: str) -> list[Any]:
    """The records whose reference is known; each other one is an error and leaves figures."""
    kept = []
    for record in records:
        value = getattr(record, field_name)
        if normalize_name(value) in known:
            kept.append(record)
        else:
            issues.append(_record_issue(record, Finding.of(code, value=value, tab=tab),
                                        field=field_name, value=value))
    return kept


def _warn_unknown(records: list[Any], field_name: str, known: set[str], issues: list[Issue],
                  code: IssueCode, tab: str) -> None:
    """A warning for every unknown reference in a list column; the records still count."""
    for record in records:
        for value in getattr(record, field_name):
            if normalize_name(value) not in known:
                issues.append(_record_issue(record, Finding.of(code, value=value, tab=tab),
                                            field=field_name, value=value))


def _unique(records: list[Any], field_name: str, issues: list[Issue],
            kind: str) -> list[Any]:
    """The records whose ``field_name`` was not seen before (compared normalised); each
    repeat is an error and leaves the figures."""
    first: dict[str, Any] = {}
    kept = []
    for record in records:
        value = getattr(record, field_name)
        k = normalize_name(value)
        if k in first:
            issues.append(_record_issue(
                record, Finding.of(IssueCode.ID_DUPLICATE, kind, value=value,
                                   where=_where(first[k].origin, record.origin)),
                field=field_name, value=value))
            continue
        first[k] = record
        kept.append(record)
    return kept


def _where(first: Origin, repeat: Origin) -> Phrase:
    """Where the row that counts is, said from the repeat's place: its row, and its tab and
    spreadsheet when they differ."""
    row = str(first.row)
    other_tab, other_sheet = first.tab != repeat.tab, first.spreadsheet != repeat.spreadsheet
    if other_sheet and other_tab:
        return Phrase.of("place.sheet_tab_row", spreadsheet=first.spreadsheet, tab=first.tab,
                         row=row)
    if other_sheet:
        return Phrase.of("place.sheet_row", spreadsheet=first.spreadsheet, row=row)
    if other_tab:
        return Phrase.of("place.tab_row", tab=first.tab, row=row)
    return Phrase.of("place.row", row=row)


def _unknown_departments(workbook: Workbook, names: DepartmentNames) -> None:
    # The nearest known name of each distinct unknown name, found once: a fuzzy match costs
    # a comparison with every known name, and one misspelt name fills many rows.
    suggestions: dict[str, str | None] = {}

    def check(record: Record, name: str | None, field_name: str) -> None:
        if not name or name in names:
            return
        key = normalize_name(name)
        if key not in suggestions:
            suggestions[key] = names.suggest(name)
        suggestion = suggestions[key]
        code, tab = IssueCode.REF_UNKNOWN_DEPARTMENT, Department.TAB
        finding = (Finding.of(code, "suggestion", name=name, tab=tab, suggestion=suggestion)
                   if suggestion else Finding.of(code, name=name, tab=tab))
        workbook.issues.append(_record_issue(record, finding, field=field_name, value=name,
                                             department=name))

    for report in workbook.reports:
        check(report, report.department, "department")
    for dataset in workbook.datasets:
        check(dataset, dataset.department, "department")
    for training in workbook.trainings:
        check(training, training.department, "department")
    for task in workbook.tasks:
        for executor in task.executors:
            check(task, executor, "executors_text")


def _dedupe_reports(reports: list[Report], issues: list[Issue]) -> list[Report]:
    """Same task, period and department: the later ``Дата звіту`` wins (WORKBOOK.md)."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        key = (normalize_name(report.task_code), str(report.period),
               normalize_name(report.department))
        groups[key].append(index)
    losers: set[int] = set()
    for indices in groups.values():
        if len(indices) < 2:
            continue
        # Merge order is list order; a dated row beats an undated one; equal: the later row.
        winner = max(indices, key=lambda i: (reports[i].reported_on is not None,
                                             reports[i].reported_on or dt.date.min, i))
        for index in indices:
            if index == winner:
                continue
            losers.add(index)
            loser, kept = reports[index], reports[winner]
            issues.append(_record_issue(
                loser, Finding.of(IssueCode.REPORT_DUPLICATE, task=loser.task_code,
                                  period=str(loser.period), department=loser.department,
                                  row=str(loser.origin.row), kept=str(kept.origin.row)),
                field="period", value=str(loser.period)))
    return [r for i, r in enumerate(reports) if i not in losers]


__all__ = ["Workbook", "SpreadsheetInfo", "load_workbook", "read_tab", "read_spreadsheet",
           "place_on_cell"]
