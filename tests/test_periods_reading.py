"""The normalisation of quarters and deadline wordings (``normalize_numerals``) held to its
rule written out plainly, on generated and hostile texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from odcore.periods import normalize_numerals

_PLAIN_TO_LATIN = str.maketrans({"і": "i", "ї": "i", "ⅰ": "i", "–": "-", "—": "-"})


def _plain_normalized(text: str) -> str:
    """normalize_numerals as the rule says it: case-folded, spaces collapsed, Cyrillic і
    (and ї, and the Roman numeral one) as Latin i, dashes unified."""
    return " ".join(text.casefold().split()).translate(_PLAIN_TO_LATIN)


_PIECES = ["І", "і", "ї", "Ї", "Ⅰ", "ⅰ", "I", "V", "–", "—", "-", " ", "\u00a0", "\t", "кв.",
           "КВАРТАЛ", "Q", "q", "2024", "1", "4", "5", "року", "р.", "-й", "ß", "İ", "ǅ"]
_TEXTS = st.one_of(st.text(max_size=16),
                   st.builds("".join, st.lists(st.sampled_from(_PIECES), max_size=8)))


@given(text=_TEXTS)
def test_numerals_are_normalised_as_the_rule_says(text):
    assert normalize_numerals(text) == _plain_normalized(text)
