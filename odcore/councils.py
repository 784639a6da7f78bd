"""Councils (tenants) of a multi-council deployment: one councils file, one entry per hromada.

An oblast runs one deployment for all its hromadas (docs/councils.md). The councils file is
TOML, named by ``--councils FILE``, ``ODCORE_COUNCILS`` or ``councils`` in ``[odcore]`` of
secrets.toml; without one, everything works as for a single council. Each ``[[council]]``
gives an ``id`` (a slug: the ``?council=`` of the URL and ``--council`` of the CLI), a
``name``, the main ``spreadsheet`` (a Google Sheets address, ``gsheets:KEY``, a workbook or a
CSV folder; department spreadsheets are listed in its tab «Підрозділи», as for one council),
the ``service_account`` that reads it (a key file's path, relative to the councils file, or
``secrets:NAME`` for a ``[connections.NAME]`` section of secrets.toml), a ``public_slug`` and
``[council.settings]``: overrides of ``[odcore]``, validated by :class:`~odcore.settings.Settings`.

Every problem is a :class:`CouncilsError` in Ukrainian that names the file, the council and
the key. A service account's place is never put in a message or a log line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from odcore.config import (
    AppConfig,
    ConfigError,
    _merge,
    _validation_text,
    load_config,
    read_secrets,
    toml_error_uk,
)
from odcore.settings import Settings

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
SECRETS_PREFIX = "secrets:"
COUNCIL_KEYS = ("id", "name", "spreadsheet", "service_account", "public_slug", "settings")


class CouncilsError(ConfigError):
    """The councils file cannot be used; the message names the file, the council and the key."""

    code = "councils_invalid"


@dataclass(frozen=True)
class CouncilEntry:
    """One hromada of the councils file."""

    id: str
    name: str
    spreadsheet: str
    public_slug: str
    service_account: str = field(default="", repr=False)  # never shown: it locates a key
    overrides: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def settings(self, base: Mapping[str, Any]) -> Settings:
        """``[odcore]`` of secrets.toml with this council's overrides and name on top."""
        section = _merge(dict(base), dict(self.overrides))
        council = dict(section.get("council") or {})
        council["name"] = self.name
        section["council"] = council
        return Settings.model_validate(section)

    def gsheets_secrets(self, secrets: Mapping[str, Any], folder: Path) -> dict[str, Any]:
        """The ``[connections.gsheets]`` fields this council reads Google with: its key file's
        fields, or its ``[connections.NAME]`` section (``{}`` when it names none)."""
        import json

        if not self.service_account:
            section = secrets.get("connections", {}).get("gsheets", {})
            return dict(section) if isinstance(section, Mapping) else {}
        if self.service_account.startswith(SECRETS_PREFIX):
            name = self.service_account.removeprefix(SECRETS_PREFIX)
            section = secrets.get("connections", {}).get(name)
            if not isinstance(section, Mapping):
                raise CouncilsError(
                    f"Громада «{self.id}»: service_account називає розділ "
                    f"[connections.{name}], якого немає в secrets.toml.")
            return dict(section)
        path = Path(self.service_account).expanduser()
        if not path.is_absolute():
            path = folder / path
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            raise CouncilsError(
                f"Громада «{self.id}»: файл ключа сервісного облікового запису "
                "(service_account) не читається як JSON.") from None
        if not isinstance(info, dict):
            raise CouncilsError(f"Громада «{self.id}»: файл ключа (service_account) не є "
                                "обʼєктом JSON.")
        return info


@dataclass(frozen=True)
class Councils:
    """Every council of a councils file, in the file's order."""

    path: Path
    entries: tuple[CouncilEntry, ...]

    def get(self, council_id: str) -> CouncilEntry:
        """The council with this id; CouncilsError (naming the known ids) otherwise."""
        for entry in self.entries:
            if entry.id == council_id:
                return entry
        known = ", ".join(e.id for e in self.entries[:10])
        raise CouncilsError(f"Громаду «{council_id}» не знайдено у файлі громад "
                            f"{self.path.name} (є: {known}…).")

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.entries]


def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise CouncilsError(f"{where}: ключ {key} має бути текстом у лапках.")
    if required and not value.strip():
        raise CouncilsError(f"{where}: немає ключа {key} (він обовʼязковий).")
    return value.strip()


def _entry(raw: Any, number: int, shown: str, seen: set[str]) -> CouncilEntry:
    where = f"Файл громад {shown}, громада № {number}"
    if not isinstance(raw, Mapping):
        raise CouncilsError(f"{where}: має бути розділом [[council]] з ключами.")
    council_id = _text(raw, "id", where)
    where = f"Файл громад {shown}, громада «{council_id}»"
    if not SLUG.match(council_id):
        raise CouncilsError(f"{where}: ключ id має складатися з малих латинських літер, цифр "
                            "і дефісів (наприклад, zhmerynska), до 64 знаків.")
    if council_id in seen:
        raise CouncilsError(f"{where}: ключ id повторюється (кожна громада має свій id).")
    for key in raw:
        if key not in COUNCIL_KEYS:
            raise CouncilsError(f"{where}: невідомий ключ {key}. Ключі громади: "
                                + ", ".join(COUNCIL_KEYS) + ".")
    slug = _text(raw, "public_slug", where, required=False) or council_id
    if not SLUG.match(slug):
        raise CouncilsError(f"{where}: ключ public_slug має складатися з малих латинських "
                            "літер, цифр і дефісів.")
    overrides = raw.get("settings", {})
    if not isinstance(overrides, Mapping):
        raise CouncilsError(f"{where}: settings має бути розділом [council.settings].")
    entry = CouncilEntry(
        id=council_id, name=_text(raw, "name", where), spreadsheet=_text(raw, "spreadsheet", where),
        public_slug=slug, service_account=_text(raw, "service_account", where, required=False),
        overrides=dict(overrides))
    try:
        entry.settings({})
    except ValidationError as exc:
        raise CouncilsError(f"{where}: settings має неправильні значення: "
                            f"{_validation_text(exc)}.") from None
    return entry


def load_councils(path: Path) -> Councils:
    """The councils of a TOML file; CouncilsError naming the file, council and key."""
    shown = path.name
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except OSError as exc:
        raise CouncilsError(f"Файл громад {shown} не прочитано: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise CouncilsError(f"Файл громад {shown} збережено не в кодуванні UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CouncilsError(f"Файл громад {shown} містить помилку: "
                            f"{toml_error_uk(str(exc))}.") from None
    raw = data.get("council")
    if not isinstance(raw, list) or not raw:
        raise CouncilsError(f"Файл громад {shown}: немає жодного розділу [[council]].")
    seen: set[str] = set()
    entries = []
    for number, item in enumerate(raw, 1):
        entry = _entry(item, number, shown, seen)
        seen.add(entry.id)
        entries.append(entry)
    return Councils(path, tuple(entries))


def council_config(base: AppConfig, councils: Councils, council_id: str) -> AppConfig:
    """The configuration of one council: ``base`` (secrets.toml and the environment) with the
    council's spreadsheet, service account, name and settings."""
    entry = councils.get(council_id)
    section = base.secrets.get("odcore", {})
    try:
        settings = entry.settings(section if isinstance(section, Mapping) else {})
    except ValidationError as exc:
        raise CouncilsError(f"Файл громад {councils.path.name}, громада «{entry.id}»: settings "
                            f"має неправильні значення: {_validation_text(exc)}.") from None
    secrets = dict(base.secrets)
    if entry.service_account:
        connections = dict(secrets.get("connections") or {})
        connections["gsheets"] = entry.gsheets_secrets(base.secrets, councils.path.parent)
        secrets["connections"] = connections
    location = entry.spreadsheet
    if not location.startswith("gsheets:") and "docs.google.com" not in location:
        candidate = Path(location).expanduser()
        if not candidate.is_absolute():
            location = str(councils.path.parent / candidate)
    return AppConfig(settings=settings, source_location=location, is_demo=False,
                     public_only=base.public_only, open_access=base.open_access,
                     secrets=secrets, warnings=base.warnings, signin=base.signin,
                     council=entry.id, own_service_account=bool(entry.service_account),
                     worker=base.worker, database_url=base.database_url)


COUNCILS_ENV = "ODCORE_COUNCILS"


def councils_path(explicit: str | None, secrets: Mapping[str, Any]) -> Path | None:
    """The councils file: ``--councils``, else ODCORE_COUNCILS, else ``[odcore] councils``;
    None for a single-council deployment."""
    section = secrets.get("odcore", {})
    configured = section.get("councils") if isinstance(section, Mapping) else None
    text = explicit or os.environ.get(COUNCILS_ENV, "").strip() or configured or ""
    if not isinstance(text, str):
        raise CouncilsError("Розділ [odcore] у secrets.toml: councils має бути шляхом до файлу "
                            "громад у лапках.")
    return Path(text).expanduser() if text.strip() else None


def configured_councils(explicit: str | None = None) -> Councils | None:
    """The deployment's councils (None without a councils file); CouncilsError. A secrets
    file that cannot be read is load_config's to report: then only ``explicit`` and
    ODCORE_COUNCILS can name the councils file."""
    try:
        secrets = read_secrets()
    except ConfigError:
        secrets = {}
    path = councils_path(explicit, secrets)
    return load_councils(path) if path is not None else None


def resolve_config(cli_source: str | None = None, council: str | None = None,
                   councils_file: str | None = None) -> AppConfig:
    """The configuration of a command or page: one council's when ``council`` is given (it
    needs a councils file), else the single council's as today."""
    base = load_config(cli_source)
    councils = configured_councils(councils_file)
    if not council:
        return base
    if councils is None:
        raise CouncilsError(f"Громаду «{council}» вказано, але файл громад не налаштовано: "
                            f"--councils ФАЙЛ, {COUNCILS_ENV} або councils у [odcore].")
    return council_config(base, councils, council)
