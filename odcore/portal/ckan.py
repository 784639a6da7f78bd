"""A small client of the CKAN Action API (data.gov.ua runs CKAN 2.7), on a requests session.

requests rather than ckanapi: the portal's rules need control that ckanapi keeps inside
(a request rate, Retry-After, one deadline for the whole run, a 200 answer carrying
``"success": false``), and requests is already a dependency. Every failure is a
:class:`PortalError` with a Ukrainian message; nothing else escapes.
"""

from __future__ import annotations

import email.utils
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import requests

from odcore.portal.http import DEFAULT_TIMEOUT, new_session

DEFAULT_CKAN_URL = "https://data.gov.ua/api/3/action/"
CKAN_URL_VARIABLE = "ODCORE_CKAN_URL"
PAGE_ROWS = 1000  # CKAN's package_search caps rows at 1000
DEFAULT_RATE = 1.0  # requests a second to the portal
DEFAULT_RETRIES = 3
DEFAULT_DEADLINE = 120.0  # seconds for one whole run
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is not waited for
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class PortalError(Exception):
    """The portal could not be asked or answered with an error; the message is Ukrainian and
    ``kind`` is CKAN's error type (``Not Found Error``) when the portal gave one."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


def ckan_api_url() -> str:
    """``ODCORE_CKAN_URL`` or data.gov.ua's Action API, always ending in ``/``."""
    url = os.environ.get(CKAN_URL_VARIABLE, "").strip() or DEFAULT_CKAN_URL
    return url if url.endswith("/") else url + "/"


def site_url(api_url: str) -> str:
    """The portal's site (``https://data.gov.ua``) from its Action API address."""
    marker = "/api/"
    return api_url[:api_url.index(marker)] if marker in api_url else api_url.rstrip("/")


class TokenBucket:
    """At most ``rate`` requests a second on average, ``burst`` at once; thread-safe."""

    def __init__(self, rate: float = DEFAULT_RATE, burst: int = 1,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate, self.burst = rate, burst
        self._clock, self._sleep = clock, sleep
        self._tokens = float(burst)
        self._stamp = clock()
        self._lock = threading.Lock()

    def take(self, deadline: float | None = None) -> None:
        """Wait for a token; PortalError when the wait would pass ``deadline``."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            if deadline is not None and now + wait > deadline:
                raise PortalError("час на звернення до порталу вичерпано")
            self._tokens -= 1
            if wait:
                self._sleep(wait)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class CkanClient:
    """Calls to one CKAN's Action API within one deadline, at a bounded rate."""

    def __init__(self, api_url: str | None = None, *, session: requests.Session | None = None,
                 bucket: TokenBucket | None = None, timeout: float = DEFAULT_TIMEOUT,
                 deadline_seconds: float = DEFAULT_DEADLINE, retries: int = DEFAULT_RETRIES,
                 page_rows: int = PAGE_ROWS,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.api_url = api_url or ckan_api_url()
        if not self.api_url.endswith("/"):
            self.api_url += "/"
        self.session = session or new_session()
        self.bucket = bucket or TokenBucket()
        self.timeout = timeout
        self.deadline = time.monotonic() + deadline_seconds
        self.retries = retries
        self.page_rows = max(1, min(page_rows, PAGE_ROWS))
        self._sleep = sleep
        self.requests_made = 0

    def remaining(self) -> float:
        """Seconds left before the run's deadline."""
        return self.deadline - time.monotonic()

    def action(self, name: str, params: dict[str, Any]) -> Any:
        """The ``result`` of one action; PortalError for a network failure, an HTTP error,
        ``"success": false`` (also inside a 200 answer) or a body that is not CKAN's."""
        url = self.api_url + name
        for attempt in range(self.retries + 1):
            self.bucket.take(self.deadline)
            remaining = self.remaining()
            if remaining <= 0:
                raise PortalError("час на звернення до порталу вичерпано")
            self.requests_made += 1
            try:
                answer = self.session.get(url, params=params,
                                          timeout=min(self.timeout, remaining))
            except requests.Timeout:
                error = f"портал не відповів за {min(self.timeout, remaining):.0f} с"
                if attempt < self.retries and self.remaining() > 1:
                    continue
                raise PortalError(error) from None
            except requests.RequestException:
                raise PortalError(f"не вдалося зʼєднатися з порталом ({self.api_url})") from None
            if answer.status_code in _RETRY_STATUSES and attempt < self.retries:
                wait = retry_after_seconds(answer.headers.get("Retry-After"))
                wait = min(2.0 ** attempt if wait is None else wait, MAX_RETRY_AFTER)
                if time.monotonic() + wait < self.deadline:
                    self._sleep(wait)
                    continue
            return self._result(name, answer)
        raise PortalError(f"портал не відповів на «{name}»")  # pragma: no cover - loop returns

    def _result(self, name: str, answer: requests.Response) -> Any:
        try:
            body = answer.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or "success" not in body:
            raise PortalError(f"портал відповів на «{name}» не як CKAN (HTTP "
                              f"{answer.status_code})")
        if body.get("success") is not True:
            found = body.get("error")
            error: dict[str, Any] = found if isinstance(found, dict) else {}
            kind = str(error.get("__type", "")).strip()
            message = str(error.get("message", "")).strip()
            detail = ": ".join(p for p in (kind, message) if p) or f"HTTP {answer.status_code}"
            raise PortalError(f"портал повідомив про помилку на «{name}» ({detail})", kind)
        return body.get("result")

    def organization(self, slug: str) -> dict[str, Any]:
        """The organisation (``organization_show``) by its name or id."""
        result = self.action("organization_show", {"id": slug, "include_datasets": "false"})
        if not isinstance(result, dict) or not result.get("id"):
            raise PortalError(f"портал не повернув організацію «{slug}»")
        return result

    def organization_packages(self, organization_id: str) -> list[dict[str, Any]]:
        """Every package of an organisation: ``package_search`` with ``fq=owner_org:<id>``,
        page after page until ``count`` is reached."""
        packages: list[dict[str, Any]] = []
        start = 0
        while True:
            result = self.action("package_search", {
                "fq": f"owner_org:{organization_id}", "rows": self.page_rows,
                "start": start, "include_private": "false"})
            if not isinstance(result, dict) or not isinstance(result.get("results"), list):
                raise PortalError("портал повернув пошук наборів без списку results")
            page = [p for p in result["results"] if isinstance(p, dict)]
            packages.extend(page)
            start += len(page)
            if not page or start >= int(result.get("count") or 0):
                return packages

    def package(self, name_or_id: str) -> dict[str, Any] | None:
        """One package (``package_show``), None when the portal has no such package."""
        try:
            result = self.action("package_show", {"id": name_or_id})
        except PortalError as exc:
            if exc.kind == "Not Found Error":
                return None
            raise
        return result if isinstance(result, dict) else None
