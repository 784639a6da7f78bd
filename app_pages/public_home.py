"""The public home: what the dashboard is, the programme in five figures, the latest
additions with live links, where to go next, and the date of the data."""

from __future__ import annotations

import re

import streamlit as st

from odcore.access import PageKey
from odcore.public import product_slug
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.council import with_council
from odcore.ui.format import format_date, format_share
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import require_public_view
from odcore.ui.navigation import PAGE_FILES, script_path

NEXT_PAGES = (PageKey.PUBLIC_PRODUCTS, PageKey.PUBLIC_CATALOGUE, PageKey.PUBLIC_PROGRAMME)
MAIL = re.compile(r"[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[^@\s<>()\[\]]+")
LATEST = 3  # of each kind: enough to show the programme is alive, short on a phone

public = require_public_view()
view = public.view
language = current_language()

st.title(t("public.title"))
st.markdown(t("public.intro", council=view.council))

st.subheader(t("public.figures"))
figures = [
    ("public.fig.datasets", str(len(view.datasets))),
    ("public.fig.on_time", format_share(view.on_time_share, language)),
    ("public.fig.compliant", format_share(view.compliant_share, language)),
    ("public.fig.products", str(len(view.products))),
    ("public.fig.progress", format_share(view.programme.progress, language)),
]
for start in (0, 3):
    for column, (key, value) in zip(st.columns(3), figures[start:start + 3], strict=False):
        column.metric(t(key), value, border=True)

st.subheader(t("public.latest"))
datasets, products = view.latest_datasets(LATEST), view.latest_products(LATEST)
if not datasets and not products:
    st.info(t("public.latest_none"))
for dataset in datasets:
    st.page_link(script_path(PageKey.PUBLIC_CATALOGUE), label=escape_markdown(dataset.title),
                 icon=":material/dataset:", query_params=with_council({"dataset": dataset.id}),
                 help=t_plain("public.latest_dataset",
                              date=format_date(dataset.first_published)))
for product in products:
    st.page_link(script_path(PageKey.PUBLIC_PRODUCTS), label=escape_markdown(product.name),
                 icon=":material/apps:", query_params=with_council({"product": product_slug(product)}),
                 help=t_plain("public.latest_product", kind=product.kind,
                              date=format_date(product.added_on)))

for key in NEXT_PAGES:
    spec = PAGE_FILES[key]
    st.page_link(script_path(key), label=t_plain(spec.title_key), icon=spec.icon)
st.markdown(t("public.portal_link"))
contact = view.public_contact.strip()
if contact:
    # A mail address becomes a mailto link; anything else (a web form) a link when it is one.
    target = safe_link(contact) or (f"mailto:{contact}" if MAIL.fullmatch(contact) else None)
    shown = escape_markdown(contact)
    st.markdown(f"{t('public.contact_label')}: " + (f"[{shown}](<{target}>)" if target
                                                      else shown))
if public.data_date is not None and not public.kept_copy:  # a kept copy says its date above
    st.caption(t("sidebar.data_as_of", date=public.data_date.strftime("%d.%m.%Y")))
