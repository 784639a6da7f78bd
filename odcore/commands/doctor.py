"""``doctor [SOURCE]``: can every configured Google spreadsheet be read, and if not, why."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from odcore.commands.common import add_command

OK, UNREADABLE = 0, 2

if TYPE_CHECKING:
    from odcore.sources.gsheets import SheetsPolicy
    from odcore.sources.snapshots import PayloadStore


def add_parser(sub: argparse._SubParsersAction) -> None:
    add_command(
        sub, "doctor", summary="перевірити доступ до Google Таблиць",
        description="Показує сервісний обліковий запис і для кожної налаштованої таблиці — "
                    "чи її можна прочитати, а якщо ні, то що зробити.",
        run=run, source=True)


def run(args: argparse.Namespace) -> int:
    from odcore.commands.common import command_config
    from odcore.config import is_google_location
    from odcore.issue_codes import IssueCode
    from odcore.service import sheets_policy
    from odcore.sources.base import SourceError
    from odcore.sources.google_http import READ_SCOPES, GoogleApi, endpoints, load_service_account
    from odcore.sources.gsheets import GoogleSheetsSource, ReadCache, spreadsheet_key

    config = command_config(args)
    google = is_google_location(config.source_location)
    try:
        found = endpoints()
        if found.test_server:
            print(f"Тестовий сервер Google API: {found.test_server} (ODCORE_SHEETS_ENDPOINT)")
        account = load_service_account(config.gsheets_secrets,
                                       from_environment=not config.own_service_account)
    except SourceError as exc:
        print(f"Доступ до Google не налаштовано: {exc}")
        return UNREADABLE if google else OK
    print(f"Сервісний обліковий запис: {account.email}")
    print(f"  ключ: {account.origin}")
    print("  надайте цій адресі доступ до кожної таблиці (читач; для init-sheet — редактор)")
    if not google:
        print(f"Джерело даних — {config.source_location}: Google Таблиці не використовуються.")
        return OK
    key = spreadsheet_key(config.source_location)
    if key is None:
        print(f"«{config.source_location}» не є посиланням на Google Таблицю чи її ключем.")
        return UNREADABLE
    # A private cache and no snapshots: doctor reports what Google answers now.
    policy = sheets_policy(config.settings)
    source = GoogleSheetsSource(key, api=GoogleApi(account, READ_SCOPES, limits=policy.limits),
                                policy=policy, cache=ReadCache(), snapshots=None)
    try:
        main = source.read_main()
    except SourceError as exc:
        print(f"Головна таблиця {key}: НЕ читається. {exc}")
        return UNREADABLE
    from odcore.service import store_for

    # The kept copies where the dashboard keeps them: PostgreSQL when configured.
    kept = store_for(config.database_url).raw(policy.limits.max_file_bytes)
    _print_read("Головна таблиця", main.name, key, [t.title for t in main.tabs], policy, kept)
    problems = 0
    try:
        from odcore.reading import load_workbook

        workbook = load_workbook(source, config.settings)
    except SourceError as exc:
        print(f"  {exc}")
        return UNREADABLE
    for issue in workbook.issues:
        if issue.code is IssueCode.SPREADSHEET_BAD_KEY:
            problems += 1
            print(f"Таблиця підрозділу «{issue.department}»: {issue.message} "
                  f"(«Підрозділи», рядок {issue.row})")
    seen = {key}
    for department in workbook.departments:
        linked = spreadsheet_key(department.spreadsheet or "")
        if linked is None or linked in seen:
            continue
        seen.add(linked)
        try:
            sheet = source.read_linked(linked)
        except SourceError as exc:
            problems += 1
            print(f"Таблиця підрозділу «{department.name}» ({linked}): НЕ читається. {exc}")
            continue
        _print_read(f"Таблиця підрозділу «{department.name}»", sheet.name, linked,
                    [t.title for t in sheet.tabs], policy, kept)
    print("Усе гаразд: кожну таблицю можна прочитати." if not problems
          else f"Таблиць, які не вдалося прочитати: {problems}.")
    return UNREADABLE if problems else OK


def _print_read(what: str, name: str, key: str, tabs: list[str], policy: SheetsPolicy,
                kept: PayloadStore) -> None:
    from odcore.sources.gsheets import read_snapshot
    from odcore.sources.snapshots import SnapshotError

    shown = ", ".join(tabs) if tabs else "жодної відомої вкладки"
    print(f"{what} «{name}» ({key}): читається. Вкладки: {shown}.")
    try:
        snapshot = read_snapshot(kept, key, policy)
    except SnapshotError as exc:
        print(f"  знімок: {exc}")
        return
    if snapshot is None:
        print("  знімка ще немає: він зʼявиться після першого читання панеллю")
        return
    print(f"  останній знімок: {snapshot.read_at.astimezone(policy.tz):%d.%m.%Y %H:%M}")
