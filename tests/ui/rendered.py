"""What escaped Markdown renders as, and every text an AppTest run shows."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_JOINED = re.compile(r"(?<=\\[:@])\u2060|(?<=w)\u2060(?=ww)", re.IGNORECASE)


def unescape(markdown: str) -> str:
    """What escaped Markdown renders as: CommonMark backslash escapes and word joiners removed."""
    return _ESCAPED.sub(r"\1", _JOINED.sub("", markdown))


def texts(at: AppTest) -> str:
    """Every text the main area and the sidebar show, unescaped and joined."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    return unescape("\n".join(parts))
