"""``content-check SOURCE [--format json]``: check the register's resource files against the
Ministry's structures and keep the result for the pages (docs/portal.md)."""

from __future__ import annotations

import argparse
import json
import sys

from odcore.cli import EXIT_DATA_ERRORS, EXIT_OK, EXIT_UNREADABLE
from odcore.commands.common import add_command, load
from odcore.portal.content_runs import DEFAULT_CONTENT_DEADLINE


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "content-check", summary="перевірити файли наборів за структурами Мінцифри",
        description="Для рядків реєстру зі «Структура Мінцифри» та посиланням на файл (не на "
                    "сторінку порталу) перевіряє файл за рекомендованою структурою і зберігає "
                    "результат: панель показує його, а набір із помилками структури не "
                    "відповідає стандартам (structure_mismatch).",
        run=run, source=True)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--deadline", type=float, default=DEFAULT_CONTENT_DEADLINE,
                        metavar="SECONDS",
                        help=f"найдовший час усієї перевірки (типово "
                             f"{DEFAULT_CONTENT_DEADLINE:g} с)")


def run(args: argparse.Namespace) -> int:
    if args.deadline <= 0:
        print("Помилка: --deadline має бути додатним.", file=sys.stderr)
        return EXIT_UNREADABLE
    loaded = load(args)
    try:
        result = loaded.service.run_content_checks(loaded.snapshot,
                                                   deadline_seconds=args.deadline)
    except OSError as exc:
        print(f"Помилка: результат перевірки не збережено: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for item in result.results:
            check = item.check
            print(f"[{check.verdict.value}] {item.dataset_id}: {check.source} "
                  f"(додаток {check.annex})")
            for finding in check.findings:
                place = f"рядок {finding.row}, " if finding.row else ""
                column = f"«{finding.column}»: " if finding.column else ""
                print(f"  {place}{column}{finding.message}")
        for note in result.notes:
            print(f"Примітка: {note}")
        print(f"Перевірено файлів: {len(result.results)}, з помилками: "
              f"{len(result.failed_ids)}.")
    return EXIT_DATA_ERRORS if result.failed_ids else EXIT_OK
