"""``template PATH``: write the empty workbook a department is handed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.commands.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "template", summary="записати порожній шаблон книги",
                         description="Записує порожній шаблон з усіма вкладками, "
                                     "підказками, списками вибору і планом.", run=run)
    parser.add_argument("path", type=Path, metavar="PATH")


def run(args: argparse.Namespace) -> int:
    from odcore.config import load_config
    from odcore.exports.template import write_template

    try:
        args.path.parent.mkdir(parents=True, exist_ok=True)
        write_template(args.path, load_config().settings)
    except (ValueError, OSError) as exc:
        print(f"Помилка: шаблон не записано: {exc}", file=sys.stderr)
        return 2
    print(f"Шаблон записано: {args.path}")
    return 0
