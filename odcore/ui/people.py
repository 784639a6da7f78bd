"""A department's people on «Мій підрозділ»: its contacts (``Підрозділи``) and its staff's
training (``Навчання``). Every value here is personal: it goes through the viewer's Redactor
(odcore.personal), so staff see the people of their own department only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odcore.personal import Redactor
from odcore.text import normalize_name
from odcore.ui.format import format_date
from odcore.ui.i18n import t, t_plain
from odcore.workbook import Workbook

_TEXT = st.column_config.TextColumn


def contacts_frame(workbook: Workbook, department: str, shown: Redactor) -> pd.DataFrame:
    """The department's head and e-mail from ``Підрозділи``."""
    wanted = normalize_name(department)
    return pd.DataFrame([{
        "head": shown.personal(d.head, d.name), "email": shown.personal(d.email, d.name),
    } for d in workbook.departments if normalize_name(d.name) == wanted],
        columns=["head", "email"])


def trainings_frame(workbook: Workbook, department: str, shown: Redactor) -> pd.DataFrame:
    """The department's rows of ``Навчання``: who took which course when, and the
    certificate's address (as text)."""
    wanted = normalize_name(department)
    rows = []
    for training in workbook.trainings:
        if not training.department or normalize_name(training.department) != wanted:
            continue
        rows.append({
            "person": shown.personal(training.person, training.department),
            "course": training.course,
            "completed_on": format_date(training.completed_on),
            "certificate": shown.personal(training.certificate_url, training.department),
        })
    return pd.DataFrame(rows, columns=["person", "course", "completed_on", "certificate"])


def _table(frame: pd.DataFrame, empty_key: str) -> None:
    if frame.empty:
        st.info(t(empty_key))
        return
    config = {name: _TEXT(t_plain(f"department.col.{name}")) for name in frame.columns}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def department_people(workbook: Workbook, department: str, shown: Redactor) -> None:
    """The department's contacts and its staff's training, each as a table or a note."""
    st.subheader(t("department.contacts"))
    _table(contacts_frame(workbook, department, shown), "department.contacts_none")
    st.subheader(t("department.trainings"))
    _table(trainings_frame(workbook, department, shown), "department.trainings_none")
