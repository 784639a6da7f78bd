"""Sources -> typed records + Issues: ``load_workbook`` reads the main spreadsheet and the
department spreadsheets it lists, merges rows of the same tab and checks references across
tabs. No cell content can raise past it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from odcore.cells import Finding
from odcore.issues import Issue, IssueCode
from odcore.reading.cross_checks import cross_checks
from odcore.reading.linked import grouped_by_dataset, read_linked, sheet_notes
from odcore.reading.tabs import merge, read_spreadsheet
from odcore.schema.tabs import TAB_SPECS, spec_for_tab_name
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.base import (
    Source,
    SourceError,
)
from odcore.workbook import SpreadsheetInfo, Workbook, place_on_cell


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a workbook (or its figures) is built.

    Loading allocates hundreds of thousands of objects that all stay alive (cells, records,
    Issues) and form no cycles to free; the collector would scan them again and again as they
    pile up: about a quarter of the loading time at 100 times the demo's rows, more at 1000.
    The collector is switched back on (if it was on) when loading ends, also on an error.
    Before that, everything allocated meanwhile goes straight to the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, nothing scanned): switched
    back on, the collector's first young collection would otherwise scan every object the
    pause allocated at once (0.06 CPU s of 0.30 for reading 100 times the demo). Nothing is
    kept from the collector: cyclic garbage left in the oldest generation is freed by its
    next full collection, as it would be once the objects had survived two young ones.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def load_workbook(source: Source, settings: Settings = DEFAULT_SETTINGS) -> Workbook:
    """Read every spreadsheet of a source and validate it. Raises SourceError (exit 2)."""
    with cyclic_gc_paused():
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
    workbook.issues.extend(sheet_notes(main_sheet))
    merge(workbook, reads)
    workbook.issues.extend(issues)
    read_linked(workbook, source, main_sheet, settings)
    cross_checks(workbook, settings)
    # Most Issues are built on their cell (or name no column): kept without a call.
    workbook.issues = grouped_by_dataset(
        workbook, [i if i.cell or i.row is None or not i.column else place_on_cell(workbook, i)
                   for i in workbook.issues])
    unreadable = {spec.key for issue in workbook.issues
                  if issue.finding.code is IssueCode.TAB_UNREADABLE
                  and (spec := spec_for_tab_name(issue.tab)) is not None}
    for spec in TAB_SPECS:
        if spec.key not in workbook.tabs_present and spec.key not in unreadable:
            workbook.issues.append(Issue(Finding.of(IssueCode.TAB_MISSING, tab=spec.title),
                                         spreadsheet=main_sheet.name, tab=spec.title))
    return workbook


