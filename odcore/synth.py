"""A synthetic workbook K times the demo's rows, for measuring speed at every size.

``synth_tabs(K)`` repeats the demo's rows K times (copy 0 is the demo itself, cell for cell)
in every tab a council's data grow in: reports, datasets, quality checks, trainings,
publications, products and events. The plan (16 tasks) and the departments (22) are not
repeated: a large council has more rows, not more plan tasks or a thousand departments.
Each copy keeps the demo's planted mistakes (docs/demo.md), so every copy adds the same
Issues. How a copy differs from the demo (docs/performance.md, "The synthetic workbook"):

- dataset IDs get the copy's number (``ZHM-023`` -> ``ZHM-7-023`` in copy 7), and so do the
  IDs that quality checks, publications and products name, so references stay inside their
  copy (the planted unknown ``ZHM-099`` stays unknown, the planted duplicate stays a
  duplicate);
- a report's department moves to another department of ``Підрозділи``, so that copies do
  not repeat the demo's (task, quarter, department) and its ``Дата звіту`` moves a few days
  later. Only 16 tasks x 12 quarters x 22 departments such triples exist, so past
  ``report_capacity()`` copies the triples repeat: those are real ``report.duplicate``
  warnings (the later report wins, as in any council that re-enters a report).

Deterministic: no clock, no randomness; the same K gives the same cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from odcore.demo import DemoValue, demo_tabs
from odcore.exports.safe import atomic_path
from odcore.exports.template import describe_tabs
from odcore.exports.xlsx_stream import StreamColumn, StreamSheet, write_xlsx_stream
from odcore.periods import parse_quarter
from odcore.text import normalize_name

__all__ = ["SCALED_TABS", "report_capacity", "synth_tabs", "write_synth_csv",
           "write_synth_xlsx"]

Grid = list[list[DemoValue]]

# Tab keys (odcore.schema.tabs) whose rows are repeated; the plan and the departments are not.
SCALED_TABS = ("reports", "datasets", "quality_checks", "trainings", "publications",
               "products", "events")
# Columns that name dataset IDs, by tab key.
_ID_COLUMNS = {"datasets": "id", "quality_checks": "dataset_id",
               "publications": "dataset_ids", "products": "dataset_ids"}
_DEMO_ID = re.compile(r"\bZHM-(\d+)\b")
_REPORT_DAYS_SPREAD = 28  # a copy's Дата звіту is up to four weeks after the demo's


def _copy_id(text: DemoValue, copy: int) -> DemoValue:
    """The IDs in a cell renamed for a copy; copy 0 keeps the demo's."""
    if copy == 0 or not isinstance(text, str):
        return text
    return _DEMO_ID.sub(lambda m: f"ZHM-{copy}-{m.group(1)}", text)


def _column_index(tab_key: str) -> dict[str, int]:
    layout = next(t for t in describe_tabs(with_plan=False) if t.key == tab_key)
    return {column.key: index for index, column in enumerate(layout.columns)}


class _ReportDepartments:
    """The department of each demo report in each copy, avoiding repeated triples.

    The demo's reports fall into groups by task and quarter; a group names ``m`` distinct
    departments. Copy ``c`` gives the group's ``j``-th department the department at
    ``c * m + j`` in the group's pool: its own departments first, then the others of
    ``Підрозділи``. Copy 0 is the demo; copies stay distinct while ``c * m + j`` is below the
    pool's size, and wrap around (real duplicates) after that.
    """

    def __init__(self, reports: Grid, departments: Sequence[str]) -> None:
        index = _column_index("reports")
        task, period, department = index["task_code"], index["period"], index["department"]
        groups: dict[tuple[str, str], list[str]] = {}
        self.slots: list[tuple[tuple[str, str], int]] = []
        for row in reports:
            quarter = parse_quarter(str(row[period] or ""))
            key = (normalize_name(str(row[task] or "")),
                   str(quarter) if quarter else str(row[period]))
            names = groups.setdefault(key, [])
            name = str(row[department] or "")
            known = [normalize_name(n) for n in names]
            if normalize_name(name) not in known:
                names.append(name)
                known.append(normalize_name(name))
            self.slots.append((key, known.index(normalize_name(name))))
        self.pools: dict[tuple[str, str], tuple[list[str], int]] = {}
        for key, names in groups.items():
            own = {normalize_name(n) for n in names}
            pool = names + [d for d in departments if normalize_name(d) not in own]
            self.pools[key] = (pool, len(names))

    def department(self, row_index: int, copy: int) -> str:
        key, slot = self.slots[row_index]
        pool, width = self.pools[key]
        return pool[(copy * width + slot) % len(pool)]

    def capacity(self) -> int:
        """How many copies have no (task, quarter, department) in common."""
        return min(len(pool) // width for pool, width in self.pools.values())


def _departments(tabs: dict[str, Grid]) -> list[str]:
    title = _title("departments")
    name = _column_index("departments")["name"]
    return [str(row[name]) for row in tabs[title][1:] if row[name]]


def _title(tab_key: str) -> str:
    return next(t.title for t in describe_tabs(with_plan=False) if t.key == tab_key)


def report_capacity() -> int:
    """The largest K whose copies repeat no (task, quarter, department) of another copy."""
    tabs = demo_tabs()
    return _ReportDepartments(tabs[_title("reports")][1:], _departments(tabs)).capacity()


def _scaled_rows(tab_key: str, rows: Grid, scale: int,
                 departments: Sequence[str]) -> Iterator[list[DemoValue]]:
    id_column = _column_index(tab_key).get(_ID_COLUMNS.get(tab_key, ""))
    moves = None
    if tab_key == "reports":
        index = _column_index("reports")
        moves = (_ReportDepartments(rows, departments), index["department"],
                 index["reported_on"])
    for copy in range(scale):
        for row_index, row in enumerate(rows):
            values = list(row)
            if id_column is not None:
                values[id_column] = _copy_id(values[id_column], copy)
            if moves is not None and copy:
                mover, department, reported_on = moves
                values[department] = mover.department(row_index, copy)
                day = values[reported_on]
                if isinstance(day, dt.date):
                    values[reported_on] = day + dt.timedelta(days=copy % _REPORT_DAYS_SPREAD)
            yield values


def _iter_tabs(scale: int) -> Iterator[tuple[str, str, list[DemoValue], Iterator[list[DemoValue]]]]:
    """(tab key, title, header, rows) of every tab, in the demo's order, rows generated lazily."""
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    tabs = demo_tabs()
    departments = _departments(tabs)
    for layout in describe_tabs(with_plan=False):
        header, *rows = tabs[layout.title]
        if layout.key in SCALED_TABS:
            yield layout.key, layout.title, header, _scaled_rows(layout.key, rows, scale,
                                                                 departments)
        else:
            yield layout.key, layout.title, header, iter([list(r) for r in rows])


def synth_tabs(scale: int) -> dict[str, Grid]:
    """Every tab of the K-times workbook: the header row, then the rows (K=1: the demo)."""
    return {title: [list(header), *rows] for _, title, header, rows in _iter_tabs(scale)}


def write_synth_xlsx(path: str | Path, scale: int) -> None:
    """Write the K-times workbook (.xlsx) to ``path`` atomically, streaming its rows."""
    layouts = {layout.key: layout for layout in describe_tabs(with_plan=False)}
    sheets = (StreamSheet(title, [StreamColumn(c.header, c.width, c.cell_format)
                                  for c in layouts[key].columns], rows)
              for key, title, _header, rows in _iter_tabs(scale))
    write_xlsx_stream(path, sheets)


def _csv_text(value: DemoValue) -> str:
    """A cell as a council's CSV export holds it: dates as 31.03.2025, yes/no in Ukrainian."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "так" if value else "ні"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def write_synth_csv(folder: str | Path, scale: int) -> None:
    """Write the K-times workbook as a CSV folder: one UTF-8 ``<tab>.csv`` per tab."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for _key, title, header, rows in _iter_tabs(scale):
        with atomic_path(target / f"{title}.csv") as tmp, \
                open(tmp, "w", encoding="utf-8-sig", newline="") as stream:
            # Semicolons, as Excel writes CSV in a Ukrainian locale.
            writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
            writer.writerow([_csv_text(v) for v in header])
            writer.writerows([_csv_text(v) for v in row] for row in rows)
