"""Text normalisation shared by header, tab, vocabulary, ID and name matching."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "'"})
_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Case-folded, apostrophes unified, invisible format characters (soft hyphen, zero-width
    space, BOM, direction marks) dropped, surrounding and repeated spaces removed."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    if any(unicodedata.category(c) == "Cf" for c in text):
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _SPACES.sub(" ", text).strip().casefold()
