"""What several commands share: the SOURCE argument, --as-of, loading the workbook."""

from __future__ import annotations

import argparse
import datetime as dt

from odcore.config import AppConfig, load_config, open_source
from odcore.workbook import Workbook, load_workbook


def add_source_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source", nargs="?", default=None, metavar="SOURCE",
        help="книга (.xlsx, .xlsm, .xls, .ods), тека CSV-файлів, посилання на Google Таблицю "
             "або gsheets:KEY; без нього — ODCORE_SOURCE, secrets.toml або демонстраційна книга")


def add_as_of_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=parse_as_of, default=None, metavar="YYYY-MM-DD",
                        help="дата, станом на яку рахувати (типово — сьогодні за Києвом)")


def parse_as_of(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}» не є датою у форматі РРРР-ММ-ДД (наприклад, 2025-07-01)") from None


def load(args: argparse.Namespace) -> tuple[AppConfig, Workbook]:
    config = load_config(args.source)
    workbook = load_workbook(open_source(config), config.settings)
    return config, workbook


def as_of_or_today(args: argparse.Namespace, config: AppConfig) -> dt.date:
    return args.as_of or config.settings.today()
