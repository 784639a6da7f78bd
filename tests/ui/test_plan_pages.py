"""The overview, plan and department pages on the demo workbook, at chosen as_of dates."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from odcore.checks import all_issues
from odcore.config import load_config, open_source
from odcore.summary import build_summary
from odcore.ui.plan_widgets import link_columns
from odcore.workbook import load_workbook
from tests.ui.rendered import texts, unescape

PLAN_METRIC = "Виконання плану заходів"


def summary_at(as_of: dt.date) -> dict:
    config = load_config()
    workbook = load_workbook(open_source(config), config.settings)
    return build_summary(workbook, as_of, config.settings)


def percent(share: float | None) -> str:
    if share is None:
        return "немає даних"
    return f"{(Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if unescape(m.label) == label)


def owed_codes(at) -> list[str]:
    frame = next(d.value for d in at.dataframe if "missed" in d.value.columns)
    return list(frame["code"])


def expected_owed(summary: dict) -> list[str]:
    return [t["code"] for t in summary["plan"]["tasks"] if t["state"] in ("behind", "overdue")]


def test_overview_shows_plan_progress_and_overdue_list_at_a_quarter_end(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    assert not at.exception
    summary = summary_at(dt.date(2025, 7, 1))
    assert metric(at, PLAN_METRIC) == percent(summary["plan"]["progress"])
    assert owed_codes(at) == expected_owed(summary)
    assert "станом на 01.07.2025 (кінець II кв. 2025)" in texts(at)


def test_changing_as_of_changes_the_progress_and_the_overdue_list(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    before = (metric(at, PLAN_METRIC), owed_codes(at))
    at.date_input(key="as_of_date").set_value(dt.date(2024, 10, 1)).run()
    assert not at.exception
    summary = summary_at(dt.date(2024, 10, 1))
    after = (metric(at, PLAN_METRIC), owed_codes(at))
    assert after == (percent(summary["plan"]["progress"]), expected_owed(summary))
    assert after != before
    assert at.query_params["as_of"] == "2024-10-01"


def test_quick_choice_picks_the_end_of_a_plan_quarter(internal_app):
    at = internal_app()
    at.selectbox(key="as_of_quick").set_value("2024-Q4").run()
    assert at.date_input(key="as_of_date").value == dt.date(2025, 1, 1)
    assert metric(at, PLAN_METRIC) == percent(summary_at(dt.date(2025, 1, 1))["plan"]["progress"])


def test_chosen_as_of_is_kept_when_moving_to_another_page(internal_app):
    at = internal_app(query={"as_of": "2025-04-01"})
    at.switch_page("app_pages/plan.py").run()
    assert at.date_input(key="as_of_date").value == dt.date(2025, 4, 1)


def test_overview_calls_out_discrepancies(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    flagged = [t["code"] for t in summary_at(dt.date(2025, 7, 1))["plan"]["tasks"]
               if t["discrepancy"]]
    warnings = [unescape(w.value) for w in at.warning]
    assert flagged and all(any(f"Завдання {code}:" in w for w in warnings) for code in flagged)


def test_indicator_tiles_show_the_compliance_share_against_its_target(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    indicator = summary_at(dt.date(2025, 7, 1))["indicators"]["datasets_compliant_share"]
    assert metric(at, "Набори, що відповідають стандартам") == percent(indicator["value"])
    assert "ціль ≥ 75 %" in texts(at)


def test_plan_page_lists_every_task_with_its_state(internal_app):
    at = internal_app("app_pages/plan.py", {"as_of": "2025-07-01"})
    assert not at.exception
    frame = at.dataframe[0].value
    summary = summary_at(dt.date(2025, 7, 1))
    assert list(frame["code"]) == [t["code"] for t in summary["plan"]["tasks"]]
    assert set(frame.columns) >= {"section", "schedule", "deadline", "state", "progress",
                                  "executors", "latest", "evidence"}


def test_plan_page_filters_by_state_from_the_url(internal_app):
    at = internal_app("app_pages/plan.py", {"as_of": "2025-07-01", "state": "done"})
    codes = list(at.dataframe[0].value["code"])
    summary = summary_at(dt.date(2025, 7, 1))
    assert codes == [t["code"] for t in summary["plan"]["tasks"] if t["state"] == "done"]


def test_plan_page_detail_shows_the_report_history(internal_app):
    at = internal_app("app_pages/plan.py", {"as_of": "2025-07-01", "task": "4.3"})
    assert not at.exception
    history = next(d.value for d in at.dataframe if "reported_on" in d.value.columns)
    assert len(history) > 0
    assert "4.3. " in texts(at)


def test_department_page_shows_what_a_department_owes_and_its_problems(internal_app):
    config = load_config()
    issues = all_issues(load_workbook(open_source(config), config.settings), config.settings)
    department = "Відділ інформаційних технологій та комунікацій"
    at = internal_app("app_pages/department.py",
                      {"as_of": "2025-07-01", "department": department})
    assert not at.exception
    assert at.selectbox(key="query_department").value == department
    headings = texts(at)
    assert "Ще треба прозвітувати" in headings and "Прострочене" in headings
    shown = [row for d in at.dataframe if "message" in d.value.columns
             for row in d.value.to_dict("records")]
    assert shown and len(shown) == sum(1 for i in issues if i.department == department)


def test_department_page_asks_for_a_department_first(internal_app):
    at = internal_app("app_pages/department.py")
    assert not at.exception
    assert "Виберіть підрозділ" in texts(at)


def test_link_columns_keep_only_columns_that_hold_links():
    frame = pd.DataFrame({"code": ["1.1", "1.2"], "evidence": [None, None],
                          "cell": ["https://docs.google.com/spreadsheets/d/k/edit#gid=1", None]})
    shown, config = link_columns(frame, ("evidence", "cell"))
    assert list(shown.columns) == ["code", "cell"]
    assert set(config) == {"cell"}
