"""Everything an AppTest run sends to the browser, as text to search."""

from __future__ import annotations

import html
import re
from typing import Any

from streamlit.testing.v1 import AppTest


def _walk(node: Any, out: list[str]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None:
        # The serialised message is what goes over the wire (a dataframe's Arrow bytes
        # included); the text form adds the field values in readable form.
        out.append(proto.SerializeToString().decode("utf-8", errors="replace"))
        out.append(str(proto))
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _walk(child, out)


def sent(at: AppTest) -> str:
    """Every element's message (main area and sidebar), every table's cells, the query."""
    out: list[str] = []
    _walk(at._tree, out)
    out.extend(frame.value.to_csv() for frame in at.dataframe)
    out.extend(f"{k}={v}" for k, v in at.query_params.items())
    return "\n".join(out)


_CSS_URL = re.compile(r'url\("([^"]*)"\)')


def link_targets(at: AppTest) -> list[str]:
    """The URLs of link buttons and the pictures' sources (st.image, or the background of a
    product's picture band; its drawn ``data:`` tile left out)."""
    urls = [e.proto.url for e in at.get("link_button")]
    urls += [url for e in at.get("image") for url in e.value]
    urls += [url for e in at.get("html") for url in _CSS_URL.findall(html.unescape(e.proto.body))
             if not url.startswith("data:")]
    return urls
