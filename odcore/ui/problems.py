"""Data problems shown with where to fix them: counters, the severity filter, grouped tables."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from odcore.i18n import translate
from odcore.issues import Issue, Severity, count_by_severity
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.downloads import csv_download
from odcore.ui.i18n import current_language, t, t_count, t_plain
from odcore.ui.state import url_multi

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# Issues drawn per page: each is a line of text and each group on the page a table, so a
# page draws in well under a second however many Issues a large council's workbook has.
PAGE_SIZE = 50
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
    # Each severity's label looked up once (a lookup reads the session state: per Issue it
    # was a fifth of the datasets page's rerun at 100 times the demo).
    labels = {s: translate(f"severity.{s.value}", language) for s in Severity}
    rows = [{
        "severity": labels[i.severity],
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


def issue_text(issue: Issue, language: str) -> str:
    """One Issue in full, as Markdown: severity, cell, column and value, then what to write
    instead and a link to the cell (escaped; a link only of an http(s) URL)."""
    where = " · ".join(escape_markdown(part) for part in (issue.cell, issue.column) if part)
    value = f" · «{escape_markdown(issue.value)}»" if issue.value else ""
    head = f"{_SEVERITY_ICONS[issue.severity]} **{t('severity.' + issue.severity.value)}**"
    line = f"{head} · {where}{value}" if where or value else head
    link = safe_link(issue.link)
    opener = f" [{t('problems.col.link')}](<{link}>)" if link else ""
    return f"{line}  \n{escape_markdown(issue.message_in(language))}{opener}"


def issue_list(issues: list[Issue]) -> None:
    """Each Issue in full, one paragraph each, in one Markdown block.

    The messages are the point of this page and a table cuts them; the table below the list
    is for copying. One block per group, not one per Issue: each element costs the browser.
    """
    language = current_language()
    st.markdown("\n\n".join(issue_text(issue, language) for issue in issues))


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


Segment = tuple[str, str, list[Issue]]  # department, tab, the Issues of one group on a page


def issue_pages(issues: list[Issue], size: int = PAGE_SIZE) -> list[list[Segment]]:
    """The Issues grouped by department (named ones alphabetically, then none), then by tab,
    cut into pages of ``size``; a group cut by a page's end continues on the next page."""
    groups = group_by_department_and_tab(issues)
    ordered = [(department, tab, issue)
               for department in sorted(groups, key=lambda d: (d == "", d.casefold()))
               for tab, tab_issues in groups[department].items() for issue in tab_issues]
    pages: list[list[Segment]] = []
    for start in range(0, len(ordered), size):
        page: list[Segment] = []
        for department, tab, issue in ordered[start:start + size]:
            if page and page[-1][:2] == (department, tab):
                page[-1][2].append(issue)
            else:
                page.append((department, tab, [issue]))
        pages.append(page)
    return pages


def issue_groups(issues: list[Issue], *, key: str = "issues") -> None:
    """The Issues grouped by department, then by tab, each group a list and a table; a page
    of PAGE_SIZE Issues at a time, with a page picker when there are more."""
    pages = issue_pages(issues)
    counts: dict[str, int] = defaultdict(int)
    for issue in issues:
        counts[issue.department] += 1
    page = pages[0] if pages else []
    if len(pages) > 1:
        total = len(issues)

        def label(index: int) -> str:
            first = index * PAGE_SIZE + 1
            return t_plain("problems.page_range", first=_number(first),
                           last=_number(min(total, first + PAGE_SIZE - 1)),
                           total=_number(total))

        # The count is in the key: another filter gives other pages, and starts at the first.
        chosen = st.selectbox(t("problems.page"), range(len(pages)), format_func=label,
                              key=f"{key}-page-{total}")
        page = pages[chosen or 0]
    shown_department: str | None = None
    for department, tab, tab_issues in page:
        if department != shown_department:
            title = escape_markdown(department) if department else t("common.no_department")
            st.subheader(f"{title} · {t_count('problems.group_count', counts[department])}")
            shown_department = department
        st.markdown(f"**{escape_markdown(tab) if tab else t('common.whole_spreadsheet')}**")
        issue_list(tab_issues)
        with st.expander(t("problems.as_table")):
            issue_table(tab_issues, key=f"{key}|{department}|{tab}")


def _number(number: int) -> str:
    """``6761`` -> ``6 761`` in Ukrainian, ``6,761`` in English."""
    return f"{number:,}" if current_language() == "en" else f"{number:,}".replace(",", "\u00a0")
