"""A table row as a phone's card: escaped text, links only for http(s) URLs."""

from __future__ import annotations

from odcore.ui.cards import card_markdown

LABELS = {"id": "ID", "title": "Назва", "department": "Розпорядник", "days": "Днів",
          "portal": "Портал"}


def test_card_heads_with_id_and_title_then_one_line_per_filled_column():
    row = {"id": "ZHM-1", "title": "Бюджет", "department": "Фінансове управління",
           "days": 61.0, "portal": None}
    lines = card_markdown(row, LABELS, links=("portal",)).split("  \n")
    assert lines == ["**ZHM\\-1 · Бюджет**", "Розпорядник: Фінансове управління", "Днів: 61"]


def test_card_text_is_never_markup_and_only_http_links_become_links():
    row = {"id": "1", "title": "<b>x</b> [a](javascript:alert(1))", "department": "*d*",
           "days": None, "portal": "javascript:alert(1)"}
    text = card_markdown(row, LABELS, links=("portal",))
    assert "<b>" not in text and "](javascript" not in text and "*d*" not in text
    safe = card_markdown({**row, "portal": "https://data.gov.ua/dataset/x"}, LABELS,
                         links=("portal",))
    assert safe.endswith("[Портал](<https://data.gov.ua/dataset/x>)")


def test_a_long_table_sends_a_bounded_number_of_cards_and_says_so():
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import pandas as pd

        from odcore.ui.cards import grid_or_cards

        frame = pd.DataFrame({"id": [f"D-{n}" for n in range(130)],
                              "title": [f"Набір {n}" for n in range(130)]})
        grid_or_cards(frame, key="long", column_config={}, labels={"id": "ID", "title": "Назва"})

    at = AppTest.from_function(page).run()
    assert not at.exception
    from odcore.ui.cards import PHONE_CARDS_MAX

    cards = [m.value for m in at.markdown if m.value.startswith("**D\\-")]
    assert len(cards) == PHONE_CARDS_MAX
    assert any("з 130" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 130  # the grid keeps every row
