"""``check SOURCE``: print every Issue; exit 0 without errors, 1 with errors, 2 unreadable."""

from __future__ import annotations

import argparse
import json

from odcore.checks import sorted_issues
from odcore.commands.common import add_command, data_exit_code, load
from odcore.i18n import translate
from odcore.issues import count_by_severity


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "check", summary="перевірити таблиці й показати всі проблеми",
                         description="Перевіряє кожну клітинку і виводить усі проблеми.",
                         run=run, source=True, as_of=True)
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    loaded = load(args)
    issues = sorted_issues(loaded.service.issues(loaded.snapshot))
    if args.format == "json":
        print(json.dumps([i.to_json() for i in issues], ensure_ascii=False, indent=2))
    else:
        for issue in issues:
            severity = translate(f"severity.{issue.severity.value}").lower()
            print(f"{issue.place()}: [{severity}] {issue.message}")
        counts = count_by_severity(issues)
        print(f"Помилок: {counts['errors']}, попереджень: {counts['warnings']}, "
              f"інформаційних: {counts['infos']}.")
    return data_exit_code(issues)
