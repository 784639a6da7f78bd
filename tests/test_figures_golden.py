"""Every consumer of the figures, on the demo workbook at three dates, against tests/golden/.

The golden files were written by the code before the figures were assembled in one place
(odcore.figures), so that the refactoring is checked to change no output: the summary JSON,
the public projection, every cell of the score card and the plan page's figures. Regenerate
them only for a deliberate change of a figure: ``ODCORE_WRITE_GOLDEN=1 pytest
tests/test_figures_golden.py``, then review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook as open_xlsx

from odcore.exports.score_card import write_score_card
from odcore.figures import build_figures
from odcore.periods import Quarter
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.rules.indicators import IndicatorValue, title_phrase
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from odcore.ui.plan_view import PlanView, plan_view
from odcore.workbook import Workbook

GOLDEN = Path(__file__).parent / "golden"
DAYS = ("2025-07-01", "2026-01-01", "2026-12-01")
OUTPUTS = ("summary", "public", "score_card", "plan_view")
WRITE = os.environ.get("ODCORE_WRITE_GOLDEN") == "1"


def _plain(value: Any) -> Any:
    """Dataclasses, enums, dates, quarters and mappings as JSON values, key order kept."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Quarter):
            return str(value)
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, IndicatorValue):
            # The indicator's name moved from the rule to the catalogue; the files keep it
            # where the rule's field was.
            return {"key": fields.pop("key"), "title": title_phrase(value.key).render("uk"),
                    **fields}
        return fields
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _card_quarter(day: dt.date) -> Quarter:
    """The latest quarter ended by ``day`` (the card the datasets page preselects)."""
    return Quarter.of(day).previous()


def _score_card(workbook: Workbook, day: dt.date, settings: Settings,
                folder: Path) -> dict[str, Any]:
    """Every cell value of every sheet of the card, row by row, empty trailing cells dropped."""
    path = folder / f"card-{day}.xlsx"
    write_score_card(workbook, _card_quarter(day), settings, path)
    sheets: dict[str, Any] = {}
    for sheet in open_xlsx(path).worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(_plain(cells))
        sheets[sheet.title] = rows
    return sheets


def _plan_view_figures(view: PlanView) -> dict[str, Any]:
    """What the overview and the plan page show: progress, change, tasks, indicators, debts."""
    return {
        "as_of": view.as_of.isoformat(),
        "progress": view.plan.progress,
        "previous": view.previous.progress,
        "previous_as_of": view.previous.as_of.isoformat(),
        "change": view.change,
        "sections": [[s.number, s.title, s.progress, s.codes] for s in view.plan.sections],
        "tasks": [{"code": t.code, "state": t.state.value, "progress": t.progress,
                   "missed": t.missed, "due": _plain(t.due),
                   "indicator": _plain(view.indicator(t)),
                   "discrepancy": view.discrepancy(t)} for t in view.plan.tasks],
        "indicators": _plain(view.indicators),
        "links": view.links.by_task,
        "departments": _plain(view.departments),
        "debts": _plain(view.debts),
        "grid": _plain(view.grid),
        "discrepancies": [t.code for t in view.discrepancies],
        "owed_tasks": [t.code for t in view.owed_tasks],
        "datasets": view.assessment.summary_json(),
    }


def _outputs(workbook: Workbook, day: dt.date, settings: Settings,
             folder: Path) -> dict[str, Any]:
    figures = build_figures(workbook, day, settings)
    return {
        "summary": build_summary(figures),
        "public": _plain(public_view(figures)),
        "score_card": _score_card(workbook, day, settings, folder),
        "plan_view": _plan_view_figures(plan_view(figures)),
    }


def _text(value: Any) -> str:
    # indent=2 and key order as `summary --format json` prints them.
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture(scope="module")
def demo_workbook(demo_path: Path) -> Workbook:
    return load_workbook(WorkbookFileSource(demo_path))


@pytest.mark.parametrize("day", DAYS)
def test_outputs_equal_the_golden_files(demo_workbook: Workbook, day: str,
                                        tmp_path: Path) -> None:
    outputs = _outputs(demo_workbook, dt.date.fromisoformat(day), Settings(), tmp_path)
    assert list(outputs) == list(OUTPUTS)
    for name, value in outputs.items():
        path = GOLDEN / day / f"{name}.json"
        if WRITE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_text(value), encoding="utf-8")
        assert _text(value) == path.read_text(encoding="utf-8"), f"{day}/{name}"
