"""The public home: what the dashboard is, where to go next, and the date of the data."""

from __future__ import annotations

import streamlit as st

from odcore.access import PageKey
from odcore.ui.i18n import t, t_plain
from odcore.ui.loading import require_workbook
from odcore.ui.navigation import PAGE_FILES, script_path
from odcore.ui.sidebar import data_date

NEXT_PAGES = (PageKey.PUBLIC_PRODUCTS, PageKey.PUBLIC_CATALOGUE, PageKey.PUBLIC_PROGRAMME)

loaded = require_workbook()
council = loaded.config.settings.council

st.title(t("public.title"))
st.markdown(t("public.intro", council=council.name))
for key in NEXT_PAGES:
    spec = PAGE_FILES[key]
    st.page_link(script_path(key), label=t_plain(spec.title_key), icon=spec.icon)
st.markdown(t("public.portal"))
st.markdown(t("public.contact", contact=council.public_contact))
day = data_date(loaded)
if day is not None:
    st.caption(t("sidebar.data_as_of", date=day.strftime("%d.%m.%Y")))
