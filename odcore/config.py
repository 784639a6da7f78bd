"""Configuration resolved in one place: secrets.toml, the environment, the source to read.

odcore reads ``secrets.toml`` itself (tomllib), from the same places Streamlit does, so the
CLI works without Streamlit. Precedence for the source: the CLI's SOURCE, else
``ODCORE_SOURCE``, else ``[odcore] source``, else ``spreadsheet`` of
``[connections.gsheets]``, else the bundled demo workbook.

A key that nothing reads (a typo such as ``plan_frist_year``) is a warning, not an error: the
default applies and the site keeps running, while :attr:`AppConfig.warnings`, the log (once
per process) and the CLI's stderr name the key and the nearest known one.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from odcore.schema.vocab import UpdateFrequency, allowed_values, match_vocabulary
from odcore.settings import Council, Settings
from odcore.sources.base import Source, SourceError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_WORKBOOK = PROJECT_ROOT / "data" / "demo.xlsx"
# Keys of [odcore] that load_config reads itself; Settings reads the others.
CONFIG_KEYS = ("source", "public_only", "open_access")

log = logging.getLogger(__name__)
_logged_warnings: set[str] = set()


class ConfigError(Exception):
    """The configuration cannot be used; the message is Ukrainian and names the place."""


def secrets_paths() -> list[Path]:
    """Where secrets.toml is looked for, lowest priority first (as Streamlit does).

    ``ODCORE_SECRETS_FILE`` replaces the list with one file (tests use it).
    """
    override = os.environ.get("ODCORE_SECRETS_FILE")
    if override:
        return [Path(override)]
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def toml_error_uk(message: str) -> str:
    """tomllib's English error with its place said in Ukrainian (``рядок 2, стовпець 12``)."""
    match = _TOML_PLACE.search(message)
    if match:
        what = message[:match.start()].strip()
        return f"рядок {match.group(1)}, стовпець {match.group(2)} ({what})"
    if "end of document" in message:
        return ("файл закінчився посеред значення — мабуть, не закрито лапки \" або \"\"\" "
                f"({message})")
    return message


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_secrets() -> dict[str, Any]:
    """Every secrets file merged; a malformed one raises ConfigError naming the line."""
    merged: dict[str, Any] = {}
    for path in secrets_paths():
        if not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                merged = _merge(merged, tomllib.load(handle))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"Файл налаштувань {path} містить помилку: {toml_error_uk(str(exc))}. Виправте "
                "цей рядок або видаліть файл, щоб запустити демонстраційні дані.") from None
        except OSError as exc:
            raise ConfigError(f"Не вдалося прочитати файл налаштувань {path}: {exc}.") from None
    return merged


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip().casefold() in {"1", "true", "yes", "так", "on"}


def _shown_path(path: Path) -> str:
    """A secrets file as messages name it: its folder and name, never the server's full path."""
    return f"{path.parent.name}/{path.name}"


def _hint(word: str, known: list[str]) -> str:
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" Можливо, мали на увазі «{match[0]}»?" if match else ""


def settings_warnings(section: Mapping[str, Any], where: str = "secrets.toml") -> list[str]:
    """Ukrainian warnings for keys of [odcore], [odcore.council] and [odcore.grace_days] that
    nothing reads; ``where`` names the file(s) to fix."""
    warnings: list[str] = []
    known = sorted({*CONFIG_KEYS, *Settings.model_fields})
    for key in section:
        if key not in known:
            warnings.append(
                f"У розділі [odcore] ({where}) невідомий ключ «{key}», його не "
                f"враховано.{_hint(str(key), known)} Усі ключі описано у "
                ".streamlit/secrets.toml.example.")
    council = section.get("council")
    if isinstance(council, Mapping):
        known_council = sorted(Council.model_fields)
        for key in council:
            if key not in known_council:
                warnings.append(
                    f"У розділі [odcore.council] ({where}) невідомий ключ «{key}», "
                    f"його не враховано.{_hint(str(key), known_council)} Ключі розділу: "
                    + ", ".join(known_council) + ".")
    grace = section.get("grace_days")
    if isinstance(grace, Mapping):
        frequencies = allowed_values(UpdateFrequency)
        for key in grace:
            if match_vocabulary(UpdateFrequency, str(key)) is None:
                warnings.append(
                    f"«{key}» у розділі [odcore.grace_days] ({where}) не є "
                    f"частотою оновлення, тому ці дні не враховано.{_hint(str(key), frequencies)} "
                    "Частоти: " + ", ".join(f"«{f}»" for f in frequencies) + ".")
    return warnings


def _validation_text(exc: ValidationError) -> str:
    """Pydantic's errors in one line: ``key = value: what is wrong; ...``."""
    parts = []
    for error in exc.errors():
        key = ".".join(str(p) for p in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{key} = {error['input']!r}: {message}" if key else message)
    return "; ".join(parts)


def _log_once(warnings: list[str]) -> None:
    # The app loads the configuration on every rerun: each warning reaches the log once.
    for warning in warnings:
        if warning not in _logged_warnings:
            _logged_warnings.add(warning)
            log.warning("%s", warning)


@dataclass
class AppConfig:
    """What the app and the CLI run with; ``warnings`` name settings that were not applied."""

    settings: Settings
    source_location: str  # a path, a Google Sheets URL / gsheets:KEY, or the demo path
    is_demo: bool
    public_only: bool = False
    open_access: bool = False
    secrets: dict[str, Any] = field(default_factory=dict, repr=False)
    warnings: tuple[str, ...] = ()

    @property
    def gsheets_secrets(self) -> dict[str, Any]:
        section = self.secrets.get("connections", {}).get("gsheets", {})
        return section if isinstance(section, dict) else {}


def load_config(cli_source: str | None = None) -> AppConfig:
    """Resolve settings, the source and the access flags (environment wins over secrets)."""
    secrets = read_secrets()
    section = secrets.get("odcore", {})
    if not isinstance(section, dict):
        raise ConfigError("У secrets.toml «odcore» має бути розділом [odcore].")
    where = ", ".join(_shown_path(p) for p in secrets_paths() if p.is_file()) or "secrets.toml"
    try:
        settings = Settings.model_validate(section)
    except ValidationError as exc:
        raise ConfigError(
            f"Розділ [odcore] у {where} має неправильні значення: {_validation_text(exc)}. "
            "Виправте їх (зразок: .streamlit/secrets.toml.example).") from None
    warnings = settings_warnings(section, where)
    _log_once(warnings)
    gsheets = secrets.get("connections", {}).get("gsheets", {})
    location = (cli_source or os.environ.get("ODCORE_SOURCE") or section.get("source")
                or (gsheets.get("spreadsheet") if isinstance(gsheets, dict) else None) or "")
    location = str(location).strip()
    is_demo = not location
    if is_demo:
        location = str(DEMO_WORKBOOK)
    public_only = _env_flag("ODCORE_PUBLIC_ONLY")
    if public_only is None:
        public_only = bool(section.get("public_only", False))
    open_access = _env_flag("ODCORE_OPEN_ACCESS")
    if open_access is None:
        open_access = bool(section.get("open_access", False))
    return AppConfig(settings=settings, source_location=location, is_demo=is_demo,
                     public_only=public_only, open_access=open_access, secrets=secrets,
                     warnings=tuple(warnings))


def is_google_location(location: str) -> bool:
    """Whether the source is a Google spreadsheet (``gsheets:KEY`` or its address)."""
    return location.startswith("gsheets:") or "docs.google.com/spreadsheets/" in location


def ensure_demo_workbook(path: Path = DEMO_WORKBOOK) -> Path:
    """Write the demo workbook when it is absent (make run does this too)."""
    if not path.exists():
        from odcore.demo import write_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path)
    return path


def open_source(config: AppConfig) -> Source:
    """The Source for the configured location; SourceError when it cannot be used."""
    location = config.source_location
    if config.is_demo:
        ensure_demo_workbook(Path(location))
    if is_google_location(location):
        from odcore.sources.gsheets import open_google_source

        return open_google_source(location, config)
    path = Path(location).expanduser()
    if path.is_dir():
        from odcore.sources.csv_folder import CsvFolderSource

        return CsvFolderSource(path, is_demo=config.is_demo,
                               limits=config.settings.read_limits())
    from odcore.sources.workbook_file import WorkbookFileSource

    if not path.exists():
        raise SourceError(f"Файл не знайдено: {path}")
    return WorkbookFileSource(path, is_demo=config.is_demo,
                              limits=config.settings.read_limits())
