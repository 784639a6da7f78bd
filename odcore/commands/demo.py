"""``demo PATH``: write the realistic demo workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.commands.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "demo", summary="записати демонстраційну книгу",
                         description="Записує демонстраційну книгу (.xlsx) Жмеринської "
                                     "міської ради з навмисними помилками.", run=run)
    parser.add_argument("path", type=Path, metavar="PATH")


def run(args: argparse.Namespace) -> int:
    from odcore.demo import write_demo

    try:
        args.path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(args.path)
    except OSError as exc:
        print(f"Помилка: демонстраційну книгу не записано: {exc}", file=sys.stderr)
        return 2
    print(f"Демонстраційну книгу записано: {args.path}")
    return 0
