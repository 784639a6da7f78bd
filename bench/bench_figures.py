"""How long the figures take: one build_figures, and what each consumer adds on top of it.

Run from the repository root: ``.venv/bin/python -m bench.bench_figures [--copies 10]``. The
demo workbook's register and quality checks are repeated ``--copies`` times (new IDs), so the
dataset rules, which cost most, see a larger register. Prints a Markdown table of the fastest
of several runs; docs/rules.md ("Figures") quotes it. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from odcore.demo import demo_tabs
from odcore.exports.score_card import write_score_card
from odcore.figures import build_figures
from odcore.periods import Quarter
from odcore.public import public_view
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from odcore.ui.plan_view import plan_view
from odcore.workbook import Workbook

AS_OF = dt.date(2025, 7, 1)
REPEATS = 5


def demo_tabs_repeated(copies: int) -> dict[str, list[list[Any]]]:
    """The demo's tabs with the register and the quality checks repeated under new IDs."""
    tabs = demo_tabs()
    for title in ("Набори даних", "Перевірки якості"):
        header, *rows = tabs[title]
        repeated = [list(r) for r in rows]
        for copy in range(1, copies):
            # The ID is the first column of both tabs.
            repeated += [[f"{r[0]}-{copy}", *r[1:]] if r[0] else list(r) for r in rows]
        tabs[title] = [header, *repeated]
    return tabs


def fastest(run: Callable[[], object]) -> float:
    """The fastest of REPEATS runs, in milliseconds."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(workbook: Workbook, folder: Path) -> list[tuple[str, float]]:
    settings = Settings()
    figures = build_figures(workbook, AS_OF, settings)
    return [
        ("build_figures", fastest(lambda: build_figures(workbook, AS_OF, settings))),
        ("build_summary(figures)", fastest(lambda: build_summary(figures))),
        ("public_view(figures)", fastest(lambda: public_view(figures))),
        ("plan_view(figures)", fastest(lambda: plan_view(figures))),
        ("write_score_card (builds its figures)",
         fastest(lambda: write_score_card(workbook, Quarter(2025, 2), settings,
                                          folder / "card.xlsx"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    print("| workbook | step | ms |")
    print("|---|---|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for copies in sorted({1, args.copies}):
            workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs_repeated(copies)}))
            label = f"demo, {len(workbook.datasets)} datasets"
            for step, ms in measure(workbook, Path(folder)):
                print(f"| {label} | {step} | {ms:.1f} |")


if __name__ == "__main__":
    main()
