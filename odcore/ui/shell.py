"""What every page shares in the browser: the tab's title and icon, and the page's language.

Nothing here makes a visitor's browser ask a third party for anything: the icon is a file of
this repository, served by the app itself (a ``:material/…:`` page icon would make every
browser fetch an SVG from fonts.gstatic.com, which hands the visitor's address to Google).
Streamlit writes ``<html lang="en">`` and has no option to change it, so a one-line script,
sent with the page and run in it, sets ``lang`` to the language the visitor reads
(docs/public-export.md, "Nothing from third parties").
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from odcore.i18n import DEFAULT_LANGUAGE, LANGUAGES
from odcore.ui.i18n import current_language, t_plain

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"


def set_page_face() -> None:
    """The tab's title and icon (a local file) and the wide layout; first call of a run."""
    st.set_page_config(page_title=t_plain("app.title"), page_icon=FAVICON, layout="wide")


def page_tab_title(title: str) -> str:
    """The browser tab's title of one page: ``Огляд · Відкриті дані громади``."""
    return f"{title} · {t_plain('app.title')}" if title else t_plain("app.title")


def set_page_title(title: str) -> None:
    """Name the browser tab after the page being shown (a link shared or bookmarked says
    which page it is); called once the page is known, and again by a page with its own."""
    st.set_page_config(page_title=page_tab_title(title))


def language_script(language: str) -> str:
    """The script that sets ``<html lang>``; the code comes from LANGUAGES, never from input."""
    code = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return f'<script>document.documentElement.lang = "{code}";</script>'


def set_document_language() -> None:
    """Mark the page as Ukrainian (or English when chosen), for screen readers, translation
    prompts and hyphenation. Rendered last in the sidebar, where its empty box shows nothing."""
    st.sidebar.html(language_script(current_language()), unsafe_allow_javascript=True)
