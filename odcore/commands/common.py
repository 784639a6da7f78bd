"""What several commands share: the parser set-up with SOURCE and --as-of, loading the
workbook, the exit code of the data's Issues."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from odcore.cli import EXIT_DATA_ERRORS, EXIT_OK
from odcore.config import AppConfig
from odcore.figures import Figures
from odcore.issues import Issue
from odcore.service import DataService, Snapshot, open_service
from odcore.workbook import Workbook


def add_command(sub: argparse._SubParsersAction, name: str, *, summary: str, description: str,
                run: Callable[[argparse.Namespace], int], source: bool = False,
                as_of: bool = False, strict: bool = False) -> argparse.ArgumentParser:
    """The parser of one command that runs ``run``, with SOURCE, --as-of and --strict when
    asked; the command adds its own arguments to it."""
    parser = sub.add_parser(name, help=summary, description=description)
    if source:
        parser.add_argument(
            "source", nargs="?", default=None, metavar="SOURCE",
            help="книга (.xlsx, .xlsm, .xls, .ods), тека CSV-файлів, посилання на Google "
                 "Таблицю або gsheets:KEY; без нього — ODCORE_SOURCE, secrets.toml або "
                 "демонстраційна книга")
        add_council_arguments(parser)
    if as_of:
        parser.add_argument("--as-of", type=parse_as_of, default=None, metavar="YYYY-MM-DD",
                            help="дата, станом на яку рахувати (типово — сьогодні за Києвом)")
    if strict:
        parser.add_argument(
            "--strict", action="store_true",
            help="завершитися з кодом 1, коли в таблицях є помилки (типово — 0, якщо "
                 "результат записано; помилки тоді лише перелічено в stderr)")
    parser.set_defaults(run=run)
    return parser


def add_council_arguments(parser: argparse.ArgumentParser) -> None:
    """--council ID and --councils FILE of a multi-council deployment (docs/councils.md)."""
    parser.add_argument("--council", default=None, metavar="ID",
                        help="громада з файлу громад (її id); без нього — одна рада, як завжди")
    parser.add_argument("--councils", default=None, metavar="FILE",
                        help="файл громад (TOML); без нього — ODCORE_COUNCILS або councils у "
                             "[odcore] secrets.toml")


def command_config(args: argparse.Namespace) -> AppConfig:
    """The configuration of a command: SOURCE, or the council of --council."""
    from odcore.councils import resolve_config

    return resolve_config(getattr(args, "source", None), getattr(args, "council", None),
                          getattr(args, "councils", None))


def parse_as_of(text: str) -> dt.date:
    """The --as-of date, or an argparse error naming the expected form."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}» не є датою у форматі РРРР-ММ-ДД (наприклад, 2025-07-01)") from None


@dataclass(frozen=True)
class Loaded:
    """What a command works on: the configuration, and the snapshot its service read."""

    config: AppConfig
    service: DataService
    snapshot: Snapshot

    @property
    def workbook(self) -> Workbook:
        return self.snapshot.workbook

    def figures(self, as_of: dt.date) -> Figures:
        """Every figure at as_of, from the service (one implementation with the pages)."""
        return self.service.figures(self.snapshot, as_of)


def load(args: argparse.Namespace) -> Loaded:
    """The configuration for SOURCE and the snapshot read through its service."""
    config = command_config(args)
    service = open_service(config)
    return Loaded(config, service, service.snapshot())


def as_of_or_today(args: argparse.Namespace, config: AppConfig) -> dt.date:
    """--as-of, or today in the council's time zone."""
    return args.as_of or config.settings.today()


def data_exit_code(issues: Iterable[Issue]) -> int:
    """1 when the data have an error, else 0 (the CLI's exit codes)."""
    return EXIT_DATA_ERRORS if any(i.is_error for i in issues) else EXIT_OK


def written_exit_code(errors: int, args: argparse.Namespace, *, left_out: str = "") -> int:
    """The exit code of a command whose output was written: 0, or 1 under --strict when the
    data have errors; the errors are always named on stderr so a cron log shows them."""
    if not errors:
        return EXIT_OK
    print(f"Попередження: у таблицях є помилки ({errors}){left_out}. "
          "Перелік: python -m odcore check.", file=sys.stderr)
    return EXIT_DATA_ERRORS if getattr(args, "strict", False) else EXIT_OK
