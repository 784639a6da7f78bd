"""A product's picture with a drawn fallback: never an empty band (issue 12).

The card's picture band is one element with two CSS backgrounds: the product's picture on
top, and under it a tile drawn here (the product's initials on a colour of its own, an inline
SVG, no request anywhere). A picture that is missing shows the tile; one that fails to load
is simply not drawn, and the tile under it shows: no script is needed to notice the failure.

Nothing typed in a cell becomes markup: the initials are letters only and XML-escaped, the
picture is an https URL already checked (odcore.rules.images) and percent-encoded here so
that it cannot leave its CSS string or the HTML attribute.
"""

from __future__ import annotations

import hashlib
import html
import urllib.parse

# The Okabe-Ito colours that carry white text (odcore.ui.charts), and the theme's blue.
TILE_COLOURS = ("#0B5394", "#0072B2", "#009E73", "#D55E00", "#7F4F9F", "#8C6D1F")
BAND_HEIGHT_PX = 160
# Characters a URL keeps as they are inside url("..."): no quote, bracket, backslash,
# space or angle bracket, so nothing can end the CSS string or the attribute.
_URL_SAFE = "/:?#[]@!$&*+,;=-._~%"


def initials(name: str) -> str:
    """Up to two letters: the first of the first two words that start with one."""
    letters = [word[0] for word in name.split() if word[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


def tile_colour(name: str) -> str:
    """One of TILE_COLOURS, the same for the same name on every run."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return TILE_COLOURS[digest[0] % len(TILE_COLOURS)]


def fallback_svg(name: str) -> str:
    """The drawn tile as an SVG document: the initials, white, on the name's colour."""
    return ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 320 160' "
            "preserveAspectRatio='xMidYMid slice'>"
            f"<rect width='320' height='160' fill='{tile_colour(name)}'/>"
            "<text x='160' y='80' dy='0.35em' text-anchor='middle' fill='#FFFFFF' "
            "font-family='Source Sans, sans-serif' font-size='64' font-weight='700'>"
            f"{html.escape(initials(name))}</text></svg>")


def svg_data_url(svg: str) -> str:
    """The SVG as a ``data:`` URL, every character outside a plain set percent-encoded."""
    return "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg, safe="")


def css_url(url: str) -> str:
    """``url("…")`` for a checked https URL, percent-encoding what could break out of it."""
    return f'url("{urllib.parse.quote(url, safe=_URL_SAFE)}")'


def picture_band_html(name: str, image_url: str | None) -> str:
    """The card's picture band: the picture over the drawn tile, or the tile alone.

    Decorative (``role="img"`` with the name as its label would repeat the heading under
    it), so it is hidden from screen readers.
    """
    layers = [css_url(image_url)] if image_url else []
    layers.append(css_url(svg_data_url(fallback_svg(name))))
    style = (f"height:{BAND_HEIGHT_PX}px;border-radius:0.5rem;"
             f"background-image:{','.join(layers)};"
             "background-size:cover;background-position:center;background-repeat:no-repeat")
    return f'<div class="product-picture" aria-hidden="true" style="{html.escape(style)}"></div>'
