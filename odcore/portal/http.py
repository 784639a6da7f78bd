"""HTTP for the portal modules: one User-Agent naming the project, reads capped in bytes and
bounded in time, and every failure as one Ukrainian sentence (never an exception upward)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests

USER_AGENT = "odcore/0.1 (open-data programme dashboard of a Ukrainian council; python-requests)"
DEFAULT_TIMEOUT = 10.0  # seconds to connect, and between two chunks of an answer
_CHUNK = 64 * 1024


def new_session() -> requests.Session:
    """A requests session that names the project in its User-Agent."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def is_http_url(text: str) -> bool:
    """True for an http:// or https:// address."""
    return text.strip().lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    """The first bytes of an answer (at most the cap), or why there are none."""

    data: bytes = b""
    over_cap: bool = False
    content_type: str = ""
    status: int | None = None
    error: str = ""  # Ukrainian; empty when the answer arrived

    @property
    def ok(self) -> bool:
        return not self.error


def fetch_capped(url: str, max_bytes: int, *, session: requests.Session | None = None,
                 timeout: float = DEFAULT_TIMEOUT, deadline: float | None = None,
                 byte_range: bool = False) -> Fetched:
    """GET ``url`` and keep at most ``max_bytes`` of it; ``over_cap`` when there was more.

    ``deadline`` (a ``time.monotonic()`` value) stops a slow answer between chunks;
    ``byte_range`` asks the server for the first ``max_bytes`` only (a server may ignore it).
    """
    own = session is None
    session = session or new_session()
    headers = {"Range": f"bytes=0-{max_bytes - 1}"} if byte_range and max_bytes > 0 else {}
    try:
        with session.get(url, stream=True, timeout=timeout, headers=headers,
                         allow_redirects=True) as answer:
            content_type = answer.headers.get("Content-Type", "")
            if answer.status_code >= 400:
                return Fetched(content_type=content_type, status=answer.status_code,
                               error=f"сервер відповів {answer.status_code} {answer.reason}")
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_content(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    break
                if deadline is not None and time.monotonic() > deadline:
                    return Fetched(status=answer.status_code, content_type=content_type,
                                   error="файл не завантажився за відведений час")
            data = b"".join(chunks)
            return Fetched(data[:max_bytes], size > max_bytes, content_type, answer.status_code)
    except requests.Timeout:
        return Fetched(error=f"сервер не відповів за {timeout:g} с")
    except requests.ConnectionError:
        return Fetched(error="не вдалося зʼєднатися з сервером")
    except requests.RequestException as exc:
        return Fetched(error=f"не вдалося завантажити ({type(exc).__name__})")
    finally:
        if own:
            session.close()
