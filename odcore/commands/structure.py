"""``structure ANNEX [--resource NAME] --out FILE.xlsx``: an empty workbook in a recommended
structure of the Ministry, so a department can start a missing set right."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.cli import EXIT_OK, EXIT_UNREADABLE
from odcore.commands.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "structure", summary="порожня книга в рекомендованій структурі Мінцифри",
        description="Записує порожню книгу .xlsx, у якій рядок заголовків — стовпці "
                    "рекомендованої структури (додаток ANNEX), з назвами, типами й описами в "
                    "примітках і на аркуші «Опис структури».", run=run)
    parser.add_argument("annex", metavar="ANNEX", help="номер додатка, наприклад 27")
    parser.add_argument("--resource", default=None, metavar="NAME",
                        help="лише цей ресурс додатка (типово — усі, кожен на своєму аркуші)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")


def run(args: argparse.Namespace) -> int:
    from odcore.portal.starter_workbook import write_structure_workbook
    from odcore.portal.structures import StructureError, load_catalogue

    text = str(args.annex).strip()
    try:
        if not text.isdigit():
            raise StructureError(f"«{text}» не є номером додатка: потрібне число, наприклад 27.")
        structure = load_catalogue().require(int(text))
        if args.out.suffix.casefold() != ".xlsx":
            raise StructureError(f"Файл {args.out} має бути .xlsx.")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        written = write_structure_workbook(structure, args.out, args.resource)
    except StructureError as exc:
        print(f"Помилка: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"Помилка: книгу {args.out} не записано: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    names = ", ".join(r.name for r in written)
    print(f"Записано {args.out}: додаток {structure.annex} «{structure.title}», ресурси: {names}.")
    return EXIT_OK
