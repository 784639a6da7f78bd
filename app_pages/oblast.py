"""Громади області: every hromada of the councils file side by side, from the figures the
refresh worker kept (odcore.rollup), each linking to its own dashboard."""

from __future__ import annotations

import streamlit as st

from odcore.config import ConfigError, load_config
from odcore.councils import Councils
from odcore.rollup import read_rollup, sort_rows
from odcore.service import store_for
from odcore.ui.council import deployment_councils
from odcore.ui.i18n import t
from odcore.ui.loading import show_config_failure
from odcore.ui.oblast import rollup_table
from odcore.ui.signin import current_viewer

st.title(t("oblast.title"))
councils = deployment_councils()
if not isinstance(councils, Councils):
    if councils is None:
        st.info(t("oblast.no_councils"))
    else:
        show_config_failure(internal=True)
    st.stop()
try:
    base = load_config()
except ConfigError:
    show_config_failure(internal=True)
    st.stop()
rows = sort_rows(read_rollup(councils, store_for(base.database_url, "")))
st.caption(t("oblast.caption"))
unread = sum(1 for r in rows if r.as_of is None)
if unread:
    st.info(t("oblast.not_read", count=unread))
rollup_table(rows, base.settings.tz, errors=current_viewer().internal)
