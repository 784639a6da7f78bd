"""A right-to-left override in a cell shown through Streamlit's Markdown stays inside it."""

from __future__ import annotations

from odcore.textsafe import escape_markdown, markdown_link

FSI, PDI = "\u2068", "\u2069"


def test_text_with_a_direction_override_is_wrapped_in_an_isolate():
    shown = escape_markdown("Бюджет \u202eexe.txt")
    assert shown == FSI + "Бюджет \u202eexe\\.txt" + PDI
    # inside a link label too, so the words after the link are not reversed
    assert markdown_link("Бюджет \u202eexe.txt", "https://a.ua/").startswith("[" + FSI)


def test_text_without_direction_controls_is_not_wrapped():
    assert escape_markdown("Бюджет 2024") == "Бюджет 2024"
