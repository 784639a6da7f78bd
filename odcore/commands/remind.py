"""``remind [SOURCE] --days 7 [--dry-run]``: e-mail each department what it owes soon.

One message per department that owes something (to its `Підрозділи` / Email), then a summary
to ``[odcore.mail] coordinator``. A failed send is reported on stderr and the others go on;
the exit code is then 1. Settings that cannot send (no host or sender) exit 2 as any
configuration error. docs/communication.md has a cron and a systemd example.
"""

from __future__ import annotations

import argparse
import sys

from odcore.commands.common import add_command, as_of_or_today, load
from odcore.config import ConfigError

EXIT_SENT, EXIT_NOT_SENT = 0, 1


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if not 0 <= days <= 366:
        raise argparse.ArgumentTypeError(f"«{text}» — потрібне ціле число днів від 0 до 366")
    return days


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "remind", summary="нагадування підрозділам електронною поштою",
        description="Надсилає кожному підрозділу, якому є що подати, один лист: звіти, строк "
                    "яких настає протягом --days днів або минув, набори даних, які час "
                    "оновити, і проблеми в його рядках; координатору — підсумок.",
        run=run, source=True, as_of=True)
    parser.add_argument("--days", type=_days, default=7, metavar="N",
                        help="на скільки днів наперед нагадувати (типово 7)")
    parser.add_argument("--dry-run", action="store_true",
                        help="надрукувати листи замість надсилання")


def _print_message(text: str) -> None:
    print(text)
    print("=" * 72)


def run(args: argparse.Namespace) -> int:
    from odcore.remind import (
        Outcome,
        department_message,
        message_text,
        reminders,
        send,
        summary_message,
    )

    loaded = load(args)
    settings = loaded.config.settings
    mail = settings.mail
    if not args.dry_run:
        missing = [key for key in ("host", "sender") if not getattr(mail, key).strip()]
        if missing:
            raise ConfigError(
                "Щоб надсилати нагадування, вкажіть у розділі [odcore.mail] файлу "
                "secrets.toml: " + ", ".join(missing) + " (зразок: "
                ".streamlit/secrets.toml.example). Без них можна лише --dry-run.")
    today = as_of_or_today(args, loaded.config)
    figures = loaded.figures(today)
    council = settings.council.name
    outcomes: list[Outcome] = []
    failed = 0
    for reminder in reminders(loaded.workbook, figures, args.days):
        if not reminder.owes:
            continue
        if reminder.email is None:
            print(f"Попередження: підрозділу «{reminder.department}» є що подати, але у "
                  "вкладці «Підрозділи» немає його Email — лист не надіслано.", file=sys.stderr)
            outcomes.append(Outcome(reminder, False, "немає Email у вкладці «Підрозділи»"))
            continue
        message = department_message(reminder, today, args.days, council, mail)
        if args.dry_run:
            _print_message(message_text(message))
            outcomes.append(Outcome(reminder, False, "--dry-run"))
            continue
        reason = send(message, mail)
        if reason is None:
            print(f"Надіслано: «{reminder.department}» → {reminder.email}")
        else:
            failed += 1
            print(f"Помилка: лист для «{reminder.department}» ({reminder.email}) не надіслано: "
                  f"{reason}", file=sys.stderr)
        outcomes.append(Outcome(reminder, reason is None, reason or ""))
    if mail.coordinator or args.dry_run:
        summary = summary_message(outcomes, today, args.days, council, mail,
                                  dry_run=args.dry_run)
        if args.dry_run:
            _print_message(message_text(summary))
        else:
            reason = send(summary, mail)
            if reason is None:
                print(f"Надіслано: підсумок → {mail.coordinator}")
            else:
                failed += 1
                print(f"Помилка: підсумок для координатора ({mail.coordinator}) не надіслано: "
                      f"{reason}", file=sys.stderr)
    if failed:
        print(f"Не надіслано листів: {failed}.", file=sys.stderr)
    return EXIT_NOT_SENT if failed else EXIT_SENT
