"""The public home: what the dashboard is and the date of the data, nothing internal."""

from __future__ import annotations

import streamlit as st

from odcore.ui.i18n import t
from odcore.ui.loading import require_workbook
from odcore.ui.sidebar import data_date

loaded = require_workbook()
council = loaded.config.settings.council

st.title(t("public.title"))
st.markdown(t("public.intro", council=council.name))
st.markdown(t("public.portal"))
st.markdown(t("public.contact", contact=council.public_contact))
day = data_date(loaded)
if day is not None:
    st.caption(t("sidebar.data_as_of", date=day.strftime("%d.%m.%Y")))
