"""The dashboard's entry point: page config, sign-in and the access gate (the page list per
role, and per council in a multi-council deployment), navigation."""

from __future__ import annotations

import streamlit as st

from odcore.access import pages_for_deployment
from odcore.config import AppConfig
from odcore.ui.council import chosen_council, deployment_councils
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
# With a councils file, the URL's council (kept across pages) decides whose pages these are.
multi = deployment_councils() is not None
council = chosen_council() if multi else None
page = st.navigation(build_pages(pages_for_deployment(viewer, councils=multi, council=council)))
set_page_title(page.title)
shows_council = isinstance(access, AppConfig) and (council is not None or not multi)
render_sidebar(load_current(report=False) if shows_council else None, viewer=viewer)
set_document_language()
page.run()
