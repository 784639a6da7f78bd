"""Rule verdicts are codes with values; the catalogue words them in Ukrainian and English."""

from __future__ import annotations

import re
import string

import pytest

from odcore.i18n import CATALOGUE, Phrase
from odcore.rules.indicators import SPECS, title_phrase
from odcore.rules.mqa import CRITERIA, Dimension, Rating, rating_phrase
from odcore.rules.quality import REASON_ORDER
from odcore.rules.reasons import FIXABLE, Reason, fix_phrase, reason_phrase
from odcore.schema.tabs import SPEC_BY_KEY

CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTED = re.compile("«[^»]*»")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def phrases() -> list[Phrase]:
    return [*(reason_phrase(r) for r in Reason), *(fix_phrase(r) for r in Reason if r in FIXABLE),
            *(rating_phrase(r) for r in Rating), *(title_phrase(s.key) for s in SPECS)]


@pytest.mark.parametrize("phrase", phrases(), ids=lambda p: p.key)
def test_every_verdict_names_exactly_the_values_its_texts_ask_for(phrase: Phrase) -> None:
    uk, en = CATALOGUE[phrase.key]
    assert placeholders(uk) == placeholders(en) == {name for name, _ in phrase.params}


@pytest.mark.parametrize("phrase", phrases(), ids=lambda p: p.key)
def test_english_verdicts_quote_only_data_in_cyrillic(phrase: Phrase) -> None:
    english = phrase.render("en")
    assert english != phrase.render("uk")
    assert CYRILLIC.findall(QUOTED.sub("", english)) == []


def test_every_reason_the_rules_give_has_a_fix_except_those_with_nothing_to_change() -> None:
    # A structure mismatch is fixed in the resource file, as its findings say (row, column).
    assert set(REASON_ORDER) - FIXABLE == {Reason.RESTRICTED, Reason.NOT_YET_PUBLISHED,
                                           Reason.STRUCTURE_MISMATCH}
    assert REASON_ORDER[-1] is Reason.STRUCTURE_MISMATCH


def test_a_reason_quotes_the_header_the_schema_declares() -> None:
    datasets = SPEC_BY_KEY["datasets"]
    for field in ("title", "description", "purpose", "keywords", "license", "formats"):
        header = datasets.column(field).header
        assert reason_phrase(Reason(f"missing_{field}")).render("en").endswith(f"«{header}»).")
    assert f"«{datasets.column('last_updated').header}»" in fix_phrase(Reason.OVERDUE).render()
    resolved = SPEC_BY_KEY["quality_checks"].column("resolved").header
    assert fix_phrase(Reason.FAILED_CHECK).render() == (
        f"Виконайте рекомендації останньої перевірки якості і позначте «{resolved}» = так.")


def test_ukrainian_words_of_the_verdicts_are_kept() -> None:
    assert reason_phrase(Reason.MISSING_DESCRIPTION).render() == "Не заповнено «Опис»."
    assert reason_phrase(Reason.RESTRICTED).render() == (
        "Доступ обмежено законом (статус «Обмежено»): набір не оцінюється.")
    assert fix_phrase(Reason.CLOSED_LICENSE).render() == (
        "Змініть ліцензію на відкриту, наприклад CC BY 4.0.")
    assert rating_phrase(Rating.BAD).render() == "Недостатня"
    assert rating_phrase(Rating.BAD).render("en") == "Insufficient"


def test_every_dimension_and_criterion_has_a_name_in_both_languages() -> None:
    keys = [*(f"mqa.dimension.{d.value}" for d in Dimension),
            *(f"mqa.criterion.{c.key}" for c in CRITERIA)]
    assert [k for k in keys if k not in CATALOGUE] == []
