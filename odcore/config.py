"""Configuration resolved in one place: secrets.toml, the environment, the source to read.

odcore reads ``secrets.toml`` itself (tomllib), from the same places Streamlit does, so the
CLI works without Streamlit. Precedence for the source: the CLI's SOURCE, else
``ODCORE_SOURCE``, else ``[odcore] source``, else ``spreadsheet`` of
``[connections.gsheets]``, else the bundled demo workbook.

A key that nothing reads (a typo such as ``plan_frist_year``) is a warning, not an error: the
default applies and the site keeps running, while :attr:`AppConfig.warnings`, the log (once
per process) and the CLI's stderr name the key and the nearest known one.

A file that cannot be used (not UTF-8, bad TOML, a value of the wrong type) is a
:class:`ConfigError` naming the file and the key or line. It carries the access flags that
could still be resolved (:class:`AccessFlags`), so that the app knows whether the full message
may be shown (internal pages) or only a neutral notice (public pages).
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

from odcore.roles import AccessFlags, SignIn
from odcore.schema.vocab import UpdateFrequency, allowed_values, match_vocabulary
from odcore.settings import Council, MailSettings, Settings, without_demo_contact
from odcore.signin import SignInSetup, resolve_sign_in

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_WORKBOOK = PROJECT_ROOT / "data" / "demo.xlsx"
# Keys of [odcore] that load_config reads itself; Settings reads the others.
CONFIG_KEYS = ("source", "public_only", "open_access", "worker", "database", "councils")
# [odcore.access]: who signs in with which role (odcore.roles, docs/access.md).
ACCESS_SECTION = "access"

log = logging.getLogger(__name__)
_logged_warnings: set[str] = set()


class ConfigError(Exception):
    """The configuration cannot be used; the message is Ukrainian and names the place.

    ``access`` holds the flags that could still be resolved (the environment, and the
    secrets file when it was read); None when nothing is known: the site is then public.
    """

    code = "config_invalid"  # the CLI's machine-readable error code

    def __init__(self, message: str, access: AccessFlags | None = None) -> None:
        super().__init__(message)
        self.access = access


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


_UTF8_BOM = b"\xef\xbb\xbf"


def _secrets_text(path: Path) -> str:
    """The file's text; one that is not UTF-8 (Windows-1251 from Notepad) is a ConfigError
    naming the file and the first line that cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Не вдалося прочитати файл налаштувань {path}: "
                          f"{exc.strerror or exc}.") from None
    # Notepad's "UTF-8 with BOM" is still UTF-8: the mark is not part of what was typed.
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ConfigError(
            f"Файл налаштувань {path} збережено не в кодуванні UTF-8 (рядок {line} містить "
            "символ, якого немає в UTF-8; мабуть, файл збережено в Windows-1251). Збережіть "
            "його як UTF-8: у Блокноті «Файл» → «Зберегти як» → «Кодування: UTF-8».") from None


def read_secrets() -> dict[str, Any]:
    """Every secrets file merged; one that is not UTF-8 or not valid TOML raises ConfigError
    naming the file and the line."""
    merged: dict[str, Any] = {}
    for path in secrets_paths():
        if not path.is_file():
            continue
        text = _secrets_text(path)
        try:
            merged = _merge(merged, tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"Файл налаштувань {path} містить помилку: {toml_error_uk(str(exc))}. Виправте "
                "цей рядок або видаліть файл, щоб запустити демонстраційні дані.") from None
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
    """Ukrainian warnings for keys of [odcore], [odcore.council], [odcore.mail] and
    [odcore.grace_days] that nothing reads; ``where`` names the file(s) to fix."""
    warnings: list[str] = []
    known = sorted({*CONFIG_KEYS, ACCESS_SECTION, *Settings.model_fields})
    for key in section:
        if key not in known:
            warnings.append(
                f"У розділі [odcore] ({where}) невідомий ключ «{key}», його не "
                f"враховано.{_hint(str(key), known)} Усі ключі описано у "
                ".streamlit/secrets.toml.example.")
    for table, model in (("council", Council), ("mail", MailSettings)):
        keys = section.get(table)
        if not isinstance(keys, Mapping):
            continue
        known_keys = sorted(model.model_fields)
        for key in keys:
            if key not in known_keys:
                warnings.append(
                    f"У розділі [odcore.{table}] ({where}) невідомий ключ «{key}», "
                    f"його не враховано.{_hint(str(key), known_keys)} Ключі розділу: "
                    + ", ".join(known_keys) + ".")
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


# What each pydantic error type means for a value typed in secrets.toml, in Ukrainian.
_TYPE_MESSAGES: dict[str, str] = {
    "int_parsing": "має бути цілим числом без лапок (наприклад, 300)",
    "int_type": "має бути цілим числом без лапок (наприклад, 300)",
    "int_from_float": "має бути цілим числом без лапок (наприклад, 300)",
    "float_parsing": "має бути числом без лапок (наприклад, 0.75)",
    "float_type": "має бути числом без лапок (наприклад, 0.75)",
    "bool_parsing": "має бути true або false без лапок",
    "bool_type": "має бути true або false без лапок",
    "string_type": "має бути текстом у лапках",
    "date_parsing": "має бути датою РРРР-ММ-ДД без лапок (наприклад, 2024-02-26)",
    "date_from_datetime_parsing": "має бути датою РРРР-ММ-ДД без лапок (наприклад, 2024-02-26)",
    "date_from_datetime_inexact": "має бути датою РРРР-ММ-ДД без часу",
    "date_type": "має бути датою РРРР-ММ-ДД без лапок (наприклад, 2024-02-26)",
    "dict_type": "має бути окремим розділом [odcore.…] з ключами",
    "model_type": "має бути окремим розділом [odcore.…] з ключами",
    "model_attributes_type": "має бути окремим розділом [odcore.…] з ключами",
    "list_type": "має бути списком у квадратних дужках (наприклад, [\"…\"])",
}
_SHOWN_VALUE_CHARS = 60  # a longer value is cut in the message: the key already names it


def _shown_value(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_VALUE_CHARS else text[:_SHOWN_VALUE_CHARS - 1] + "…"


def _validation_text(exc: ValidationError) -> str:
    """Pydantic's errors in one Ukrainian line: ``key = value: what is wrong; ...``."""
    parts = []
    for error in exc.errors():
        key = ".".join(str(p) for p in error["loc"])
        message = _TYPE_MESSAGES.get(
            error["type"], str(error["msg"]).removeprefix("Value error, "))
        parts.append(f"{key} = {_shown_value(error['input'])}: {message}" if key else message)
    return "; ".join(parts)


def log_once(logger: logging.Logger, level: int, message: str) -> None:
    """Write ``message`` to ``logger`` the first time it comes: the app loads the
    configuration several times on every rerun, and one broken file should be one log line,
    not thousands."""
    if message not in _logged_warnings:
        _logged_warnings.add(message)
        logger.log(level, "%s", message)


def _log_once(warnings: list[str] | tuple[str, ...], level: int = logging.WARNING) -> None:
    for warning in warnings:
        log_once(log, level, warning)


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
    signin: SignInSetup = field(default_factory=SignInSetup, repr=False)
    # A multi-council deployment (docs/councils.md): the council's id ("" for a single
    # council) and whether its key comes from the councils file (then the environment's
    # GOOGLE_APPLICATION_CREDENTIALS does not replace it).
    council: str = ""
    own_service_account: bool = False
    # The refresh worker reads Google; the web serves only the copies it kept (ODCORE_WORKER).
    worker: bool = False
    # PostgreSQL for the kept copies (ODCORE_DATABASE_URL / [odcore] database); "" keeps them
    # in files. It may hold a password: shown only through odcore.dburl.redact_url.
    database_url: str = field(default="", repr=False)

    @property
    def access(self) -> AccessFlags:
        """The flags that decide the pages (with sign-in's state)."""
        return AccessFlags(self.is_demo, self.public_only, self.open_access, self.signin.state)

    @property
    def gsheets_secrets(self) -> dict[str, Any]:
        section = self.secrets.get("connections", {}).get("gsheets", {})
        return section if isinstance(section, dict) else {}


def _section_flag(section: Mapping[str, Any], key: str, where: str) -> bool:
    """A true/false key of [odcore]; text such as "false" would read as true, so it is refused."""
    value = section.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(
            f"Розділ [odcore] у {where} має неправильне значення: {key} = "
            f"{_shown_value(value)}: має бути true або false без лапок.")
    return value


def _flag(env_name: str, section: Mapping[str, Any], key: str, where: str) -> bool:
    """An access flag: the environment wins over [odcore]."""
    from_env = _env_flag(env_name)
    return from_env if from_env is not None else _section_flag(section, key, where)


def _check_source(section: Mapping[str, Any], where: str) -> None:
    value = section.get("source")
    if value is not None and not isinstance(value, str):
        raise ConfigError(
            f"Розділ [odcore] у {where} має неправильне значення: source = "
            f"{_shown_value(value)}: має бути текстом у лапках (шлях до книги або адреса "
            "Google Таблиці).")


def _database_url(section: Mapping[str, Any], where: str) -> str:
    """ODCORE_DATABASE_URL, else ``[odcore] database``, else "" (files). The value is never
    quoted in a message: it may hold a password."""
    from_env = os.environ.get("ODCORE_DATABASE_URL", "").strip()
    if from_env:
        return from_env
    value = section.get("database", "")
    if not isinstance(value, str):
        raise ConfigError(
            f"Розділ [odcore] у {where} має неправильне значення: database має бути текстом у "
            "лапках (адреса PostgreSQL, напр. \"postgresql://odcore:ПАРОЛЬ@localhost/odcore\").")
    return value.strip()


def _location(cli_source: str | None, secrets: Mapping[str, Any],
              section: Mapping[str, Any]) -> str:
    gsheets = secrets.get("connections", {}).get("gsheets", {})
    location = (cli_source or os.environ.get("ODCORE_SOURCE") or section.get("source")
                or (gsheets.get("spreadsheet") if isinstance(gsheets, dict) else None) or "")
    return str(location).strip()


def _sign_in_state(secrets: Mapping[str, Any]) -> SignIn:
    """Whether [auth] is there, for flags of a configuration that cannot be used: with it,
    open access never applies (whether [auth] itself works is checked by load_config)."""
    return SignIn.OFF if secrets.get("auth") is None else SignIn.ON


def _access_without_secrets() -> AccessFlags:
    """The flags when the secrets file cannot be read: the environment alone decides. The
    source is unknown, so it is not the demo: internal pages (which then show only the error)
    need ODCORE_OPEN_ACCESS=1, an intranet install's own setting."""
    return AccessFlags(is_demo=False, public_only=_env_flag("ODCORE_PUBLIC_ONLY") is True,
                       open_access=_env_flag("ODCORE_OPEN_ACCESS") is True)


def _access_from_section(cli_source: str | None, secrets: Mapping[str, Any],
                         section: Mapping[str, Any], where: str) -> AccessFlags:
    """The flags from the environment and [odcore]; a flag typed wrongly fails closed here
    (the ConfigError about it comes from load_config)."""
    def flag(env_name: str, key: str, fallback: bool) -> bool:
        try:
            return _flag(env_name, section, key, where)
        except ConfigError:
            return fallback
    sign_in = _sign_in_state(secrets)
    return AccessFlags(is_demo=not _location(cli_source, secrets, section),
                       public_only=flag("ODCORE_PUBLIC_ONLY", "public_only", True),
                       open_access=sign_in is SignIn.OFF
                       and flag("ODCORE_OPEN_ACCESS", "open_access", False),
                       sign_in=sign_in)


def load_config(cli_source: str | None = None) -> AppConfig:
    """Resolve settings, the source and the access flags (environment wins over secrets).

    A ConfigError carries the access flags that could still be resolved.
    """
    try:
        secrets = read_secrets()
    except ConfigError as exc:
        raise ConfigError(str(exc), _access_without_secrets()) from None
    section = secrets.get("odcore", {})
    if not isinstance(section, dict):
        raise ConfigError("У secrets.toml «odcore» має бути розділом [odcore].",
                          _access_from_section(cli_source, secrets, {}, ""))
    where = ", ".join(_shown_path(p) for p in secrets_paths() if p.is_file()) or "secrets.toml"
    access = _access_from_section(cli_source, secrets, section, where)
    try:
        settings = Settings.model_validate(section)
        _check_source(section, where)
        public_only = _flag("ODCORE_PUBLIC_ONLY", section, "public_only", where)
        open_access = _flag("ODCORE_OPEN_ACCESS", section, "open_access", where)
        worker = _flag("ODCORE_WORKER", section, "worker", where)
        database_url = _database_url(section, where)
    except ValidationError as exc:
        raise ConfigError(
            f"Розділ [odcore] у {where} має неправильні значення: {_validation_text(exc)}. "
            "Виправте їх (зразок: .streamlit/secrets.toml.example).", access) from None
    except ConfigError as exc:
        raise ConfigError(f"{exc} Зразок: .streamlit/secrets.toml.example.", access) from None
    warnings = settings_warnings(section, where)
    signin = resolve_sign_in(secrets, section.get(ACCESS_SECTION), where)
    warnings.extend(signin.warnings)
    if signin.state is not SignIn.OFF and open_access:
        # Roles decide who sees internal pages; a flag must not open them to everyone.
        warnings.append(
            "Вхід увімкнено (розділ [auth]), тому ODCORE_OPEN_ACCESS / open_access не діє: "
            "внутрішні сторінки бачать лише ті, кому роль дано в [odcore.access].")
        open_access = False
    _log_once(warnings)
    _log_once(signin.problems, logging.ERROR)
    location = _location(cli_source, secrets, section)
    is_demo = not location
    if is_demo:
        location = str(DEMO_WORKBOOK)
    if not _is_demo_workbook(location):
        settings = without_demo_contact(settings)
    return AppConfig(settings=settings, source_location=location, is_demo=is_demo,
                     public_only=public_only, open_access=open_access, secrets=secrets,
                     warnings=(*signin.problems, *warnings), signin=signin, worker=worker,
                     database_url=database_url)


def _is_demo_workbook(location: str) -> bool:
    """Whether the source is the bundled demo workbook, named or by default: only its pages
    show the demo council's contact (docs/pages.md)."""
    try:
        return Path(location).resolve() == DEMO_WORKBOOK.resolve()
    except (OSError, ValueError):
        return False


def is_google_location(location: str) -> bool:
    """Whether the source is a Google spreadsheet (``gsheets:KEY`` or its address)."""
    return location.startswith("gsheets:") or "docs.google.com/spreadsheets/" in location
