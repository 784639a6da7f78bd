"""``report SOURCE --quarter 2025-Q2 --out card.xlsx``: the quarterly score card."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.commands.common import add_command, load, written_exit_code
from odcore.periods import Quarter, parse_quarter


def _quarter(text: str) -> Quarter:
    quarter = parse_quarter(text)
    if quarter is None:
        raise argparse.ArgumentTypeError(
            f"«{text}» не є кварталом (напишіть, наприклад, 2025-Q2)")
    return quarter


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "report", summary="картка оцінки за квартал (.xlsx)",
        description="Записує «Картку оцінки стану оприлюднення і оновлення відкритих даних» "
                    "станом на кінець кварталу.",
        run=run, source=True, strict=True)
    parser.add_argument("--quarter", type=_quarter, required=True, metavar="РРРР-QN")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")


def run(args: argparse.Namespace) -> int:
    from odcore.exports.score_card import write_score_card

    loaded = load(args)
    config, workbook = loaded.config, loaded.workbook
    years = config.settings.plan_years
    if not years[0] <= args.quarter.year <= years[1]:
        print(f"Помилка: квартал {args.quarter} поза роками плану ({years[0]}–{years[1]}).",
              file=sys.stderr)
        return 2
    if not args.quarter.is_due(config.settings.today()):
        # The figures are then those of a date still ahead, with today's register.
        print(f"Увага: {args.quarter.label_uk()} ще не закінчився; картку пораховано станом на "
              f"{args.quarter.end_as_of:%d.%m.%Y}, тож це прогноз за теперішнім станом реєстру.",
              file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    card = write_score_card(workbook, args.quarter, config.settings, args.out)
    print(f"Картку оцінки за {args.quarter.label_uk()} записано: {args.out}")
    # The summary counts exactly the Issues `check` reports.
    return written_exit_code(card.figures.issue_counts.errors, args)
