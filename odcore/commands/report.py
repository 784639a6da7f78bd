"""``report SOURCE --quarter 2025-Q2 --out card.xlsx``: the quarterly score card."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from odcore.commands.common import add_command, load, written_exit_code
from odcore.periods import Quarter, parse_quarter

if TYPE_CHECKING:
    from odcore.history import ClosedQuarter


def quarter_argument(text: str) -> Quarter:
    """A --quarter (or QUARTER) argument, or an argparse error naming the expected form."""
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
    parser.add_argument("--quarter", type=quarter_argument, required=True, metavar="РРРР-QN")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    parser.add_argument("--live", action="store_true",
                        help="порахувати за сьогоднішніми даними, навіть якщо квартал закрито")


def run(args: argparse.Namespace) -> int:
    from odcore.exports.score_card import write_score_card

    loaded = load(args)
    config, workbook = loaded.config, loaded.workbook
    years = config.settings.plan_years
    if not years[0] <= args.quarter.year <= years[1]:
        print(f"Помилка: квартал {args.quarter} поза роками плану ({years[0]}–{years[1]}).",
              file=sys.stderr)
        return 2
    if not args.live:
        closed = loaded.service.store.load_closed(loaded.service.ref, args.quarter)
        if closed is not None:
            return _write_frozen(args, closed, config.settings.tz)
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


def _write_frozen(args: argparse.Namespace, closed: ClosedQuarter, tz: dt.tzinfo) -> int:
    """Write the card kept when the quarter was closed, byte for byte."""
    from odcore.exports.safe import atomic_path

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(args.out) as tmp:
        tmp.write_bytes(closed.score_card)
    print(f"Картку оцінки за {args.quarter.label_uk()} записано: {args.out} (квартал закрито "
          f"{closed.closed_at.astimezone(tz):%d.%m.%Y %H:%M}; --live — за сьогоднішніми даними)")
    return written_exit_code(closed.summary["issues"]["errors"], args)
