"""Who owes what, drawn: the overview's department table (a row opens the department's page)
and a department's datasets to act on. The counts come from odcore.todo."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from odcore.access import PageKey
from odcore.departments import DepartmentNames
from odcore.personal import Redactor
from odcore.text import normalize_name
from odcore.textsafe import escape_markdown, safe_link
from odcore.todo import DatasetDue, DatasetToDo, DepartmentDebt
from odcore.ui.council import with_council
from odcore.ui.format import department_label
from odcore.ui.i18n import current_language, t, t_phrase, t_plain
from odcore.ui.navigation import script_path
from odcore.workbook import Workbook

_TEXT = st.column_config.TextColumn
_NUMBER = st.column_config.NumberColumn
# Each count column as wide as its header needs (Source Sans 14 px and the cell padding).
_COUNT_WIDTHS = {"tasks_owed": 80, "reports_missing": 70, "datasets_overdue": 100,
                 "datasets_non_compliant": 100, "problems": 90}


def dataset_todo_frame(items: list[DatasetToDo]) -> pd.DataFrame:
    """One row per dataset to act on: what is wrong first, then the one action, then the name."""
    rows = [{
        "id": d.id,
        "verdict": (t_plain("todo.overdue_days", days=d.item.days_overdue or 0)
                    if d.due is DatasetDue.OVERDUE else t_plain("todo.non_compliant")),
        "action": t_phrase(d.action) if d.action is not None else "",
        "title": d.item.dataset.title,
    } for d in items]
    return pd.DataFrame(rows, columns=["id", "verdict", "action", "title"])


def dataset_todo_cards(items: list[DatasetToDo]) -> None:
    """The department's overdue and non-compliant datasets, one card each (the action is
    a sentence: a card shows it whole, on a phone too), or a note that there are none."""
    if not items:
        st.success(t("todo.datasets_none"))
        return
    for item, row in zip(items, dataset_todo_frame(items).to_dict("records"), strict=True):
        colour = "red" if item.due is DatasetDue.OVERDUE else "orange"
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(row['id'])}** · {escape_markdown(row['title'])}")
            st.markdown(f":{colour}-badge[{escape_markdown(row['verdict'])}]")
            if row["action"]:
                st.markdown(f"{t('todo.col.action')}: {escape_markdown(row['action'])}")


def department_sheet_line(workbook: Workbook, department: str, shown: Redactor) -> None:
    """Where the department fills its data: a link to its Google spreadsheet (when the viewer
    may follow it), or the file's name."""
    wanted = normalize_name(department)
    row = next((d for d in workbook.departments if normalize_name(d.name) == wanted), None)
    info = next((s for s in workbook.spreadsheets
                 if s.department and normalize_name(s.department) == wanted), None)
    main = next((s for s in workbook.spreadsheets if s.main), None)
    place = (row.spreadsheet if row and row.spreadsheet else None) or (
        info.location if info else None) or (main.location if main else None)
    if not place:
        return
    if place.startswith(("http://", "https://")):
        link = safe_link(shown.link(place))
        if link:  # a URL is never passed through t(): its escaping would break the link
            st.markdown(f"{t('todo.sheet')}: [{t('todo.open')}](<{link}>)")
    else:
        # The file's name only: the server's folders mean nothing to the reader.
        st.markdown(f"{t('todo.sheet')}: {escape_markdown(PurePath(place).name)}")


def department_debt_frame(rows: list[DepartmentDebt],
                          names: DepartmentNames | None = None) -> pd.DataFrame:
    """The department table: who first, then each kind of debt, then data problems; a
    department that ``names`` does not know is marked (a misspelling is a row of its own)."""
    language = current_language()
    known = names if names is not None else DepartmentNames(())
    return pd.DataFrame([{
        "department": department_label(r.department, known, language),
        "tasks_owed": r.tasks_owed,
        "reports_missing": r.reports_missing,
        "datasets_overdue": r.datasets_overdue,
        "datasets_non_compliant": r.datasets_non_compliant,
        "problems": r.problems,
    } for r in rows], columns=["department", "tasks_owed", "reports_missing",
                               "datasets_overdue", "datasets_non_compliant", "problems"])


def department_debt_table(rows: list[DepartmentDebt], names: DepartmentNames | None = None, *,
                          key: str = "department-debts") -> None:
    """The departments, most owed first; selecting a row opens that department's page."""
    if not rows:
        st.info(t("todo.departments_none"))
        return
    frame = department_debt_frame(rows, names)
    # Who comes first; the counts are narrow (their meaning in the help), so that the name
    # and the first two counts fit a phone's screen. A long name is in full on hover.
    config: dict[str, Any] = {"department": _TEXT(t_plain("todo.col.department"),
                                                     width=160, pinned=True)}
    for name in frame.columns[1:]:
        config[name] = _NUMBER(t_plain(f"todo.col.{name}"), format="%d",
                               width=_COUNT_WIDTHS[name], help=t_plain(f"todo.help.{name}"))
    event = st.dataframe(frame, hide_index=True, column_config=config, width="stretch",
                         on_select="rerun", selection_mode="single-row", key=key)
    st.caption(t("todo.departments_hint"))
    chosen = list(event.selection.rows) if event is not None else []
    if chosen:
        # Forget the selection, so that coming back to the overview does not jump again.
        st.session_state.pop(key, None)
        open_department(rows[chosen[0]].department)


def open_department(department: str) -> None:
    """Switch to "Мій підрозділ" with the department chosen (kept in its URL)."""
    st.switch_page(script_path(PageKey.DEPARTMENT), query_params=with_council({"department": department}))
