"""Каталог відкритих даних: published datasets and, with ?dataset=ID, one dataset's page.

Rendered only from odcore.public's view; a dataset's page lists the products built on it,
and each product card links back here (the link both ways, as CKAN's showcase does).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd
import streamlit as st

from odcore.i18n import translate_count
from odcore.issues import display_value
from odcore.public import OnTime, PublicDataset, PublicView, distinct, find_datasets
from odcore.textsafe import escape_markdown
from odcore.ui.council import with_council
from odcore.ui.downloads import csv_download
from odcore.ui.format import format_date, star_bar
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import require_public_view
from odcore.ui.navigation import PAGES_DIR
from odcore.ui.state import url_single

PRODUCTS_PAGE = PAGES_DIR / "public_products.py"
PARAM = "dataset"


# The on-time badge: a colour and a symbol each, so that it reads without colour too.
BadgeColour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "grey",
                      "primary"]
BADGES: dict[OnTime, tuple[BadgeColour, str]] = {
    OnTime.ON_TIME: ("green", "✓"),
    OnTime.OVERDUE: ("red", "✗"),
    OnTime.NOT_EVALUABLE: ("gray", "—"),
}


def stars_text(stars: int) -> str:
    """``★★★☆☆ 3 з 5`` as the catalogue shows it."""
    return f"{star_bar(stars)} {t_plain('pub.stars', stars=stars)}"


def on_time_text(state: OnTime) -> str:
    """The timeliness label with its symbol, as the table and the badge show it."""
    return f"{BADGES[state][1]} {t_plain(f'pub.on_time.{state.value}')}"


def _close_dataset() -> None:
    st.query_params.pop(PARAM, None)


def dataset_page(dataset: PublicDataset, view: PublicView, contact: str) -> None:
    """One dataset: its passport, the verdicts and the products built on it."""
    st.button(t("pub.catalogue.back"), on_click=_close_dataset, icon=":material/arrow_back:")
    st.header(escape_markdown(dataset.title))
    st.badge(escape_markdown(on_time_text(dataset.on_time)), color=BADGES[dataset.on_time][0])
    if dataset.description:
        st.markdown(escape_markdown(dataset.description))
    facts = [
        ("pub.col.id", dataset.id),
        ("pub.col.department", dataset.department),
        ("pub.col.formats", ", ".join(dataset.formats)),
        ("pub.col.stars", stars_text(dataset.stars)),
        ("pub.col.frequency", dataset.update_frequency or ""),
        ("pub.col.last_updated", format_date(dataset.last_updated)),
        ("pub.col.next_due", format_date(dataset.next_due)),
        ("pub.col.first_published", format_date(dataset.first_published)),
        ("pub.col.license", dataset.license or ""),
        ("pub.col.keywords", ", ".join(dataset.keywords)),
    ]
    st.markdown("  \n".join(f"**{t(label)}:** {escape_markdown(value)}"
                            for label, value in facts if value))
    if dataset.portal_url:
        st.link_button(t_plain("pub.catalogue.portal"), dataset.portal_url,
                       icon=":material/open_in_new:")
    st.subheader(t("pub.catalogue.products"))
    products = view.products_using(dataset.id)
    if not products:
        st.info(t("pub.catalogue.no_products", contact=contact) if contact
                else t("pub.catalogue.no_products_no_contact"))
        return
    for product in products:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(product.name)}**")
            st.caption(escape_markdown(product.kind))
            if product.url:
                st.link_button(t_plain("pub.products.open"), product.url,
                               icon=":material/open_in_new:")
    st.page_link(PRODUCTS_PAGE, label=t("pub.catalogue.all_products"),
                 icon=":material/apps:", query_params=with_council({"dataset": dataset.id}))


def stars_chart(datasets: list[PublicDataset]) -> None:
    """Published datasets by openness stars: a bar chart and the same numbers as a table."""
    stars_col, count_col = t_plain("pub.col.stars"), t_plain("pub.col.count")
    frame = pd.DataFrame([{stars_col: str(n), count_col: sum(d.stars == n for d in datasets)}
                          for n in range(6)])
    st.subheader(t("pub.catalogue.by_stars"))
    chart, table = st.columns([3, 2])
    chart.bar_chart(frame, x=stars_col, y=count_col, height=220, sort=False,
                    alt=t_plain("pub.counts_alt"))
    table.dataframe(frame, hide_index=True, width="stretch")


def catalogue_table(datasets: list[PublicDataset], as_of: dt.date) -> None:
    """The datasets as a table built from the projection's fields alone, and its CSV."""
    columns = {key: t_plain(key) for key in (
        "pub.col.title", "pub.col.department", "pub.col.formats", "pub.col.stars",
        "pub.col.last_updated", "pub.col.on_time", "pub.col.portal", "pub.col.id")}
    # The verdicts right after the title, so that they stay on screen; the rest after them.
    frame = pd.DataFrame([{
        columns["pub.col.title"]: d.title,
        columns["pub.col.stars"]: d.stars,
        columns["pub.col.on_time"]: on_time_text(d.on_time),
        columns["pub.col.last_updated"]: d.last_updated,
        columns["pub.col.department"]: d.department,
        columns["pub.col.formats"]: ", ".join(d.formats),
        columns["pub.col.portal"]: d.portal_url,
        columns["pub.col.id"]: d.id,
    } for d in datasets])
    st.dataframe(frame, hide_index=True, width="stretch", column_config={
        # Bounded: a long title is in full on hover and on the dataset's page.
        columns["pub.col.title"]: st.column_config.TextColumn(pinned=True, width=150),
        columns["pub.col.stars"]: st.column_config.NumberColumn(
            t_plain("pub.col.stars_short"), width=70, help=t_plain("pub.col.stars")),
        columns["pub.col.on_time"]: st.column_config.TextColumn(width=100),
        columns["pub.col.last_updated"]: st.column_config.DateColumn(format="DD.MM.YYYY"),
        columns["pub.col.portal"]: st.column_config.LinkColumn(
            display_text=t_plain("pub.catalogue.portal")),
    })
    csv_download(frame, f"catalogue-{as_of.isoformat()}.csv")


def _open_dataset() -> None:
    chosen = st.session_state.get("pub_catalogue_open")
    if chosen:
        st.query_params[PARAM] = chosen
    st.session_state["pub_catalogue_open"] = None


public = require_public_view()
view = public.view
contact = view.public_contact

wanted = st.query_params.get(PARAM)
if wanted:
    found = view.dataset(wanted)
    if found is not None:
        dataset_page(found, view, contact)
        st.caption(t("pub.as_of", date=format_date(view.as_of)))
        st.stop()

st.title(t("pub.catalogue.title"))
st.markdown(t("pub.catalogue.intro"))
st.caption(t("pub.as_of", date=format_date(view.as_of)))
if wanted:
    st.warning(t("pub.catalogue.not_found", id=display_value(wanted, limit=80)))
if not view.datasets:
    st.info(t("pub.catalogue.empty"))
    st.stop()

stars_chart(list(view.datasets))
search, department_box, format_box, on_time_box = st.columns(4)
query = search.text_input(t("pub.search"), key="pub_catalogue_query",
                          placeholder=t_plain("pub.catalogue.search_placeholder"))
department = url_single(department_box.selectbox, t("pub.catalogue.department"),
                        distinct(d.department for d in view.datasets), param="department",
                        index=None, placeholder=t_plain("common.all"))
file_format = url_single(format_box.selectbox, t("pub.catalogue.format"),
                         distinct(f for d in view.datasets for f in d.formats), param="format",
                         index=None, placeholder=t_plain("common.all"))
state = url_single(on_time_box.selectbox, t("pub.catalogue.on_time"), [s.value for s in OnTime],
                   param="on_time", index=None, placeholder=t_plain("common.all"),
                   format_func=lambda s: on_time_text(OnTime(s)))
shown = find_datasets(view.datasets, query=query, department=department,
                      file_format=file_format, on_time=OnTime(state) if state else None)
st.caption(translate_count("pub.catalogue.count", len(shown), current_language()))
if not shown:
    st.info(t("pub.nothing_found"))
    st.stop()
titles = {d.id: f"{d.title} ({d.id})" for d in shown}
st.selectbox(t("pub.catalogue.open"), list(titles), key="pub_catalogue_open", index=None,
             format_func=titles.__getitem__, placeholder=t_plain("pub.catalogue.open_placeholder"),
             on_change=_open_dataset)
catalogue_table(shown, view.as_of)
