"""``export-public SOURCE OUTDIR [--as-of DATE]``: the public static site and its data files.

Exit codes as for ``summary``: 0 the export was written (errors in the data are named on
stderr; their rows are left out), 1 only with --strict when the data have errors, 2 the
source could not be read or OUTDIR cannot be written.
"""

from __future__ import annotations

import argparse
import sys

from odcore.commands.common import add_command, as_of_or_today, load, written_exit_code


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "export-public", summary="публічний статичний сайт і файли даних (JSON, CSV)",
        description="Записує в теку OUTDIR index.html, products.json, products.csv, "
                    "datasets.json і datasets.csv: лише те, що можна показувати публічно.",
        run=run, source=True, as_of=True, strict=True)
    parser.add_argument("outdir", metavar="OUTDIR",
                        help="тека експорту; її вміст замінюється цілком")


def run(args: argparse.Namespace) -> int:
    from odcore.cli import EXIT_UNREADABLE
    from odcore.exports.static_site import ExportError, export_files, write_static_site
    from odcore.public import public_view

    loaded = load(args)
    config = loaded.config
    settings = config.settings
    as_of = as_of_or_today(args, config)
    figures = loaded.figures(as_of)
    view = public_view(figures)
    files = export_files(view, settings.now(), settings.image_hosts)
    try:
        target = write_static_site(files, args.outdir)
    except ExportError as exc:
        print(f"Помилка: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"Помилка: не вдалося записати експорт у «{args.outdir}»: {exc.strerror or exc}.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Публічний експорт записано в {target}: продуктів {len(view.products)}, "
          f"наборів даних {len(view.datasets)}, дані станом на {as_of:%d.%m.%Y}.")
    return written_exit_code(figures.issue_counts.errors, args,
                             left_out="; рядки з помилками не потрапили в експорт")
