"""Every Issue of a workbook in one list: reading, cross-tab, plan, register and image checks."""

from __future__ import annotations

from odcore.issues import Issue, Severity
from odcore.rules.images import image_host_issues
from odcore.rules.indicators import indicator_links
from odcore.rules.quality import quality_issues
from odcore.rules.schedules import deadline_issues
from odcore.settings import Settings
from odcore.workbook import Workbook, place_on_cell

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def all_issues(workbook: Workbook, settings: Settings) -> list[Issue]:
    """The Issues `check`, the summary and the data-problems page all report."""
    found_by_rules = [
        *deadline_issues(workbook, settings),
        *indicator_links(workbook).issues,
        *quality_issues(workbook),
        *image_host_issues(workbook, settings),
    ]
    return [*workbook.issues, *(place_on_cell(workbook, i) for i in found_by_rules)]


def sorted_issues(issues: list[Issue]) -> list[Issue]:
    """Errors first, then by spreadsheet, tab and row."""
    return sorted(issues, key=lambda i: (_ORDER[i.severity], i.spreadsheet, i.tab,
                                         i.row if i.row is not None else 0, i.column))
