"""Checks across tabs and spreadsheets: duplicate keys, unknown references, unknown
departments and duplicate reports (WORKBOOK.md)."""

from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import Any

from odcore.cells import Finding
from odcore.departments import DepartmentNames
from odcore.i18n import Phrase
from odcore.issues import Issue, IssueCode, display_value
from odcore.schema.models import (
    Dataset,
    Department,
    Origin,
    Record,
    Report,
    Task,
)
from odcore.schema.tabs import header_of
from odcore.settings import Settings
from odcore.text import ComputedOnce, normalize_name
from odcore.workbook import Workbook, column_letter_of, link_to_cell


def record_issue(record: Record, finding: Finding, *, field: str = "", value: Any = None,
                  department: str = "", letter: str | None = None) -> Issue:
    """An Issue about a record (about its field, when named); ``letter``: that field's column
    in the record's tab, when the caller knows it: the Issue is then built on its cell, as
    ``place_on_cell`` would place it."""
    origin = record.origin
    column = header_of(record, field) if field else ""
    cell, link = "", origin.link
    if letter is not None and column and origin.row is not None:
        cell, link = f"{letter}{origin.row}", link_to_cell(link, origin.row, letter)
    return Issue(finding, spreadsheet=origin.spreadsheet, tab=origin.tab, row=origin.row,
                 column=column, cell=cell, value="" if value is None else display_value(value),
                 department=department or (getattr(record, "department", None) or ""),
                 link=link)


def cross_checks(workbook: Workbook, settings: Settings) -> None:
    issues = workbook.issues
    # Duplicate keys: the first row wins, the later ones are errors and leave the figures.
    workbook.tasks = _unique(workbook.tasks, "code", issues, "task")
    workbook.datasets = _unique(workbook.datasets, "id", issues, "dataset")
    workbook.departments = _unique(workbook.departments, "name", issues, "department")

    names = DepartmentNames([d.name for d in workbook.departments]
                            + list(settings.group_executors))
    workbook.tasks = _with_executors(workbook.tasks, names)
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
    workbook.reports = _dedupe_reports(workbook.reports, issues, workbook)


def _with_executors(tasks: list[Task], names: DepartmentNames) -> list[Task]:
    """Each task with its executors: its ``Виконавець`` cell split by the known names, each
    distinct cell split once (2 us a cell; the demo's 16 tasks name 7)."""
    split = ComputedOnce(names.split)
    return [t.model_copy(update={"executors": split[t.executors_text or ""]}) for t in tasks]


def _known_only(records: list[Any], field_name: str, known: set[str], issues: list[Issue],
                code: IssueCode, tab: str) -> list[Any]:
    """The records whose reference is known; each other one is an error and leaves figures."""
    # Looked up in C-level maps (tens of thousands of reports, nearly all known).
    found = list(map(known.__contains__,
                     map(normalize_name, map(attrgetter(field_name), records))))
    if all(found):
        return records
    kept = []
    for record, is_known in zip(records, found, strict=True):
        if is_known:
            kept.append(record)
        else:
            value = getattr(record, field_name)
            issues.append(record_issue(record, Finding.of(code, value=value, tab=tab),
                                        field=field_name, value=value))
    return kept


def _warn_unknown(records: list[Any], field_name: str, known: set[str], issues: list[Issue],
                  code: IssueCode, tab: str) -> None:
    """A warning for every unknown reference in a list column; the records still count."""
    for record in records:
        for value in getattr(record, field_name):
            if normalize_name(value) not in known:
                issues.append(record_issue(record, Finding.of(code, value=value, tab=tab),
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
            issues.append(record_issue(
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
    # Whether each distinct name is known, and the nearest known name of each unknown one,
    # found once: a fuzzy match costs a comparison with every known name, and a name repeats
    # over thousands of rows.
    known: dict[str | None, bool] = {}
    suggestions: dict[str, str | None] = {}

    def check(record: Record, name: str | None, field_name: str) -> None:
        if not name:
            return
        is_known = known.get(name)
        if is_known is None:
            is_known = known[name] = name in names
        if is_known:
            return
        key = normalize_name(name)
        if key not in suggestions:
            suggestions[key] = names.suggest(name)
        suggestion = suggestions[key]
        code, tab = IssueCode.REF_UNKNOWN_DEPARTMENT, Department.TAB
        finding = (Finding.of(code, "suggestion", name=name, tab=tab, suggestion=suggestion)
                   if suggestion else Finding.of(code, name=name, tab=tab))
        workbook.issues.append(record_issue(record, finding, field=field_name, value=name,
                                             department=name))

    for records in (workbook.reports, workbook.datasets, workbook.trainings):
        for record in records:
            if known.get(record.department) is not True:  # a known name needs no call
                check(record, record.department, "department")
    for task in workbook.tasks:
        for executor in task.executors:
            check(task, executor, "executors_text")


def _dedupe_reports(reports: list[Report], issues: list[Issue],
                    workbook: Workbook) -> list[Report]:
    """Same task, period and department: the later ``Дата звіту`` wins (WORKBOOK.md). Each
    report left out is an Issue built on its period cell (tens of thousands at K=1000), as
    ``record_issue(..., field="period", letter=...)`` would build it, without its lookups."""
    column = header_of(Report, "period")
    # Each report's period as text (its group's key and its Issue's value) and as a phrase,
    # made once per distinct period object: the reading memo gives one object per distinct
    # cell text, so a few dozen serve tens of thousands of reports; the rest in C-level maps.
    # Each report's fields, read from its dict: a pydantic model's attributes are looked up
    # through its __getattr__ hook, which costs more than a dict subscript (below too).
    fields_of = list(map(vars, reports))
    period_objects = list(map(itemgetter("period"), fields_of))
    distinct = {id(period): period for period in period_objects}
    texts = {key: str(period) for key, period in distinct.items()}
    periods = list(map(texts.__getitem__, map(id, period_objects)))
    keys = zip(map(normalize_name, map(itemgetter("task_code"), fields_of)), periods,
               map(normalize_name, map(itemgetter("department"), fields_of)), strict=True)
    groups: dict[tuple[str, str, str], list[int]] = {}
    for index, key in enumerate(keys):
        group = groups.get(key)
        if group is None:
            groups[key] = [index]
        else:
            group.append(index)
    if len(groups) == len(reports):
        return reports
    phrases = {key: period.phrase() for key, period in distinct.items()}
    dates = list(map(itemgetter("reported_on"), fields_of))
    letters: dict[tuple[str, str], str | None] = {}  # (spreadsheet, tab) -> period's column
    template: Finding | None = None
    losers: set[int] = set()
    for indices in groups.values():
        if len(indices) < 2:
            continue
        # Merge order is list order; a dated row beats an undated one; equal: the later row
        # (the last of the latest dates, or the last row when none is dated).
        winner = indices[-1]
        best = dates[winner]
        for index in reversed(indices):
            day = dates[index]
            if day is not None and (best is None or day > best):
                winner, best = index, day
        kept_row = str(reports[winner].origin.row)
        for index in indices:
            if index == winner:
                continue
            losers.add(index)
            fields = fields_of[index]
            origin = fields["origin"].__dict__
            spreadsheet, tab, row_number = origin["spreadsheet"], origin["tab"], origin["row"]
            where = (spreadsheet, tab)
            letter = letters.get(where, "")
            if letter == "":
                letter = letters[where] = column_letter_of(workbook, *where, column)
            row = str(row_number)
            cell, link = "", origin["link"]
            if letter is not None:
                cell = letter + row
                if link:
                    link = link_to_cell(link, row_number, letter)
            task, department = fields["task_code"], fields["department"]
            values = (task, phrases[id(period_objects[index])], department, row, kept_row)
            if template is None:
                template = Finding.of(IssueCode.REPORT_DUPLICATE, task=task, period=values[1],
                                      department=department, row=row, kept=kept_row)
                finding = template
            else:
                finding = template.with_values(values)
            # The period's text is short: display_value would return it as it is.
            issues.append(Issue(finding, spreadsheet, tab, row_number, column, cell,
                                periods[index], department, link))
    return [r for i, r in enumerate(reports) if i not in losers] if losers else reports
