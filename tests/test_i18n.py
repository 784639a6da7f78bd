"""The UI catalogue: every string in Ukrainian and English, placeholders that match."""

from __future__ import annotations

import re
import string

import pytest

from odcore.i18n import CATALOGUE, plural_index, translate, translate_count

FIELDS = string.Formatter()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_string_has_ukrainian_and_english_with_the_same_placeholders(key):
    uk, en = CATALOGUE[key]
    assert uk.strip() and en.strip()
    assert placeholders(uk) == placeholders(en)


def test_ukrainian_strings_are_written_in_cyrillic():
    # A placeholder's name is not text (a source's own words pass through as "{note}").
    words = {k: re.sub(r"\{\w+\}", "", uk) for k, (uk, _) in CATALOGUE.items()}
    latin_only = [k for k, uk in words.items()
                  if re.search("[A-Za-z]{3,}", uk) and not re.search("[а-яіїєґ]", uk, re.I)]
    assert latin_only == []


def test_ukrainian_is_the_default_and_unknown_languages_fall_back_to_it():
    assert translate("page.problems") == "Проблеми в таблицях"
    assert translate("page.problems", "en") == "Data problems"
    assert translate("page.problems", "de") == "Проблеми в таблицях"


def test_values_are_filled_in():
    assert translate("common.as_of", "uk", date="01.07.2025") == "станом на 01.07.2025"


@pytest.mark.parametrize(("count", "form"), [(1, 0), (21, 0), (2, 1), (4, 1), (22, 1), (5, 2),
                                             (11, 2), (12, 2), (14, 2), (0, 2), (111, 2)])
def test_ukrainian_plural_forms(count, form):
    assert plural_index(count) == form


def test_counted_text_takes_the_right_form():
    assert translate_count("problems.group_count", 1) == "1 проблема"
    assert translate_count("problems.group_count", 3) == "3 проблеми"
    assert translate_count("problems.group_count", 5) == "5 проблем"
    assert translate_count("problems.group_count", 1, "en") == "1 problem"
    assert translate_count("problems.group_count", 2, "en") == "2 problems"


def test_counted_texts_have_three_ukrainian_and_two_english_forms():
    for key, (uk, en) in CATALOGUE.items():
        if "|" in uk or "|" in en:
            assert (uk.count("|"), en.count("|")) == (2, 1), key
