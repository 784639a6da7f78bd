"""The public home: what the dashboard is, where to go next, and the date of the data."""

from __future__ import annotations

import streamlit as st

from odcore.access import PageKey
from odcore.ui.i18n import t, t_plain
from odcore.ui.loading import require_public_view
from odcore.ui.navigation import PAGE_FILES, script_path

NEXT_PAGES = (PageKey.PUBLIC_PRODUCTS, PageKey.PUBLIC_CATALOGUE, PageKey.PUBLIC_PROGRAMME)

public = require_public_view()
view = public.view

st.title(t("public.title"))
st.markdown(t("public.intro", council=view.council))
for key in NEXT_PAGES:
    spec = PAGE_FILES[key]
    st.page_link(script_path(key), label=t_plain(spec.title_key), icon=spec.icon)
st.markdown(t("public.portal"))
st.markdown(t("public.contact", contact=view.public_contact))
if public.data_date is not None and not public.kept_copy:  # a kept copy says its date above
    st.caption(t("sidebar.data_as_of", date=public.data_date.strftime("%d.%m.%Y")))
