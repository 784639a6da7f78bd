"""The oblast roll-up: every hromada of a councils file side by side (docs/councils.md).

One row per council: plan progress, the share of published datasets that are compliant,
overdue datasets, data problems (errors in its spreadsheets) and the last good read. The
figures are the rule functions' own (:func:`rollup_figures` reads a
:class:`~odcore.figures.Figures`), computed by the refresh worker after each read and kept
in the oblast's store (kind ``rollup``, one record per council, council ``""``); the page and
``summary --all`` only read those records, so rolling up 1 470 hromadas reads no spreadsheet.
``summary --all --live`` reads every council now and computes the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from odcore.config import AppConfig
from odcore.councils import Councils, council_config
from odcore.exports.safe import csv_bytes
from odcore.figures import Figures
from odcore.rounding import whole_percent
from odcore.service import SnapshotStore, open_service
from odcore.sources.base import SourceError

ROLLUP_KIND = "rollup"
SORT_KEYS = ("name", "plan_progress", "compliance_share", "overdue", "problems",
             "last_good_read")


def rollup_figures(figures: Figures) -> dict[str, Any]:
    """A council's roll-up figures at ``figures.as_of``, from the rules' own results."""
    return {
        "as_of": figures.as_of.isoformat(),
        "plan_progress": figures.plan.progress,
        "compliance_share": figures.assessment.compliant_share,
        "overdue": sum(1 for item in figures.assessment.items if item.overdue),
        "problems": figures.issue_counts.errors,
    }


@dataclass(frozen=True)
class RollupRow:
    """One hromada of the roll-up; figures are None until its first good read."""

    id: str
    name: str
    as_of: str | None = None
    plan_progress: float | None = None
    compliance_share: float | None = None
    overdue: int | None = None
    problems: int | None = None
    last_good_read: str | None = None  # ISO time of the last read without a failure
    last_error: str = ""

    @classmethod
    def from_record(cls, council_id: str, name: str, record: dict[str, Any] | None
                    ) -> RollupRow:
        """The row of a kept record (the councils file names the council, not the record)."""
        if record is None:
            return cls(council_id, name)
        known = {f.name for f in fields(cls)} - {"id", "name"}
        values = {k: v for k, v in record.items() if k in known}
        return cls(council_id, name, **values)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_rollup(councils: Councils, store: SnapshotStore) -> list[RollupRow]:
    """Every council's row from the kept records, in the councils file's order."""
    kept = dict(store.list_records(ROLLUP_KIND))
    return [RollupRow.from_record(e.id, e.name, kept.get(e.id)) for e in councils.entries]


def live_rollup(councils: Councils, base: AppConfig, as_of: dt.date | None = None
                ) -> list[RollupRow]:
    """Every council read now (``summary --all --live``): the same figures as the worker's."""
    rows = []
    for entry in councils.entries:
        config = council_config(base, councils, entry.id)
        service = open_service(config)
        try:
            snapshot = service.snapshot()
        except SourceError as exc:
            rows.append(RollupRow(entry.id, entry.name, last_error=" ".join(str(exc).split())))
            continue
        figures = service.figures(snapshot, as_of or config.settings.today())
        read_at = snapshot.main_read_at
        rows.append(RollupRow.from_record(entry.id, entry.name, {
            **rollup_figures(figures),
            "last_good_read": None if snapshot.partial or read_at is None
            else read_at.isoformat(timespec="seconds")}))
    return rows


def sort_rows(rows: Iterable[RollupRow], key: str = "name", *, descending: bool = False
              ) -> list[RollupRow]:
    """Rows by ``key`` (SORT_KEYS); rows without the figure come last either way."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}")
    present = [r for r in rows if getattr(r, key) is not None]
    missing = [r for r in rows if getattr(r, key) is None]
    if key == "name":
        present.sort(key=lambda r: r.name.casefold(), reverse=descending)
    else:
        present.sort(key=lambda r: getattr(r, key), reverse=descending)
    return present + missing


def percent(value: float | None) -> str:
    """A share as whole percent rounded half up, or "немає даних"."""
    return "немає даних" if value is None else f"{whole_percent(value)} %"


def read_time(value: str | None, tz: dt.tzinfo) -> str:
    """The last good read as ``07.12.2026 14:05``, or «ще не прочитано»."""
    if not value:
        return "ще не прочитано"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return "ще не прочитано"
    if moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return f"{moment:%d.%m.%Y %H:%M}"


COLUMNS_UK = ("Громада", "Виконання плану", "Відповідають стандартам",
              "Прострочені набори", "Помилки в таблицях", "Останнє успішне читання",
              "Помилка читання")


def rollup_table(rows: Sequence[RollupRow], tz: dt.tzinfo) -> list[list[str]]:
    """The rows as Ukrainian text cells, COLUMNS_UK's order (the text and CSV forms)."""
    return [[r.name, percent(r.plan_progress), percent(r.compliance_share),
             "—" if r.overdue is None else str(r.overdue),
             "—" if r.problems is None else str(r.problems),
             read_time(r.last_good_read, tz), r.last_error] for r in rows]


def rollup_text(rows: Sequence[RollupRow], tz: dt.tzinfo) -> str:
    """Plain text: one line per hromada."""
    lines = [" | ".join(COLUMNS_UK[:-1])]
    for cells, row in zip(rollup_table(rows, tz), rows, strict=True):
        line = " | ".join(cells[:-1])
        if row.last_error:
            line += f" | помилка: {row.last_error}"
        lines.append(line)
    return "\n".join(lines)


def rollup_csv(rows: Sequence[RollupRow], tz: dt.tzinfo) -> str:
    """CSV with a header row; every cell formula-injection safe (no BOM: it goes to stdout)."""
    table = rollup_table(rows, tz)
    return csv_bytes(["id", *COLUMNS_UK], [[r.id, *cells] for r, cells in zip(rows, table,
                                                                                strict=True)],
                     bom=False).decode("utf-8")


def rollup_json(rows: Sequence[RollupRow]) -> str:
    return json.dumps({"councils": [r.to_json() for r in rows]}, ensure_ascii=False, indent=2)
