"""Огляд: the verdict and who owes what on the first screen, then the detail (indicators,
events and people behind them, the Ministry's recommendations), at any as_of; and the
quarter's news draft for coordinators."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label
from odcore.ui.format import format_quarter
from odcore.ui.i18n import current_language, t
from odcore.ui.loading import current_figures, current_plan_view, require_workbook
from odcore.ui.overview_head import data_date, overview_head, verdict_figures, who_owes_what
from odcore.ui.plan_charts import department_chart, grid_chart, section_chart
from odcore.ui.plan_figures import discrepancy_notes, indicator_tiles
from odcore.ui.plan_tables import owed_table
from odcore.ui.portal_widgets import headline_figures
from odcore.ui.signin import current_viewer, redactor
from odcore.ui.talks import event_sections, news_buttons, news_quarters, people_section

loaded = require_workbook()
settings = loaded.config.settings

with overview_head():
    st.title(t("overview.title"))
    # The data date once, at the top: every figure below is at that date.
    as_of = data_date(settings)
    view = current_plan_view(loaded, as_of)
    verdict_figures(view)
# Tiles and tables keep the date in their help: one copied alone still says when it was true.
as_of_text = as_of_label(as_of, settings)
who_owes_what(view, loaded.workbook)

st.subheader(t("overview.owed"))
owed_table(view)
if view.discrepancies:
    st.subheader(t("overview.discrepancies"))
    discrepancy_notes(view)

headline_figures(view.figures, as_of_text, dated=False)

st.subheader(t("overview.indicators"))
indicator_tiles(view.indicators, as_of_text, links=view.links)

st.subheader(t("overview.events"))
event_sections(view.figures, as_of_text)

# Names of persons: this page is internal (odcore.access); never put this on a public page.
st.subheader(t("overview.people"))
people_section(view.figures, as_of_text, redactor(loaded, current_viewer()))

st.subheader(t("overview.sections"))
section_chart(view.plan.sections)

st.subheader(t("overview.departments"))
department_chart(view)

st.subheader(t("overview.grid"))
grid_chart(view, settings)

# The quarterly news draft is the coordinator's to write (issue 17); staff do not get it.
viewer = current_viewer()
quarters = news_quarters(settings, settings.today()) if viewer.coordinator else []
if quarters:
    st.subheader(t("overview.news"))
    today = settings.today()
    ended = next((i for i, q in enumerate(quarters) if q.is_due(today)), 0)
    quarter = st.selectbox(t("talks.news_quarter"), quarters, index=ended,
                           format_func=lambda q: format_quarter(q, current_language()))
    news_buttons(lambda: current_figures(loaded, quarter.end_as_of), quarter, settings)
