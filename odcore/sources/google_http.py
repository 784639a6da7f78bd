"""Talking to Google's Sheets and Drive APIs: endpoints, the service-account key, retries.

Requests go through gspread's HTTP client session (google-auth's AuthorizedSession), with our
own retry loop instead of gspread's BackOffHTTPClient: at most three tries on 429, 5xx,
connection errors and timeouts, honouring ``Retry-After``, inside one deadline for the whole
refresh. Every failure becomes an :class:`ApiError` (a SourceError) whose Ukrainian message
says what happened and what to do; the messages name spreadsheet keys and the service
account's e-mail, so they belong on internal pages and in the CLI only.

``ODCORE_SHEETS_ENDPOINT`` sends every Sheets and Drive request to a compatible server (plain
http only on loopback); a key whose ``token_uri`` points there keeps the OAuth flow local too.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import google.auth.exceptions
import requests
from google.oauth2 import service_account
from gspread.http_client import HTTPClient

from odcore.sources.base import SourceError

ENDPOINT_ENV = "ODCORE_SHEETS_ENDPOINT"
SHEETS_BASE = "https://sheets.googleapis.com"
DRIVE_BASE = "https://www.googleapis.com"
DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token"

READ_SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
WRITE_SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
DRIVE_SCOPE = "https://www.googleapis.com/auth/drive"

MAX_TRIES = 3
BACKOFF_SECONDS = (1.0, 2.0)
CONNECT_TIMEOUT_SECONDS = 5.0
READ_TIMEOUT_SECONDS = 15.0

_KEY_FIELDS = ("type", "project_id", "private_key_id", "private_key", "client_email",
               "client_id", "auth_uri", "token_uri", "auth_provider_x509_cert_url",
               "client_x509_cert_url", "universe_domain")
_SECRETS_PLACE = "secrets.toml, розділ [connections.gsheets]"
_CONSOLE_SHEETS_API = "https://console.cloud.google.com/apis/library/sheets.googleapis.com"
_CONSOLE_DRIVE_API = "https://console.cloud.google.com/apis/library/drive.googleapis.com"
_CONSOLE_KEYS = "https://console.cloud.google.com/iam-admin/serviceaccounts"


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of the Sheets and Drive APIs; ``test_server`` is the override in use."""

    sheets: str = SHEETS_BASE
    drive: str = DRIVE_BASE
    test_server: str = ""


def is_loopback_host(host: str | None) -> bool:
    """127.0.0.0/8, ::1 and ``localhost``."""
    if not host:
        return False
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def test_server_in_use() -> bool:
    """Whether ODCORE_SHEETS_ENDPOINT sends Google requests elsewhere (the pages say so)."""
    return bool(os.environ.get(ENDPOINT_ENV, "").strip())


def test_server_address() -> str:
    """The ODCORE_SHEETS_ENDPOINT address internal pages name; empty when it is not set."""
    return os.environ.get(ENDPOINT_ENV, "").strip()


def endpoints() -> Endpoints:
    """Google's endpoints, or the ODCORE_SHEETS_ENDPOINT override (http only on loopback)."""
    override = os.environ.get(ENDPOINT_ENV, "").strip().rstrip("/")
    if not override:
        return Endpoints()
    parts = urlsplit(override)
    secure = parts.scheme == "https" and bool(parts.hostname)
    if not secure and not (parts.scheme == "http" and is_loopback_host(parts.hostname)):
        raise SourceError(
            f"{ENDPOINT_ENV}={override}: тестовий сервер Google API приймається лише за "
            "адресою https://… або http:// на цьому компʼютері (127.0.0.1, localhost). "
            f"Виправте або видаліть змінну {ENDPOINT_ENV}.")
    return Endpoints(sheets=override, drive=override, test_server=override)


@dataclass(frozen=True)
class ServiceAccount:
    """A service-account key: its e-mail, its fields and where it was found."""

    email: str
    info: Mapping[str, Any]
    origin: str

    def credentials(self, scopes: Sequence[str]) -> service_account.Credentials:
        """google-auth credentials for these scopes; SourceError when the key is broken."""
        try:
            return service_account.Credentials.from_service_account_info(
                dict(self.info), scopes=list(scopes))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise SourceError(
                f"Ключ сервісного облікового запису ({self.origin}) пошкоджено: поле "
                f"private_key не читається ({type(exc).__name__}). Створіть новий ключ JSON "
                f"у {_CONSOLE_KEYS} і вставте його повністю.") from None


def load_service_account(gsheets_secrets: Mapping[str, Any]) -> ServiceAccount:
    """The key named by GOOGLE_APPLICATION_CREDENTIALS, else the fields of [connections.gsheets].

    A ``private_key`` holding literal ``\\n`` (as pasted into TOML) is normalised.
    """
    path_text = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS", "").strip()
    if path_text:
        origin = f"файл {path_text} (GOOGLE_APPLICATION_CREDENTIALS)"
        info = _read_key_file(Path(path_text).expanduser(), origin)
    else:
        origin = _SECRETS_PLACE
        info = {k: gsheets_secrets[k] for k in _KEY_FIELDS if k in gsheets_secrets}
        if not info:
            raise SourceError(
                "Не налаштовано доступ до Google Таблиць: немає ключа сервісного облікового "
                "запису. Вкажіть шлях до файлу ключа у змінній GOOGLE_APPLICATION_CREDENTIALS "
                f"або вставте поля ключа у {_SECRETS_PLACE} (docs/google-sheets.md).")
    return _service_account(info, origin)


def _read_key_file(path: Path, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise SourceError(f"Не вдалося прочитати ключ: {origin}: {exc.strerror or exc}.") from None
    except ValueError:
        raise SourceError(f"Ключ не є файлом JSON: {origin}. Завантажте ключ у форматі JSON "
                          f"у {_CONSOLE_KEYS}.") from None
    if not isinstance(data, dict):
        raise SourceError(f"Ключ не є ключем сервісного облікового запису: {origin}.")
    return data


def _service_account(info: dict[str, Any], origin: str) -> ServiceAccount:
    kind = info.get("type", "service_account")
    if kind != "service_account":
        raise SourceError(
            f"{origin}: це не ключ сервісного облікового запису (type = «{kind}»). Потрібен "
            f"ключ JSON сервісного облікового запису з {_CONSOLE_KEYS}.")
    missing = [k for k in ("client_email", "private_key")
               if not isinstance(info.get(k), str) or not info[k].strip()]
    if missing:
        raise SourceError(f"{origin}: у ключі бракує полів {', '.join(missing)}. Скопіюйте "
                          "всі поля з файлу ключа JSON.")
    info = dict(info)
    info["private_key"] = info["private_key"].strip().replace("\\n", "\n")
    info.setdefault("token_uri", DEFAULT_TOKEN_URI)
    token = urlsplit(str(info["token_uri"]))
    if token.scheme != "https" and not (token.scheme == "http" and is_loopback_host(token.hostname)):
        raise SourceError(f"{origin}: token_uri = «{info['token_uri']}» має починатися з "
                          "https:// (http:// — лише для тестового сервера на цьому компʼютері).")
    return ServiceAccount(email=info["client_email"].strip(), info=info, origin=origin)


class Deadline:
    """One deadline for a whole refresh, measured on an injectable monotonic clock."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return self._end - self._clock()


class Failure(StrEnum):
    """Why a request failed, told apart by status and reason."""

    NOT_SHARED = "not_shared"
    API_DISABLED = "api_disabled"
    NOT_FOUND = "not_found"
    QUOTA = "quota"
    NETWORK = "network"
    DEADLINE = "deadline"
    SERVER = "server"
    BAD_KEY = "bad_key"
    CLOCK = "clock"
    BAD_RANGE = "bad_range"
    BAD_RESPONSE = "bad_response"
    OTHER = "other"


class ApiError(SourceError):
    """A failed request: a Ukrainian message, the kind of failure and Google's own text."""

    def __init__(self, message: str, failure: Failure, *, status: int | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.failure = failure
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Target:
    """What a request is about, for the messages: a spreadsheet's name and key."""

    name: str
    key: str
    write: bool = False


_RETRYABLE = (Failure.QUOTA, Failure.NETWORK, Failure.SERVER)


class GoogleApi:
    """Sheets and Drive requests through gspread's HTTP client, retried within a deadline."""

    def __init__(self, account: ServiceAccount, scopes: Sequence[str], *,
                 endpoints_: Endpoints | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.account = account
        self.endpoints = endpoints_ or endpoints()
        self.http = HTTPClient(account.credentials(scopes))
        self.sleep = sleep
        self.clock = clock

    def sheets_url(self, path: str) -> str:
        return f"{self.endpoints.sheets}/v4/{path}"

    def drive_url(self, path: str) -> str:
        return f"{self.endpoints.drive}/drive/v3/{path}"

    def request(self, method: str, url: str, target: Target, deadline: Deadline, *,
                params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
                body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The response's JSON; ApiError after at most MAX_TRIES tries or past the deadline."""
        for attempt in range(1, MAX_TRIES + 1):
            remaining = deadline.remaining()
            if remaining <= 0:
                raise self._deadline_error(target, deadline)
            timeout = (min(CONNECT_TIMEOUT_SECONDS, remaining), min(READ_TIMEOUT_SECONDS, remaining))
            wait: float | None = None
            try:
                response = self.http.session.request(
                    method, url, params=params, json=body, timeout=timeout,
                    max_allowed_time=remaining)
            except google.auth.exceptions.RefreshError as exc:
                raise self._token_error(exc) from None
            except (requests.Timeout, requests.ConnectionError,
                    google.auth.exceptions.TransportError) as exc:
                error = self._network_error(exc, target)
            else:
                if response.ok:
                    return self._json(response, target)
                error = self._http_error(response, target)
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            if error.failure not in _RETRYABLE or attempt == MAX_TRIES:
                raise error
            wait = BACKOFF_SECONDS[attempt - 1] if wait is None else wait
            if wait >= deadline.remaining():
                raise error
            self.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    def _json(self, response: requests.Response, target: Target) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ApiError(f"{_subject(target)}: сервер Google повернув неочікувану відповідь. "
                           "Спробуйте оновити дані пізніше.", Failure.BAD_RESPONSE,
                           status=response.status_code)
        return data

    def _where(self) -> str:
        server = self.endpoints.test_server
        return f"тестового сервера {server}" if server else "Google"

    def _deadline_error(self, target: Target, deadline: Deadline) -> ApiError:
        return ApiError(
            f"{_subject(target)}: {self._where()} не відповів за {deadline.seconds:g} с, "
            "відведені на оновлення даних. Спробуйте оновити дані пізніше.", Failure.DEADLINE)

    def _network_error(self, exc: Exception, target: Target) -> ApiError:
        if isinstance(exc, requests.Timeout):
            what = "не відповів вчасно"
        else:
            what = "недоступний (немає зʼєднання)"
        return ApiError(
            f"{_subject(target)}: {self._where()} {what}. Перевірте підключення до інтернету "
            "на сервері панелі; якщо воно є, спробуйте оновити дані за кілька хвилин.",
            Failure.NETWORK, detail=type(exc).__name__)

    def _token_error(self, exc: google.auth.exceptions.RefreshError) -> ApiError:
        data = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
        code = str(data.get("error", ""))
        description = str(data.get("error_description", "")) or str(exc.args[0] if exc.args else "")
        lowered = description.casefold()
        revoked = code in {"invalid_client", "unauthorized_client"} or any(
            word in lowered for word in ("signature", "not found", "disabled", "deleted"))
        if code == "invalid_grant" and not revoked:
            return ApiError(
                "Google відхилив вхід сервісного облікового запису "
                f"{self.account.email}: годинник сервера панелі, схоже, показує неправильний "
                "час (invalid_grant). Увімкніть синхронізацію часу (NTP) на сервері й "
                "спробуйте знову.", Failure.CLOCK, detail=description)
        return ApiError(
            f"Ключ сервісного облікового запису {self.account.email} ({self.account.origin}) "
            f"недійсний або відкликаний ({code or 'помилка входу'}). Створіть новий ключ JSON "
            f"у {_CONSOLE_KEYS} і замініть ним старий.", Failure.BAD_KEY, detail=description)

    def _http_error(self, response: requests.Response, target: Target) -> ApiError:
        status = response.status_code
        message, reason, service = _google_error(response)
        lowered = message.casefold()
        subject = _subject(target)
        email_ = self.account.email
        if status == 429 or reason in {"RATE_LIMIT_EXCEEDED", "rateLimitExceeded",
                                       "userRateLimitExceeded", "RESOURCE_EXHAUSTED"}:
            return ApiError(
                f"{subject}: вичерпано ліміт запитів до Google (близько 60 читань на хвилину "
                f"для облікового запису {email_}). Зачекайте хвилину й оновіть дані; не "
                "натискайте «Оновити дані» часто.", Failure.QUOTA, status=status, detail=message)
        if status >= 500:
            return ApiError(
                f"{subject}: {self._where()} повідомив про власну помилку ({status}). Зазвичай "
                "це минає за кілька хвилин; спробуйте оновити дані пізніше.",
                Failure.SERVER, status=status, detail=message)
        if status == 403 and (reason == "SERVICE_DISABLED" or "has not been used" in lowered
                              or "it is disabled" in lowered):
            drive = "drive" in service or "drive api" in lowered
            api, link = (("Google Drive API", _CONSOLE_DRIVE_API) if drive
                         else ("Google Sheets API", _CONSOLE_SHEETS_API))
            project = self.account.info.get("project_id", "")
            where = f" «{project}»" if project else ""
            return ApiError(
                f"{api} не увімкнено в проєкті Google Cloud{where}, якому належить обліковий "
                f"запис {email_}. Увімкніть його: {link} (кнопка «Enable»), зачекайте кілька "
                "хвилин і спробуйте знову.", Failure.API_DISABLED, status=status, detail=message)
        if status == 403 and reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
            return ApiError(f"{subject}: у запиту бракує дозволів ({message}).", Failure.OTHER,
                            status=status, detail=message)
        if status == 403:
            role = "редактор" if target.write else "читач"
            return ApiError(self._share_message(target, role), Failure.NOT_SHARED,
                            status=status, detail=message)
        if status == 404:
            return ApiError(
                f"{subject}: таблицю не знайдено. Перевірте посилання або ключ (частина адреси "
                "між /d/ і /edit) і чи таблицю не видалено.", Failure.NOT_FOUND,
                status=status, detail=message)
        if status == 401:
            return ApiError(
                f"Google не прийняв вхід сервісного облікового запису {email_} (401). Ключ "
                f"недійсний або відкликаний: створіть новий ключ JSON у {_CONSOLE_KEYS}.",
                Failure.BAD_KEY, status=status, detail=message)
        if status == 400 and "unable to parse range" in lowered:
            return ApiError(f"{subject}: вкладку не знайдено ({message}).", Failure.BAD_RANGE,
                            status=status, detail=message)
        return ApiError(f"{subject}: Google відповів помилкою {status}: {message or reason}.",
                        Failure.OTHER, status=status, detail=message)

    def _share_message(self, target: Target, role: str) -> str:
        return (f"{_subject(target)}: сервісний обліковий запис {self.account.email} не має "
                f"доступу. Відкрийте таблицю, натисніть «Поділитися» (Share), вставте адресу "
                f"{self.account.email} і надайте роль «{role}».")


def _subject(target: Target) -> str:
    if target.name and target.name != target.key:
        return f"Таблиця «{target.name}» ({target.key})"
    return f"Таблиця {target.key}"


def _google_error(response: requests.Response) -> tuple[str, str, str]:
    """Google's error message, its reason and the service it names (empty when absent)."""
    try:
        data = response.json()
    except ValueError:
        return response.text[:200].strip(), "", ""
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return str(error or "")[:200], "", ""
    message = str(error.get("message", ""))
    reason, service = "", ""
    for detail in error.get("details") or []:
        if isinstance(detail, dict) and detail.get("reason"):
            reason = str(detail["reason"])
            metadata = detail.get("metadata")
            if isinstance(metadata, dict):
                service = str(metadata.get("service", ""))
    for item in error.get("errors") or []:
        if not reason and isinstance(item, dict) and item.get("reason"):
            reason = str(item["reason"])
    if not reason and error.get("status") == "RESOURCE_EXHAUSTED":
        reason = "RESOURCE_EXHAUSTED"
    return message, reason, service


_SECONDS = re.compile(r"^\d+(\.\d+)?$")


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """``Retry-After`` as seconds (a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if _SECONDS.match(text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())
