"""Header rows: which row is the header, which column a header cell names (look-alike
letters, invisible characters, a trailing colon), and which tab a lone sheet is."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from odcore.cells import Finding, is_empty
from odcore.issues import IssueCode
from odcore.schema.columns import Col
from odcore.schema.tabs import TAB_SPECS, TabSpec
from odcore.sources.base import (
    RawTab,
)


def header_row(values: list[list[Any]]) -> int | None:
    for index, row in enumerate(values):
        if any(not is_empty(v) for v in row):
            return index
    return None


# Letters that look the same in Latin and Cyrillic: a header typed with one of them from the
# other alphabet ("ІD" with Cyrillic І, "Cтатус" with Latin C) looks right to its author.
_LATIN_LOOK_ALIKES = "ABCEHIKMOPTXaceiopxy"


_CYRILLIC_LOOK_ALIKES = "АВСЕНІКМОРТХасеіорху"


_TO_LATIN = str.maketrans(_CYRILLIC_LOOK_ALIKES, _LATIN_LOOK_ALIKES)


_TO_CYRILLIC = str.maketrans(_LATIN_LOOK_ALIKES, _CYRILLIC_LOOK_ALIKES)


_HEADER_MARKS = re.compile(r"[\s:*]+$")


def column_for(spec: TabSpec, header: str) -> Col | None:
    """The column a header cell names, also when it holds invisible format characters (soft
    hyphen, zero-width space, BOM), ends in ``:`` or a required-field ``*``, or mixes
    look-alike Latin and Cyrillic letters (docs/reading.md)."""
    col = spec.column_for_header(header)
    if col is not None:
        return col
    text = "".join(c for c in header if unicodedata.category(c) != "Cf")
    text = _HEADER_MARKS.sub("", text)
    candidates = [text]
    # Letters without a Unicode name (Tangut, some CJK) belong to neither alphabet.
    scripts = {unicodedata.name(c, "?").split()[0] for c in text if c.isalpha()}
    if {"LATIN", "CYRILLIC"} <= scripts:
        candidates += [text.translate(_TO_LATIN), text.translate(_TO_CYRILLIC)]
    for candidate in candidates:
        col = spec.column_for_header(candidate)
        if col is not None:
            return col
    return None


def _title_row(tab: RawTab, spec: TabSpec, header_index: int) -> tuple[int, int] | None:
    """When the header row is one cell (a title such as "Реєстр наборів даних") and the next
    filled row names the tab's columns: the numbers of both rows, else None."""
    if sum(not is_empty(v) for v in tab.values[header_index]) != 1:
        return None
    following = header_row(tab.values[header_index + 1:])
    if following is None:
        return None
    row = tab.values[header_index + 1 + following]
    if not any(isinstance(v, str) and column_for(spec, v) is not None for v in row):
        return None
    return header_index + 1, header_index + 2 + following


def missing_columns(tab: RawTab, spec: TabSpec, header_index: int, missing: list[Col]
                     ) -> Finding:
    """Which required columns are absent, pointing at a title row above the headers."""
    names = ", ".join(f"«{c.header}»" for c in missing)
    row = str(header_index + 1)
    title = _title_row(tab, spec, header_index)
    if title is None:
        return Finding.of(IssueCode.COLUMN_MISSING, columns=names, row=row)
    return Finding.of(IssueCode.COLUMN_MISSING, "title_row", columns=names, row=row,
                      title_row=str(title[0]), header_row=str(title[1]))


def is_blank(tab: RawTab) -> bool:
    return all(is_empty(v) for row in tab.values for v in row)


def guess_spec(tab: RawTab) -> TabSpec | None:
    """For a lone sheet with an unknown name: the tab whose columns its header matches best."""
    header_index = header_row(tab.values)
    if header_index is None:
        return None
    headers = [h for h in tab.values[header_index] if isinstance(h, str) and h.strip()]
    best, best_score = None, 0
    for spec in TAB_SPECS:
        score = sum(1 for h in headers if column_for(spec, h) is not None)
        required = [c for c in spec.columns if c.required]
        covered = sum(1 for c in required if any(column_for(spec, h) is c for h in headers))
        score += covered
        if score > best_score:
            best, best_score = spec, score
    return best if best_score >= 2 else None
