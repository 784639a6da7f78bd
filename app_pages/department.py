"""Мій підрозділ: the department's whole to-do list - the tasks and reports it owes, the form
to file a report (its staff and coordinators), its overdue and non-compliant datasets with
the one action that fixes each, and its data problems with where to fix them (first, when
there are errors). Staff find their own department preselected."""

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
from odcore.ui.report_form import report_section
from odcore.ui.signin import current_viewer, redactor
from odcore.ui.state import url_single
from odcore.ui.todo import dataset_todo_cards, department_sheet_line

loaded = require_workbook()
settings = loaded.config.settings
viewer = current_viewer()
shown = redactor(loaded, viewer)

st.title(t("department.title"))
as_of = as_of_picker(settings)
view = current_plan_view(loaded, as_of)
names = department_names(loaded.workbook, view.plan, settings)
department = url_single(st.selectbox, t("department.choose"), names, param="department",
                        index=None, placeholder=t_plain("department.placeholder"),
                        default=viewer.own_department(names))
if department is None:
    st.info(t("department.pick"))
    st.stop()
mine = department_view(department, view)
issues = shown.issues(mine.issues)
errors = sum(i.is_error for i in issues)

# The data date once, at the top; every list below is at that date.
st.caption(as_of_label(as_of, settings))
department_sheet_line(loaded.workbook, department, shown)
# Two rows of tiles: five in one row cut their labels at 1400 px.
progress, owed, reports = st.columns(3)
datasets, problems, _ = st.columns(3)
progress.metric(t("department.progress"), format_share(mine.progress, current_language()),
                border=True)
owed.metric(t("todo.metric.tasks_owed"), len({d.code for d in mine.debts}), border=True)
reports.metric(t("todo.metric.reports"), len(mine.to_report), border=True)
datasets.metric(t("todo.metric.datasets"), len(mine.datasets), border=True)
problems.metric(t("todo.metric.errors"), errors, border=True)


def problems_section() -> None:
    st.subheader(t("department.problems"))
    severity_counters(issues)
    if issues:
        issue_groups(issues)
    else:
        st.success(t("problems.none"))


# Rows with errors are left out of every figure below, so they come first.
if errors:
    st.error(t("todo.errors_first"))
    problems_section()

st.subheader(t("department.to_report"))
plain_table(to_report_frame(mine.to_report, view), "department.to_report_none")

report_section(loaded, viewer, department, shown)

st.subheader(t("department.overdue"))
plain_table(debts_frame(mine.debts, view), "department.overdue_none",
            optional=("missed", "overdue_since"))

st.subheader(t("todo.datasets"))
dataset_todo_cards(mine.datasets)

st.subheader(t("department.tasks"))
if mine.tasks:
    task_table(mine.tasks, view, settings, shown)
else:
    st.info(t("department.tasks_none"))

department_people(loaded.workbook, department, shown)

if not errors:
    problems_section()
