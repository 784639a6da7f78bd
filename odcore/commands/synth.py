"""``synth --scale K PATH [--csv]``: a workbook K times the demo's rows, for benchmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.commands.common import add_command


def _scale(text: str) -> int:
    try:
        scale = int(text)
    except ValueError:
        scale = 0
    if scale < 1:
        raise argparse.ArgumentTypeError(
            f"K має бути цілим числом від 1 (наприклад, 100), а не «{text}»")
    return scale


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "synth", summary="записати синтетичну книгу в K разів більшу за демонстраційну",
        description="Записує книгу з рядками демонстраційної, повтореними K разів (звіти, "
                    "набори даних, перевірки, навчання, публікації, продукти, заходи; план і "
                    "підрозділи — як у демонстраційній), з тими самими навмисними помилками в "
                    "кожній копії. Для вимірювання швидкості.", run=run)
    parser.add_argument("--scale", type=_scale, required=True, metavar="K",
                        help="у скільки разів більше рядків, ніж у демонстраційній книзі")
    parser.add_argument("--csv", action="store_true",
                        help="записати теку CSV-файлів (одна вкладка — один файл) замість .xlsx")
    parser.add_argument("path", type=Path, metavar="PATH")


def run(args: argparse.Namespace) -> int:
    from odcore.synth import write_synth_csv, write_synth_xlsx

    try:
        if args.csv:
            write_synth_csv(args.path, args.scale)
        else:
            args.path.parent.mkdir(parents=True, exist_ok=True)
            write_synth_xlsx(args.path, args.scale)
    except OSError as exc:
        print(f"Помилка: синтетичну книгу не записано: {exc}", file=sys.stderr)
        return 2
    kind = "теку CSV" if args.csv else "книгу"
    print(f"Синтетичну {kind} (K = {args.scale}) записано: {args.path}")
    return 0
