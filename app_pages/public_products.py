"""Продукти на відкритих даних: the public gallery, rendered only from odcore.public's view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from odcore.i18n import translate_count
from odcore.public import (
    PublicProduct,
    PublicView,
    distinct,
    find_products,
    paginate,
    product_slug,
)
from odcore.textsafe import escape_markdown
from odcore.ui.council import with_council
from odcore.ui.format import format_date
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import require_public_view
from odcore.ui.navigation import PAGES_DIR
from odcore.ui.pictures import picture_band_html
from odcore.ui.shell import set_page_title
from odcore.ui.state import url_single

CATALOGUE_PAGE = PAGES_DIR / "public_catalogue.py"
PRODUCTS_PAGE = PAGES_DIR / "public_products.py"
PRODUCT_PARAM = "product"
PER_PAGE = 12
COLUMNS = 3
_PAGE_KEY, _FILTERS_KEY = "pub_products_page", "pub_products_filters"


def product_card(product: PublicProduct, *, own_page_link: bool = True) -> None:
    """One product: its picture (an https URL the browser loads), text, links and datasets."""
    with st.container(border=True):
        # The picture (a validated https URL the browser loads; the server fetches nothing)
        # over a tile drawn from the name, which shows when there is none or it fails to load.
        st.html(picture_band_html(product.name, product.image_url))
        st.caption(escape_markdown(product.kind))
        st.markdown(f"**{escape_markdown(product.name)}**")
        if product.description:
            st.markdown(escape_markdown(product.description))
        if product.author:
            st.caption(t("pub.products.author", author=product.author))
        if product.datasets:
            # A published dataset links to its catalogue entry by title; any other is text.
            plain = [escape_markdown(ref.label) for ref in product.datasets if not ref.published]
            st.markdown(" ".join([t("pub.products.datasets"), ", ".join(plain)]))
            for ref in product.datasets:
                if ref.published:
                    # A label too long for the card is cut short; the tooltip has it all.
                    st.page_link(CATALOGUE_PAGE, label=escape_markdown(ref.label),
                                 help=escape_markdown(ref.label), icon=":material/dataset:",
                                 query_params=with_council({"dataset": ref.id}))
        if product.added_on:
            st.caption(t("pub.products.added", date=format_date(product.added_on)))
        if product.url:
            st.link_button(t_plain("pub.products.open"), product.url,
                           icon=":material/open_in_new:")
        if own_page_link:
            # The product's own page: a URL that can be shared.
            st.page_link(PRODUCTS_PAGE, label=t("pub.products.page"), icon=":material/link:",
                         query_params=with_council({PRODUCT_PARAM: product_slug(product)}))


def kind_counts(view: PublicView) -> None:
    """Counts by type: a bar chart with the same numbers as a table beside it."""
    kind_col, count_col = t_plain("pub.products.kind"), t_plain("pub.col.count")
    frame = pd.DataFrame([{kind_col: k, count_col: n} for k, n in view.kind_counts().items()])
    st.subheader(t("pub.products.by_kind"))
    chart, table = st.columns([3, 2])
    # In the table's order (the vocabulary's), not sorted by the chart.
    chart.bar_chart(frame, x=kind_col, y=count_col, horizontal=True, height=220, sort=False,
                    alt=t_plain("pub.counts_alt"))
    table.dataframe(frame, hide_index=True, width="stretch")


def requested_page(filters: tuple[object, ...]) -> int:
    """The page number kept in the session, back to 1 when the filters change."""
    if st.session_state.get(_FILTERS_KEY) != filters:
        st.session_state[_FILTERS_KEY] = filters
        st.session_state[_PAGE_KEY] = 1
    return int(st.session_state.get(_PAGE_KEY, 1))


def _turn(step: int) -> None:
    st.session_state[_PAGE_KEY] = int(st.session_state.get(_PAGE_KEY, 1)) + step


def pager(number: int, pages: int) -> None:
    """Previous / next buttons around "page N of M", when there is more than one page."""
    if pages <= 1:
        return
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    left.button(t("pub.previous"), on_click=_turn, args=(-1,), disabled=number <= 1,
                key="pub_products_previous", icon=":material/chevron_left:")
    middle.caption(t("pub.page", page=number, pages=pages))
    right.button(t("pub.next"), on_click=_turn, args=(1,), disabled=number >= pages,
                 key="pub_products_next", icon=":material/chevron_right:")


def _close_product() -> None:
    st.query_params.pop(PRODUCT_PARAM, None)


def product_page(product: PublicProduct) -> None:
    """One product on its own shareable page: picture, type, text, author, datasets, link."""
    st.button(t("pub.products.all"), on_click=_close_product, icon=":material/arrow_back:")
    set_page_title(product.name)
    st.title(escape_markdown(product.name))
    product_card(product, own_page_link=False)


public = require_public_view()
view = public.view
contact = view.public_contact

asked = st.query_params.get(PRODUCT_PARAM)
if asked:
    one = view.product(asked)
    if one is not None:
        product_page(one)
        st.stop()
    st.warning(t("pub.products.not_found"))

st.title(t("pub.products.title"))
st.markdown(t("pub.products.intro"))
st.caption(t("pub.as_of", date=format_date(view.as_of)))
if not view.products:
    # No contact configured (a council's own workbook): no «write to us» without an address.
    st.info(t("pub.products.empty", contact=contact) if contact
            else t("pub.products.empty_no_contact"))
    st.stop()

kind_counts(view)
search, kind_box, dataset_box = st.columns(3)
query = search.text_input(t("pub.search"), key="pub_products_query",
                          placeholder=t_plain("pub.products.search_placeholder"))
kind = url_single(kind_box.selectbox, t("pub.products.kind"), list(view.kind_counts()),
                  param="kind", index=None, placeholder=t_plain("common.all"))
labels = {ref.id: ref.label for p in view.products for ref in p.datasets}
dataset_id = url_single(dataset_box.selectbox, t("pub.products.dataset"),
                        sorted(distinct(labels), key=lambda i: labels[i].casefold()),
                        param="dataset", index=None,
                        placeholder=t_plain("common.all"), format_func=labels.__getitem__)

found = find_products(view.products, query=query, kind=kind, dataset_id=dataset_id)
st.caption(translate_count("pub.products.count", len(found), current_language()))
if not found:
    st.info(t("pub.nothing_found"))
else:
    page = paginate(found, requested_page((query, kind, dataset_id)), PER_PAGE)
    st.session_state[_PAGE_KEY] = page.number  # clamped to the pages there are
    for start in range(0, len(page.items), COLUMNS):
        for column, product in zip(st.columns(COLUMNS), page.items[start:start + COLUMNS],
                                   strict=False):
            with column:
                product_card(product)
    pager(page.number, page.pages)
if contact:
    st.caption(t("pub.products.propose", contact=contact))
