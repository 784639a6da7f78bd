"""The dashboard's entry point: page config, the access gate (the page list), navigation."""

from __future__ import annotations

import streamlit as st

from odcore.access import internal_allowed, pages_for
from odcore.ui.i18n import t_plain
from odcore.ui.loading import app_config, load_current
from odcore.ui.navigation import build_pages
from odcore.ui.sidebar import render_sidebar

st.set_page_config(page_title=t_plain("app.title"), page_icon=":material/dataset:",
                   layout="wide")

config = app_config()
page = st.navigation(build_pages(pages_for(config)))
render_sidebar(load_current(report=False) if config is not None else None,
               internal=internal_allowed(config))
page.run()
