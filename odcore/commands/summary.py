"""``summary SOURCE --as-of DATE``: the figures as JSON or text (RULES.md)."""

from __future__ import annotations

import argparse
import json

from odcore.commands.common import add_as_of_argument, add_source_argument, as_of_or_today, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("summary", help="показники у JSON або тексті",
                            description="Обчислює всі показники панелі станом на дату.")
    add_source_argument(parser)
    add_as_of_argument(parser)
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from odcore.summary import build_summary, summary_text

    config, workbook = load(args)
    summary = build_summary(workbook, as_of_or_today(args, config), config.settings)
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary))
    return 1 if summary["issues"]["errors"] else 0
