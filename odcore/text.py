"""Text normalisation shared by header, tab, vocabulary and name matching."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "'"})
_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Case-folded, apostrophes unified, surrounding and repeated spaces removed."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip().casefold()
