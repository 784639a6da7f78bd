"""``export-public SOURCE OUTDIR [--as-of DATE]``: the public static site and its data files.
``export-public --all OUTDIR``: every council of the councils file, each in
``OUTDIR/<public_slug>`` (docs/councils.md); a council that cannot be read is named on
stderr and the others are still written.

Exit codes as for ``summary``: 0 the export was written (errors in the data are named on
stderr; their rows are left out), 1 only with --strict when the data have errors, 2 the
source could not be read or OUTDIR cannot be written.
"""

from __future__ import annotations

import argparse
import sys

from odcore.commands.common import (
    Loaded,
    add_command,
    as_of_or_today,
    load,
    written_exit_code,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "export-public", summary="публічний статичний сайт і файли даних (JSON, CSV)",
        description="Записує в теку OUTDIR index.html, products.json, products.csv, "
                    "datasets.json і datasets.csv: лише те, що можна показувати публічно.",
        run=run, source=True, as_of=True, strict=True)
    parser.add_argument("outdir", metavar="OUTDIR",
                        help="тека експорту; її вміст замінюється цілком")
    parser.add_argument("--all", action="store_true",
                        help="усі громади файлу громад, кожна в теці OUTDIR/<public_slug>")


def run(args: argparse.Namespace) -> int:
    if not args.all:
        return _export(load(args), args, args.outdir)
    from pathlib import Path

    from odcore.cli import EXIT_UNREADABLE
    from odcore.config import load_config
    from odcore.councils import CouncilsError, configured_councils, council_config
    from odcore.service import open_service
    from odcore.sources.base import SourceError

    councils = configured_councils(args.councils)
    if councils is None:
        raise CouncilsError("Для export-public --all потрібен файл громад: --councils ФАЙЛ, "
                            "ODCORE_COUNCILS або councils у [odcore] secrets.toml.")
    base = load_config()
    worst = 0
    for entry in councils.entries:
        try:
            config = council_config(base, councils, entry.id)
            service = open_service(config)
            loaded = Loaded(config, service, service.snapshot())
        except (SourceError, CouncilsError) as exc:
            print(f"Помилка: громада «{entry.id}»: {' '.join(str(exc).split())}",
                  file=sys.stderr)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        worst = max(worst, _export(loaded, args, str(Path(args.outdir) / entry.public_slug)))
    return worst


def _export(loaded: Loaded, args: argparse.Namespace, outdir: str) -> int:
    from odcore.cli import EXIT_UNREADABLE
    from odcore.exports.static_site import ExportError, export_files, write_static_site
    from odcore.public import public_view

    config = loaded.config
    settings = config.settings
    as_of = as_of_or_today(args, config)
    figures = loaded.figures(as_of)
    view = public_view(figures)
    files = export_files(view, settings.now(), settings.image_hosts)
    try:
        target = write_static_site(files, outdir)
    except ExportError as exc:
        print(f"Помилка: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"Помилка: не вдалося записати експорт у «{outdir}»: {exc.strerror or exc}.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Публічний експорт записано в {target}: продуктів {len(view.products)}, "
          f"наборів даних {len(view.datasets)}, дані станом на {as_of:%d.%m.%Y}.")
    return written_exit_code(figures.issue_counts.errors, args,
                             left_out="; рядки з помилками не потрапили в експорт")
