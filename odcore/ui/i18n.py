"""Looking up UI strings in the language the visitor chose in the sidebar."""

from __future__ import annotations

import streamlit as st

from odcore.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    Phrase,
    translate,
    translate_count,
)
from odcore.textsafe import escape_markdown

LANGUAGE_KEY = "lang"


def current_language() -> str:
    """The language chosen in the sidebar, else the ``lang`` query parameter, else Ukrainian."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    if chosen in LANGUAGES:
        return str(chosen)
    asked = st.query_params.get(LANGUAGE_KEY)
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The UI string for Markdown-rendering calls: every filled-in value is escaped."""
    return translate(key, current_language(), **{k: escape_markdown(v) for k, v in values.items()})


def t_count(key: str, count: int, **values: object) -> str:
    """The plural form of a UI string that fits ``count`` (values escaped, as in :func:`t`)."""
    return translate_count(key, count, current_language(),
                           **{k: escape_markdown(v) for k, v in values.items()})


def t_plain(key: str, **values: object) -> str:
    """The UI string for calls that show plain text (table headers, page titles, options)."""
    return translate(key, current_language(), **values)


def t_phrase(phrase: Phrase) -> str:
    """A rule's verdict (a reason, an action) as plain text in the visitor's language."""
    return phrase.render(current_language())


def language_switch() -> None:
    """The sidebar's language choice; a non-default language is kept in the URL."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = current_language()
    st.sidebar.radio(translate("sidebar.language", current_language()), LANGUAGES,
                     format_func=LANGUAGE_NAMES.__getitem__, key=LANGUAGE_KEY, horizontal=True)
    if st.session_state[LANGUAGE_KEY] == DEFAULT_LANGUAGE:
        st.query_params.pop(LANGUAGE_KEY, None)
    else:
        st.query_params[LANGUAGE_KEY] = st.session_state[LANGUAGE_KEY]
