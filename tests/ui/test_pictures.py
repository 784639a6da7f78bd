"""A product's picture band: the picture over a tile drawn from its name, never empty."""

from __future__ import annotations

import html
import re
import urllib.parse

from odcore.ui.pictures import fallback_svg, initials, picture_band_html, tile_colour

STYLE = re.compile(r'style="([^"]*)"')


def layers(band: str) -> list[str]:
    (style,) = STYLE.findall(band)
    return re.findall(r'url\("([^"]*)"\)', html.unescape(style))


def test_initials_are_the_first_letters_of_the_first_two_words():
    assert initials("Черга в садочок") == "ЧВ"
    assert initials("«Жмеринка» Транспорт 24") == "Т"  # a word must start with a letter
    assert initials("2024 ...") == "?"


def test_without_a_picture_the_band_is_the_drawn_tile_alone():
    band = picture_band_html("Черга в садочок", None)
    [tile] = layers(band)
    assert tile.startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(tile.split(",", 1)[1])
    assert ">ЧВ</text>" in svg and tile_colour("Черга в садочок") in svg
    assert "height:160px" in band  # a band of its own height, never an empty one


def test_a_picture_is_drawn_over_the_tile_so_a_failed_load_shows_the_tile():
    url = "https://city.ua/uploads/bot.png"
    assert layers(picture_band_html("Бот", url)) == [url, layers(picture_band_html("Бот", None))[0]]


def test_nothing_typed_in_a_cell_escapes_into_markup():
    name = '<script>alert(1)</script> "x'
    url = 'https://city.ua/a.png") ,url("https://evil.org/x.png'
    band = picture_band_html(name, url)
    assert "<script" not in band
    # The URL stayed one layer, its quote and brackets percent-encoded.
    assert len(layers(band)) == 2
    assert layers(band)[0] == "https://city.ua/a.png%22%29%20,url%28%22https://evil.org/x.png"
    assert "<script" not in urllib.parse.unquote(layers(band)[1])
    assert initials("<b>Бот</b> Ok") == "O" and "<b>" not in fallback_svg("<b>Бот</b> Ok")
