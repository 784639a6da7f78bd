"""``register SOURCE --out DIR``: the register of datasets in the Ministry's annex-7 structure."""

from __future__ import annotations

import argparse
from pathlib import Path

from odcore.commands.common import add_command, data_exit_code, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "register", summary="реєстр наборів даних у структурі Мінцифри (додаток 7)",
        description="Записує реєстр наборів даних як CSV і JSON зі структурою для порталу. "
                    "Файл містить контакти відповідальних осіб: це не публічний експорт.",
        run=run, source=True)
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")


def run(args: argparse.Namespace) -> int:
    from odcore.exports.register import write_register

    loaded = load(args)
    config, workbook = loaded.config, loaded.workbook
    issues = write_register(workbook, config.settings, args.out)
    for issue in issues:
        print(f"{issue.place()}: {issue.message}")
    print(f"Реєстр записано в {args.out}; зауважень до заповнення: {len(issues)}.")
    return data_exit_code(issues)
