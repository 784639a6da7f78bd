"""Filters kept in the URL's query parameters, so that a view can be shared as a link.

A widget's first value comes from its query parameter (when it names a valid option), and
every change is written back; a default value leaves the parameter out of the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from odcore.i18n import translate
from odcore.ui.i18n import current_language


def query_values(param: str) -> list[str]:
    """Every value the URL gives for ``param`` (``?state=a&state=b``)."""
    return [v for v in st.query_params.get_all(param) if v]


def write_query(param: str, values: Sequence[str], default: Sequence[str] = ()) -> None:
    """Keep ``values`` in the URL, or remove the parameter when they equal the default."""
    values = list(values)
    if values == list(default) or not values:
        if param in st.query_params:
            del st.query_params[param]
    elif query_values(param) != values:
        st.query_params[param] = values


def widget_key(param: str) -> str:
    """The session-state key of the widget bound to the URL parameter ``param``."""
    return f"query_{param}"


def url_multi(widget: Callable[..., Any], label: str, options: Sequence[str], *, param: str,
              default: Sequence[str] = (), **kwargs: Any) -> list[str]:
    """A multi-choice widget (``st.multiselect``, ``st.pills`` with ``selection_mode="multi"``)
    whose choice lives in ``?param=...``."""
    key = widget_key(param)
    if key not in st.session_state:
        asked = [v for v in query_values(param) if v in options]
        st.session_state[key] = asked or list(default)
    if widget is st.multiselect:
        kwargs.setdefault("placeholder", translate("common.all", current_language()))
    chosen = list(widget(label, list(options), key=key, **kwargs) or [])
    write_query(param, chosen, default)
    return chosen


def url_single(widget: Callable[..., Any], label: str, options: Sequence[str], *, param: str,
               default: str | None = None, **kwargs: Any) -> str | None:
    """A single-choice widget (``st.selectbox``) whose choice lives in ``?param=...``."""
    key = widget_key(param)
    if key not in st.session_state:
        asked = [v for v in query_values(param) if v in options]
        st.session_state[key] = asked[0] if asked else default
    chosen = widget(label, list(options), key=key, **kwargs)
    write_query(param, [chosen] if chosen is not None else [], [default] if default else [])
    return chosen
