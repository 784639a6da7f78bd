"""Рекомендовані набори: which of the Ministry's recommended sets the register has, which are
missing, each structure's columns and starter workbook, and the last reconciliation with
data.gov.ua (internal; docs/portal.md)."""

from __future__ import annotations

import streamlit as st

from odcore.portal.structures import load_catalogue
from odcore.ui.as_of import as_of_label
from odcore.ui.i18n import t
from odcore.ui.loading import current_figures, require_workbook
from odcore.ui.portal_widgets import (
    coverage_section,
    headline_figures,
    reconciliation_section,
    structure_section,
)
from odcore.ui.signin import current_viewer

loaded = require_workbook()
settings = loaded.config.settings
viewer = current_viewer()

st.title(t("coverage.title"))
st.caption(t("coverage.intro"))
# The register and the portal's kept record are today's: coverage is shown as of today.
as_of = settings.today()
figures = current_figures(loaded, as_of)
headline_figures(figures, as_of_label(as_of, settings))
coverage_section(figures.coverage)
structure_section(load_catalogue(), figures.coverage, viewer)
reconciliation_section(loaded.service, loaded.snapshot, viewer, figures.portal.reconciliation)
