"""Cell text shown through Markdown-rendering calls appears literally; links only http(s)."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odcore.textsafe import escape_markdown, markdown_link, safe_link
from tests.ui.rendered import unescape

HOSTILE = [
    "<script>alert(1)</script>",
    "[натисніть](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    ":red[червоне] і :material/home: та :smile:",
    "ціна $5$ або $$x$$",
    "# Заголовок\n- пункт\n1. перший",
    "**жирний** _курсив_ `код` ~~закреслено~~",
    "&lt;b&gt; &amp;",
    "https://example.ua www.example.ua mail@example.ua",
    "| a | b |\n|---|---|",
    "\\ зворотна риска",
]


def unescaped_punctuation(markdown: str) -> list[str]:
    """ASCII punctuation characters not preceded by a backslash escape."""
    found, index = [], 0
    while index < len(markdown):
        char = markdown[index]
        if char == "\\" and index + 1 < len(markdown) and markdown[index + 1] in string.punctuation:
            index += 2
            continue
        if char in string.punctuation:
            found.append(char)
        index += 1
    return found


def test_every_punctuation_character_is_escaped():
    for text in HOSTILE:
        assert unescaped_punctuation(escape_markdown(text)) == [], text


def test_escaped_text_renders_as_the_original():
    for text in HOSTILE:
        assert unescape(escape_markdown(text)).replace("  \n", "\n") == text


@given(st.text())
def test_any_text_round_trips_and_leaves_no_markup(text):
    escaped = escape_markdown(text)
    assert unescaped_punctuation(escaped) == []
    normalized = re.sub(r"\r\n|\r", "\n", text)
    assert unescape(escaped).replace("  \n", "\n") == normalized


def test_streamlit_directives_cannot_form():
    escaped = escape_markdown(":red[x] :material/home: :smile:")
    assert ":material/" not in escaped  # Streamlit rewrites this before parsing
    assert not re.search(r"(?<!\\):[\w+-]", escaped)  # no directive, icon or emoji shortcode
    assert "\\$" in escape_markdown("$x$")


def test_non_text_values_are_shown_as_text():
    assert escape_markdown(None) == ""
    assert escape_markdown(4.5) == "4\\.5"


def test_line_breaks_stay_line_breaks():
    assert escape_markdown("a\nb") == "a  \nb"


def test_only_http_links_are_links():
    assert safe_link("https://data.gov.ua/dataset/x") == "https://data.gov.ua/dataset/x"
    assert safe_link("http://example.ua") == "http://example.ua"
    for bad in ("javascript:alert(1)", "data:text/html,x", "JavaScript://example.ua/%0a",
                "ftp://example.ua", "example.ua", "", None, 5):
        assert safe_link(bad) is None, bad


def test_markdown_link_escapes_the_label_and_drops_unsafe_urls():
    assert markdown_link("Портал [1]", "https://data.gov.ua") == (
        "[Портал \\[1\\]](<https://data.gov.ua>)")
    assert markdown_link("клік", "javascript:alert(1)") == "клік"


@pytest.mark.parametrize("url", [
    "https://data.gov.ua/dataset/x", " http://rada.example.org/a?b=1 ", "javascript:alert(1)",
    "https://gov.ua@evil.example", "https://a.example/\u202eexe", "https://a.example:99999/",
    "data:text/html,x", "https://a.example/" + "x" * 3000, "",
])
def test_safe_link_answers_as_the_url_check_does_the_second_time_too(url):
    from odcore.cells import valid_http_url

    text = url.strip()
    expected = text if valid_http_url(text) else None
    assert safe_link(url) == expected
    assert safe_link(url) == expected  # remembered (or, past 2,048 characters, checked again)
