"""``refresh --councils FILE [--once]``: the refresh worker of a multi-council deployment.

Reads every council's spreadsheets under the quota of its service account and keeps them
where the web replicas read them (odcore.refresh, docs/councils.md). Runs for good; with
``--once`` reads each council once and exits (for cron): 0 when every read was whole, 1 when
a council's read failed or left a spreadsheet out (each is named on stderr).
"""

from __future__ import annotations

import argparse
import logging
import sys

from odcore.cli import EXIT_DATA_ERRORS, EXIT_OK
from odcore.commands.common import add_command, add_council_arguments


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "refresh", summary="процес оновлення: читає таблиці всіх громад у межах квоти",
        description="Читає таблиці кожної громади з файлу громад у межах квоти Google "
                    "(refresh_reads_per_minute на сервісний обліковий запис) і зберігає їх "
                    "для сторінок. Працює постійно; --once — один раз (для cron).",
        run=run)
    add_council_arguments(parser)
    parser.add_argument("--once", action="store_true",
                        help="прочитати кожну громаду один раз і завершитися")


def _log_to_stderr() -> None:
    logger = logging.getLogger("odcore.refresh")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def run(args: argparse.Namespace) -> int:
    from odcore.config import load_config
    from odcore.councils import CouncilsError, configured_councils
    from odcore.refresh import RefreshWorker

    councils = configured_councils(args.councils)
    if councils is None:
        raise CouncilsError("Для refresh потрібен файл громад: --councils ФАЙЛ, ODCORE_COUNCILS "
                            "або councils у [odcore] secrets.toml (docs/councils.md).")
    if args.council:
        councils = type(councils)(councils.path, (councils.get(args.council),))
    _log_to_stderr()
    worker = RefreshWorker(councils, load_config())
    if not args.once:
        worker.run()
        return EXIT_OK
    failed = [o for o in worker.run_once() if not o.ok]
    for outcome in failed:
        print(f"Попередження: громада «{outcome.council}»: {outcome.error}", file=sys.stderr)
    return EXIT_DATA_ERRORS if failed else EXIT_OK
