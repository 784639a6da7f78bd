"""Cell text shown through Streamlit's Markdown renderer stays text (issue 5, "Text stays text").

Streamlit renders Markdown in markdown, captions, headers and the labels of buttons, metrics,
expanders and tabs, and adds its own syntax: ``:red[...]`` and other directives,
``:material/icon:`` icons, ``:smile:`` emoji shortcodes and ``$...$`` math. Every cell value
shown through one of those calls goes through :func:`escape_markdown`, so what a person typed
appears exactly as typed. Links are made only by :func:`markdown_link`, and only for
``http(s)`` URLs.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from odcore.cells import valid_http_url
from odcore.issues import display_value

# CommonMark lets a backslash escape any ASCII punctuation character, which then renders as
# itself. GFM's autolink literals (``https://``, ``www.``, e-mails) ignore backslashes, so an
# invisible word joiner goes after every colon and ``@`` and inside ``www``: it also keeps
# ``:smile:`` from becoming an emoji and ``:material/x:`` from being rewritten, and changes
# nothing visible (copying the text keeps the invisible joiner).
_PUNCTUATION = frozenset(string.punctuation)
_WORD_JOINER = "\u2060"
_JOIN_AFTER = frozenset(":@")
_WWW = re.compile(r"(w)(ww)", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
# Direction controls typed into a cell (U+202E right-to-left override, ...): the value is
# wrapped in an invisible first-strong isolate (U+2068 ... U+2069), so they reorder only the
# value itself, never the words after it on the same line.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_markdown(value: object) -> str:
    """The value as Markdown that renders literally: no formatting, HTML, links or directives."""
    text = value if isinstance(value, str) else display_value(value, limit=10_000)
    out: list[str] = []
    for char in text:
        if char in _PUNCTUATION:
            out.append("\\" + char)
            if char in _JOIN_AFTER:
                out.append(_WORD_JOINER)
        else:
            out.append(char)
    joined = _WWW.sub(rf"\1{_WORD_JOINER}\2", "".join(out))
    if _BIDI_CONTROLS.search(joined):
        joined = f"\u2068{joined}\u2069"
    # A line break in a cell stays a line break (two trailing spaces make a hard break).
    return _LINE_BREAKS.sub("  \n", joined)


def safe_link(url: object) -> str | None:
    """The URL when it is a valid http(s) link, else None (never ``javascript:`` or ``data:``)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if len(text) <= _LINK_MEMO_CHARS:
        return _checked_link(text)
    return text if valid_http_url(text) else None


# A page reruns on every click and checks the same links again (8,000 on the datasets page at
# 100 times the demo: a character-by-character test each); the answers are remembered.
_LINK_MEMO_CHARS = 2_048


@lru_cache(maxsize=32_768)
def _checked_link(text: str) -> str | None:
    return text if valid_http_url(text) else None


def markdown_link(label: object, url: object) -> str:
    """``[label](url)`` with the label escaped; only the escaped label when the URL is unsafe."""
    shown = escape_markdown(label)
    link = safe_link(url)
    if link is None or not shown:
        return shown
    return f"[{shown}](<{link}>)"
