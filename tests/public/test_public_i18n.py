"""The public pages' strings follow the catalogue's rules and are all in the catalogue."""

from __future__ import annotations

import re

import pytest

from odcore.i18n import CATALOGUE
from odcore.public import OnTime
from odcore.ui.navigation import PAGES_DIR
from tests.test_i18n import placeholders

PUBLIC_CATALOGUE = {k: v for k, v in CATALOGUE.items() if k.startswith("pub.")}
PAGES = [PAGES_DIR / f"public_{name}.py" for name in ("products", "catalogue", "programme")]


@pytest.mark.parametrize("key", sorted(PUBLIC_CATALOGUE))
def test_every_public_string_has_both_languages_with_the_same_placeholders(key):
    uk, en = PUBLIC_CATALOGUE[key]
    assert uk.strip() and en.strip()
    assert placeholders(uk) == placeholders(en)
    assert re.search("[а-яіїєґ]", uk, re.IGNORECASE)
    if "|" in uk or "|" in en:
        assert (uk.count("|"), en.count("|")) == (2, 1)


@pytest.mark.parametrize("page", PAGES)
def test_every_key_a_public_page_names_exists(page):
    source = page.read_text(encoding="utf-8")
    named = set(re.findall(r'"((?:pub|page|col|common|plan|state|overview|indicator)\.[a-z_.]+)"',
                           source))
    assert named and named <= set(CATALOGUE)


def test_every_timeliness_state_has_a_label():
    assert {f"pub.on_time.{state.value}" for state in OnTime} <= set(PUBLIC_CATALOGUE)
