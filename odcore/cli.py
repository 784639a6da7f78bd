"""The CLI: one module per command under odcore/commands, each with add_parser and run.

Exit codes: 0 no errors in the data, 1 errors in the data, 2 the source (or the
configuration) could not be used. No traceback reaches the user. Warnings about the
configuration (a settings key that nothing reads) go to stderr and change no exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from odcore.config import ConfigError
from odcore.sources.base import SourceError

COMMANDS = ("check", "summary", "report", "register", "demo", "template", "export-public",
            "init-sheet", "doctor", "synth")

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The parser with one subcommand per module of odcore/commands."""
    parser = argparse.ArgumentParser(
        prog="python -m odcore",
        description="Панель програми відкритих даних: перевірка таблиць, показники, експорт.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"odcore.commands.{name.replace('-', '_')}")
        module.add_parser(sub)
    return parser


class _StderrWarning(logging.Handler):
    """Prints a logged warning as one ``Попередження: ...`` line on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"Попередження: {record.getMessage()}", file=sys.stderr)


def _config_warnings_to_stderr() -> None:
    logger = logging.getLogger("odcore.config")
    if not any(isinstance(h, _StderrWarning) for h in logger.handlers):
        logger.addHandler(_StderrWarning(logging.WARNING))
    logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; errors become one Ukrainian line."""
    _config_warnings_to_stderr()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (SourceError, ConfigError) as exc:
        print(f"Помилка: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the user never sees a traceback
        print(f"Внутрішня помилка: {type(exc).__name__}: {exc}. Повідомте розробників.",
              file=sys.stderr)
        return 3
