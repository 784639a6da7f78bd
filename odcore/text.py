"""Text normalisation shared by header, tab, vocabulary, ID and name matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Generic, TypeVar

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "'"})
_SPACES = re.compile(r"\s+")
# Every format character (Unicode category Cf, as of Unicode 15.1): soft hyphen, zero-width
# space and joiners, direction marks and isolates, BOM, tags. One compiled class replaces a
# unicodedata.category() call per character (tests/test_text.py checks it against the running
# Python's Unicode tables).
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")


# Cached: the same names, codes, IDs and statuses are compared again and again across tabs
# and rules; a cache hit costs a dictionary lookup.
@lru_cache(maxsize=1 << 17)
def normalize_name(text: str) -> str:
    """Case-folded, apostrophes unified, invisible format characters (soft hyphen, zero-width
    space, BOM, direction marks) dropped, surrounding and repeated spaces removed."""
    if not text.isascii():  # ASCII is already NFC and holds no format character
        text = FORMAT_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip().casefold()


class ComputedOnce(dict[_Key, _Value], Generic[_Key, _Value]):
    """``once[key]`` is ``compute(key)``, computed on the first lookup of each key; every later
    lookup is a dict lookup in C. For one pass over rows that repeat a few values (names,
    cells, dates, sets of reasons over thousands of rows): keep one only for the pass that
    fills it, nothing is kept across calls."""

    def __init__(self, compute: Callable[[_Key], _Value]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _Key) -> _Value:
        value = self[key] = self._compute(key)
        return value
