"""Personal columns and what a viewer may see of them (WORKBOOK.md marks them "personal").

Internal pages show a personal cell only to a viewer who may see the row's department
(:meth:`odcore.roles.Viewer.sees_personal`): a coordinator every row, staff the rows of their
own department. Everything else of a personal cell is replaced by a mark ("приховано"): in
tables, in a record's detail and in the data problems, where an Issue's ``value`` (and its
message, which may quote it) come from a personal cell. Links to spreadsheet cells are shown
to staff only for their own department's spreadsheet. Figures are always computed from the
full data: only what is shown is redacted, so every role sees the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache

from odcore.issues import Issue
from odcore.roles import Viewer
from odcore.schema.models import Department, QualityCheck, Record
from odcore.schema.tabs import TAB_SPECS, TabSpec, spec_for_tab_name
from odcore.sources.base import spreadsheet_key
from odcore.text import normalize_name
from odcore.workbook import Workbook

# A value an Issue message quotes stands between Ukrainian quotation marks (docs/reading.md).
_QUOTED = re.compile(r"«([^«»]*)»")


@cache
def personal_fields(spec: TabSpec) -> tuple[str, ...]:
    """The fields of a tab marked personal in the schema."""
    return tuple(col.key for col in spec.columns if col.personal)


@cache
def _personal_headers() -> frozenset[str]:
    return frozenset(name for spec in TAB_SPECS for col in spec.columns if col.personal
                     for name in col.names())


def is_personal_column(tab: str, column: str) -> bool:
    """Whether an Issue's column is a personal column of its tab; for a tab with an unknown
    name, whether any tab has a personal column of that name (fail closed)."""
    if not column:
        return False
    spec = spec_for_tab_name(tab)
    if spec is None:
        return normalize_name(column) in _personal_headers()
    col = spec.column_for_header(column)
    return col is not None and col.personal


def dataset_owners(workbook: Workbook) -> dict[str, str]:
    """Dataset ID (normalised) -> its department: a quality check's row belongs to it."""
    return {normalize_name(d.id): d.department for d in workbook.datasets}


def owner_department(record: Record, owners: Mapping[str, str]) -> str:
    """The department a row belongs to, "" when it has none (a product, a training without
    a department, a quality check of an unknown dataset): only coordinators see its personal
    columns."""
    if isinstance(record, Department):
        return record.name
    if isinstance(record, QualityCheck):
        return owners.get(normalize_name(record.dataset_id), "")
    department = getattr(record, "department", None)
    return department if isinstance(department, str) else ""


def _personal_records(workbook: Workbook) -> Iterator[tuple[Record, tuple[str, ...]]]:
    for spec in TAB_SPECS:
        fields = personal_fields(spec)
        if fields:
            for record in workbook.records(spec.key):
                yield record, fields


def _hidden_values(workbook: Workbook, viewer: Viewer) -> frozenset[str]:
    owners = dataset_owners(workbook)
    hidden: set[str] = set()
    for record, fields in _personal_records(workbook):
        if viewer.sees_personal(owner_department(record, owners)):
            continue
        for name in fields:
            value = getattr(record, name)
            if isinstance(value, str) and value.strip():
                hidden.add(value.strip())
    return frozenset(hidden)


def _own_spreadsheet_keys(workbook: Workbook, viewer: Viewer) -> frozenset[str]:
    wanted = normalize_name(viewer.department) if viewer.department else None
    keys = {spreadsheet_key(sheet.location) for sheet in workbook.spreadsheets
            if wanted and not sheet.main and normalize_name(sheet.department) == wanted}
    return frozenset(key for key in keys if key)


@dataclass(frozen=True)
class Redactor:
    """What one viewer may see of one workbook's personal cells and cell links.

    ``hidden`` holds every personal value of a row the viewer may not see; ``link_keys`` the
    spreadsheets whose cell links they may follow (None: every one). ``mark`` replaces what is
    hidden, in the viewer's language.
    """

    viewer: Viewer
    hidden: frozenset[str]
    link_keys: frozenset[str] | None
    mark: str

    @classmethod
    def build(cls, viewer: Viewer, workbook: Workbook, mark: str) -> Redactor:
        """The redactor of ``viewer`` for ``workbook``: a coordinator's hides nothing."""
        if viewer.coordinator:
            return cls(viewer, frozenset(), None, mark)
        return cls(viewer, _hidden_values(workbook, viewer),
                   _own_spreadsheet_keys(workbook, viewer), mark)

    def personal(self, value: str | None, department: str | None) -> str:
        """A personal cell of a row owned by ``department``: the value, or the mark."""
        if not value:
            return ""
        return value if self.viewer.sees_personal(department) else self.mark

    def link(self, url: str | None) -> str | None:
        """A link to a spreadsheet cell, or None when the viewer may not follow it: staff
        follow links into their own department's spreadsheet only."""
        if not url or self.link_keys is None:
            return url
        key = spreadsheet_key(url)
        return url if key is not None and key in self.link_keys else None

    def _scrub(self, text: str, also: str = "") -> str:
        """A value a message names, with ``also`` and every hidden value (whole, or quoted
        within a list of values) replaced by the mark."""
        if also:
            text = text.replace(also, self.mark)
        if text.strip() in self.hidden:
            return self.mark
        return _QUOTED.sub(lambda m: f"«{self.mark}»" if m.group(1).strip() in self.hidden
                           else m.group(0), text)

    def issue(self, issue: Issue) -> Issue:
        """An Issue as the viewer may see it: a personal cell's value (also where the message
        quotes it) and any personal value of a hidden row the message names replaced by the
        mark, in every language, and the cell link only where the viewer may follow it."""
        if self.viewer.coordinator:
            return issue
        value = issue.value
        hidden_cell = is_personal_column(issue.tab, issue.column) and not \
            self.viewer.sees_personal(issue.department)
        if value and (hidden_cell or value.strip() in self.hidden):
            finding = issue.finding.map_text(lambda text: self._scrub(text, value))
            value = self.mark
        else:
            finding = issue.finding.map_text(self._scrub)
        return replace(issue, finding=finding, value=value, link=self.link(issue.link) or "")

    def issues(self, issues: Iterable[Issue]) -> list[Issue]:
        """Every Issue as the viewer may see it."""
        return [self.issue(issue) for issue in issues]

