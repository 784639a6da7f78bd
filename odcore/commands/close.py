"""``close 2025-Q3 [SOURCE] [--replace] [--by EMAIL]``: freeze a quarter (docs/history.md)."""

from __future__ import annotations

import argparse
import sys

from odcore.commands.common import add_command, add_council_arguments
from odcore.commands.report import quarter_argument


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "close", summary="закрити квартал: зберегти дані, показники, реєстр і картку",
        description="Зберігає прочитані таблиці, показники на кінець кварталу, реєстр і "
                    "картку оцінки, щоб картка за цей квартал більше не змінювалася.",
        run=run)
    parser.add_argument("quarter", type=quarter_argument, metavar="РРРР-QN")
    parser.add_argument(
        "source", nargs="?", default=None, metavar="SOURCE",
        help="книга, тека CSV-файлів або Google Таблиця; без нього — ODCORE_SOURCE, "
             "secrets.toml або демонстраційна книга")
    add_council_arguments(parser)
    parser.add_argument("--replace", action="store_true",
                        help="закрити ще раз (попереднє закриття теж зберігається)")
    parser.add_argument("--by", default="", metavar="EMAIL", help="хто закриває квартал")


def run(args: argparse.Namespace) -> int:
    from odcore.commands.common import command_config
    from odcore.history import ClosedQuarterError, close_quarter
    from odcore.service import open_service

    config = command_config(args)
    service = open_service(config)
    try:
        outcome = close_quarter(service, args.quarter, by=args.by, replace=args.replace)
    except ClosedQuarterError as exc:
        print(f"Помилка: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Помилка: закриття не вдалося зберегти ({exc}).", file=sys.stderr)
        return 2
    closed = outcome.closed
    when = f"{closed.closed_at.astimezone(config.settings.tz):%d.%m.%Y %H:%M}"
    who = f" ({closed.closed_by})" if closed.closed_by else ""
    if outcome.made:
        print(f"{args.quarter.label_uk()} закрито {when}{who}.")
    else:
        print(f"{args.quarter.label_uk()} уже закрито {when}{who}; це закриття збережено. "
              "Щоб закрити ще раз, додайте --replace.")
    return 0
