"""The dashboard's entry point: page config, sign-in and the access gate (the page list per
role), navigation."""

from __future__ import annotations

import streamlit as st

from odcore.access import pages_for_viewer
from odcore.config import AppConfig
from odcore.ui.loading import load_current, page_access
from odcore.ui.navigation import build_pages
from odcore.ui.shell import set_document_language, set_page_face, set_page_title
from odcore.ui.sidebar import render_sidebar
from odcore.ui.signin import resolve_viewer, share_auth

set_page_face()

# A configuration that cannot be used still gives the access flags it could resolve, so an
# intranet install shows its internal pages (with the full error) and a public site does not.
access = page_access()
# Streamlit's sign-in reads [auth] from its secrets, which odcore fills (docs/access.md).
share_auth(access if isinstance(access, AppConfig) else None)
# The role decides the page list: a page left out is never served, its URL lands on the home.
viewer = resolve_viewer()
page = st.navigation(build_pages(pages_for_viewer(viewer)))
set_page_title(page.title)
render_sidebar(load_current(report=False) if isinstance(access, AppConfig) else None,
               viewer=viewer)
set_document_language()
page.run()
