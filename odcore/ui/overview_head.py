"""The overview's first screen: the verdict in four figures and the department table.

Read in ten seconds: how far the plan has got, how many tasks are behind, how many datasets
meet the standard against its target, how many are overdue, and who owes what. The figures
come from Figures (odcore.todo for the counts); this module only draws them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from odcore.settings import Settings
from odcore.todo import department_debts_table, plan_headline
from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.cards import PHONE_MAX_PX
from odcore.ui.format import format_share
from odcore.ui.i18n import current_language, t
from odcore.ui.plan_figures import plan_progress_metric
from odcore.ui.plan_view import PlanView
from odcore.ui.todo import department_debt_table
from odcore.workbook import Workbook

COMPLIANCE = "datasets_compliant_share"
HEAD_KEY = "overview-head"
# On a phone (Streamlit stacks columns below 640 px) the head is compacted so that the verdict
# and the department table are on the first screen: a smaller title, the four tiles two by
# two with smaller figures and wrapped labels, less space above the page.
COMPACT_HEAD = (
    f"<style>@media (max-width:{PHONE_MAX_PX}px){{"
    f".stMainBlockContainer:has(.st-key-{HEAD_KEY}){{padding-top:3.5rem}}"
    f".st-key-{HEAD_KEY}{{gap:0.5rem}}"
    f".st-key-{HEAD_KEY} h1{{font-size:1.6rem;line-height:1.25;padding:0 0 0.25rem}}"
    f".st-key-{HEAD_KEY} [data-testid='stHorizontalBlock']{{flex-flow:row wrap;gap:0.5rem}}"
    f".st-key-{HEAD_KEY} [data-testid='stColumn']{{flex:1 1 calc(50% - 0.5rem);"
    f"min-width:calc(50% - 0.5rem);width:calc(50% - 0.5rem)}}"
    f".st-key-{HEAD_KEY} [data-testid='stMetric']{{padding:0.5rem}}"
    f".st-key-{HEAD_KEY} [data-testid='stMetricValue']{{font-size:1.5rem}}"
    f".st-key-{HEAD_KEY} [data-testid='stMetricLabel'] *,"
    f".st-key-{HEAD_KEY} [data-testid='stMetricDelta'] *{{white-space:normal}}"
    f".st-key-{HEAD_KEY} [data-testid='stMetricDelta']{{font-size:0.75rem}}"
    f"}}</style>")
_COLOURS: dict[bool | None, Literal["green", "red", "gray"]] = {
    True: "green", False: "red", None: "gray"}


def overview_head() -> DeltaGenerator:
    """The container of the page's head (title, date, verdict), compacted on a phone."""
    st.html(COMPACT_HEAD)
    return st.container(key=HEAD_KEY)


def data_date(settings: Settings) -> dt.date:
    """The data date, said once at the top; the picker folds away under it."""
    # The picker is chosen before the figures exist, so the label is of the kept date.
    holder = st.empty()
    with st.expander(t("overview.change_date")):
        as_of = as_of_picker(settings)
    holder.markdown(f"**{as_of_label(as_of, settings)}**")
    return as_of


def verdict_figures(view: PlanView) -> None:
    """Plan progress, tasks behind out of all, datasets meeting the standard against the
    target, and overdue datasets: one row of tiles (stacked on a phone)."""
    language = current_language()
    figures = view.figures
    headline = plan_headline(figures)
    assessment = figures.assessment
    counts = assessment.counts
    progress, behind, compliant, overdue = st.columns(4)
    with progress:
        plan_progress_metric(view, as_of_label(view.as_of, figures.settings))
    behind.metric(t("overview.tasks_behind"),
                  t("overview.tasks_behind_value", owed=headline.owed, counted=headline.counted),
                  delta=t("overview.tasks_behind_delta", behind=headline.behind,
                          overdue=headline.overdue),
                  delta_color="gray", delta_arrow="off", border=True)
    share = assessment.compliant_share
    # The same verdict as the indicator tile of the standard (RULES.md's indicator table).
    indicator = figures.indicators.get(COMPLIANCE)
    met = indicator.met if indicator is not None else None
    target_text = t("overview.target", target=format_share(assessment.compliance_target,
                                                           language))
    # No verdict without data: the target alone, grey.
    verdict = target_text if met is None else (
        f"{target_text} · {t('indicator.met' if met else 'indicator.not_met')}")
    compliant.metric(t("overview.compliant"), format_share(share, language), delta=verdict,
                     delta_color=_COLOURS[met], delta_arrow="off", border=True)
    overdue.metric(t("overview.datasets_overdue"), counts.overdue,
                   delta=t("overview.of_published", published=counts.published),
                   delta_color="gray", delta_arrow="off", border=True)


def who_owes_what(view: PlanView, workbook: Workbook) -> None:
    """The department table, most owed first; a row opens the department's page."""
    st.subheader(t("todo.departments"))
    department_debt_table(department_debts_table(view.figures, workbook),
                          workbook.department_names())
