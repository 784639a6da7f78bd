"""Talking to Google's Sheets and Drive APIs: endpoints, the service-account key, retries.

Requests go through gspread's HTTP client session (google-auth's AuthorizedSession), with our
own retry loop instead of gspread's BackOffHTTPClient: at most three tries on 429, 5xx,
connection errors, timeouts and cut-off bodies, honouring ``Retry-After``, inside one
wall-clock deadline for the whole refresh. The deadline covers the token request too: both
sessions send through one :class:`DeadlineAdapter`, which streams every body and checks the
deadline between chunks, so a server trickling bytes cannot hold a refresh past it.

Every failure becomes an :class:`ApiError` (a SourceError) whose Ukrainian message says what
happened and what to do, with a :class:`Failure` class: a reply that is not Google's own
answer (a web page, a redirect, broken JSON, a cut-off or oversized body) is an outage, never
a bad key. The messages name spreadsheet keys and the service account's e-mail, so they
belong on internal pages and in the CLI only.

``ODCORE_SHEETS_ENDPOINT`` sends every Sheets and Drive request to a compatible server (plain
http only on loopback); a key whose ``token_uri`` points there keeps the OAuth flow local too.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import ipaddress
import json
import os
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import google.auth.exceptions
import google.auth.transport
import google.auth.transport.requests
import requests
import requests.adapters
import urllib3.exceptions
from google.auth.transport.requests import AuthorizedSession
from google.oauth2 import service_account
from gspread.http_client import HTTPClient

from odcore.sources.base import DEFAULT_LIMITS, ReadLimits, SourceError

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
CHUNK_BYTES = 64 * 1024

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


def load_service_account(gsheets_secrets: Mapping[str, Any], *,
                         from_environment: bool = True) -> ServiceAccount:
    """The key named by GOOGLE_APPLICATION_CREDENTIALS, else the fields of [connections.gsheets]
    (only the latter with ``from_environment=False``: a council's own key of a councils file).

    A ``private_key`` holding literal ``\\n`` (as pasted into TOML) is normalised.
    """
    path_text = (os.environ.get("GOOGLE_APPLICATION_CREDENTIALS", "").strip()
                 if from_environment else "")
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
        """Seconds left (zero or less once the deadline has passed)."""
        return self._end - self._clock()

    def extend(self, seconds: float) -> None:
        """Move the deadline later (time spent waiting for the quota is not the server's)."""
        self._end += max(seconds, 0.0)


class Failure(StrEnum):
    """Why a request failed, told apart by status, reason and the shape of the reply."""

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
    MALFORMED_REPLY = "malformed_reply"  # not JSON, or JSON of a shape Google never sends
    TRUNCATED_REPLY = "truncated_reply"  # the body ended before its announced length
    NOT_GOOGLE = "not_google"  # a web page or a redirect: a captive portal or a proxy answered
    TOO_LARGE = "too_large"  # a body past max_file_bytes
    OTHER = "other"


class ApiError(SourceError):
    """A failed request: a Ukrainian message, the kind of failure and Google's own text."""

    def __init__(self, message: str, failure: Failure, *, status: int | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.failure = failure
        self.status = status
        self.detail = detail


class ReplyProblem(Exception):
    """A reply that cannot be used, found while it arrived or was decoded.

    Raised inside the transport (the token request and the API requests alike) and turned
    into an :class:`ApiError` by :meth:`GoogleApi.request`; ``sign_in`` marks the token request.
    """

    def __init__(self, failure: Failure, detail: str = "", *, status: int | None = None,
                 received: int = 0, sign_in: bool = False) -> None:
        super().__init__(detail or failure.value)
        self.failure = failure
        self.detail = detail
        self.status = status
        self.received = received
        self.sign_in = sign_in


@dataclass(frozen=True)
class Target:
    """What a request is about, for the messages: a spreadsheet's name and key."""

    name: str
    key: str
    write: bool = False


_RETRYABLE = (Failure.QUOTA, Failure.NETWORK, Failure.SERVER, Failure.TRUNCATED_REPLY)
# OAuth errors that mean "try later" (RFC 6749 4.1.2.1 and Google's own); google-auth would
# retry them with its own sleeps, outside the deadline.
_SIGN_IN_OUTAGE_ERRORS = frozenset({"server_error", "temporarily_unavailable", "internal_failure"})
_SIGN_IN_OUTAGE_STATUSES = frozenset({408, 429})


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def json_object(data: bytes) -> dict[str, Any] | None:
    """A body parsed as one JSON object; None when it is not JSON, not an object, nests too
    deep to parse, or holds NaN/Infinity (which JSON does not allow)."""
    try:
        parsed = json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _looks_like_html(content_type: str, data: bytes) -> bool:
    return "html" in content_type.casefold() or data.lstrip()[:1] == b"<"


def _decoded(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """The body without its Content-Encoding, never longer than ``max_bytes`` (a small
    compressed body can unpack to gigabytes)."""
    encoding = encoding.strip().casefold()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "deflate"):
        raise ReplyProblem(Failure.MALFORMED_REPLY, f"невідоме стиснення відповіді «{encoding}»")
    # 32 + MAX_WBITS reads a gzip or a zlib header, whichever the body has.
    inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise ReplyProblem(Failure.MALFORMED_REPLY, "стиснену відповідь не вдалося розпакувати",
                           received=len(data)) from None
    if len(out) > max_bytes:
        raise ReplyProblem(Failure.TOO_LARGE, received=len(data))
    if not inflater.eof:
        raise ReplyProblem(Failure.TRUNCATED_REPLY, received=len(data))
    return out


class DeadlineAdapter(requests.adapters.HTTPAdapter):
    """Sends every request within the deadline bound to the calling thread.

    Connect and read timeouts never exceed the time left; the body is streamed in chunks and
    the deadline is checked between them, with each read's socket timeout no longer than the
    time left, so a server that trickles bytes cannot hold a refresh past its deadline. The
    body is capped at ``max_bytes`` (before and after decompression) and redirects are
    refused by the callers, so a captive portal's page never passes for Google's answer.
    """

    def __init__(self, max_bytes: int) -> None:
        super().__init__(max_retries=0)
        self.max_bytes = max_bytes
        self._local = threading.local()

    @contextmanager
    def bound(self, deadline: Deadline) -> Iterator[None]:
        """Requests this thread sends inside the block keep to ``deadline``."""
        previous = getattr(self._local, "deadline", None)
        self._local.deadline = deadline
        try:
            yield
        finally:
            self._local.deadline = previous

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: Any = None, verify: bool | str = True, cert: Any = None,
             proxies: Mapping[str, str] | None = None) -> requests.Response:
        """The response with its whole body read; ReplyProblem when the deadline passes, the
        body is cut short or is too large; requests' exceptions for network failures."""
        deadline = getattr(self._local, "deadline", None) or Deadline(READ_TIMEOUT_SECONDS)
        remaining = deadline.remaining()
        if remaining <= 0:
            raise ReplyProblem(Failure.DEADLINE)
        # Only encodings this module can unpack within the size cap.
        request.headers["Accept-Encoding"] = "gzip, deflate"
        response = super().send(
            request, stream=True, verify=verify, cert=cert,
            proxies=dict(proxies) if proxies is not None else None,
            timeout=(min(CONNECT_TIMEOUT_SECONDS, remaining), min(READ_TIMEOUT_SECONDS, remaining)))
        try:
            body = self._body(response, deadline)
        except BaseException:
            response.close()  # drops the connection: a trickling server is left talking alone
            raise
        response._content = body  # noqa: SLF001 - requests' own slot for a body already read
        response._content_consumed = True  # noqa: SLF001
        response.raw.release_conn()
        return response

    def _body(self, response: requests.Response, deadline: Deadline) -> bytes:
        raw = response.raw
        announced = response.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > self.max_bytes:
            raise ReplyProblem(Failure.TOO_LARGE, status=response.status_code)
        sock = _socket_of(raw)
        parts: list[bytes] = []
        size = 0
        while True:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise ReplyProblem(Failure.DEADLINE, status=response.status_code, received=size)
            if sock is not None:
                try:
                    sock.settimeout(min(READ_TIMEOUT_SECONDS, remaining))
                except OSError:
                    sock = None  # closed once the whole body arrived: nothing is left to wait for
            try:
                chunk = raw.read1(CHUNK_BYTES, decode_content=False)
            except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
                if deadline.remaining() <= 0:
                    raise ReplyProblem(Failure.DEADLINE, status=response.status_code,
                                       received=size) from None
                raise requests.exceptions.ReadTimeout("the body stopped arriving") from None
            except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError):
                raise ReplyProblem(Failure.TRUNCATED_REPLY, status=response.status_code,
                                   received=size) from None
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise ReplyProblem(Failure.TOO_LARGE, status=response.status_code, received=size)
            parts.append(chunk)
        return _decoded(b"".join(parts), response.headers.get("Content-Encoding", ""),
                        self.max_bytes)


def _socket_of(raw: Any) -> Any:
    """The socket a body arrives on: the kept-alive connection's, else (a reply that closes
    the connection hands its socket to http.client, which has no public handle for it) the
    one under http.client's file; None when neither can be found."""
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is None:
        reader = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
    return sock if callable(getattr(sock, "settimeout", None)) else None


class SignInTransport(google.auth.transport.requests.Request):
    """google-auth's transport for the token request, over the deadline adapter.

    A reply that is not the token endpoint's own answer is an outage, raised at once as a
    ReplyProblem: a 5xx, 408 or 429 status or an OAuth "try later" error (google-auth would
    retry those itself, sleeping outside the deadline, and then report a bad key), a
    redirect or a web page (a captive portal), broken JSON, or a 200 without a usable token.
    Only the endpoint's own JSON refusal (invalid_grant, invalid_client, ...) reaches
    google-auth as a RefreshError.
    """

    def __call__(self, url: str, method: str = "GET", body: Any = None,
                 headers: Mapping[str, str] | None = None, timeout: Any = None,
                 **kwargs: Any) -> google.auth.transport.Response:
        """The token endpoint's reply; ReplyProblem (sign_in set) when it is not one."""
        try:
            response = super().__call__(url, method=method, body=body, headers=headers,
                                        timeout=timeout, allow_redirects=False, **kwargs)
        except ReplyProblem as problem:
            problem.sign_in = True
            raise
        status = response.status
        data = response.data if isinstance(response.data, bytes) else b""
        content_type = str(response.headers.get("Content-Type", ""))
        if 300 <= status < 400:
            raise ReplyProblem(Failure.NOT_GOOGLE, str(response.headers.get("Location", "")),
                               status=status, sign_in=True)
        if status in _SIGN_IN_OUTAGE_STATUSES or status >= 500:
            raise ReplyProblem(Failure.SERVER, status=status, sign_in=True)
        parsed = json_object(data)
        if parsed is None:
            failure = (Failure.NOT_GOOGLE if _looks_like_html(content_type, data)
                       else Failure.MALFORMED_REPLY)
            raise ReplyProblem(failure, "відповідь не є обʼєктом JSON", status=status,
                               sign_in=True)
        if str(parsed.get("error", "")) in _SIGN_IN_OUTAGE_ERRORS:
            raise ReplyProblem(Failure.SERVER, str(parsed.get("error")), status=status,
                               sign_in=True)
        if status == 200 and not _usable_token(parsed):
            raise ReplyProblem(Failure.MALFORMED_REPLY, "у відповіді немає придатного токена",
                               status=status, sign_in=True)
        return response


def _usable_token(data: Mapping[str, Any]) -> bool:
    """A non-empty access_token and an expires_in google-auth can read (a number or digits)."""
    token, expires = data.get("access_token"), data.get("expires_in")
    readable_expiry = (expires is None or (isinstance(expires, int) and not isinstance(expires, bool))
                       or (isinstance(expires, str) and expires.isdigit()))
    return isinstance(token, str) and bool(token.strip()) and readable_expiry


# A token lives an hour at Google. The credentials holding it are kept, per key and scopes,
# for most of that, so a read that misses the values cache asks for no new token (google-auth
# still renews a token that has expired, and one the server refuses with 401). Kept by the
# source's own clock (tests advance it); at most _KEPT_MAX keys.
TOKEN_KEEP_SECONDS = 50 * 60
_KEPT_MAX = 16
_kept: dict[tuple[str, ...], tuple[float, service_account.Credentials]] = {}
_kept_lock = threading.Lock()


def kept_credentials(account: ServiceAccount, scopes: Sequence[str],
                     clock: Callable[[], float] = time.monotonic) -> service_account.Credentials:
    """The account's credentials for these scopes, with the token they already hold when
    they were made less than TOKEN_KEEP_SECONDS ago; new ones otherwise."""
    private_key = str(account.info.get("private_key", ""))
    key = (account.email, str(account.info.get("token_uri", "")),
           hashlib.sha256(private_key.encode()).hexdigest(), *sorted(scopes))
    now = clock()
    with _kept_lock:
        entry = _kept.get(key)
        if entry is not None and 0 <= now - entry[0] < TOKEN_KEEP_SECONDS:
            return entry[1]
    credentials = account.credentials(scopes)
    with _kept_lock:
        _kept.pop(key, None)
        while len(_kept) >= _KEPT_MAX:
            _kept.pop(next(iter(_kept)))
        _kept[key] = (now, credentials)
    return credentials


def forget_tokens() -> None:
    """Drop every kept token (a changed key, and tests that start a new server)."""
    with _kept_lock:
        _kept.clear()


class GoogleApi:
    """Sheets and Drive requests through gspread's HTTP client, retried within a deadline."""

    def __init__(self, account: ServiceAccount, scopes: Sequence[str], *,
                 endpoints_: Endpoints | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 limits: ReadLimits = DEFAULT_LIMITS,
                 before_request: Callable[[], float] | None = None) -> None:
        self.account = account
        # The refresh worker's quota: called before every request (retries too, since Google
        # counts them), it returns the seconds it waited, which the deadline does not count.
        self.before_request = before_request
        self.endpoints = endpoints_ or endpoints()
        self.transport = DeadlineAdapter(limits.max_file_bytes)
        sign_in_session = requests.Session()
        credentials = kept_credentials(account, scopes, clock)
        session = AuthorizedSession(credentials, auth_request=SignInTransport(sign_in_session))
        for mounted in (sign_in_session, session):
            mounted.mount("https://", self.transport)
            mounted.mount("http://", self.transport)
        self.http = HTTPClient(credentials, session=session)
        self.sleep = sleep
        self.clock = clock
        self.max_bytes = limits.max_file_bytes

    def sheets_url(self, path: str) -> str:
        return f"{self.endpoints.sheets}/v4/{path}"

    def drive_url(self, path: str) -> str:
        return f"{self.endpoints.drive}/drive/v3/{path}"

    def request(self, method: str, url: str, target: Target, deadline: Deadline, *,
                params: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
                body: Mapping[str, Any] | None = None, tries: int = MAX_TRIES) -> dict[str, Any]:
        """The response's JSON object; ApiError after at most ``tries`` tries, past the
        deadline (the token request, every retry and every byte included) or for a reply
        that cannot be used. A write that must not be repeated blindly asks for one try
        (odcore.report_append reads back before it tries again)."""
        for attempt in range(1, tries + 1):
            if self.before_request is not None:
                deadline.extend(self.before_request())
            if deadline.remaining() <= 0:
                raise self._deadline_error(target, deadline.seconds)
            wait: float | None = None
            try:
                with self.transport.bound(deadline):
                    response = self.http.session.request(
                        method, url, params=params, json=body, allow_redirects=False,
                        timeout=(CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS))
                if 200 <= response.status_code < 300:
                    return self._json(response)
            except google.auth.exceptions.RefreshError as exc:
                raise self._token_error(exc) from None
            except ReplyProblem as problem:
                error = self._problem_error(problem, target, deadline.seconds)
            except (requests.RequestException, google.auth.exceptions.TransportError) as exc:
                error = self._network_error(exc, target)
            else:
                error = self._http_error(response, target)
                wait = retry_after_seconds(response.headers.get("Retry-After"))
            if error.failure not in _RETRYABLE or attempt == tries:
                raise error
            wait = BACKOFF_SECONDS[attempt - 1] if wait is None else wait
            if wait >= deadline.remaining():
                raise error
            self.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    def _json(self, response: requests.Response) -> dict[str, Any]:
        data = json_object(response.content)
        if data is None:
            if _looks_like_html(response.headers.get("Content-Type", ""), response.content):
                raise ReplyProblem(Failure.NOT_GOOGLE, "вебсторінка замість JSON",
                                   status=response.status_code)
            raise ReplyProblem(Failure.MALFORMED_REPLY, "відповідь не є обʼєктом JSON",
                               status=response.status_code, received=len(response.content))
        return data

    def _who(self, sign_in: bool) -> str:
        """Who answered, in the nominative: Google, the test server, or the sign-in server."""
        if sign_in:
            host = urlsplit(str(self.account.info.get("token_uri", DEFAULT_TOKEN_URI))).netloc
            return f"сервер входу Google ({host})"
        server = self.endpoints.test_server
        return f"тестовий сервер {server}" if server else "Google"

    def _of_whom(self, sign_in: bool) -> str:
        """The same in the genitive."""
        if sign_in:
            return self._who(True).replace("сервер входу", "сервера входу", 1)
        server = self.endpoints.test_server
        return f"тестового сервера {server}" if server else "Google"

    def _deadline_error(self, target: Target, seconds: float, *, sign_in: bool = False
                        ) -> ApiError:
        who = self._who(sign_in)
        return ApiError(
            f"{_subject(target)}: {who} не відповів за {seconds:g} с, відведені на оновлення "
            "даних. Спробуйте оновити дані пізніше.", Failure.DEADLINE)

    def _problem_error(self, problem: ReplyProblem, target: Target, seconds: float = 0.0
                       ) -> ApiError:
        """The Ukrainian message for a reply that arrived but cannot be used."""
        if problem.failure is Failure.DEADLINE:
            return self._deadline_error(target, seconds, sign_in=problem.sign_in)
        subject = _subject(target)
        status = f" (HTTP {problem.status})" if problem.status else ""
        later = "спробуйте оновити дані за кілька хвилин."
        if problem.failure is Failure.SERVER:
            message = (f"{subject}: {self._who(problem.sign_in)} тимчасово не працює{status}. "
                       f"Ключ сервісного облікового запису тут ні до чого; {later}")
        elif problem.failure is Failure.NOT_GOOGLE:
            host = urlsplit(problem.detail).netloc if "://" in problem.detail else ""
            page = f"переадресація на {host}" if host else "вебсторінка або переадресація"
            message = (f"{subject}: замість {self._of_whom(problem.sign_in)} відповів інший "
                       f"сервер{status} ({page}). Схоже, мережа сервера панелі вимагає входу "
                       "(портал авторизації Wi-Fi чи проксі). Перевірте доступ сервера панелі "
                       f"до інтернету і {later}")
        elif problem.failure is Failure.TRUNCATED_REPLY:
            message = (f"{subject}: відповідь {self._of_whom(problem.sign_in)} обірвалася на "
                       f"півдорозі (отримано байтів: {problem.received}). Зазвичай це збій "
                       f"мережі; {later}")
        elif problem.failure is Failure.TOO_LARGE:
            message = (f"{subject}: відповідь {self._of_whom(problem.sign_in)} більша за "
                       f"{_size_text(self.max_bytes)} (max_file_bytes), її не прочитано. "
                       "Зменште таблицю або збільште max_file_bytes у розділі [odcore].")
        else:
            what = f" ({problem.detail})" if problem.detail else ""
            message = (f"{subject}: відповідь {self._of_whom(problem.sign_in)}{status} не "
                       f"вдалося прочитати{what}. Це збій на боці мережі чи Google; {later}")
        return ApiError(message, problem.failure, status=problem.status, detail=problem.detail)

    def _network_error(self, exc: Exception, target: Target) -> ApiError:
        if isinstance(exc, requests.Timeout) or isinstance(
                getattr(exc, "__cause__", None), requests.Timeout):
            what = "не відповів вчасно"
        else:
            what = "недоступний (немає зʼєднання)"
        return ApiError(
            f"{_subject(target)}: {self._who(False)} {what}. Перевірте підключення до інтернету "
            "на сервері панелі; якщо воно є, спробуйте оновити дані за кілька хвилин.",
            Failure.NETWORK, detail=type(exc).__name__)

    def _token_error(self, exc: google.auth.exceptions.RefreshError) -> ApiError:
        data = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
        code = str(data.get("error", ""))
        description = str(data.get("error_description", "")) or str(exc.args[0] if exc.args else "")
        if getattr(exc, "retryable", False):
            # google-auth's own verdict that the endpoint failed, not the key.
            return ApiError(
                f"{_capitalized(self._who(True))} тимчасово не працює. Ключ сервісного "
                "облікового запису тут ні до чого; спробуйте оновити дані за кілька хвилин.",
                Failure.SERVER, detail=description)
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
        if 300 <= status < 400:
            return self._problem_error(
                ReplyProblem(Failure.NOT_GOOGLE, response.headers.get("Location", ""),
                             status=status), target)
        if status == 429 or reason in {"RATE_LIMIT_EXCEEDED", "rateLimitExceeded",
                                       "userRateLimitExceeded", "RESOURCE_EXHAUSTED"}:
            return ApiError(
                f"{subject}: вичерпано ліміт запитів до Google (близько 60 читань на хвилину "
                f"для облікового запису {email_}). Зачекайте хвилину й оновіть дані; не "
                "натискайте «Оновити дані» часто.", Failure.QUOTA, status=status, detail=message)
        if status >= 500:
            return ApiError(
                f"{subject}: {self._who(False)} повідомив про власну помилку ({status}). Зазвичай "
                "це минає за кілька хвилин; спробуйте оновити дані пізніше.",
                Failure.SERVER, status=status, detail=message)
        if _looks_like_html(response.headers.get("Content-Type", ""), response.content):
            # Google's APIs answer errors in JSON; a page is someone else's (a proxy, a portal).
            return self._problem_error(ReplyProblem(Failure.NOT_GOOGLE, status=status), target)
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


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _size_text(size: int) -> str:
    """A byte count as people read it: megabytes from one megabyte up."""
    return f"{size / 2**20:g} МБ" if size >= 2**20 else f"{size} байтів"


def _subject(target: Target) -> str:
    if target.name and target.name != target.key:
        return f"Таблиця «{target.name}» ({target.key})"
    return f"Таблиця {target.key}"


def _google_error(response: requests.Response) -> tuple[str, str, str]:
    """Google's error message, its reason and the service it names (empty when absent)."""
    data = json_object(response.content)
    if data is None:
        return response.content[:200].decode("utf-8", "replace").strip(), "", ""
    error = data.get("error")
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
