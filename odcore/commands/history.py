"""``history [SOURCE]``: plan progress, compliance, overdue datasets and each department's debt
per quarter, closed quarters from their frozen copies (docs/history.md)."""

from __future__ import annotations

import argparse
import json

from odcore.commands.common import add_command, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "history", summary="шлях програми поквартально (JSON)",
        description="Для кожного кварталу плану до сьогодні: виконання плану, частка "
                    "відповідних наборів, прострочені набори і борг кожного підрозділу; "
                    "закриті квартали — із збережених копій.",
        run=run, source=True)
    parser.add_argument("--format", choices=("json",), default="json")


def run(args: argparse.Namespace) -> int:
    from odcore.history import build_history, serving_closes

    loaded = load(args)
    service, snapshot = loaded.service, loaded.snapshot
    closes = serving_closes(service.store.list_closed(service.ref))
    rows = build_history(snapshot.workbook, loaded.config.settings,
                         loaded.config.settings.today(), closes,
                         figures_at=lambda as_of: service.figures(snapshot, as_of))
    print(json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2))
    return 0
