"""A source held in memory: tabs given as lists of rows (tests, and data built in code)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from odcore.sources.base import CellValue, RawSpreadsheet, RawTab, SourceError


class MemorySource:
    """Spreadsheets as ``{name: {tab title: rows}}``; the first one is the main spreadsheet."""

    def __init__(self, spreadsheets: Mapping[str, Mapping[str, Sequence[Sequence[CellValue]]]],
                 *, label: str = "memory", is_demo: bool = False) -> None:
        if not spreadsheets:
            raise ValueError("at least one spreadsheet")
        self._sheets = dict(spreadsheets)
        self.label = label
        self.is_demo = is_demo

    def _sheet(self, name: str) -> RawSpreadsheet:
        tabs = [RawTab(title, [list(row) for row in rows])
                for title, rows in self._sheets[name].items()]
        return RawSpreadsheet(name=name, location=name, tabs=tabs,
                              read_at=dt.datetime.now(dt.UTC), kind="memory")

    def read_main(self) -> RawSpreadsheet:
        return self._sheet(next(iter(self._sheets)))

    def read_linked(self, reference: str) -> RawSpreadsheet:
        if reference not in self._sheets:
            raise SourceError(f"Таблицю «{reference}» не знайдено.")
        return self._sheet(reference)
