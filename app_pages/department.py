"""Мій підрозділ: a department's tasks, what it still has to report, its overdue items, its
people and its data problems, with where to fix each. Staff find their own department
preselected."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.format import format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import current_plan_view, require_workbook
from odcore.ui.people import department_people
from odcore.ui.plan_tables import debts_frame, plain_table, task_table, to_report_frame
from odcore.ui.plan_view import department_names, department_view
from odcore.ui.problems import issue_groups, severity_counters
from odcore.ui.signin import current_viewer, redactor
from odcore.ui.state import url_single

loaded = require_workbook()
settings = loaded.config.settings
viewer = current_viewer()
shown = redactor(loaded, viewer)

st.title(t("department.title"))
as_of = as_of_picker(settings)
view = current_plan_view(loaded, as_of)
as_of_text = as_of_label(as_of, settings)
names = department_names(loaded.workbook, view.plan, settings)
department = url_single(st.selectbox, t("department.choose"), names, param="department",
                        index=None, placeholder=t_plain("department.placeholder"),
                        default=viewer.own_department(names))
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
    task_table(mine.tasks, view, settings, shown)
else:
    st.info(t("department.tasks_none"))

department_people(loaded.workbook, department, shown)

st.subheader(t("department.problems"))
issues = shown.issues(mine.issues)
severity_counters(issues)
if issues:
    issue_groups(issues)
else:
    st.success(t("problems.none"))
