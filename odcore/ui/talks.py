"""The overview's people and events: the events of tasks 8.1 and 9.2 by quarter and type,
who of the responsible persons is not trained yet (2.2), the chief specialist (2.1), and the
quarterly news draft's download buttons. They show rule results; they compute none.

Names of persons appear here, so these widgets belong on internal pages only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from odcore.figures import Figures
from odcore.news import news_docx, news_draft, news_markdown
from odcore.periods import Quarter, plan_quarters
from odcore.personal import Redactor
from odcore.rules.events import PeopleFigures, TaskEvents, Untrained
from odcore.settings import Settings
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.format import format_date, format_quarter
from odcore.ui.i18n import current_language, t, t_count, t_plain

_TEXT = st.column_config.TextColumn
_UNTRAINED_WIDTHS = {"person": 150, "departments": 110}


def _kinds_text(by_kind: dict[str, int]) -> str:
    return " · ".join(f"{kind}: {count}" for kind, count in by_kind.items())


def quarters_frame(task: TaskEvents) -> pd.DataFrame:
    """One row per plan quarter started by as_of: the total and a column per event type."""
    language = current_language()
    kinds = list(task.by_kind)
    rows = [{"quarter": format_quarter(q.quarter, language), "total": q.total,
             **{kind: q.by_kind.get(kind, 0) for kind in kinds}} for q in task.quarters]
    return pd.DataFrame(rows, columns=["quarter", "total", *kinds])


def events_frame(task: TaskEvents) -> pd.DataFrame:
    """The task's events: date, name, type, result, link (http(s) only)."""
    rows = [{"date": format_date(e.date), "title": e.title, "kind": e.kind.value,
             "outcome": e.outcome or "", "url": safe_link(e.url)} for e in task.events]
    return pd.DataFrame(rows, columns=["date", "title", "kind", "outcome", "url"])


def _task_events(task: TaskEvents, as_of_text: str) -> None:
    heading = f"**{escape_markdown(task.code)}**"
    if task.title:
        heading += f" · {escape_markdown(task.title)}"
    st.markdown(heading)
    if task.total is None:
        st.info(t("talks.events_no_tab"))
        return
    st.metric(t("talks.events_total"), task.total, border=True, help=as_of_text)
    if not task.events:
        st.caption(t("talks.events_none"))
        return
    st.caption(escape_markdown(_kinds_text(task.by_kind)))
    frame = quarters_frame(task)
    config = {"quarter": _TEXT(t_plain("talks.col.quarter")),
              "total": st.column_config.NumberColumn(t_plain("talks.col.total"))}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
    with st.expander(t_count("talks.events_list", len(task.events))):
        listed = events_frame(task)
        columns = {name: _TEXT(t_plain(f"talks.col.{name}")) for name in listed.columns}
        columns["url"] = st.column_config.LinkColumn(t_plain("talks.col.url"),
                                                     display_text=t_plain("talks.open"))
        st.dataframe(listed, hide_index=True, width="stretch", column_config=columns)


def event_sections(figures: Figures, as_of_text: str) -> None:
    """Each task of ``settings.event_tasks``: its events by quarter and type, and the list."""
    tasks = list(figures.events)
    if not tasks:
        st.info(t("talks.events_no_tasks"))
        return
    for start in range(0, len(tasks), 2):
        for column, task in zip(st.columns(2), tasks[start:start + 2], strict=False):
            with column:
                _task_events(task, as_of_text)


def _person_shown(person: Untrained, shown: Redactor) -> str:
    """The name when the viewer may see a personal cell of one of the person's departments
    (a coordinator, or staff of that department), else the hidden mark."""
    departments = person.departments or ("",)
    names = [shown.personal(person.person, department) for department in departments]
    return next((n for n in names if n != shown.mark), shown.mark)


def untrained_frame(people: PeopleFigures, shown: Redactor) -> pd.DataFrame:
    """The responsible persons with no course yet: name (as the viewer may see it),
    departments, their datasets."""
    rows = [{"person": _person_shown(u, shown), "departments": ", ".join(u.departments),
             "datasets": ", ".join(u.dataset_ids)} for u in people.untrained or ()]
    return pd.DataFrame(rows, columns=["person", "departments", "datasets"])


def _chief(people: PeopleFigures) -> None:
    chief = people.chief
    if not chief.named:
        st.info(t("talks.chief_unnamed"))
    elif chief.trained is None:
        st.info(t("talks.chief_no_tab", name=chief.name))
    elif chief.trained:
        courses = "; ".join(c.course + (f" ({format_date(c.completed_on)})"
                                        if c.completed_on else "") for c in chief.courses)
        st.success(t_count("talks.chief_trained", len(chief.courses), name=chief.name,
                           courses=courses))
    else:
        st.warning(t("talks.chief_untrained", name=chief.name))


def people_section(figures: Figures, as_of_text: str, shown: Redactor) -> None:
    """Task 2.1's chief specialist and task 2.2's untrained responsible persons (names:
    internal pages only)."""
    people = figures.people
    _chief(people)
    if people.untrained is None:
        st.info(t("talks.untrained_no_tab"))
        return
    if not people.untrained:
        st.success(t_count("talks.untrained_none", people.stewards))
        return
    st.markdown(t("talks.untrained_count", untrained=len(people.untrained),
                  stewards=people.stewards))
    frame = untrained_frame(people, shown)
    # Fixed widths with short headers keep all three columns on a phone's screen (390 px);
    # a long name is cut in its cell, not the column off the screen.
    config = {name: _TEXT(t_plain(f"talks.col.{name}"), width=_UNTRAINED_WIDTHS.get(name))
              for name in frame.columns}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
    st.caption(t("talks.untrained_how"))


def news_quarters(settings: Settings, today: dt.date) -> list[Quarter]:
    """The plan quarters a draft may be written for (started by today), latest first."""
    started = [q for q in plan_quarters(settings.plan_first_year, settings.plan_last_year)
               if q.has_started(today)]
    return started[::-1]


def news_buttons(figures_at_end: Callable[[], Figures], quarter: Quarter,
                 settings: Settings) -> None:
    """Download buttons for the quarter's news draft (Markdown and .docx); the figures at the
    quarter's end date come from ``figures_at_end``. Both files are built only when their
    button is clicked: building them (and those figures) on every run of the overview cost
    its first view at 100 times the demo about half a second (docs/performance.md)."""
    name = f"novyna-{quarter}"
    left, right = st.columns(2)
    left.download_button(t("talks.news_docx"),
                         lambda: news_docx(news_draft(figures_at_end(), quarter)),
                         file_name=f"{name}.docx",
                         mime="application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document",
                         icon=":material/description:", width="stretch", on_click="ignore")
    right.download_button(t("talks.news_markdown"),
                          lambda: news_markdown(news_draft(figures_at_end(), quarter))
                          .encode("utf-8"),
                          file_name=f"{name}.md", mime="text/markdown",
                          icon=":material/article:", width="stretch", on_click="ignore")
    if not quarter.is_due(settings.today()):
        st.caption(t("talks.news_not_ended", date=quarter.end_as_of.strftime("%d.%m.%Y")))
    st.caption(t("talks.news_what"))
