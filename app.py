"""The dashboard's entry point: page config, the access gate (the page list), navigation."""

from __future__ import annotations

import streamlit as st

from odcore.access import internal_allowed, pages_for
from odcore.config import AppConfig
from odcore.ui.loading import load_current, page_access
from odcore.ui.navigation import build_pages
from odcore.ui.shell import set_document_language, set_page_face
from odcore.ui.sidebar import render_sidebar

set_page_face()

# A configuration that cannot be used still gives the access flags it could resolve, so an
# intranet install shows its internal pages (with the full error) and a public site does not.
access = page_access()
page = st.navigation(build_pages(pages_for(access)))
render_sidebar(load_current(report=False) if isinstance(access, AppConfig) else None,
               internal=internal_allowed(access))
set_document_language()
page.run()
