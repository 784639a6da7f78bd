"""План заходів: every task with its schedule, state, executors and latest report."""

from __future__ import annotations

import streamlit as st

from odcore.ui.as_of import as_of_label, as_of_picker
from odcore.ui.charts import state_label
from odcore.ui.i18n import t, t_count, t_plain
from odcore.ui.loading import current_plan_view, require_workbook
from odcore.ui.plan_tables import task_detail, task_table
from odcore.ui.plan_view import department_names, filter_tasks, states_present
from odcore.ui.signin import current_viewer, redactor
from odcore.ui.state import url_multi, url_single, widget_key

loaded = require_workbook()
settings = loaded.config.settings
shown = redactor(loaded, current_viewer())

st.title(t("plan.title"))
as_of = as_of_picker(settings)
view = current_plan_view(loaded, as_of)
as_of_text = as_of_label(as_of, settings)

sections = {s.number: f"{s.number}. {s.title}" for s in view.plan.sections}
states = states_present(view)
left, middle, right = st.columns(3)
with left:
    chosen_sections = url_multi(st.multiselect, t("plan.filter_section"), list(sections),
                                param="section", format_func=sections.__getitem__)
with middle:
    department = url_single(st.selectbox, t("plan.filter_department"),
                            department_names(loaded.workbook, view.plan, settings),
                            param="executor", index=None, placeholder=t_plain("common.all"))
with right:
    chosen_states = url_multi(st.multiselect, t("plan.filter_state"), states, param="state",
                              format_func=state_label)

tasks = filter_tasks(view, settings, sections=set(chosen_sections), department=department,
                     states=set(chosen_states))
st.caption(f"{t_count('plan.count', len(tasks), total=len(view.plan.tasks))} · {as_of_text}")
picked = None
if tasks:
    # Selecting a row opens that task's detail below (the select box follows).
    picked = task_table(tasks, view, settings, shown, select_key="plan_tasks")
    st.caption(t("plan.select_hint"))
else:
    st.info(t("plan.none"))
if picked is not None:
    st.session_state[widget_key("task")] = picked

titles = {p.code: f"{p.code}. {p.task.task}" for p in view.plan.tasks}
code = url_single(st.selectbox, t("plan.detail"), list(titles), param="task", index=None,
                  placeholder=t_plain("plan.detail_placeholder"),
                  format_func=titles.__getitem__)
chosen = view.plan.task(code) if code else None
if chosen is not None:
    task_detail(chosen, view, settings, as_of_text, shown)
