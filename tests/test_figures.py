"""odcore.figures: every figure built once, cached per snapshot and as_of, read by everyone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from odcore.config import AppConfig
from odcore.figures import FiguresKey, build_figures
from odcore.rules.progress import plan_progress
from odcore.service import DataService, Snapshot, SourceRef
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from odcore.ui import loading
from odcore.ui.loading import LoadedWorkbook, current_figures, current_plan_view
from tests.rules import load, plan_tab, report, tab, task

ROOT = Path(__file__).resolve().parent.parent
# The rules that compute figures; only odcore/figures.py (and the rules themselves) call them.
FIGURE_RULES = re.compile(r"\b(plan_progress|assess_datasets|compute_indicators|indicator_links)\(")


def _callers(folder: Path) -> dict[str, set[str]]:
    """File -> the figure rules it calls (definitions are not calls)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.lstrip().startswith("def "):
                for name in FIGURE_RULES.findall(line):
                    found.setdefault(path.relative_to(ROOT).as_posix(), set()).add(name)
    return found


def test_only_build_figures_calls_the_rules_that_compute_figures() -> None:
    callers = _callers(ROOT / "odcore") | _callers(ROOT / "app_pages")
    outside = {path: names for path, names in callers.items()
               if not path.startswith("odcore/rules/")}
    # checks.py reads the indicator links only for their Issues (an unknown key).
    assert outside == {"odcore/figures.py": {"plan_progress", "indicator_links",
                                             "assess_datasets", "compute_indicators"},
                       "odcore/checks.py": {"indicator_links"}}


def test_change_is_the_plan_progress_since_the_end_of_the_previous_quarter() -> None:
    settings = Settings(plan_first_year=2025, plan_last_year=2025)
    workbook = load(plan_tab(task("5.1", "Щоквартально")),
                    tab("reports", report("5.1", "2025-Q1", "Виконано")))
    figures = build_figures(workbook, dt.date(2025, 7, 1), settings)
    # On 2025-07-01 Q1 and Q2 are due, Q1 fulfilled: 1/2. On 2025-04-01 only Q1: 1/1.
    assert (figures.plan.progress, figures.previous.as_of, figures.previous.progress) == (
        0.5, dt.date(2025, 4, 1), 1.0)
    assert figures.change == -0.5
    assert figures.settings is settings and figures.as_of == dt.date(2025, 7, 1)



def test_the_previous_quarter_is_computed_when_first_asked_for_and_kept() -> None:
    settings = Settings(plan_first_year=2025, plan_last_year=2025)
    workbook = load(plan_tab(task("5.1", "Щоквартально")),
                    tab("reports", report("5.1", "2025-Q1", "Виконано")))
    figures = build_figures(workbook, dt.date(2025, 7, 1), settings)
    build_summary(figures)  # the summary does not read it
    assert "previous" not in vars(figures)
    first = figures.previous
    assert figures.previous is first  # kept: every consumer gets the same object
    assert first == plan_progress(workbook, dt.date(2025, 4, 1), settings)

def test_figures_key_is_hashable_and_names_snapshot_as_of_and_settings() -> None:
    day = dt.date(2025, 7, 1)
    key = FiguresKey.of("demo.xlsx|1", day, Settings())
    assert key == FiguresKey.of("demo.xlsx|1", day, Settings()) and len({key, key}) == 1
    assert key != FiguresKey.of("demo.xlsx|2", day, Settings())
    assert key != FiguresKey.of("demo.xlsx|1", dt.date(2025, 7, 2), Settings())
    assert key != FiguresKey.of("demo.xlsx|1", day, Settings(compliance_target=0.8))


def _loaded(version: str) -> LoadedWorkbook:
    workbook = load(plan_tab(task("5.1", "Щоквартально")))
    config = AppConfig(Settings(), "main.xlsx", is_demo=False)
    service = DataService(SourceRef.parse("main.xlsx"), config.settings, lambda: MemorySource({}))
    return LoadedWorkbook(config, service,
                          Snapshot(service.ref, workbook, dt.datetime(2025, 7, 1), version))


@pytest.fixture
def loaded() -> Iterator[LoadedWorkbook]:
    yield _loaded("main.xlsx|1")
    loading.clear_cached_reads()


def test_the_dashboard_builds_the_figures_once_per_snapshot_and_as_of(
        loaded: LoadedWorkbook) -> None:
    day = dt.date(2025, 7, 1)
    figures = current_figures(loaded, day)
    assert current_figures(loaded, day) is figures
    assert current_plan_view(loaded, day).figures is figures  # the plan pages read the same
    assert current_figures(loaded, dt.date(2025, 10, 1)) is not figures
    newer = LoadedWorkbook(loaded.config, loaded.service,
                           Snapshot(loaded.service.ref, loaded.workbook, dt.datetime(2025, 7, 1),
                                    "main.xlsx|2"))
    assert current_figures(newer, day) is not figures
