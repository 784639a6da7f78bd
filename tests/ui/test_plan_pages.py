"""The overview, plan and department pages on the demo workbook, at chosen as_of dates."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from odcore.checks import all_issues
from odcore.config import load_config
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.service import open_source
from odcore.summary import build_summary
from odcore.ui.plan_tables import link_columns
from tests.ui.rendered import texts, unescape

PLAN_METRIC = "Виконання плану заходів"


def summary_at(as_of: dt.date) -> dict:
    config = load_config()
    workbook = load_workbook(open_source(config), config.settings)
    return build_summary(build_figures(workbook, as_of, config.settings))


def percent(share: float | None) -> str:
    if share is None:
        return "немає даних"
    return f"{(Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if unescape(m.label) == label)


def metric_element(at, label: str):
    return next(m for m in at.metric if unescape(m.label) == label)


def frame_with(at, *columns: str) -> pd.DataFrame:
    """The first table shown with all these columns."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def owed_codes(at) -> list[str]:
    return list(frame_with(at, "departments", "state")["code"])


def expected_owed(summary: dict) -> list[str]:
    return [t["code"] for t in summary["plan"]["tasks"] if t["state"] in ("behind", "overdue")]


def test_overview_shows_plan_progress_and_overdue_list_at_a_quarter_end(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    assert not at.exception
    summary = summary_at(dt.date(2025, 7, 1))
    assert metric(at, PLAN_METRIC) == percent(summary["plan"]["progress"])
    assert owed_codes(at) == expected_owed(summary)
    assert "станом на 01.07.2025 (кінець II кв. 2025)" in texts(at)


def test_overview_opened_with_an_as_of_in_the_url_shows_that_dates_figures(internal_app):
    # Worked out by hand in tests/test_summary_demo.py: on 2025-07-01 the plan is
    # 176/15 over 16 tasks = 73.3 %; nine tasks are behind, none overdue; II кв. 2025 is
    # missed by 4.3, 5.1 and 9.2.
    at = internal_app(query={"as_of": "2025-07-01"})
    assert metric(at, PLAN_METRIC) == "73 %"
    owed = frame_with(at, "departments", "state")
    assert list(owed["code"]) == ["2.2", "3.1", "4.3", "5.1", "6.1", "7.1", "8.1", "8.2", "9.2"]
    assert list(owed.loc[owed["code"] == "5.1", "missed"]) == ["III кв. 2024, II кв. 2025"]
    # No overdue one-off on that date, so the empty "deadline passed" column is left out.
    assert "overdue_since" not in owed.columns
    assert owed.loc[owed["code"] == "7.1", "departments"].item() == "Виконавчі орган міської ради"


@pytest.mark.parametrize(("as_of", "delta", "quarter", "direction", "colour"), [
    # 2025-04-01 -> 2025-07-01: 71.9 % -> 73.3 %, +1 point.
    ("2025-07-01", "+1", "I кв. 2025", MetricProto.MetricDirection.UP,
     MetricProto.MetricColor.GREEN),
    # 2025-07-01 -> 2025-10-01: 73.3 % -> 72.8 %, -0.6 points: -1.
    ("2025-10-01", "-1", "II кв. 2025", MetricProto.MetricDirection.DOWN,
     MetricProto.MetricColor.RED),
    # 2024-04-01 -> 2024-05-15: 45 % both: no change is grey, with no arrow.
    ("2024-05-15", "0", "I кв. 2024", MetricProto.MetricDirection.NONE,
     MetricProto.MetricColor.GRAY),
])
def test_plan_progress_change_since_the_previous_quarter(internal_app, as_of, delta, quarter,
                                                         direction, colour):
    element = metric_element(internal_app(query={"as_of": as_of}), PLAN_METRIC)
    # No quarter is closed: the change is today's recomputation, and the tile says so.
    assert element.proto.delta == (f"{delta} п.п. від кінця попереднього кварталу · за "
                                   f"поточними даними: {quarter} не закрито")
    assert (element.proto.direction, element.proto.color) == (direction, colour)


@pytest.mark.parametrize("as_of", ["2024-01-01", "2024-02-15"])
def test_no_comparison_before_the_plan_starts(internal_app, as_of):
    # On the plan's first day the old page said «+50 п.п.» against the quarter before it.
    element = metric_element(internal_app(query={"as_of": as_of}), PLAN_METRIC)
    assert element.value == "50 %" and not element.proto.delta


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
    tile = metric_element(at, "Набори, що відповідають стандартам")
    assert tile.value == percent(indicator["value"])
    # The target and the verdict are inside the tile, red with a ✗ when not met.
    assert unescape(tile.proto.delta) == "ціль ≥ 75 % · ✗ не досягнуто"
    assert (tile.proto.color, tile.proto.direction) == (MetricProto.MetricColor.RED,
                                                        MetricProto.MetricDirection.NONE)
    assert unescape(tile.help) == "Завдання: 6.2. станом на 01.07.2025 (кінець II кв. 2025)"
    grants = metric_element(at, "Подані заявки на гранти")
    assert (grants.value, unescape(grants.proto.delta)) == ("1", "ціль ≥ 1 · ✓ досягнуто")


def test_section_and_department_tables_show_their_figures(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    sections = frame_with(at, "section", "text")
    # By hand (tests/test_summary_demo.py): 1, 11/12, 1/2, 5/6, 4/6, 3/4, 2/6, 1/2, 7/10.
    assert list(sections["text"]) == ["100 %", "92 %", "50 %", "83 %", "67 %", "75 %", "33 %",
                                      "50 %", "70 %"]
    assert sections["tasks"].iloc[3] == "4.1, 4.2, 4.3"
    departments = frame_with(at, "department", "text")
    it = departments.loc[departments["department"]
                         == "Відділ інформаційних технологій та комунікацій"]
    assert it["text"].item() == "77 %"  # 10/13
    # The name column has a bounded width, so the figure beside it is in view.
    for element in at.dataframe:
        if "text" in element.value.columns:
            config = json.loads(element.proto.columns)
            name = element.value.columns[0]
            assert isinstance(config[name]["width"], int)
            assert isinstance(config["text"]["width"], int)


def test_grid_table_leaves_quarters_without_a_deadline_empty(internal_app):
    at = internal_app(query={"as_of": "2024-07-01"})
    grid = frame_with(at, "task", "I кв. 2024")
    row = grid.loc[grid["task"] == "9.1"].iloc[0]
    # 9.1 is due 31.12.2024 and in progress on 2024-07-01: its deadline is ahead.
    assert row["IV кв. 2024"] == "◆ строк попереду"
    assert row["I кв. 2024"] == ""
    assert grid.loc[grid["task"] == "4.3", "I кв. 2024"].item() == "✗ пропущено"


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


def test_plan_page_filters_by_section_and_executor_from_the_url_and_writes_them_back(
        internal_app):
    at = internal_app("app_pages/plan.py", {"as_of": "2025-07-01", "section": "4",
                                            "executor": "Відділ по роботі з персоналом"})
    # 2.1 (section 2) is the only task of that executor.
    assert not at.exception and "Жодне завдання не відповідає фільтрам." in texts(at)
    at.selectbox(key="query_executor").set_value(
        "Відділ інформаційних технологій та комунікацій").run()
    assert list(at.dataframe[0].value["code"]) == ["4.1", "4.2", "4.3"]
    at.multiselect(key="query_state").set_value(["behind"]).run()
    assert list(at.dataframe[0].value["code"]) == ["4.3"]
    assert (at.query_params["section"], at.query_params["state"], at.query_params["as_of"]) == (
        "4", "behind", "2025-07-01")


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


IT = "Відділ інформаційних технологій та комунікацій"


def test_department_page_shows_what_is_still_to_report_and_what_is_overdue(internal_app):
    # By hand from odcore/demo.py. On 2024-07-01 (latest due quarter II кв. 2024) ІТ has no
    # II кв. 2024 report on 4.1 and 8.2, and the one-off 9.1 is not done; 3.1, 4.3, 6.1 and 8.1
    # miss I кв. 2024, 8.2 misses I and II кв. 2024.
    at = internal_app("app_pages/department.py", {"as_of": "2024-07-01", "department": IT})
    assert not at.exception
    assert metric(at, "Виконання завдань підрозділу") == "71 %"
    to_report = frame_with(at, "what")
    assert list(to_report["code"]) == ["4.1", "8.2", "9.1"]
    assert list(to_report["what"]) == ["немає звіту підрозділу за II кв. 2024"] * 2 + [
        "ще не виконано"]
    overdue = frame_with(at, "missed", "task")
    assert list(overdue["code"]) == ["3.1", "4.3", "6.1", "8.1", "8.2"]
    assert overdue["missed"].iloc[-1] == "I кв. 2024, II кв. 2024"
    # On 2025-07-01 only 5.1 lacks its II кв. 2025 report; 2.2 and 5.1 are behind too.
    at.date_input(key="as_of_date").set_value(dt.date(2025, 7, 1)).run()
    assert list(frame_with(at, "what")["code"]) == ["5.1"]
    assert list(frame_with(at, "missed", "task")["code"]) == ["2.2", "3.1", "4.3", "5.1", "6.1",
                                                             "8.1", "8.2"]
    assert metric(at, "Виконання завдань підрозділу") == "77 %"


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
