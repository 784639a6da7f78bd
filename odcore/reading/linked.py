"""The department spreadsheets listed in «Підрозділи» (column «Таблиця»): read after the main
one, their notes and their rows naming another department."""

from __future__ import annotations

from dataclasses import replace

from odcore.cells import Finding
from odcore.issues import Issue, IssueCode
from odcore.reading.cross_checks import record_issue
from odcore.reading.tabs import TabRead, merge, read_spreadsheet
from odcore.schema.tabs import header_of
from odcore.settings import Settings
from odcore.sources.base import (
    RawSpreadsheet,
    Source,
    SourceError,
    SpreadsheetTooLarge,
    spreadsheet_key,
)
from odcore.text import normalize_name
from odcore.workbook import SpreadsheetInfo, Workbook


def read_linked(workbook: Workbook, source: Source, main_sheet: RawSpreadsheet,
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
        workbook.issues.extend(sheet_notes(sheet, dept.name))
        reads, issues = read_spreadsheet(sheet, settings, main=False, department=dept.name)
        workbook.issues.extend(issues)
        merge(workbook, reads)
        _foreign_rows(workbook, reads, dept.name)


def sheet_notes(sheet: RawSpreadsheet, department: str = "") -> list[Issue]:
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


def grouped_by_dataset(workbook: Workbook, issues: list[Issue]) -> list[Issue]:
    """Issues of a quality-check row get the department of the dataset the row names."""
    owners = {normalize_name(d.id): d.department for d in workbook.datasets}
    grouped = []
    for issue in issues:
        if issue.department:  # most Issues know their department already
            grouped.append(issue)
            continue
        ref = workbook.dataset_refs.get((issue.spreadsheet, issue.tab, issue.row or 0))
        owner = owners.get(normalize_name(ref)) if ref is not None else None
        grouped.append(replace(issue, department=owner) if owner else issue)
    return grouped


def _replace(issue: Issue, finding: Finding) -> Issue:
    return replace(issue, finding=finding)


def _foreign_rows(workbook: Workbook, reads: list[TabRead], department: str) -> None:
    for read in reads:
        for record in read.records:
            named = getattr(record, "department", None)
            if isinstance(named, str) and normalize_name(named) != normalize_name(department):
                workbook.issues.append(record_issue(
                    record, Finding.of(IssueCode.DEPARTMENT_FOREIGN_ROW, department=department,
                                       named=named),
                    field="department", value=named, department=department))
