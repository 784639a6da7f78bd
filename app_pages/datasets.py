"""Набори даних: compliance against the 75 % target, what to fix first, the register, the
partner products, and (for a coordinator) the score card and register downloads."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.cards import phone_cards_style
from odcore.ui.dataset_widgets import (
    compliance_chart,
    dataset_detail,
    dataset_picker,
    dataset_tiles,
    downloads,
    overdue_section,
    products_section,
    register_section,
    todo_section,
    trend_table,
)
from odcore.ui.format import format_share
from odcore.ui.i18n import t
from odcore.ui.loading import current_figures, require_workbook
from odcore.ui.portal_widgets import content_check_detail, headline_figures
from odcore.ui.signin import current_viewer, redactor

loaded = require_workbook()
settings = loaded.config.settings
viewer = current_viewer()
shown = redactor(loaded, viewer)

st.title(t("datasets.title"))
phone_cards_style()  # early, so that the wide grids are hidden on a phone from the start
as_of = as_of_picker(settings)
figures = current_figures(loaded, as_of)
assessment = figures.assessment
as_of_text = as_of_label(as_of, settings)
if as_of < settings.today():
    st.caption(t("datasets.register_today"))

dataset_tiles(assessment, as_of_text)
st.caption(as_of_text)
headline_figures(figures, as_of_text)

st.subheader(t("datasets.by_department"))
st.caption(as_of_text)
compliance_chart(assessment, loaded.workbook.issues, loaded.workbook.department_names())

st.subheader(t("datasets.overdue"))
st.caption(as_of_text)
overdue_section(assessment)

st.subheader(t("datasets.todo"))
st.caption(f"{t('datasets.todo_note')} {as_of_text}")
todo_section(assessment)

st.subheader(t("datasets.trend"))
st.caption(f"{t('datasets.trend_note', target=format_share(assessment.compliance_target))} "
           f"{as_of_text}")
trend_table(assessment, loaded.service.closed_quarters())

st.subheader(t("datasets.register"))
register_section(assessment, as_of_text, shown, loaded.workbook.department_names())
item = dataset_picker(assessment)
if item is not None:
    dataset_detail(item, as_of_text, shown)
    content = figures.portal.content
    check = content.check(item.id) if content is not None else None
    if content is not None and check is not None:
        content_check_detail(check, content.checked_at)

st.subheader(t("datasets.products"))
products_section(loaded.workbook, shown)

st.subheader(t("datasets.downloads"))
if viewer.coordinator:
    downloads(loaded.workbook, settings, as_of, viewer, loaded.service.closed_quarters())
else:
    st.info(t("datasets.downloads_coordinator"))
