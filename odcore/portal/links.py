"""Do a portal's resource links answer, and what do they hold? (docs/portal.md, "Links").

Each link is asked with HEAD; a link that fails HEAD (many servers refuse it) is asked again
with a GET of its first bytes (``Range: bytes=0-…``), which also gives the bytes that tell
what the file really is. Links are checked a few at a time, each with its own timeout, all
within one deadline; a link not reached by the deadline is "not checked", never "broken".
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum

import requests

from odcore.portal.http import fetch_capped, is_http_url, new_session

SNIFF_BYTES = 2048
DEFAULT_LINK_TIMEOUT = 10.0
DEFAULT_CONCURRENCY = 4
DEFAULT_LINKS_DEADLINE = 60.0


class LinkState(StrEnum):
    OK = "ok"
    BROKEN = "broken"            # no answer, or an HTTP error, to HEAD and to GET
    NOT_CHECKED = "not_checked"  # the run's deadline came first, or not an http(s) link


@dataclass(frozen=True)
class LinkCheck:
    """What one resource link answered."""

    url: str
    state: LinkState
    status: int | None = None
    content_type: str = ""
    head: bytes = b""  # the first bytes, for sniffing the real format
    error: str = ""    # Ukrainian, for a broken link


def check_link(url: str, *, timeout: float = DEFAULT_LINK_TIMEOUT,
               session: requests.Session | None = None) -> LinkCheck:
    """HEAD, then a ranged GET of the first bytes; BROKEN when neither answers."""
    if not is_http_url(url):
        return LinkCheck(url, LinkState.NOT_CHECKED, error="не http(s)-посилання")
    own = session is None
    session = session or new_session()
    try:
        status: int | None = None
        content_type = ""
        try:
            answer = session.head(url, timeout=timeout, allow_redirects=True)
            status, content_type = answer.status_code, answer.headers.get("Content-Type", "")
        except requests.RequestException:
            pass
        fetched = fetch_capped(url, SNIFF_BYTES, session=session, timeout=timeout,
                               deadline=time.monotonic() + timeout, byte_range=True)
        if fetched.ok:
            return LinkCheck(url, LinkState.OK, fetched.status,
                             fetched.content_type or content_type, fetched.data)
        if status is not None and status < 400:
            # HEAD answered but the GET did not: the link answers, the bytes are unknown.
            return LinkCheck(url, LinkState.OK, status, content_type)
        return LinkCheck(url, LinkState.BROKEN, fetched.status or status, content_type,
                         error=fetched.error)
    finally:
        if own:
            session.close()


def check_links(urls: Sequence[str], *, timeout: float = DEFAULT_LINK_TIMEOUT,
                concurrency: int = DEFAULT_CONCURRENCY,
                deadline_seconds: float = DEFAULT_LINKS_DEADLINE) -> dict[str, LinkCheck]:
    """Every distinct link checked, ``concurrency`` at a time, within one deadline."""
    unique = list(dict.fromkeys(u for u in urls if u))
    results: dict[str, LinkCheck] = {}
    deadline = time.monotonic() + deadline_seconds
    pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="odcore-link")
    pending: dict[Future[LinkCheck], str] = {}
    queue = list(reversed(unique))
    try:
        while queue or pending:
            while queue and len(pending) < concurrency and time.monotonic() < deadline:
                url = queue.pop()
                per_link = max(0.1, min(timeout, deadline - time.monotonic()))
                pending[pool.submit(check_link, url, timeout=per_link)] = url
            if not pending:
                break
            done, _ = wait(pending, timeout=max(0.0, deadline - time.monotonic()),
                           return_when=FIRST_COMPLETED)
            if not done:
                break
            for future in done:
                results[pending.pop(future)] = future.result()
    finally:
        # Workers still running finish on their own timeout; nobody waits for them.
        pool.shutdown(wait=False, cancel_futures=True)
    for url in unique:
        results.setdefault(url, LinkCheck(url, LinkState.NOT_CHECKED,
                                          error="не перевірено: вичерпано час перевірки"))
    return results
