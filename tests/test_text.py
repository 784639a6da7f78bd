"""Name matching ignores what a person cannot see."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odcore.text import FORMAT_CHARACTERS, ComputedOnce, normalize_name
from tests.helpers import DEPT, load, tab


def test_names_match_across_case_spaces_apostrophes_and_invisible_characters():
    assert normalize_name("  Обʼєкти  КОМУНАЛЬНОЇ ") == normalize_name("об'єкти комунальної")
    assert normalize_name("D1\u200b") == normalize_name("\ufeffD1") == "d1"
    assert normalize_name("Під\u00adрозділ") == "підрозділ"


def test_a_dataset_id_with_a_zero_width_space_is_the_same_dataset():
    wb = load(tab("departments", DEPT),
              tab("datasets", {"id": "D1", "title": "Бюджет", "department": "Відділ ІТ",
                               "status": "Оприлюднено"}),
              tab("quality_checks", {"dataset_id": "D1\u200b", "period": "2024-Q1",
                                     "compliant": "так"}))
    assert len(wb.quality_checks) == 1
    assert not [i for i in wb.issues if i.code == "ref.unknown_dataset"]


def _normalize_name_by_category(text: str) -> str:
    """normalize_name as first written: a unicodedata.category() test per character."""
    text = unicodedata.normalize("NFC", text).translate(
        str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "'"}))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_the_format_character_class_holds_every_format_character_of_this_python():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        in_class = FORMAT_CHARACTERS.fullmatch(char) is not None
        # The class follows a newer Unicode than some Pythons: there, its extra code points
        # are still unassigned.
        assert in_class == (category == "Cf") or (in_class and category == "Cn"), hex(code)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_normalize_name_equals_the_per_character_definition(text: str):
    assert normalize_name(text) == _normalize_name_by_category(text)


@pytest.mark.parametrize("text", ["ABC `x`", "  a\t\nb  ", "Е\u0301", "\u0374x", "ẞ", "İ",
                                  "a\u200d\u2066b\U000e0041", "ＩＤ"])
def test_normalize_name_equals_the_per_character_definition_on_tricky_text(text: str):
    assert normalize_name(text) == _normalize_name_by_category(text)


def test_computed_once_computes_each_key_on_its_first_lookup_only():
    asked: list[str] = []

    def shout(text: str) -> str:
        asked.append(text)
        return text.upper()

    once = ComputedOnce(shout)
    assert [once[t] for t in ("a", "b", "a", "a", "b")] == ["A", "B", "A", "A", "B"]
    assert asked == ["a", "b"]
    assert once.get("c") is None and "c" not in once  # only a subscript computes
