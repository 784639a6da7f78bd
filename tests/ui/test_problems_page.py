"""The data-problems page lists every Issue with where to fix it."""

from __future__ import annotations

import re

import openpyxl

from odcore.checks import all_issues
from odcore.config import load_config
from odcore.issues import Finding, Issue, IssueCode, count_by_severity
from odcore.reading import load_workbook
from odcore.service import open_source
from odcore.textsafe import escape_markdown
from odcore.ui.problems import issues_frame
from tests.ui.conftest import make_runner
from tests.ui.rendered import texts, unescape

PAGE = "app_pages/problems.py"


def note(text: str) -> Finding:
    """A finding whose message is the given text (a source's note passes through as is)."""
    return Finding.of(IssueCode.SPREADSHEET_NOTE, note=text)


def demo_issues():
    config = load_config()
    return all_issues(load_workbook(open_source(config), config.settings), config.settings)


def test_problems_page_counts_issues_by_severity(internal_app):
    at = internal_app(PAGE)
    assert not at.exception
    counts = count_by_severity(demo_issues())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Помилки"] == str(counts["errors"])
    assert metrics["Попередження"] == str(counts["warnings"])
    assert counts["errors"] > 0


def test_problems_page_lists_errors_and_warnings_with_their_place(internal_app):
    at = internal_app(PAGE)
    shown = [row for frame in at.dataframe for row in frame.value.to_dict("records")]
    expected = [i for i in demo_issues() if i.severity.value in ("error", "warning")]
    assert len(shown) == len(expected)
    messages = {row["message"] for row in shown}
    assert {i.message for i in expected} == messages
    first = next(i for i in expected if i.row is not None)
    row = next(r for r in shown if r["message"] == first.message and r["row"] == first.row)
    assert (row["spreadsheet"], row["tab"], row["column"]) == (first.spreadsheet, first.tab,
                                                                first.column)


def test_problems_page_groups_by_department(internal_app):
    at = internal_app(PAGE)
    departments = {i.department for i in demo_issues()
                   if i.department and i.severity.value != "info"}
    headings = texts(at)
    assert departments and all(d in headings for d in departments)


def test_severity_filter_from_the_url_shows_only_errors(internal_app):
    at = internal_app(PAGE, query={"severity": "error"})
    assert at.pills[0].value == ["error"]
    shown = [row for frame in at.dataframe for row in frame.value.to_dict("records")]
    assert shown and {row["severity"] for row in shown} == {"Помилка"}


def test_choosing_a_severity_writes_it_into_the_url(internal_app):
    at = internal_app(PAGE)
    at.pills[0].set_value(["warning"]).run()
    assert at.query_params["severity"] == "warning"
    shown = [row for frame in at.dataframe for row in frame.value.to_dict("records")]
    assert shown and {row["severity"] for row in shown} == {"Попередження"}


def test_department_filter_keeps_one_department(internal_app):
    department = next(i.department for i in demo_issues() if i.department)
    at = internal_app(PAGE, query={"department": department})
    assert at.selectbox[0].value == department
    shown = [row for frame in at.dataframe for row in frame.value.to_dict("records")]
    expected = [i for i in demo_issues() if i.department == department
                and i.severity.value != "info"]
    assert len(shown) == len(expected)


def test_sidebar_names_the_source_and_when_it_was_read(internal_app, demo_path):
    at = internal_app(PAGE)
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown).replace("\\", "")
    assert demo_path.name in sidebar
    assert "прочитано" in sidebar


def test_cell_links_are_links_only_when_they_are_http():
    good = "https://docs.google.com/spreadsheets/d/abc/edit#gid=0&range=B2"
    frame = issues_frame([
        Issue(note("повідомлення"), link="javascript:alert(1)"),
        Issue(note("повідомлення"), link=good),
    ])
    assert frame["link"].isna().tolist() == [True, False]
    assert frame["link"].iloc[1] == good


def test_markup_typed_into_a_cell_is_shown_as_text(secrets_file, tmp_path, monkeypatch):
    hostile = "**Жирний** :red[червоний] <b>x</b> [клік](javascript:alert(1))"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Підрозділи"
    sheet.append(["Підрозділ"])
    sheet.append(["Відділ ІТ"])
    reports = book.create_sheet("Звіти")
    reports.append(["Код завдання", "Період", "Статус", "Підрозділ"])
    reports.append(["1.1", "2024-Q1", "Виконано", hostile])
    plan = book.create_sheet("План")
    plan.append(["Код", "Розділ", "Завдання"])
    plan.append(["1.1", "1. Розділ", "Завдання"])
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = make_runner()(PAGE)
    assert not at.exception
    heading = next(h.value for h in at.subheader if "Жирний" in h.value)
    assert heading.startswith(escape_markdown(hostile))
    assert unescape(heading).startswith(hostile)


def test_a_mistyped_settings_key_is_shown_above_the_problems(internal_app, secrets_file):
    secrets_file.write_text("[odcore]\nplan_frist_year = 2025\n", encoding="utf-8")
    at = internal_app(PAGE)
    assert not at.exception
    (box,) = [w for w in at.warning if "plan_frist_year" in unescape(w.value)]
    assert "«plan_first_year»" in unescape(box.value)
    assert at.metric  # the workbook's problems are still listed below


def test_problems_are_grouped_by_department_then_by_tab():
    from odcore.ui.problems import group_by_department_and_tab

    issues = [Issue(note("1"), tab="Звіти", department="Відділ ІТ"),
              Issue(note("2"), tab="Набори даних", department="Відділ ІТ"),
              Issue(note("3"), tab="Звіти", department="Відділ ІТ"),
              Issue(note("4"), tab="План")]
    groups = group_by_department_and_tab(issues)
    assert {d: {t: [i.message for i in v] for t, v in tabs.items()}
            for d, tabs in groups.items()} == {
        "Відділ ІТ": {"Звіти": ["1", "3"], "Набори даних": ["2"]}, "": {"План": ["4"]}}


def test_each_tab_of_a_department_is_a_heading_of_its_own(internal_app):
    at = internal_app(PAGE)
    bold = {m.value for m in at.markdown}
    tabs = {i.tab for i in demo_issues() if i.tab and i.severity.value != "info"}
    assert tabs and all(f"**{escape_markdown(tab)}**" in bold for tab in tabs)


def test_problems_page_shows_every_message_in_full_beside_its_cell(internal_app):
    at = internal_app(PAGE)
    page_text = texts(at)
    for issue in (i for i in demo_issues() if i.severity.value in ("error", "warning")):
        assert issue.message in page_text
    assert "B38 · Період · «5 кв. 2024»" in page_text  # the planted unreadable quarter


# Messages in the session's language (issue 10, "Closed codes")

CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTED = re.compile("«[^»]*»")  # a value, a tab or a column name as typed: data


def test_english_session_shows_every_message_in_english(internal_app):
    at = internal_app(PAGE, {"lang": "en", "severity": ["error", "warning", "info"]})
    assert not at.exception
    shown = [row["message"] for frame in at.dataframe for row in frame.value.to_dict("records")]
    assert len(shown) == len(demo_issues()) > 10
    assert {m: CYRILLIC.findall(QUOTED.sub("", m)) for m in shown
            if CYRILLIC.search(QUOTED.sub("", m))} == {}
    assert sorted(shown) == sorted(i.message_in("en") for i in demo_issues())
    listed = texts(at)  # the full list above the tables says the same
    assert all(i.message_in("en") in listed for i in demo_issues())
    assert "B38 · Період · «5 кв. 2024»" in listed  # the place and the value stay as typed


def test_ukrainian_session_keeps_the_ukrainian_messages(internal_app):
    at = internal_app(PAGE, {"severity": ["error", "warning", "info"]})
    shown = [row["message"] for frame in at.dataframe for row in frame.value.to_dict("records")]
    assert sorted(shown) == sorted(i.message for i in demo_issues())
