"""Coverage: which recommended sets the register names, which are missing, and suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odcore.config import load_config
from odcore.portal.coverage import (
    CoverageState,
    coverage,
    parse_structure_reference,
    suggest_annexes,
)
from odcore.portal.structures import load_catalogue
from odcore.reading import load_workbook
from odcore.schema.models import Dataset, Origin
from odcore.schema.vocab import DatasetStatus
from odcore.service import open_source


def _dataset(number: int, title: str, structure: str | None,
             status: DatasetStatus = DatasetStatus.PUBLISHED) -> Dataset:
    return Dataset(origin=Origin(spreadsheet="main.xlsx", tab="Набори даних", row=number + 1),
                   id=f"D-{number}", title=title, department="Відділ", status=status,
                   ministry_structure=structure)


@pytest.mark.parametrize(("text", "annexes"), [
    ("27", (27,)), (" Додаток 27 ", (27,)), ("дод. 27", (27,)), ("№ 27", (27,)),
    ("29, 30", (29, 30)), ("29 та 30", (29, 30)), ("29; 29", (29,)),
    ("немає", ()), ("-", ()), ("—", ()),
    ("27.1", None), ("зупинки", None), ("27 a", None),
])
def test_structure_references_read_as_annex_numbers(text: str, annexes: Any) -> None:
    assert parse_structure_reference(text) == annexes


def test_a_set_is_present_by_its_column_in_its_best_status() -> None:
    datasets = [
        _dataset(1, "Зупинки", "27"),
        _dataset(2, "Зупинки (стара версія)", "27", DatasetStatus.WITHDRAWN),
        _dataset(3, "Захисні споруди", "72", DatasetStatus.RESTRICTED),
        _dataset(4, "Зелені насадження", "31", DatasetStatus.PLANNED),
        _dataset(5, "Паркування", "36", DatasetStatus.WITHDRAWN),
        _dataset(6, "Депутати і голосування", "29, 30"),
    ]
    result = coverage(datasets)
    states = {e.annex: e.state for e in result.entries}
    assert states[27] is CoverageState.PUBLISHED
    assert states[72] is CoverageState.RESTRICTED
    assert states[31] is CoverageState.IN_PREPARATION
    assert states[36] is CoverageState.WITHDRAWN
    assert states[29] is states[30] is CoverageState.PUBLISHED
    assert states[7] is CoverageState.MISSING
    assert next(e for e in result.entries if e.annex == 27).dataset_ids == ("D-1", "D-2")
    assert {e.annex for e in result.present} == {27, 72, 31, 36, 29, 30}
    assert len(result.missing) == 69 - 6
    # Availability leaves out sets that the law restricts: 3 published of 69 - 1.
    assert result.evaluated == 68
    assert result.published_share == pytest.approx(3 / 68)


def test_unknown_references_are_listed_and_declined_rows_get_no_suggestion() -> None:
    datasets = [
        _dataset(1, "Дані про паркування", "8"),
        _dataset(2, "Дані про паркування", "паркування"),
        _dataset(3, "Дані про паркування", "немає"),
        _dataset(4, "Дані про паркування", None),
    ]
    result = coverage(datasets)
    assert [(u.dataset_id, u.value) for u in result.unknown_references] == [
        ("D-1", "8"), ("D-2", "паркування")]
    assert result.declined_dataset_ids == ("D-3",)
    assert [(s.dataset_id, s.annex) for s in result.suggestions] == [("D-4", 36)]
    parking = next(e for e in result.entries if e.annex == 36)
    assert parking.state is CoverageState.MISSING  # a suggestion is not a confirmation
    assert [s.dataset_id for s in parking.suggestions] == ["D-4"]


@pytest.mark.parametrize(("title", "annex"), [
    ("Перелік земельних ділянок комунальної власності Жмеринської громади", 57),
    ("Перелік об’єктів комунальної власності, що передані в оренду", 50),
    ("Дані про депутатів Жмеринської міської ради", 30),
    ("Розклад руху міського транспорту", 56),
    ("Бюджет Жмеринської міської територіальної громади", None),
    ("Звіт про виконання бюджету громади", None),
    ("Рішення міської ради", None),
])
def test_titles_suggest_the_annex_they_resemble(title: str, annex: int | None) -> None:
    found = suggest_annexes([_dataset(1, title, None)], load_catalogue())
    assert [s.annex for s in found] == ([] if annex is None else [annex])


def test_demo_register_covers_its_declared_annexes(demo_path: Path,
                                                   secrets_file: Path) -> None:
    config = load_config(str(demo_path))
    workbook = load_workbook(open_source(config), config.settings)
    result = coverage(workbook.datasets)
    published = {e.annex for e in result.by_state(CoverageState.PUBLISHED)}
    assert {7, 3, 27, 29, 57} <= published
    assert {e.annex for e in result.by_state(CoverageState.RESTRICTED)} == {71, 72}
    assert 2 in {e.annex for e in result.missing}
    data = result.to_json()
    assert data["counts"]["published"] == len(published)
    assert data["recommended"] == 69
    assert [s["dataset_id"] for s in data["suggestions"]] == ["ZHM-028"]


def _suggest_by_scanning_every_annex(datasets: list[Dataset]) -> list[tuple[str, int, float]]:
    """The suggestion as first written: every annex scanned for every title, stems and
    weights computed on each call (suggest_annexes now keeps them and indexes by stem)."""
    import math

    from odcore.portal.coverage import SUGGESTION_THRESHOLD, title_stems

    annex_stems = {s.annex: title_stems(s.title) for s in load_catalogue().structures}
    frequency: dict[str, int] = {}
    for stems in annex_stems.values():
        for stem in stems:
            frequency[stem] = frequency.get(stem, 0) + 1
    weight = {s: math.log((len(annex_stems) + 1) / n) for s, n in frequency.items()}
    found = []
    for dataset in datasets:
        stems = frozenset(s for s in title_stems(dataset.title) if s in weight)
        own = sum(weight[s] for s in stems)
        best = None
        for annex, wanted in annex_stems.items():
            common = wanted & stems
            if not common or len(common) < min(2, len(wanted)):
                continue
            shared = sum(weight[s] for s in common)
            candidate = (2 * shared / (own + sum(weight[s] for s in wanted)), shared, annex)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        if best is not None and best[0] >= SUGGESTION_THRESHOLD:
            found.append((dataset.id, best[2], best[0]))
    return found


def test_the_indexed_suggestion_equals_scanning_every_annex() -> None:
    # Titles made of the annex titles' own words, two and three at a time, and each annex's
    # title as it stands: many ties and near-ties, where the order of the annexes decides.
    import itertools

    titles = [s.title for s in load_catalogue().structures]
    words = sorted({w for t in titles for w in t.split()})[:60]
    titles += [" ".join(pair) for pair in itertools.combinations(words[:40], 2)]
    titles += [" ".join(three) for three in itertools.combinations(words[40:60], 3)]
    datasets = [_dataset(i, title, None) for i, title in enumerate(titles)]
    found = [(s.dataset_id, s.annex, s.score)
             for s in suggest_annexes(datasets, load_catalogue())]
    assert found == _suggest_by_scanning_every_annex(datasets)
    assert len(found) > 50


_ANNEXES = st.sampled_from([7, 27, 29, 30, 31, 36, 72, 999])  # 999: no shipped annex
_REFERENCES = st.one_of(
    _ANNEXES.map(str), st.lists(_ANNEXES.map(str), min_size=1, max_size=3).map(", ".join),
    st.sampled_from(["", "  ", "немає", "-", "27.1", "Додаток 27"]))


@given(st.lists(st.tuples(_REFERENCES, st.sampled_from(list(DatasetStatus))), max_size=25))
def test_each_set_is_in_the_best_state_of_the_rows_that_name_it(
        rows: list[tuple[str, DatasetStatus]]) -> None:
    # The state kept as the rows are read (coverage) is the best state of every row naming
    # the annex, as the set of their states ordered by CoverageState gives it.
    datasets = [_dataset(n, f"Назва {n}", text, status)
                for n, (text, status) in enumerate(rows, start=1)]
    order = list(CoverageState)
    for entry in coverage(datasets).entries:
        naming = _naming(datasets, entry.annex)
        expected = min((_STATE_OF[d.status] for d in naming), key=order.index,
                       default=CoverageState.MISSING)
        assert entry.state is expected
        assert entry.dataset_ids == tuple(d.id for d in naming)


_STATE_OF = {DatasetStatus.PUBLISHED: CoverageState.PUBLISHED,
             DatasetStatus.RESTRICTED: CoverageState.RESTRICTED,
             DatasetStatus.PREPARING: CoverageState.IN_PREPARATION,
             DatasetStatus.PLANNED: CoverageState.IN_PREPARATION,
             DatasetStatus.WITHDRAWN: CoverageState.WITHDRAWN}


def _naming(datasets: list[Dataset], annex: int) -> list[Dataset]:
    return [d for d in datasets if annex in (
        parse_structure_reference((d.ministry_structure or "").strip() or "немає") or ())]
