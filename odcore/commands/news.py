"""``news QUARTER [SOURCE] --out FILE``: the quarterly news post draft (Markdown and .docx)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from odcore.commands.common import load
from odcore.commands.report import quarter_argument


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "news", help="чернетка новини за квартал (.md і .docx)",
        description="Пише чернетку новини для вебсайту ради про квартал: нові й оновлені "
                    "набори даних, нові продукти, показники простими словами. Лише публічні "
                    "поля; нічого не публікує.")
    parser.add_argument("quarter", type=quarter_argument, metavar="РРРР-QN",
                        help="квартал, наприклад 2025-Q3")
    parser.add_argument(
        "source", nargs="?", default=None, metavar="SOURCE",
        help="книга, тека CSV-файлів або Google Таблиця; без нього — ODCORE_SOURCE, "
             "secrets.toml або демонстраційна книга")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="записати FILE.md і FILE.docx; без нього Markdown друкується")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from odcore.news import news_draft, news_markdown, write_news

    loaded = load(args)
    settings = loaded.config.settings
    quarter = args.quarter
    if not settings.plan_first_year <= quarter.year <= settings.plan_last_year:
        print(f"Помилка: квартал {quarter} поза роками плану ({settings.plan_first_year}–"
              f"{settings.plan_last_year}).", file=sys.stderr)
        return 2
    if not quarter.is_due(settings.today()):
        print(f"Увага: {quarter.label_uk()} ще не закінчився; чернетку складено за теперішніми "
              f"даними станом на {quarter.end_as_of:%d.%m.%Y}.", file=sys.stderr)
    draft = news_draft(loaded.figures(quarter.end_as_of), quarter)
    if args.out is None:
        print(news_markdown(draft))
        return 0
    markdown, word = write_news(draft, args.out)
    print(f"Чернетку новини за {quarter.label_uk()} записано: {markdown}, {word}")
    return 0
