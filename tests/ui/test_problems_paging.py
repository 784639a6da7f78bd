"""The data-problems page draws one page of Issues at a time, grouped, with a page picker."""

from __future__ import annotations

from pathlib import Path

import pytest

from odcore.checks import all_issues
from odcore.config import load_config
from odcore.issues import Finding, Issue, IssueCode
from odcore.reading import load_workbook
from odcore.service import open_source
from odcore.synth import write_synth_xlsx
from odcore.ui.problems import PAGE_SIZE, issue_pages
from tests.ui.conftest import make_runner

PAGE = "app_pages/problems.py"


def note(text: str) -> Finding:
    return Finding.of(IssueCode.SPREADSHEET_NOTE, note=text)


def test_pages_keep_the_group_order_and_cut_a_group_across_pages():
    issues = [Issue(note(f"b{n}"), tab="Звіти", department="Б") for n in range(4)]
    issues += [Issue(note("none"), tab="План"), Issue(note("a"), tab="Звіти", department="а")]
    pages = issue_pages(issues, size=3)
    assert [[(d, t, [i.message for i in v]) for d, t, v in page] for page in pages] == [
        [("а", "Звіти", ["a"]), ("Б", "Звіти", ["b0", "b1"])],
        [("Б", "Звіти", ["b2", "b3"]), ("", "План", ["none"])],
    ]
    assert issue_pages([]) == []


@pytest.fixture
def big_app(tmp_path: Path, secrets_file: Path, monkeypatch: pytest.MonkeyPatch):
    """The app on the synthetic workbook of 10 times the demo (121 Issues)."""
    path = tmp_path / "synth-10.xlsx"
    write_synth_xlsx(path, 10)
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    config = load_config()
    issues = all_issues(load_workbook(open_source(config), config.settings), config.settings)
    shown = [i for i in issues if i.severity.value in ("error", "warning")]
    return make_runner(), shown


def _rows(at) -> list[dict]:
    return [row for frame in at.dataframe for row in frame.value.to_dict("records")]


def test_a_large_workbook_shows_one_page_at_a_time_and_every_issue_on_some_page(big_app):
    run, expected = big_app
    assert len(expected) > 2 * PAGE_SIZE
    at = run(PAGE)
    assert not at.exception
    picker = at.selectbox[1]  # after the department filter
    pages = len(picker.options)
    assert pages == -(-len(expected) // PAGE_SIZE)
    seen: list[str] = []
    for index in range(pages):
        if index:
            picker.set_value(index).run()
            picker = at.selectbox[1]
        rows = _rows(at)
        assert 0 < len(rows) <= PAGE_SIZE
        # One Markdown block per group on the page, never one per Issue.
        assert len(at.markdown) < len(rows)
        seen += [f"{r['spreadsheet']}|{r['tab']}|{r['cell']}|{r['message']}" for r in rows]
    assert sorted(seen) == sorted(f"{i.spreadsheet}|{i.tab}|{i.cell}|{i.message}"
                                  for i in expected)
