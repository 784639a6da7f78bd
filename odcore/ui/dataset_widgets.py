"""Components of the datasets page: tiles, compliance by department, the trend, the overdue
and to-do lists, the register table, a dataset's detail, the partner products and the two
downloads. Personal columns and cell links go through the viewer's Redactor
(odcore.personal); the downloads are a coordinator's and are written to the audit log."""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Literal

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from odcore.access import PageKey
from odcore.audit import audited
from odcore.departments import DepartmentNames
from odcore.exports.register import register_rows, register_zip
from odcore.history import ClosedQuarter, closed_trend, quarter_score_card
from odcore.i18n import translate
from odcore.issues import Issue
from odcore.periods import Quarter, due_quarters
from odcore.personal import Redactor
from odcore.roles import Viewer
from odcore.rules.quality import DatasetAssessment, DatasetQuality
from odcore.rules.reasons import Reason, reason_phrase
from odcore.settings import Settings
from odcore.text import ComputedOnce
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.cards import grid_or_cards
from odcore.ui.charts import chart_with_table, count_bars, progress_bars
from odcore.ui.council import with_council
from odcore.ui.datasets_view import (
    RegisterFilter,
    filter_register,
    overdue_items,
    register_choices,
    unknown_departments,
)
from odcore.ui.format import (
    department_label,
    format_date,
    format_number,
    format_quarter,
    format_share,
    star_bar,
)
from odcore.ui.i18n import current_language, t, t_count, t_phrase, t_plain
from odcore.ui.navigation import script_path
from odcore.ui.problems import issue_table
from odcore.ui.state import url_multi, url_single
from odcore.workbook import Workbook

_TEXT = st.column_config.TextColumn
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ROW_PX = 35  # st.dataframe's row height


def stars_text(stars: int) -> str:
    """``★★★☆☆ 3``."""
    return f"{star_bar(stars)} {stars}"


def yes_no(value: bool | None, language: str | None = None) -> str:
    """Так / Ні, or empty when unknown (``language``: the visitor's, looked up once by a
    caller that words thousands of rows; else looked up here)."""
    if value is None:
        return ""
    return translate("common.yes" if value else "common.no", language or current_language())


def timeliness_text(item: DatasetQuality, language: str | None = None) -> str:
    """On time, overdue by how many days, or not evaluable; empty for unpublished datasets."""
    if not item.published:
        return ""
    language = language or current_language()
    if item.not_evaluable:
        return translate("datasets.not_evaluable_short", language)
    if item.overdue:
        if item.days_overdue is None:
            return translate("datasets.overdue_no_date", language)
        return translate("datasets.overdue_days", language, days=item.days_overdue)
    return translate("datasets.on_time", language)


def dataset_tiles(assessment: DatasetAssessment, as_of_text: str) -> None:
    """Published, compliant share vs the target, overdue, not evaluable, mandatory, stars."""
    language = current_language()
    counts = assessment.counts
    target = format_share(assessment.compliance_target, language)
    tiles = [
        ("datasets.tile.published", f"{counts.published} / {counts.total}", None),
        ("datasets.tile.compliant", format_share(assessment.compliant_share, language),
         t_plain("indicator.target", op="≥", target=target)),
        ("datasets.tile.overdue", str(counts.overdue), None),
        ("datasets.tile.not_evaluable", str(counts.not_evaluable), None),
        ("datasets.tile.mandatory", format_share(assessment.mandatory_share, language), None),
        ("datasets.tile.stars", format_number(assessment.average_stars, language), None),
    ]
    for column, (key, value, note) in zip(st.columns(3) + st.columns(3), tiles, strict=True):
        column.metric(t(key), value, border=True, help=as_of_text)
        if note:
            share = assessment.compliant_share
            if share is None:  # no verdict without data: the target alone
                column.caption(escape_markdown(note))
                continue
            verdict = t_plain("indicator.met" if share >= assessment.compliance_target
                              else "indicator.not_met")
            column.caption(escape_markdown(f"{note} · {verdict}"))
    if counts.restricted:
        st.caption(t("datasets.restricted_apart", count=counts.restricted))


def compliance_chart(assessment: DatasetAssessment, issues: list[Issue],
                     names: DepartmentNames) -> None:
    """Compliant share of published datasets per department: bars and a table, then the
    department names «Підрозділи» does not know (each a bar of its own, marked ⚠), as data
    problems."""
    language = current_language()
    frame = pd.DataFrame([{"department": department_label(d.department, names, language),
                           "share": d.compliant_share,
                           "text": format_share(d.compliant_share, language),
                           "compliant": f"{d.compliant} / {d.published}",
                           "overdue": d.overdue}
                          for d in assessment.by_department()],
                         columns=["department", "share", "text", "compliant", "overdue"])
    if frame.empty:
        st.info(t("datasets.none_published"))
        return
    chart = progress_bars(frame, label="department", value="share", text="text",
                          title=t_plain("col.department"))
    chart_with_table(chart, frame[["department", "text", "compliant", "overdue"]],
                     alt_text=t_plain("datasets.compliance_alt"),
                     # Bounded, so that the figures after the department stay in view.
                     column_config={"department": _TEXT(t_plain("col.department"),
                                                        width=120, pinned=True),
                                    "text": _TEXT(t_plain("datasets.col.share"), width=140),
                                    "compliant": _TEXT(
                                        t_plain("datasets.col.compliant_of"), width=90,
                                        help=t_plain("datasets.col.compliant_of_help")),
                                    "overdue": st.column_config.NumberColumn(
                                        t_plain("datasets.col.overdue_count"))})
    unknown = unknown_departments(assessment, issues)
    if unknown:
        st.caption(t("datasets.unknown_departments"))
    for issue in unknown:
        # The reading Issue says the name is not in «Підрозділи» and suggests the nearest one;
        # the link opens the data-problems page filtered to that name.
        st.warning(escape_markdown(issue.message_in(current_language())),
                   icon=":material/report_problem:")
        st.page_link(script_path(PageKey.PROBLEMS),
                     label=f"{t('page.problems')} · {escape_markdown(issue.department)}",
                     icon=":material/report_problem:",
                     query_params=with_council({"department": issue.department}))


def trend_table(assessment: DatasetAssessment,
                closes: Mapping[Quarter, ClosedQuarter] | None = None) -> None:
    """Per due quarter: datasets published by its end and the share of its checks passed; a
    closed quarter's from its frozen copy (docs/history.md), marked."""
    language = current_language()
    frame = pd.DataFrame([{"quarter": format_quarter(p.quarter, language),
                           "published_by_end": p.published_by_end,
                           "checks": p.checks,
                           "passed": format_share(p.checks_passed_share, language),
                           "closed": (t_plain("history.closed_mark", when=format_date(
                               closed.closed_at.date())) if closed is not None
                               else t_plain("history.live_mark"))}
                          for p, closed in closed_trend(assessment.trend, closes or {})],
                         columns=["quarter", "published_by_end", "checks", "passed", "closed"])
    if frame.empty:
        st.info(t("datasets.trend_none"))
        return
    chart = count_bars(frame, label="quarter", value="published_by_end",
                       label_title=t_plain("col.quarter"),
                       value_title=t_plain("datasets.col.published_by_end"))
    chart_with_table(chart, frame, alt_text=t_plain("datasets.trend_alt"), ratio=(1, 1),
                     # Fixed widths and a short header keep three columns on a phone's screen.
                     column_config={
                         "quarter": _TEXT(t_plain("col.quarter"), width=100),
                         "published_by_end": st.column_config.NumberColumn(
                             t_plain("datasets.col.published_short"), width=110,
                             help=t_plain("datasets.col.published_by_end")),
                         "checks": st.column_config.NumberColumn(t_plain("datasets.col.checks"),
                                                                 width=90),
                         "passed": _TEXT(t_plain("datasets.col.checks_passed")),
                         "closed": _TEXT(t_plain("history.col.closed"))})


def overdue_frame(items: list[DatasetQuality]) -> pd.DataFrame:
    """The overdue list: how late each dataset is and whose it is come first."""
    date_text = ComputedOnce(format_date)
    return pd.DataFrame([{"id": i.id, "title": i.dataset.title,
                          "days": i.days_overdue, "department": i.department,
                          "next_due": date_text[i.next_due],
                          "last_updated": date_text[i.dataset.last_updated],
                          "frequency": i.dataset.update_frequency.value
                          if i.dataset.update_frequency else ""}
                         for i in items],
                        columns=["id", "title", "days", "department", "next_due",
                                 "last_updated", "frequency"])


def reasons_text(item: DatasetQuality, language: str | None = None) -> str:
    """The dataset's reasons in the visitor's language, separated by semicolons."""
    language = language or current_language()
    return "; ".join(reason_phrase(r).render(language) for r in item.reasons)


def _reasons_worded(language: str) -> Callable[[DatasetQuality], str]:
    """``reasons_text`` in ``language`` for the rows of one frame, each set of reasons worded
    once: a register's thousands of rows repeat a dozen sets of reasons (4,000 rows at 100
    times the demo: 11; wording each row's, with its dates, cost the datasets page 10 ms a
    rerun)."""
    worded: ComputedOnce[tuple[Reason, ...], str] = ComputedOnce(
        lambda reasons: "; ".join(reason_phrase(r).render(language) for r in reasons))
    return lambda item: worded[item.reasons]


# The frames below word every row: the visitor's language is looked up once per frame (a
# lookup reads the session state; per cell it was most of the datasets page's rerun).

def todo_frame(items: list[DatasetQuality]) -> pd.DataFrame:
    """The "fix first" list: one change per dataset, those that make it compliant first."""
    language = current_language()
    reasons = _reasons_worded(language)
    return pd.DataFrame([{"id": i.id, "title": i.dataset.title,
                          "action": i.fix_first.action.render(language) if i.fix_first else "",
                          "becomes_compliant": yes_no(i.fix_first.becomes_compliant
                                                      if i.fix_first else None, language),
                          "department": i.department,
                          "reasons": reasons(i)}
                         for i in items],
                        columns=["id", "title", "action", "becomes_compliant", "department",
                                 "reasons"])


def register_frame(items: list[DatasetQuality], shown: Redactor,
                   names: DepartmentNames | None = None) -> pd.DataFrame:
    """The register with every verdict: compliance and its reasons, stars, timeliness; the
    verdicts come before the passport so that they are seen without scrolling sideways.
    The steward's name and e-mail only where the viewer may see them; a department that
    ``names`` does not know is marked."""
    language = current_language()
    known = names if names is not None else DepartmentNames(())
    reasons, date_text = _reasons_worded(language), ComputedOnce(format_date)
    return pd.DataFrame([{
        "id": i.id, "title": i.dataset.title, "compliant": yes_no(i.compliant, language),
        "reasons": reasons(i),
        "stars": stars_text(i.stars), "timeliness": timeliness_text(i, language),
        "next_due": date_text[i.next_due],
        "department": department_label(i.department, known, language),
        "status": i.status.value, "formats": ", ".join(i.formats),
        "points": i.points.total,
        "steward": shown.personal(i.dataset.steward, i.dataset.department),
        "steward_email": shown.personal(i.dataset.steward_email, i.dataset.department),
        "portal": safe_link(i.dataset.portal_url),
        "cell": safe_link(shown.link(i.dataset.origin.link)),
    } for i in items], columns=["id", "title", "compliant", "reasons", "stars", "timeliness",
                                "next_due", "department", "status", "formats", "points",
                                "steward", "steward_email", "portal", "cell"])


def text_table(frame: pd.DataFrame, *, key: str, wide: tuple[str, ...] = (),
               links: tuple[str, ...] = (), heading: tuple[str, ...] = ("id", "title")) -> None:
    """A table whose headers come from ``datasets.col.<name>``; links only http(s). On a
    phone, one card per row (odcore.ui.cards), headed by the ``heading`` columns.

    ``id`` stays in view when the table scrolls sideways; a title is of medium width and the
    ``wide`` columns are large, so that the columns after them still fit on the screen.
    """
    config: dict[str, ColumnConfig] = {}
    frame = frame.drop(columns=[n for n in links if frame[n].isna().all()])
    labels = {name: t_plain(f"datasets.col.{name}") for name in frame.columns}
    for name, label in labels.items():
        if name in links:
            config[name] = st.column_config.LinkColumn(label, display_text=label)
        elif pd.api.types.is_numeric_dtype(frame[name]):
            config[name] = st.column_config.NumberColumn(label)
        else:
            width: Literal["large", "medium"] | None = (
                "large" if name in wide else "medium" if name == "title" else None)
            config[name] = _TEXT(label, width=width, pinned=name == "id" or None)
    grid_or_cards(frame, key=key, column_config=config, labels=labels, heading=heading,
                  links=tuple(n for n in links if n in frame.columns))


def checks_frame(item: DatasetQuality, shown: Redactor) -> pd.DataFrame:
    """The dataset's counted quality checks, oldest first; the verdicts before the texts.
    Who checked belongs to the dataset's department."""
    language = current_language()
    department = item.dataset.department
    return pd.DataFrame([{"period": format_quarter(c.period, language),
                          "compliant": yes_no(c.compliant, language),
                          "resolved": yes_no(c.resolved, language),
                          "checked_on": format_date(c.checked_on),
                          "checked_by": shown.personal(c.checked_by, department),
                          "findings": c.findings or "",
                          "recommendations": c.recommendations or ""}
                         for c in item.checks],
                        columns=["period", "compliant", "resolved", "checked_on", "checked_by",
                                 "findings", "recommendations"])


def facts_markdown(facts: list[tuple[str, str]]) -> str:
    """The passport as Markdown lines «**field:** value», the empty fields left out."""
    return "  \n".join(f"**{escape_markdown(field)}:** {escape_markdown(value)}"
                       for field, value in facts if value.strip())


def dataset_detail(item: DatasetQuality, as_of_text: str, shown: Redactor) -> None:
    """One dataset: its passport, verdicts with reasons, fix first, check history."""
    dataset = item.dataset
    st.subheader(f"{escape_markdown(dataset.id)} · {escape_markdown(dataset.title)}")
    st.caption(as_of_text)
    facts = [
        (t_plain("datasets.col.department"), dataset.department),
        (t_plain("datasets.col.status"), item.status.value),
        (t_plain("datasets.col.formats"), ", ".join(item.formats)),
        (t_plain("datasets.col.frequency"),
         dataset.update_frequency.value if dataset.update_frequency else ""),
        (t_plain("datasets.col.last_updated"), format_date(dataset.last_updated)),
        (t_plain("datasets.col.timeliness"), timeliness_text(item)),
        (t_plain("datasets.col.next_due"), format_date(item.next_due)),
        (t_plain("datasets.col.stars"), stars_text(item.stars)),
        (t_plain("datasets.col.points"), str(item.points.total)),
        (t_plain("datasets.col.license"), dataset.license or ""),
        (t_plain("datasets.col.steward"), shown.personal(dataset.steward, dataset.department)),
        (t_plain("datasets.col.steward_email"),
         shown.personal(dataset.steward_email, dataset.department)),
    ]
    # A list of «field: value» lines, not a two-column grid: a grid would open with a header
    # row that names nothing, and its second column is cut on a phone.
    st.markdown(facts_markdown(facts))
    portal = safe_link(dataset.portal_url)
    if portal:
        st.link_button(t_plain("datasets.open_portal"), portal)
    if item.compliant:
        st.success(t("datasets.compliant_yes"))
    else:
        st.markdown(f"**{t('datasets.reasons')}**")
        st.markdown("\n".join(f"- {escape_markdown(t_phrase(reason_phrase(r)))}"
                               for r in item.reasons))
    if item.fix_first is not None:
        st.info(t("datasets.fix_first", action=t_phrase(item.fix_first.action)))
    st.markdown(f"**{t('datasets.checks')}**")
    checks = checks_frame(item, shown)
    if checks.empty:
        st.caption(t("datasets.no_checks"))
    else:
        text_table(checks, key="checks", wide=("findings", "recommendations"),
                   heading=("period",))
    latest = item.latest_check
    if latest is not None and (latest.recommendations or "").strip() and latest.resolved is not True:
        st.warning(t("datasets.open_recommendations", text=latest.recommendations))


def products_frame(workbook: Workbook, shown: Redactor) -> pd.DataFrame:
    """Every row of «Продукти», public or not; a product has no department, so its contact
    is a coordinator's only."""
    language = current_language()
    return pd.DataFrame([{
        "name": p.name, "kind": p.kind.value, "public": yes_no(p.public, language),
        "added_on": format_date(p.added_on), "datasets": ", ".join(p.dataset_ids),
        "url": safe_link(p.url), "contact": shown.personal(p.contact, None),
    } for p in workbook.products], columns=["name", "kind", "public", "added_on", "datasets",
                                            "url", "contact"])


def products_section(workbook: Workbook, shown: Redactor) -> None:
    """The partner products as the team sees them (the public gallery shows only some)."""
    st.caption(t("datasets.products_note"))
    if workbook.products:
        text_table(products_frame(workbook, shown), key="products", links=("url",),
                   heading=("name",))
    else:
        st.info(t("datasets.products_none"))


def _deferred(build: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    """The file is built only when the button is clicked."""
    return lambda: build(*args)


# register_rows' Issues per loaded workbook (by identity, as long as it lives) and settings:
# the datasets page reruns on every click, and the register's rows were built again each time.
_register_issues: dict[int, tuple[weakref.ref[Workbook], Settings, list[Issue]]] = {}
_register_lock = threading.Lock()


def register_issues(workbook: Workbook, settings: Settings) -> list[Issue]:
    """What the register (annex 7) lacks, built once per loaded workbook and settings."""
    with _register_lock:
        kept = _register_issues.get(id(workbook))
        if kept is not None and kept[0]() is workbook and kept[1] == settings:
            return kept[2]
    _, issues = register_rows(workbook, settings)
    with _register_lock:
        for key in [k for k, (ref, _, _) in _register_issues.items() if ref() is None]:
            del _register_issues[key]
        _register_issues[id(workbook)] = (weakref.ref(workbook), settings, issues)
    return issues


def downloads(workbook: Workbook, settings: Settings, as_of: dt.date, viewer: Viewer,
              closes: Mapping[Quarter, ClosedQuarter] | None = None) -> None:
    """The quarter's score card (.xlsx) and the register as open data (annex 7, zip), for a
    coordinator; each download is written to the audit log when its file is built.

    The card's quarter defaults to the latest quarter that has ended by as_of; a closed
    quarter's card is the file frozen at its close (docs/history.md).
    """
    language = current_language()
    quarters = due_quarters(settings.plan_first_year, settings.plan_last_year,
                            max(as_of, settings.today()))
    ended = [q for q in quarters if q.is_due(as_of)]
    left, right = st.columns(2)
    with left:
        if quarters:
            index = quarters.index(ended[-1]) if ended else len(quarters) - 1
            quarter = st.selectbox(t("datasets.card_quarter"), quarters, index=index,
                                   format_func=lambda q: format_quarter(q, language))
            card = f"score-card-{quarter}.xlsx"
            closed = (closes or {}).get(quarter)
            build = _deferred(quarter_score_card, workbook, quarter, settings, closes or {})
            st.download_button(t_plain("datasets.download_card"), audited(viewer, card, build),
                               file_name=card, mime=XLSX_MIME,
                               icon=":material/download:", on_click="ignore")
            if closed is not None:
                st.caption(t("datasets.card_closed", when=format_date(
                    closed.closed_at.astimezone(settings.tz).date())))
        else:
            st.caption(t("datasets.no_due_quarter"))
    with right:
        register = "register-annex7.zip"
        st.download_button(t_plain("datasets.download_register"), audited(
            viewer, register, _deferred(register_zip, workbook, settings)),
                           file_name=register, mime="application/zip",
                           icon=":material/download:", on_click="ignore")
        st.caption(t("datasets.register_note"))
        issues = register_issues(workbook, settings)
        if issues:
            with st.expander(t("datasets.register_issues", count=len(issues))):
                issue_table(issues)


def overdue_section(assessment: DatasetAssessment) -> None:
    """The overdue datasets as a table, or a note that none is overdue."""
    items = overdue_items(assessment)
    if items:
        text_table(overdue_frame(items), key="overdue")
    else:
        st.success(t("datasets.overdue_none"))


def todo_section(assessment: DatasetAssessment) -> None:
    """What to fix first, as a table, or a note that nothing is to do."""
    items = assessment.to_do()
    if items:
        text_table(todo_frame(items), key="todo", wide=("action",))
    else:
        st.success(t("datasets.todo_none"))


def _yes_no_filter(label_key: str, key: str) -> bool | None:
    return st.segmented_control(t(label_key), [True, False], key=key,
                                format_func=lambda v: t_plain("common.yes" if v else "common.no"))


def register_section(assessment: DatasetAssessment, as_of_text: str, shown: Redactor,
                     names: DepartmentNames) -> None:
    """The register, searchable and filterable (department, status, format, compliant,
    overdue); the filters live in the URL."""
    departments, statuses, formats = register_choices(assessment)
    search = st.text_input(t("datasets.search"), key="datasets_search")
    first, second, third = st.columns(3)
    with first:
        chosen_departments = url_multi(st.multiselect, t("datasets.filter_department"),
                                       departments, param="department")
    with second:
        chosen_statuses = url_multi(st.multiselect, t("datasets.filter_status"), statuses,
                                    param="status")
    with third:
        chosen_formats = url_multi(st.multiselect, t("datasets.filter_format"), formats,
                                   param="format")
    left, right = st.columns(2)
    with left:
        compliant = _yes_no_filter("datasets.filter_compliant", "datasets_compliant")
    with right:
        late = _yes_no_filter("datasets.filter_overdue", "datasets_overdue")
    found = filter_register(assessment, RegisterFilter(
        search=search, departments=frozenset(chosen_departments),
        statuses=frozenset(chosen_statuses), formats=frozenset(chosen_formats),
        compliant=compliant, overdue=late))
    st.caption(f"{t_count('datasets.count', len(found), total=len(assessment.items))} · "
               f"{as_of_text}")
    if found:
        text_table(register_frame(found, shown, names), key="register", wide=("reasons",),
                   links=("portal", "cell"))
    elif search or chosen_departments or chosen_statuses or chosen_formats or (
            compliant is not None or late is not None):
        st.info(t("datasets.none_match"))
    else:  # no filter is set: saying "nothing matches the filters" would mislead
        st.info(t("datasets.register_empty"))


def dataset_picker(assessment: DatasetAssessment) -> DatasetQuality | None:
    """The dataset chosen for the detail view (``?dataset=ID``)."""
    titles = {i.id: f"{i.id} · {i.dataset.title}" for i in assessment.items}
    chosen = url_single(st.selectbox, t("datasets.detail"), list(titles), param="dataset",
                        index=None, placeholder=t_plain("datasets.detail_placeholder"),
                        format_func=titles.__getitem__)
    return assessment.item(chosen) if chosen else None
