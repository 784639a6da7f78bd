"""Markdown, HTML, Streamlit directives and javascript: URLs in cells stay literal text."""

from __future__ import annotations

import json

import pytest

from odcore.figures import build_figures
from odcore.public import public_view
from odcore.settings import Settings
from odcore.textsafe import escape_markdown
from tests.helpers import load
from tests.public.sent import link_targets
from tests.public.workbooks import (
    AS_OF,
    PAYLOAD_AUTHOR,
    PAYLOAD_DESCRIPTION,
    PAYLOAD_NAME,
    PAYLOAD_TITLE,
    PAYLOADS,
    payload_tabs,
)
from tests.ui.rendered import texts


def bodies(at) -> list[str]:
    """The Markdown source of every text element, as Streamlit receives it."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        out.extend(str(e.value) for e in getattr(at, kind))
    out.extend(str(e.proto.label) for e in at.get("page_link"))
    out.extend(str(e.proto.label) for e in at.get("link_button"))
    return out


@pytest.fixture
def products_page(public_page, payload_source):
    at = public_page(payload_source, "public_products.py")
    assert not at.exception
    return at


@pytest.mark.parametrize("payload", PAYLOADS)
def test_product_cells_are_shown_as_typed(products_page, payload):
    assert payload in texts(products_page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_product_cells_reach_markdown_only_escaped(products_page, payload):
    sources = bodies(products_page)
    assert any(escape_markdown(payload) in body for body in sources)
    assert not any(payload in body for body in sources)


def test_no_link_or_picture_comes_from_product_cells(products_page):
    targets = link_targets(products_page)
    assert not any("javascript" in url or "evil.example.org" in url for url in targets)
    assert products_page.get("image") == []  # the javascript: picture URL was dropped
    assert products_page.get("link_button") == []  # and so was the javascript: link


def test_dataset_page_shows_title_and_product_name_escaped(public_page, payload_source):
    at = public_page(payload_source, "public_catalogue.py", {"dataset": "DS-1"})
    assert not at.exception
    assert at.header[0].value == escape_markdown(PAYLOAD_TITLE)
    assert f"**{escape_markdown(PAYLOAD_NAME)}**" in bodies(at)
    assert PAYLOAD_TITLE in texts(at)


def test_export_keeps_cell_text_exactly_as_typed():
    view = public_view(build_figures(load(*payload_tabs()), AS_OF, Settings()))
    (product,) = [p.to_json() for p in view.products]
    assert (product["name"], product["description"], product["author"]) == (
        PAYLOAD_NAME, PAYLOAD_DESCRIPTION, PAYLOAD_AUTHOR)
    assert (product["url"], product["image_url"]) == (None, None)
    assert json.loads(json.dumps(view.datasets[0].to_json()))["title"] == PAYLOAD_TITLE
