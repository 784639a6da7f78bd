"""Wide tables as cards on a phone: the grid on a wide screen, one card per row on a narrow
one (issue 12, «on a phone, cards instead of wide grids»).

Streamlit does not tell the server how wide the screen is, so both are sent and a CSS media
query shows one of them: the grid above ``PHONE_MAX_PX``, the cards at or below it. Card text
is escaped Markdown (never HTML); only http(s) URLs become links.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from odcore.textsafe import escape_markdown, markdown_link
from odcore.ui.i18n import t

PHONE_MAX_PX = 640  # Streamlit's own breakpoint: below it, columns stack
# Cards per table on a phone: a register of thousands of rows as cards would be thousands of
# elements sent on every rerun (the grid scrolls them in one canvas); the rest are reached by
# the page's search and filters, or on a wider screen.
PHONE_CARDS_MAX = 50
GRID_PREFIX, CARDS_PREFIX = "wide-grid-", "phone-cards-"
STYLE = (f"<style>[class*='st-key-{CARDS_PREFIX}']{{display:none}}"
         f"@media (max-width:{PHONE_MAX_PX}px){{[class*='st-key-{GRID_PREFIX}']{{display:none}}"
         f"[class*='st-key-{CARDS_PREFIX}']{{display:flex}}}}</style>")


def _shown(value: object) -> str:
    """A cell as text; empty for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def card_markdown(row: Mapping[str, object], labels: Mapping[str, str], *,
                  heading: Sequence[str] = ("id", "title"), links: Sequence[str] = ()) -> str:
    """One row as a card: the ``heading`` columns in bold on the first line, then each other
    non-empty column as «Label: value» on a line of its own."""
    head = " · ".join(escape_markdown(_shown(row[n])) for n in heading
                      if n in row and _shown(row[n]))
    lines = [f"**{head}**"] if head else []
    for name, label in labels.items():
        if name in heading or name not in row:
            continue
        text = _shown(row[name])
        if not text:
            continue
        lines.append(markdown_link(label, text) if name in links
                     else f"{escape_markdown(label)}: {escape_markdown(text)}")
    return "  \n".join(lines)


def phone_cards_style() -> None:
    """The media query that chooses between grid and cards (no space taken on the page)."""
    st.html(STYLE)


def grid_or_cards(frame: pd.DataFrame, *, key: str, column_config: Mapping[str, ColumnConfig],
                  labels: Mapping[str, str], heading: Sequence[str] = ("id", "title"),
                  links: Sequence[str] = (), height: int | Literal["auto"] = "auto") -> None:
    """The frame as a grid on a wide screen and as cards on a phone; ``key`` is unique on
    the page. A fixed ``height`` bounds both, the cards then scroll in their box."""
    phone_cards_style()
    with st.container(key=f"{GRID_PREFIX}{key}"):
        st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config,
                     height=height)
    with st.container(key=f"{CARDS_PREFIX}{key}",
                      height="content" if height == "auto" else height):
        for row in frame.head(PHONE_CARDS_MAX).to_dict("records"):
            with st.container(border=True):
                st.markdown(card_markdown(row, labels, heading=heading, links=links))
        if len(frame) > PHONE_CARDS_MAX:
            st.caption(t("cards.more", shown=PHONE_CARDS_MAX, total=len(frame)))
