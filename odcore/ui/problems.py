"""Data problems shown with where to fix them: counters, the severity filter, grouped tables."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from odcore.issues import Issue, Severity, count_by_severity
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.downloads import csv_download
from odcore.ui.i18n import current_language, t, t_count, t_plain
from odcore.ui.state import url_multi

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
DEFAULT_SEVERITIES = (Severity.ERROR.value, Severity.WARNING.value)


def severity_counters(issues: list[Issue]) -> None:
    """One metric per severity."""
    counts = count_by_severity(issues)
    for column, key in zip(st.columns(3), ("errors", "warnings", "infos"), strict=True):
        column.metric(t(f"severity.{key}"), counts[key])


def config_warnings(warnings: tuple[str, ...]) -> None:
    """The settings that were not applied (a mistyped key), each in its own warning box."""
    for warning in warnings:
        st.warning(escape_markdown(warning), icon=":material/settings:")


def severity_filter(*, param: str = "severity") -> set[Severity]:
    """Pills for the severities to show (errors and warnings by default), kept in the URL."""
    chosen = url_multi(st.pills, t("problems.severity_filter"),
                       [s.value for s in SEVERITY_ORDER], param=param,
                       default=DEFAULT_SEVERITIES, selection_mode="multi",
                       format_func=lambda v: t_plain(f"severity.{v}"))
    return {Severity(v) for v in chosen}


def issues_frame(issues: list[Issue]) -> pd.DataFrame:
    """One row per Issue: severity, where it is, the value and what to write instead (in the
    visitor's language; the values it quotes stay as typed)."""
    language = current_language()
    rows = [{
        "severity": t_plain(f"severity.{i.severity.value}"),
        "spreadsheet": i.spreadsheet,
        "tab": i.tab,
        "row": i.row,
        "column": i.column,
        "cell": i.cell,
        "value": i.value,
        "message": i.message_in(language),
        "link": safe_link(i.link),
        "code": i.code.value,
    } for i in issues]
    # What to write instead comes right after where: on a narrow screen it stays in view.
    return pd.DataFrame(rows, columns=["severity", "cell", "message", "column", "value", "row",
                                       "tab", "spreadsheet", "link", "code"])


_SEVERITY_ICONS = {Severity.ERROR: ":material/error:", Severity.WARNING: ":material/warning:",
                   Severity.INFO: ":material/info:"}


def issue_list(issues: list[Issue]) -> None:
    """Each Issue in full: severity, cell, column and value, then what to write instead.

    The messages are the point of this page and a table cuts them; the table below the list
    is for copying. Every value is escaped; a cell link is made only of an http(s) URL.
    """
    language = current_language()
    for issue in issues:
        where = " · ".join(escape_markdown(part) for part in (issue.cell, issue.column) if part)
        value = f" · «{escape_markdown(issue.value)}»" if issue.value else ""
        head = f"{_SEVERITY_ICONS[issue.severity]} **{t('severity.' + issue.severity.value)}**"
        line = f"{head} · {where}{value}" if where or value else head
        link = safe_link(issue.link)
        opener = f" [{t('problems.col.link')}](<{link}>)" if link else ""
        st.markdown(f"{line}  \n{escape_markdown(issue.message_in(language))}{opener}")


def issue_table(issues: list[Issue], *, key: str = "issues") -> None:
    """The Issues as a table (plain text cells; a link only for an http(s) cell link) and
    the same rows as formula-safe CSV (the table's own download and copy are off)."""
    frame = issues_frame(issues)
    config = {name: st.column_config.TextColumn(t_plain(f"problems.col.{name}"))
              for name in frame.columns if name not in ("row", "link", "message")}
    config["row"] = st.column_config.NumberColumn(t_plain("problems.col.row"), format="%d")
    config["message"] = st.column_config.TextColumn(t_plain("problems.col.message"),
                                                    width="large")
    config["link"] = st.column_config.LinkColumn(t_plain("problems.col.link"),
                                                 display_text=t_plain("problems.col.link"))
    if frame["link"].isna().all():
        frame = frame.drop(columns=["link"])
    st.dataframe(frame, hide_index=True, column_config=config, width="stretch")
    csv_download(frame, "problems.csv", key=f"issues-csv-{key}",
                 labels={name: t_plain(f"problems.col.{name}") for name in frame.columns})


def group_by_department_and_tab(issues: list[Issue]) -> dict[str, dict[str, list[Issue]]]:
    """Department -> tab -> Issues, in the order of first appearance."""
    groups: dict[str, dict[str, list[Issue]]] = defaultdict(lambda: defaultdict(list))
    for issue in issues:
        groups[issue.department][issue.tab].append(issue)
    return groups


def issue_groups(issues: list[Issue]) -> None:
    """The Issues grouped by department, then by tab, each group a table."""
    groups = group_by_department_and_tab(issues)
    # Named departments first, alphabetically; problems with no department last.
    for department in sorted(groups, key=lambda d: (d == "", d.casefold())):
        tabs = groups[department]
        count = sum(len(v) for v in tabs.values())
        title = escape_markdown(department) if department else t("common.no_department")
        st.subheader(f"{title} · {t_count('problems.group_count', count)}")
        for tab, tab_issues in tabs.items():
            st.markdown(f"**{escape_markdown(tab) if tab else t('common.whole_spreadsheet')}**")
            issue_list(tab_issues)
            with st.expander(t("problems.as_table")):
                issue_table(tab_issues, key=f"{department}|{tab}")
