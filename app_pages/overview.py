"""Огляд: how far the plan has got, what is overdue and who owes it, at any as_of."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.i18n import t
from odcore.ui.loading import current_plan_view, require_workbook
from odcore.ui.plan_charts import department_chart, grid_chart, section_chart
from odcore.ui.plan_figures import discrepancy_notes, indicator_tiles, plan_progress_metric
from odcore.ui.plan_tables import owed_table

loaded = require_workbook()
settings = loaded.config.settings

st.title(t("overview.title"))
as_of = as_of_picker(settings)
view = current_plan_view(loaded, as_of)
as_of_text = as_of_label(as_of, settings)

plan_progress_metric(view, as_of_text)
st.caption(as_of_text)

st.subheader(t("overview.owed"))
st.caption(as_of_text)
owed_table(view)
if view.discrepancies:
    st.subheader(t("overview.discrepancies"))
    st.caption(as_of_text)
    discrepancy_notes(view)

st.subheader(t("overview.indicators"))
st.caption(as_of_text)
indicator_tiles(view.indicators, as_of_text, links=view.links)

st.subheader(t("overview.sections"))
st.caption(as_of_text)
section_chart(view.plan.sections)

st.subheader(t("overview.departments"))
st.caption(as_of_text)
department_chart(view)

st.subheader(t("overview.grid"))
st.caption(as_of_text)
grid_chart(view, settings)
