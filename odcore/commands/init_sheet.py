"""``init-sheet --key KEY [--from-xlsx PATH] [--share EMAIL ...]``: fill a Google spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from odcore.commands.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "init-sheet", summary="заповнити порожню Google Таблицю шаблоном",
        description="Заповнює порожню Google Таблицю, яку ви створили й надали сервісному "
                    "обліковому запису з роллю «редактор»: усі вкладки, підказки, списки "
                    "вибору, формати і план (або рядки наявної книги).", run=run)
    parser.add_argument("--key", required=True, metavar="KEY",
                        help="посилання на таблицю або її ключ (частина адреси між /d/ і /edit)")
    parser.add_argument("--from-xlsx", type=Path, default=None, metavar="PATH",
                        help="книга (.xlsx, .xlsm, .xls, .ods) або тека CSV, рядки якої "
                             "перенести в таблицю замість плану за замовчуванням")
    parser.add_argument("--share", action="append", default=[], metavar="EMAIL",
                        help="надати цій адресі право редагування (можна кілька разів)")


def run(args: argparse.Namespace) -> int:
    from odcore.config import load_config
    from odcore.gsheets_fill import fill_spreadsheet, read_rows_source, share_spreadsheet
    from odcore.sources.base import SourceError
    from odcore.sources.google_http import (
        DRIVE_SCOPE,
        WRITE_SCOPES,
        GoogleApi,
        load_service_account,
    )
    from odcore.sources.gsheets import spreadsheet_key

    key = spreadsheet_key(args.key)
    if key is None:
        raise SourceError(f"«{args.key}» не є посиланням на Google Таблицю чи її ключем: вставте "
                          "адресу з браузера (https://docs.google.com/spreadsheets/d/…/edit).")
    config = load_config()
    rows_from = read_rows_source(args.from_xlsx) if args.from_xlsx else None
    account = load_service_account(config.gsheets_secrets)
    scopes = [*WRITE_SCOPES, DRIVE_SCOPE] if args.share else list(WRITE_SCOPES)
    api = GoogleApi(account, scopes)
    result = fill_spreadsheet(api, key, config.settings, rows_from)
    parts = []
    if result.added:
        parts.append("додано вкладки " + ", ".join(f"«{t}»" for t in result.added))
    if result.renamed:
        parts.append("перейменовано " + ", ".join(f"«{a}» на «{b}»" for a, b in result.renamed))
    print("Таблицю заповнено" + (": " + "; ".join(parts) if parts else "") + ".")
    for title, count in result.rows.items():
        print(f"  {title}: рядків даних — {count}")
    if args.share:
        share_spreadsheet(api, key, args.share)
        print("Право редагування надано: " + ", ".join(args.share))
    print(result.url)
    print(f"Перевірте: python -m odcore check gsheets:{key}")
    return 0
