"""Name matching ignores what a person cannot see."""

from __future__ import annotations

from odcore.text import normalize_name
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
