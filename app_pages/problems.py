"""Проблеми в таблицях: every Issue of the workbook, with where to fix it; a personal cell's
value only where the viewer may see it."""

from __future__ import annotations

import streamlit as st

from odcore.checks import all_issues, sorted_issues
from odcore.ui.i18n import t, t_plain
from odcore.ui.loading import require_workbook
from odcore.ui.problems import (
    config_warnings,
    issue_groups,
    severity_counters,
    severity_filter,
)
from odcore.ui.signin import access_notes, current_viewer, redactor
from odcore.ui.state import url_single

loaded = require_workbook()
shown = redactor(loaded, current_viewer())
issues = shown.issues(sorted_issues(all_issues(loaded.workbook, loaded.config.settings)))

st.title(t("problems.title"))
st.caption(t("problems.intro"))
config_warnings((*loaded.config.warnings, *access_notes(loaded)))
severity_counters(issues)
if not issues:
    st.success(t("problems.none"))
    st.stop()

left, right = st.columns([2, 1])
with left:
    severities = severity_filter()
departments = sorted({i.department for i in issues if i.department}, key=str.casefold)
with right:
    department = url_single(st.selectbox, t("problems.department_filter"), departments,
                            param="department", index=None,
                            placeholder=t_plain("common.all"))
shown_issues = [i for i in issues if i.severity in severities
                and (department is None or i.department == department)]
if not shown_issues:
    st.info(t("problems.none_selected"))
else:
    issue_groups(shown_issues)
