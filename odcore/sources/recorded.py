"""A source that remembers every spreadsheet it returned, and one that replays them.

Closing a quarter freezes the raw grids a read returned (docs/history.md):
:class:`RecordingSource` wraps the real source during a read and keeps each
:class:`RawSpreadsheet` (and each department spreadsheet's failure), and
:class:`FrozenSource` gives them back, so that ``load_workbook`` rebuilds the same Workbook.
The JSON form keeps every cell kind a source can return (dates, errors, non-finite numbers).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from odcore.sources.base import CellError, CellValue, RawSpreadsheet, RawTab, Source, SourceError


@dataclass
class RawRead:
    """What one read of a source returned: the main spreadsheet, and per department reference
    either its spreadsheet or the message of the SourceError it raised."""

    label: str
    is_demo: bool
    main: RawSpreadsheet | None = None
    linked: dict[str, RawSpreadsheet | str] = field(default_factory=dict)


class RecordingSource:
    """Passes reads through to ``inner`` and keeps what each returned in ``record``."""

    def __init__(self, inner: Source) -> None:
        self.inner = inner
        self.label = inner.label
        self.is_demo = inner.is_demo
        self.record = RawRead(inner.label, inner.is_demo)

    def read_main(self) -> RawSpreadsheet:
        sheet = self.inner.read_main()
        self.record.main = sheet
        return sheet

    def read_linked(self, reference: str) -> RawSpreadsheet:
        try:
            sheet = self.inner.read_linked(reference)
        except SourceError as exc:
            self.record.linked[reference] = str(exc)
            raise
        self.record.linked[reference] = sheet
        return sheet


class FrozenSource:
    """Replays a :class:`RawRead`: the same spreadsheets, the same failures."""

    def __init__(self, read: RawRead) -> None:
        if read.main is None:
            raise ValueError("a frozen read needs its main spreadsheet")
        self.read = read
        self.label = read.label
        self.is_demo = read.is_demo

    def read_main(self) -> RawSpreadsheet:
        assert self.read.main is not None  # checked in __init__
        return self.read.main

    def read_linked(self, reference: str) -> RawSpreadsheet:
        found = self.read.linked.get(reference)
        if found is None:
            raise SourceError(f"Таблицю «{reference}» не було прочитано, коли квартал закрили.")
        if isinstance(found, str):
            raise SourceError(found)
        return found


def _cell_json(value: CellValue) -> Any:
    # bool before int/float: True is an int; datetime before date: a datetime is a date.
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"f": repr(value)}
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return {"e": value.code}


def _cell_value(data: Any) -> CellValue:
    if not isinstance(data, dict):
        return data  # None, bool, str, int, float from JSON
    if "f" in data:
        return float(data["f"])
    if "dt" in data:
        return dt.datetime.fromisoformat(data["dt"])
    if "d" in data:
        return dt.date.fromisoformat(data["d"])
    return CellError(str(data["e"]))


def spreadsheet_json(sheet: RawSpreadsheet) -> dict[str, Any]:
    """A raw spreadsheet as JSON, every field ``load_workbook`` reads."""
    return {
        "name": sheet.name, "location": sheet.location, "read_at": sheet.read_at.isoformat(),
        "kind": sheet.kind, "stale_note": sheet.stale_note, "key": sheet.key,
        "notes": list(sheet.notes),
        "tabs": [{"title": t.title, "gid": t.gid, "rows_in_sheet": t.rows_in_sheet,
                  "columns_in_sheet": t.columns_in_sheet, "refused": t.refused,
                  "unreadable_rows": {str(k): v for k, v in t.unreadable_rows.items()},
                  "values": [[_cell_json(v) for v in row] for row in t.values]}
                 for t in sheet.tabs],
    }


def spreadsheet_from_json(data: dict[str, Any]) -> RawSpreadsheet:
    """The inverse of :func:`spreadsheet_json`; KeyError/ValueError/TypeError when malformed."""
    tabs = [RawTab(title=str(t["title"]),
                   values=[[_cell_value(v) for v in row] for row in t["values"]],
                   gid=t["gid"], rows_in_sheet=int(t["rows_in_sheet"]),
                   columns_in_sheet=int(t["columns_in_sheet"]), refused=str(t["refused"]),
                   unreadable_rows={int(k): str(v) for k, v in t["unreadable_rows"].items()})
            for t in data["tabs"]]
    return RawSpreadsheet(name=str(data["name"]), location=str(data["location"]), tabs=tabs,
                          read_at=dt.datetime.fromisoformat(data["read_at"]),
                          kind=str(data["kind"]), stale_note=str(data["stale_note"]),
                          key=str(data["key"]), notes=[str(n) for n in data["notes"]])


def raw_read_json(read: RawRead) -> dict[str, Any]:
    """A whole read as JSON (the main spreadsheet and every department reference)."""
    assert read.main is not None  # only a finished read is frozen
    return {"label": read.label, "is_demo": read.is_demo, "main": spreadsheet_json(read.main),
            "linked": {ref: (found if isinstance(found, str)
                             else {"sheet": spreadsheet_json(found)})
                       for ref, found in read.linked.items()}}


def raw_read_from_json(data: dict[str, Any]) -> RawRead:
    """The inverse of :func:`raw_read_json`; KeyError/ValueError/TypeError when malformed."""
    linked: dict[str, RawSpreadsheet | str] = {
        str(ref): found if isinstance(found, str) else spreadsheet_from_json(found["sheet"])
        for ref, found in data["linked"].items()}
    return RawRead(str(data["label"]), bool(data["is_demo"]),
                   spreadsheet_from_json(data["main"]), linked)
