"""Огляд: the verdict and who owes what on the first screen, then the detail, at any as_of."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label
from odcore.ui.i18n import t
from odcore.ui.loading import current_plan_view, require_workbook
from odcore.ui.overview_head import data_date, verdict_figures, who_owes_what
from odcore.ui.plan_charts import department_chart, grid_chart, section_chart
from odcore.ui.plan_figures import discrepancy_notes, indicator_tiles
from odcore.ui.plan_tables import owed_table

loaded = require_workbook()
settings = loaded.config.settings

st.title(t("overview.title"))
# The data date once, at the top: every figure below is at that date.
as_of = data_date(settings)
view = current_plan_view(loaded, as_of)
verdict_figures(view)
who_owes_what(view, loaded.workbook)

st.subheader(t("overview.owed"))
owed_table(view)
if view.discrepancies:
    st.subheader(t("overview.discrepancies"))
    discrepancy_notes(view)

st.subheader(t("overview.indicators"))
# The date stays in each tile's help: a tile copied alone still says when it was true.
indicator_tiles(view.indicators, as_of_label(as_of, settings), links=view.links)

st.subheader(t("overview.sections"))
section_chart(view.plan.sections)

st.subheader(t("overview.departments"))
department_chart(view)

st.subheader(t("overview.grid"))
grid_chart(view, settings)
