"""Як виконується програма: the plan's tasks, section and plan progress and the indicators.

A transparency page rendered only from odcore.public's view: no report texts, evidence,
departments' debts or discrepancies, which stay on the internal plan pages.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from odcore.public import PublicProgramme
from odcore.ui.charts import state_label
from odcore.ui.downloads import csv_download
from odcore.ui.format import format_date, format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import require_public_view
from odcore.ui.plan_charts import section_chart
from odcore.ui.plan_figures import indicator_tiles
from odcore.ui.state import url_single

_TEXT = st.column_config.TextColumn


def task_table(programme: PublicProgramme, section: str | None, as_of: dt.date) -> None:
    """The tasks (of one section, if chosen) with their wording, state and progress, and
    the same rows as CSV."""
    language = current_language()
    frame = pd.DataFrame([{
        "code": task.code,
        "task": task.task,
        "deadline": task.deadline,
        "executors": ", ".join(task.executors),
        "state": state_label(task.state),
        "progress": format_share(task.progress, language),
    } for task in programme.tasks if section is None or task.section == section],
        # The state and progress first: what a resident looks for; the wording after them.
        columns=["code", "state", "progress", "task", "deadline", "executors"])
    labels = {name: t_plain(f"col.{name}") for name in frame.columns}
    config = {name: _TEXT(label) for name, label in labels.items()}
    config["task"] = _TEXT(labels["task"], width="large")
    st.dataframe(frame, hide_index=True, column_config=config, width="stretch")
    csv_download(frame, f"programme-tasks-{as_of.isoformat()}.csv", labels=labels)


public = require_public_view()
settings = public.config.settings
view = public.view
programme = view.programme
as_of_text = t("pub.as_of", date=format_date(view.as_of))

st.title(t("pub.programme.title"))
st.markdown(t("pub.programme.intro", first=settings.plan_first_year,
              last=settings.plan_last_year))
st.caption(as_of_text)
if not programme.tasks:
    st.info(t("pub.programme.empty"))
    st.stop()

st.metric(t("pub.programme.plan"), format_share(programme.progress, current_language()),
          border=True)

st.subheader(t("pub.programme.indicators"))
indicator_tiles({i.key: i for i in programme.indicators}, as_of_text)

st.subheader(t("pub.programme.sections"))
section_chart(programme.sections)

st.subheader(t("pub.programme.tasks"))
sections = list(dict.fromkeys(task.section for task in programme.tasks))
chosen = url_single(st.selectbox, t("plan.filter_section"), sections, param="section",
                    index=None, placeholder=t_plain("common.all"))
task_table(programme, chosen, view.as_of)
st.caption(t("pub.programme.left_out"))
