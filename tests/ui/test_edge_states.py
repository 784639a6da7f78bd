"""Issue 12's edge states on every page, on the empty template and at the plan's first day:
no verdict without data, no comparison before the plan starts, empty-state texts that match
the filters, and periods in words («III кв. 2025», never «2025-Q3» in a sentence)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.rendered import texts, unescape

PAGES = ("overview", "plan", "department", "datasets", "coverage", "problems", "history",
         "public_home", "public_products", "public_catalogue", "public_programme")
FIRST_DAY = "2024-01-01"
# A quarter as the workbook writes it; «…» quotes a value as typed (data, left as it is).
RAW_QUARTER = re.compile(r"\b20\d\d-Q[1-4]\b")
QUOTED = re.compile(r"«[^»]*»")
NO_DATA = "немає даних"


def shown_texts(at: AppTest) -> str:
    """The page's texts, table cells (but a cell's value as typed: data) and page-link
    labels."""
    cells = [frame.value.drop(columns=["value"], errors="ignore").astype(str).to_csv()
             for frame in at.dataframe]
    links = [unescape(e.proto.label) for e in at.get("page_link")]
    return "\n".join([texts(at), *cells, *links])


def check_edge_states(at: AppTest, page: str) -> None:
    assert not at.exception, page
    for metric in at.metric:
        delta = unescape(metric.proto.delta)
        if metric.value == NO_DATA:  # no verdict without data
            assert "досягнуто" not in delta, (page, metric.label)
    for column in at.columns:  # a tile's own caption under it
        if any(m.value == NO_DATA for m in column.metric):
            said = " ".join(unescape(c.value) for c in column.caption)
            assert "досягнуто" not in said, (page, said)
    text = QUOTED.sub("", shown_texts(at))
    assert RAW_QUARTER.findall(text) == [], page
    # Nothing is filtered on a page opened without filters.
    assert "фільтр" not in " ".join(unescape(i.value) for i in at.info).lower(), page


@pytest.mark.parametrize("page", PAGES)
def test_edge_states_on_the_empty_template(template_app, page):
    check_edge_states(template_app(f"app_pages/{page}.py"), page)


@pytest.mark.parametrize("page", PAGES)
def test_edge_states_at_the_plans_first_day(internal_app, page):
    at = internal_app(f"app_pages/{page}.py", {"as_of": FIRST_DAY})
    check_edge_states(at, page)
    # No comparison before the plan starts: no change in points on any tile.
    assert not any("п.п." in unescape(m.proto.delta) for m in at.metric), page


def test_a_quarter_in_a_message_is_in_words_in_either_language():
    from odcore.periods import Quarter

    assert Quarter(2025, 3).phrase().render("uk") == "III кв. 2025"
    assert Quarter(2025, 3).phrase().render("en") == "Q3 2025"
