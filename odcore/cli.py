"""The CLI: one module per command under odcore/commands, each with add_parser and run.

Exit codes: 0 no errors in the data (for a command that writes output - summary, report,
export-public - 0 whenever the output was written; the data's errors are then named on stderr,
and ``--strict`` turns them into 1), 1 errors in the data, 2 the source (or the
configuration, or the command line) could not be used, 3 an internal error. No traceback
reaches the user: a failure is one Ukrainian line on stderr and, when ``--format json`` was
asked for, also ``{"error": {"code": ..., "message": ...}}`` on stdout, so that a script
reading stdout always gets JSON (README, "Команди"). Warnings about the configuration (a
settings key that nothing reads) go to stderr and change no exit code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from odcore.config import ConfigError
from odcore.sources.base import SourceError

COMMANDS = ("check", "summary", "report", "register", "demo", "template", "export-public",
            "init-sheet", "doctor", "structure", "portal", "content-check", "synth", "news",
            "remind", "close", "history", "refresh")

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3

# The machine-readable codes of the JSON error (stable: scripts compare them).
ERROR_SOURCE, ERROR_USAGE, ERROR_INTERNAL = "source_unreadable", "usage_error", "internal_error"


class UsageError(Exception):
    """The command line cannot be parsed; argparse's message and the command's usage."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    # argparse prints and exits inside parse_args; raising lets main() add the JSON error.
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())


def build_parser() -> argparse.ArgumentParser:
    """The parser with one subcommand per module of odcore/commands."""
    parser = _Parser(
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


def _asks_for_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json`` (read before parsing succeeds)."""
    tokens = list(argv)
    return "--format=json" in tokens or any(
        token == "--format" and tokens[i + 1:i + 2] == ["json"] for i, token in enumerate(tokens))


def fail(message: str, code: str, exit_code: int, *, as_json: bool,
         prefix: str = "Помилка") -> int:
    """Report a failure: one line on stderr and, for --format json, the JSON error on stdout."""
    line = " ".join(message.split())  # one line, whatever the message held
    print(f"{prefix}: {line}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": {"code": code, "message": line}}, ensure_ascii=False))
    return exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; errors become one Ukrainian line (and the
    JSON error on stdout with --format json). A bad command line exits 2 as argparse does."""
    _config_warnings_to_stderr()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except UsageError as exc:
        sys.stderr.write(exc.usage)
        raise SystemExit(fail(str(exc), ERROR_USAGE, EXIT_UNREADABLE,
                              as_json=_asks_for_json(arguments))) from None
    as_json = getattr(args, "format", None) == "json"
    try:
        return int(args.run(args))
    except ConfigError as exc:
        return fail(str(exc), exc.code, EXIT_UNREADABLE, as_json=as_json)
    except SourceError as exc:
        return fail(str(exc), ERROR_SOURCE, EXIT_UNREADABLE, as_json=as_json)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the user never sees a traceback
        return fail(f"{type(exc).__name__}: {exc}. Повідомте розробників.", ERROR_INTERNAL,
                    EXIT_INTERNAL, as_json=as_json, prefix="Внутрішня помилка")
