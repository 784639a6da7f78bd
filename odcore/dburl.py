"""A database address as it may be shown: the password never is.

``ODCORE_DATABASE_URL`` (or ``[odcore] database``) is a libpq address, either a URI
(``postgresql://odcore:SECRET@db:5432/odcore``) or key=value words
(``host=db user=odcore password=SECRET``). Every message, log line and page that names the
database goes through :func:`redact_url` or :func:`scrub`.
"""

from __future__ import annotations

import re
import urllib.parse

HIDDEN = "***"
_WORD_PASSWORD = re.compile(r"(?<![?&])\b(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)",
                            re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#\s]*", re.IGNORECASE)
_URI = re.compile(r"\b(postgres(?:ql)?://)([^@/\s]*)@", re.IGNORECASE)


def _hide_userinfo(match: re.Match[str]) -> str:
    user, colon, _password = match.group(2).partition(":")
    return f"{match.group(1)}{user}{':' + HIDDEN if colon else ''}@"


def redact_url(url: str) -> str:
    """The address with its password (in the URI, a ``password=`` query or word) replaced by
    ``***``: what a message may show."""
    return scrub(url, url)


def _patterns_hidden(text: str) -> str:
    text = _URI.sub(_hide_userinfo, text)
    text = _QUERY_PASSWORD.sub(lambda m: m.group(1) + HIDDEN, text)
    return _WORD_PASSWORD.sub(lambda m: m.group(1) + HIDDEN, text)


def password_of(url: str) -> str:
    """The password the address carries ("" when none), to scrub it from other text."""
    match = _URI.search(url)
    if match and ":" in match.group(2):
        return urllib.parse.unquote(match.group(2).partition(":")[2])
    query = re.search(r"[?&]password=([^&#\s]*)", url, re.IGNORECASE)
    if query:
        return urllib.parse.unquote(query.group(1))
    word = _WORD_PASSWORD.search(url)
    return word.group(2).strip("'") if word else ""


def scrub(text: str, url: str) -> str:
    """``text`` (an error from the driver, say) with ``url``'s password nowhere in it."""
    cleaned = _patterns_hidden(text)
    secret = password_of(url)
    if secret:
        cleaned = cleaned.replace(secret, HIDDEN)
        quoted = urllib.parse.quote(secret, safe="")
        if quoted != secret:
            cleaned = cleaned.replace(quoted, HIDDEN)
    return cleaned
