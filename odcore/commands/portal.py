"""``portal SOURCE [--org SLUG] [--format json]``: the register against data.gov.ua."""

from __future__ import annotations

import argparse
import json
import sys

from odcore.cli import EXIT_DATA_ERRORS, EXIT_OK, EXIT_UNREADABLE
from odcore.commands.common import add_command, as_of_or_today, load
from odcore.portal.ckan import DEFAULT_DEADLINE, DEFAULT_RATE


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "portal", summary="звірити реєстр наборів з порталом data.gov.ua",
        description="Порівнює реєстр наборів даних з тим, що організація ради справді "
                    "публікує на порталі (CKAN): наявність, дати оновлення, частоту, формати, "
                    "робочі посилання. Інший портал — змінна ODCORE_CKAN_URL. Коли портал "
                    "недоступний, показує останній збережений результат з його часом.",
        run=run, source=True, as_of=True)
    parser.add_argument("--org", default=None, metavar="SLUG",
                        help="організація на порталі (типово — portal_organization з "
                             "[odcore.council])")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-links", action="store_true",
                        help="не перевіряти посилання на ресурси")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE, metavar="SECONDS",
                        help=f"найдовший час усієї звірки (типово {DEFAULT_DEADLINE:g} с)")
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE, metavar="PER_SECOND",
                        help=f"запитів до порталу за секунду (типово {DEFAULT_RATE:g})")


def run(args: argparse.Namespace) -> int:
    from odcore.portal.ckan import CkanClient, PortalError, TokenBucket
    from odcore.portal.reconcile import reconcile_or_last

    loaded = load(args)
    config, workbook = loaded.config, loaded.workbook
    organization = (args.org or config.settings.council.portal_organization).strip()
    if not organization:
        print("Помилка: не вказано організацію на порталі (--org або portal_organization у "
              "[odcore.council]).", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.rate <= 0 or args.deadline <= 0:
        print("Помилка: --rate і --deadline мають бути додатними.", file=sys.stderr)
        return EXIT_UNREADABLE
    client = CkanClient(deadline_seconds=args.deadline, bucket=TokenBucket(rate=args.rate))
    try:
        result = reconcile_or_last(
            workbook.datasets, organization, client=client,
            as_of=as_of_or_today(args, config), settings=config.settings,
            links=not args.no_links)
    except (PortalError, ValueError) as exc:
        print(f"Помилка: звірку з порталом не виконано: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        if result.store_note:
            print(result.store_note)
        print(f"Організація «{result.organization_title or result.organization}» на "
              f"{result.api_url}: наборів на порталі {result.packages}, перевірено "
              f"{result.checked_at}.")
        for mismatch in result.mismatches:
            who = mismatch.dataset_id or mismatch.package_url
            print(f"[{mismatch.kind.value}] {who}: {mismatch.message}")
        for note in result.notes:
            print(f"Примітка: {note}")
        print(f"Розбіжностей: {len(result.mismatches)}.")
    return EXIT_DATA_ERRORS if result.mismatches else EXIT_OK
