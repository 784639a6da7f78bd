"""The sign-in settings: ``[auth]`` (Streamlit's OpenID Connect sign-in) and ``[odcore.access]``.

Streamlit parses no secrets file in this project (``secrets.files = []`` in
``.streamlit/config.toml``: its reader stops the server on a file that is not UTF-8). odcore
reads secrets.toml itself (:mod:`odcore.config`), checks ``[auth]`` here, and
``odcore.ui.signin`` hands the checked section to Streamlit's auth. A section that cannot work
is never handed over: the site then serves public pages only and the log says why
(docs/access.md). Messages name keys, never a value: ``[auth]`` holds secrets.
"""

from __future__ import annotations

import importlib.util
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from odcore.roles import AccessConfigError, AccessPolicy, SignIn, parse_access_policy

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
SHARED_KEYS = ("redirect_uri", "cookie_secret", "expose_tokens")
DEFAULT_PROVIDER = "default"  # the provider whose keys sit in [auth] itself: st.login()
CALLBACK_PATH = "/oauth2callback"  # the path Streamlit's auth serves the provider's answer on
# Streamlit signs the identity cookie with cookie_secret; a short one can be guessed.
MIN_COOKIE_SECRET_CHARS = 32
# The packages Streamlit's OpenID Connect sign-in imports (streamlit[auth]).
AUTH_PACKAGES = ("authlib", "httpx")


class SignInConfigError(Exception):
    """``[auth]`` cannot work; the message is Ukrainian, names the key and no value."""


@dataclass(frozen=True)
class SignInSetup:
    """What sign-in runs with. ``auth`` is the checked ``[auth]`` handed to Streamlit;
    ``providers`` the names for ``st.login`` ("default" for the keys in ``[auth]`` itself);
    ``problems`` why sign-in is broken (the site then serves public pages only)."""

    state: SignIn = SignIn.OFF
    auth: Mapping[str, Any] | None = None
    providers: tuple[str, ...] = ()
    policy: AccessPolicy | None = None
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(value: object, key: str, place: str, *, path_end: str = "") -> str:
    """An absolute https URL (http only on this computer: localhost, 127.0.0.1)."""
    if not isinstance(value, str) or not value.strip():
        raise SignInConfigError(f"{place}: {key} має бути адресою в лапках.")
    # Streamlit fills a {port} placeholder of redirect_uri with the server's port.
    parts = urlsplit(value.strip().replace("{port}", "8501"))
    secure = parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname))
    if not parts.hostname or not secure:
        raise SignInConfigError(
            f"{place}: {key} має бути повною адресою https://… (http:// — лише для "
            "localhost під час перевірки).")
    if path_end and not parts.path.endswith(path_end):
        raise SignInConfigError(
            f"{place}: {key} має закінчуватися на {path_end}, наприклад "
            f"https://opendata.rada.gov.ua{path_end} (ту саму адресу впишіть у Google Cloud "
            "Console як «Authorized redirect URI»).")
    return value


def _text(value: object, key: str, place: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SignInConfigError(f"{place}: {key} має бути непорожнім текстом у лапках.")
    return value


# The value types Streamlit accepts in its secrets (a TOML date or time is none of them).
_PLAIN = (str, int, float, bool)


def _plain(value: object) -> bool:
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _provider(section: Mapping[str, Any], name: str, place: str) -> None:
    missing = [key for key in PROVIDER_KEYS if key not in section]
    if missing:
        raise SignInConfigError(f"{place}: бракує ключів " + ", ".join(missing) + ".")
    _text(section["client_id"], "client_id", place)
    _text(section["client_secret"], "client_secret", place)
    _url(section["server_metadata_url"], "server_metadata_url", place)
    kwargs = section.get("client_kwargs")
    if kwargs is not None and not isinstance(kwargs, Mapping):
        raise SignInConfigError(f"{place}: client_kwargs має бути таблицею {{ ... }}.")
    if "_" in name:
        raise SignInConfigError(
            f"Розділ [auth.{name}]: назва постачальника не може містити «_» (так вимагає "
            "Streamlit); назвіть його, наприклад, [auth.google].")


def check_auth_section(section: object, where: str = "secrets.toml") -> tuple[tuple[str, ...],
                                                                              list[str]]:
    """The sign-in providers of ``[auth]`` and Ukrainian warnings; SignInConfigError naming
    the key when the section cannot work (no value is quoted: they are secrets)."""
    place = f"Розділ [auth] у {where}"
    if not isinstance(section, Mapping):
        raise SignInConfigError(f"У {where} «auth» має бути розділом [auth].")
    if not _plain(section):
        raise SignInConfigError(f"{place}: значення мають бути текстом, числами, true/false, "
                                "списками або таблицями (дата чи час тут не підходять).")
    for key in ("redirect_uri", "cookie_secret"):
        if key not in section:
            raise SignInConfigError(f"{place}: бракує ключа {key}.")
    _url(section["redirect_uri"], "redirect_uri", place, path_end=CALLBACK_PATH)
    secret = _text(section["cookie_secret"], "cookie_secret", place)
    tokens = section.get("expose_tokens", [])
    listed = [tokens] if isinstance(tokens, str) else tokens if isinstance(tokens, list) else [None]
    if not all(token in ("id", "access") for token in listed):
        raise SignInConfigError(f"{place}: expose_tokens може бути лише \"id\" або \"access\" "
                                "(або список з них); панелі токени не потрібні.")
    providers: list[str] = []
    if any(key in section for key in PROVIDER_KEYS):
        _provider(section, DEFAULT_PROVIDER, place)
        providers.append(DEFAULT_PROVIDER)
    for name, value in section.items():
        if isinstance(value, Mapping) and name != "client_kwargs":
            _provider(value, str(name), f"Розділ [auth.{name}] у {where}")
            providers.append(str(name))
    if not providers:
        raise SignInConfigError(
            f"{place}: не вказано постачальника входу: client_id, client_secret і "
            "server_metadata_url (у самому [auth] або в розділі [auth.назва]).")
    warnings = []
    if len(secret) < MIN_COOKIE_SECRET_CHARS:
        warnings.append(
            f"{place}: cookie_secret коротший за {MIN_COOKIE_SECRET_CHARS} символи; його "
            "можна вгадати. Згенеруйте довгий: python -c \"import secrets; "
            "print(secrets.token_hex(32))\".")
    return tuple(providers), warnings


def missing_auth_packages() -> list[str]:
    """The packages Streamlit's sign-in needs that are not installed."""
    return [name for name in AUTH_PACKAGES if importlib.util.find_spec(name) is None]


def resolve_sign_in(secrets: Mapping[str, Any], access: object, where: str) -> SignInSetup:
    """Sign-in from ``[auth]`` and ``[odcore.access]`` (``access``: that section, or None).

    No ``[auth]``: OFF. A usable one: ON. One that cannot work, an ``[odcore.access]`` that
    cannot, or a missing package: BROKEN, with the reasons in ``problems``.
    """
    section = secrets.get("auth")
    if section is None:
        unused: tuple[str, ...] = () if access is None else (
            f"Розділ [odcore.access] у {where} не діє без розділу [auth]: вхід не "
            "налаштовано. Як налаштувати — README, розділ «Вхід і ролі».",)
        return SignInSetup(warnings=unused)
    problems: list[str] = []
    warnings: list[str] = []
    providers: tuple[str, ...] = ()
    policy: AccessPolicy | None = None
    try:
        providers, auth_warnings = check_auth_section(section, where)
        warnings.extend(auth_warnings)
    except SignInConfigError as exc:
        problems.append(str(exc))
    if access is None:
        policy = AccessPolicy()
        warnings.append(f"Вхід увімкнено ([auth]), але в {where} немає розділу [odcore.access]: "
                        "жодна адреса не має ролі, тож усі бачать лише публічні сторінки.")
    else:
        try:
            policy, access_warnings = parse_access_policy(access, where)
            warnings.extend(access_warnings)
        except AccessConfigError as exc:
            problems.append(str(exc))
    missing = missing_auth_packages()
    if missing:
        problems.append("Для входу потрібні бібліотеки " + ", ".join(missing) + ": встановіть "
                        "їх (pip install -r requirements.txt).")
    if problems:
        return SignInSetup(SignIn.BROKEN, problems=tuple(
            f"{p} Поки це не виправлено, панель показує лише публічні сторінки." for p in problems),
            warnings=tuple(warnings))
    return SignInSetup(SignIn.ON, auth=dict(section), providers=providers, policy=policy,
                       warnings=tuple(warnings))
