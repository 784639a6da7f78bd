"""Мій підрозділ: a department's tasks, what it still has to report, its overdue items and
its data problems, with where to fix each."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.format import format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import current_plan_view, require_workbook
from odcore.ui.plan_tables import debts_frame, plain_table, task_table, to_report_frame
from odcore.ui.plan_view import department_names, department_view
from odcore.ui.problems import issue_groups, severity_counters
from odcore.ui.state import url_single

loaded = require_workbook()
settings = loaded.config.settings

st.title(t("department.title"))
as_of = as_of_picker(settings)
view = current_plan_view(loaded, as_of)
as_of_text = as_of_label(as_of, settings)
department = url_single(st.selectbox, t("department.choose"),
                        department_names(loaded.workbook, view.plan, settings),
                        param="department", index=None,
                        placeholder=t_plain("department.placeholder"))
if department is None:
    st.info(t("department.pick"))
    st.stop()
mine = department_view(department, view)

st.metric(t("department.progress"), format_share(mine.progress, current_language()),
          border=True)
st.caption(as_of_text)

st.subheader(t("department.to_report"))
st.caption(as_of_text)
plain_table(to_report_frame(mine.to_report, view), "department.to_report_none")

st.subheader(t("department.overdue"))
st.caption(as_of_text)
plain_table(debts_frame(mine.debts, view), "department.overdue_none",
            optional=("missed", "overdue_since"))

st.subheader(t("department.tasks"))
st.caption(as_of_text)
if mine.tasks:
    task_table(mine.tasks, view, settings)
else:
    st.info(t("department.tasks_none"))

st.subheader(t("department.problems"))
severity_counters(mine.issues)
if mine.issues:
    issue_groups(mine.issues)
else:
    st.success(t("problems.none"))
