"""``summary SOURCE --as-of DATE``: the figures as JSON or text (RULES.md); ``summary --all``:
every hromada of the councils file side by side (odcore.rollup, docs/councils.md)."""

from __future__ import annotations

import argparse
import json

from odcore.commands.common import add_command, as_of_or_today, load, written_exit_code
from odcore.rollup import SORT_KEYS


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "summary", summary="показники у JSON або тексті",
                         description="Обчислює всі показники панелі станом на дату; з --all — "
                                     "зведення всіх громад файлу громад.",
                         run=run, source=True, as_of=True, strict=True)
    parser.add_argument("--format", choices=("json", "text", "csv"), default="json",
                        help="json або text; з --all ще й csv")
    parser.add_argument("--all", action="store_true",
                        help="усі громади файлу громад поруч (з того, що зберіг процес "
                             "оновлення)")
    parser.add_argument("--live", action="store_true",
                        help="з --all: прочитати кожну громаду зараз, а не збережене")
    parser.add_argument("--sort", choices=SORT_KEYS, default="name",
                        help="з --all: за чим упорядкувати")
    parser.add_argument("--desc", action="store_true", help="з --all: за спаданням")


def run(args: argparse.Namespace) -> int:
    if args.all:
        return _run_all(args)
    from odcore.cli import UsageError
    from odcore.summary import build_summary, summary_text

    if args.format == "csv":
        raise UsageError("--format csv — лише з --all", "")
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


def _run_all(args: argparse.Namespace) -> int:
    from odcore.cli import EXIT_OK
    from odcore.config import load_config
    from odcore.councils import CouncilsError, configured_councils
    from odcore.rollup import (
        live_rollup,
        read_rollup,
        rollup_csv,
        rollup_json,
        rollup_text,
        sort_rows,
    )
    from odcore.service import store_for

    councils = configured_councils(args.councils)
    if councils is None:
        raise CouncilsError("Для summary --all потрібен файл громад: --councils ФАЙЛ, "
                            "ODCORE_COUNCILS або councils у [odcore] secrets.toml.")
    base = load_config()
    rows = (live_rollup(councils, base, args.as_of) if args.live
            else read_rollup(councils, store_for(base.database_url, "")))
    rows = sort_rows(rows, args.sort, descending=args.desc)
    tz = base.settings.tz
    if args.format == "json":
        print(rollup_json(rows))
    elif args.format == "csv":
        print(rollup_csv(rows, tz), end="")
    else:
        print(rollup_text(rows, tz))
    return EXIT_OK
