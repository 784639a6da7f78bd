"""``summary SOURCE --as-of DATE``: the figures as JSON or text (RULES.md)."""

from __future__ import annotations

import argparse
import json

from odcore.commands.common import add_command, as_of_or_today, load, written_exit_code


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "summary", summary="показники у JSON або тексті",
                         description="Обчислює всі показники панелі станом на дату.",
                         run=run, source=True, as_of=True, strict=True)
    parser.add_argument("--format", choices=("json", "text"), default="json")


def run(args: argparse.Namespace) -> int:
    from odcore.summary import build_summary, summary_text

    loaded = load(args)
    summary = build_summary(loaded.figures(as_of_or_today(args, loaded.config)))
    if loaded.config.council:  # a council of a councils file says whose figures these are
        summary = {"council": {"id": loaded.config.council,
                               "name": loaded.config.settings.council.name}, **summary}
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary))
    return written_exit_code(summary["issues"]["errors"], args)
