"""The datasets page: the compliance figure, the register's search and filters, the detail
view and the two downloads."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs

import openpyxl
import pytest

from odcore.exports.register import register_zip
from odcore.exports.score_card import score_card_bytes
from odcore.periods import Quarter
from odcore.personal import Redactor
from odcore.reading import load_workbook
from odcore.roles import Role, Viewer
from odcore.rules.quality import assess_datasets
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.ui.dataset_widgets import overdue_frame, reasons_text, register_frame, todo_frame
from odcore.ui.format import format_date
from tests.ui.rendered import texts, unescape
from tests.ui.test_plan_pages import percent

PAGE = "app_pages/datasets.py"


@pytest.fixture
def demo(demo_path: Path):
    """The demo workbook the app reads in these tests, loaded with the default settings."""
    return load_workbook(WorkbookFileSource(demo_path)), DEFAULT_SETTINGS


def register(at):
    return next(d.value for d in at.dataframe if "steward_email" in d.value.columns)


def test_datasets_page_shows_the_compliance_share_against_the_target(internal_app, demo):
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    assert not at.exception
    workbook, settings = demo
    expected = assess_datasets(workbook, dt.date(2025, 7, 1), settings).compliant_share
    tiles = {unescape(m.label): m.value for m in at.metric}
    assert tiles["Відповідають стандартам"] == percent(expected)
    assert "ціль ≥ 75 %" in texts(at)


def test_register_lists_every_row_with_its_reasons(internal_app, demo):
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    workbook, _ = demo
    frame = register(at)
    assert list(frame["id"]) == [d.id for d in workbook.datasets]
    non_compliant = frame[frame["compliant"] == "ні"]
    assert len(non_compliant) > 0 and all(non_compliant["reasons"].str.len() > 0)


def test_frames_word_each_row_as_its_own_reasons_and_dates_read(demo):
    # The frames word each set of reasons and each date once per frame: every row must
    # still read as reasons_text and format_date word it alone.
    workbook, settings = demo
    items = list(assess_datasets(workbook, dt.date(2026, 1, 1), settings).items)
    assert len({i.reasons for i in items}) > 1
    shown = Redactor.build(Viewer(Role.COORDINATOR), workbook, "—")
    register = register_frame(items, shown, workbook.department_names())
    assert list(register["reasons"]) == [reasons_text(i, "uk") for i in items]
    assert list(register["next_due"]) == [format_date(i.next_due) for i in items]
    assert list(todo_frame(items)["reasons"]) == [reasons_text(i, "uk") for i in items]
    overdue = overdue_frame(items)
    assert list(overdue["last_updated"]) == [format_date(i.dataset.last_updated) for i in items]


def test_register_search_is_case_and_apostrophe_insensitive(internal_app, demo):
    workbook, _ = demo
    title = next(d.title for d in workbook.datasets if len(d.title) > 8)
    at = internal_app(PAGE)
    at.text_input(key="datasets_search").set_value(title.upper().replace("'", "’")).run()
    assert title in list(register(at)["title"])
    at.text_input(key="datasets_search").set_value("немає такого набору xyz").run()
    assert "Жоден набір не відповідає" in texts(at)


def test_register_filter_by_status_from_the_url(internal_app):
    at = internal_app(PAGE, {"status": "Оприлюднено"})
    assert set(register(at)["status"]) == {"Оприлюднено"}


def test_dataset_detail_shows_its_quality_check_history(internal_app, demo):
    workbook, _ = demo
    checked = workbook.quality_checks[0].dataset_id
    at = internal_app(PAGE, {"as_of": "2026-01-01", "dataset": checked})
    assert not at.exception
    history = next(d.value for d in at.dataframe if "checked_on" in d.value.columns)
    expected = [c for c in workbook.quality_checks
                if c.dataset_id == checked and c.period.has_started(dt.date(2026, 1, 1))]
    assert len(history) == len(expected) > 0


def test_page_offers_the_score_card_and_the_register_downloads(internal_app):
    at = internal_app(PAGE)
    labels = [b.label for b in at.download_button]
    assert any(".xlsx" in label for label in labels) and any(".zip" in label for label in labels)


def test_score_card_download_is_a_workbook_with_its_three_sheets(demo):
    workbook, settings = demo
    book = openpyxl.load_workbook(io.BytesIO(score_card_bytes(workbook, Quarter(2025, 2),
                                                              settings)))
    assert book.sheetnames == ["Зведення", "Набори даних", "Виконання плану"]


def test_register_download_holds_csv_json_and_the_structure_file(demo):
    workbook, settings = demo
    names = zipfile.ZipFile(io.BytesIO(register_zip(workbook, settings))).namelist()
    assert len(names) == 3
    assert any(n.endswith(".csv") for n in names) and any(n.endswith(".json") for n in names)


def test_a_misspelt_department_is_shown_as_a_data_problem_with_a_link(internal_app):
    # The demo's «Фінансове управліня» (docs/demo.md) is a bar of its own beside the real one.
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    warnings = [unescape(w.value) for w in at.warning]
    assert any("«Фінансове управліня» немає у вкладці «Підрозділи»" in w for w in warnings)
    [link] = [p.proto for p in at.get("page_link") if p.proto.page == "problems"]
    assert "Фінансове управліня" in link.label
    assert parse_qs(link.query_string) == {"department": ["Фінансове управліня"]}


def test_tables_put_the_verdicts_before_the_passport(internal_app):
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    assert list(register(at).columns)[:5] == ["id", "title", "compliant", "reasons", "stars"]
    overdue = next(d.value for d in at.dataframe if "days" in d.value.columns)
    assert list(overdue.columns)[:4] == ["id", "title", "days", "department"]
    assert list(overdue["id"]) == ["ZHM-031"] and list(overdue["days"]) == [61]


# The rules' verdicts in the session's language (issue 10, "Closed codes")

CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTED = re.compile("«[^»]*»")  # a header, a status or a value as typed: data, never translated


def unquoted_cyrillic(text: str) -> list[str]:
    """Cyrillic letters outside «» quotes."""
    return CYRILLIC.findall(QUOTED.sub("", text))


def todo(at):
    return next(d.value for d in at.dataframe if "action" in d.value.columns)


def test_english_session_shows_every_reason_and_fix_in_english(internal_app):
    at = internal_app(PAGE, {"as_of": "2025-07-01", "lang": "en"})
    assert not at.exception
    cells = [*register(at)["reasons"], *todo(at)["reasons"], *todo(at)["action"]]
    worded = [c for c in cells if c]
    assert len(worded) > 10
    assert {c: unquoted_cyrillic(c) for c in worded if unquoted_cyrillic(c)} == {}
    assert any("Not updated on time" in c for c in worded)


def test_english_detail_lists_the_reasons_and_the_fix_in_english(internal_app, demo):
    workbook, settings = demo
    assessment = assess_datasets(workbook, dt.date(2025, 7, 1), settings)
    item = next(i for i in assessment.items if i.fix_first is not None and len(i.reasons) > 1)
    at = internal_app(PAGE, {"as_of": "2025-07-01", "lang": "en", "dataset": item.id})
    assert not at.exception
    [reasons] = [unescape(m.value) for m in at.markdown if m.value.startswith("- ")]
    [fix] = [unescape(i.value) for i in at.info if i.value.startswith("First:")]
    assert len(reasons.splitlines()) == len(item.reasons)
    assert unquoted_cyrillic(reasons) == [] and unquoted_cyrillic(fix) == []


def test_ukrainian_reasons_and_fixes_are_worded_as_on_the_score_card(internal_app):
    # The golden score card was written before the verdicts moved to the catalogue: the page
    # at the card's date (the state at the end of 2025-Q2) shows the same Ukrainian words.
    golden = Path(__file__).parents[1] / "golden" / "2025-07-01" / "score_card.json"
    header, *rows = json.loads(golden.read_text(encoding="utf-8"))["Набори даних"]
    card = [dict(zip(header, row, strict=False)) for row in rows]
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    shown = dict(zip(register(at)["id"], register(at)["reasons"], strict=True))
    assert shown == {r["ID"]: (r.get("Причини") or "").replace("\n", "; ") for r in card}
    actions = dict(zip(todo(at)["id"], todo(at)["action"], strict=True))
    assert actions == {r["ID"]: r["Що виправити насамперед"] for r in card
                       if r.get("Що виправити насамперед")}
    assert "Заповніть «Опис»." in actions.values()


# Issue 12: the detail's passport has no empty header row; on a phone, cards

def test_dataset_detail_passport_has_no_empty_header_row(internal_app, demo):
    workbook, _ = demo
    dataset = workbook.datasets[0]
    at = internal_app(PAGE, {"as_of": "2026-01-01", "dataset": dataset.id})
    assert not at.exception
    for grid in at.dataframe:  # no table on the page opens with a header that names nothing
        labels = [c.get("label", name) if isinstance(c, dict) else name
                  for name, c in column_labels(grid).items()]
        assert all(label.strip() for label in labels), labels
    passport = [unescape(m.value) for m in at.markdown if m.value.startswith("**Розпорядник")]
    assert len(passport) == 1
    assert f"Розпорядник: {dataset.department}" in passport[0].replace("**", "")


def column_labels(grid) -> dict:
    """Each column's header as the grid shows it (its configured label, else its name)."""
    config = json.loads(grid.proto.columns or "{}")
    return {name: config.get(name, {}) for name in grid.value.columns}


def test_each_dataset_table_is_also_a_card_per_row_for_a_phone(internal_app):
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    frame = register(at)
    headings = [h for h in (unescape(m.value) for m in at.markdown) if h.startswith("**ZHM-")]
    for dataset_id, title in zip(frame["id"], frame["title"], strict=True):
        assert any(h.startswith(f"**{dataset_id} · {title}**") for h in headings), dataset_id
    # The style that shows the cards only at a phone's width is on the page.
    assert any("@media (max-width:640px)" in h.proto.body for h in at.get("html"))


MISSPELT = "⚠ Фінансове управліня (невідомий підрозділ)"


def test_a_misspelt_department_is_marked_in_the_chart_and_the_tables(internal_app):
    # Beside «Фінансове управління» the demo's misspelt name must not look like a second
    # identical bar or row.
    at = internal_app(PAGE, {"as_of": "2025-07-01"})
    assert not at.exception
    compliance = next(d.value for d in at.dataframe if "compliant" in d.value.columns
                      and "text" in d.value.columns)
    names = list(compliance["department"])
    assert MISSPELT in names and "Фінансове управління" in names
    assert "Фінансове управліня" not in names
    # The bars are drawn from the same names (the chart's data travels as Arrow bytes).
    charts = [c.proto.SerializeToString() for c in at.get("vega_lite_chart")]
    assert any(MISSPELT.encode() in data for data in charts)
    assert MISSPELT in set(register(at)["department"])
    assert "Фінансове управління" in set(register(at)["department"])


def test_overview_department_table_marks_the_misspelt_department(internal_app):
    at = internal_app("app_pages/overview.py", {"as_of": "2025-07-01"})
    assert not at.exception
    table = next(d.value for d in at.dataframe if "tasks_owed" in d.value.columns)
    names = list(table["department"])
    assert MISSPELT in names and "Фінансове управління" in names
    marked = [n for n in names if n.startswith("⚠")]
    assert marked == [MISSPELT]  # every department «Підрозділи» knows is left as it is


def test_the_register_issues_are_built_once_per_workbook_and_settings(demo_path):
    from odcore.exports.register import register_rows
    from odcore.reading import load_workbook
    from odcore.settings import Settings
    from odcore.sources.workbook_file import WorkbookFileSource
    from odcore.ui.dataset_widgets import register_issues

    workbook = load_workbook(WorkbookFileSource(demo_path))
    settings = Settings()
    first = register_issues(workbook, settings)
    assert first == register_rows(workbook, settings)[1]
    assert register_issues(workbook, settings) is first  # kept
    other = Settings(cache_ttl_seconds=1)  # other settings: built again
    assert other != settings
    again_here = register_issues(workbook, other)
    assert again_here is not first and again_here == register_rows(workbook, other)[1]
    again = load_workbook(WorkbookFileSource(demo_path))  # a new read: built again
    assert register_issues(again, settings) is not first
