"""The plan pages' tables: what each row says, and links only to http(s) addresses."""

from __future__ import annotations

import datetime as dt

from odcore.figures import build_figures
from odcore.personal import Redactor
from odcore.roles import Role, Viewer
from odcore.settings import Settings
from odcore.ui.plan_tables import history_frame, owed_frame, task_frame
from odcore.ui.plan_view import plan_view, states_present
from tests.rules import load, plan_tab, report, tab, task

SETTINGS = Settings()
# A coordinator sees every cell: these tests are about what a row says, not about roles.
ALL = Redactor(Viewer(Role.COORDINATOR), frozenset(), None, "приховано")


def view_at(as_of: dt.date):
    workbook = load(
        plan_tab(task("1.1", "І-й квартал 2024 року"), task("4.3", "Щоквартально"),
                 task("5.1", "Щоквартально")),
        tab("reports",
            report("4.3", "2024-Q1", "Виконано", evidence_url="javascript:alert(1)"),
            report("4.3", "2024-Q2", "В роботі", progress=50,
                   evidence_url="https://zhmerynka.example/news/1"),
            report("5.1", "2024-Q1", "Виконано", evidence_url="ftp://zhmerynka.example/f"),
            report("1.1", "2024-Q1", "В роботі", progress=30)))
    return plan_view(build_figures(workbook, as_of, SETTINGS))


def test_evidence_is_a_link_only_for_an_http_address() -> None:
    view = view_at(dt.date(2024, 7, 1))
    frame = task_frame(view.plan.tasks, view, SETTINGS, ALL).set_index("code")
    # 4.3's latest report (2024-Q2) has an https link; 5.1's is ftp: no link; 1.1 has none.
    assert frame.loc["4.3", "evidence"] == "https://zhmerynka.example/news/1"
    assert frame["evidence"].isna().tolist() == [True, False, True]
    history = history_frame(view.plan.task("4.3"), ALL)
    assert list(history["quarter"]) == ["I кв. 2024", "II кв. 2024"]
    # The javascript: address of the 2024-Q1 report never becomes a link.
    assert history["evidence"].isna().tolist() == [True, False]
    assert history["evidence"].iloc[1] == "https://zhmerynka.example/news/1"


def test_task_table_row_gives_state_progress_missed_and_latest_report() -> None:
    view = view_at(dt.date(2024, 7, 1))
    row = task_frame(view.plan.tasks, view, SETTINGS, ALL).set_index("code").loc["4.3"]
    # Q1 Виконано, Q2 В роботі (not enough for a quarterly task): 1/2, Q2 missed.
    assert (row["state"], row["progress"], row["missed"], row["latest"]) == (
        "✗ відстає", "50 %", "II кв. 2024", "II кв. 2024: В роботі (50 %)")


def test_owed_list_names_overdue_deadlines_and_missed_quarters() -> None:
    view = view_at(dt.date(2024, 7, 1))
    owed = owed_frame(view).set_index("code")
    # 1.1 was due 31.03.2024 and is only 30 % done; 5.1 has nothing for 2024-Q2.
    assert (owed.loc["1.1", "state"], owed.loc["1.1", "overdue_since"],
            owed.loc["1.1", "missed"]) == ("✗ прострочено", "31.03.2024", "")
    assert owed.loc["5.1", "missed"] == "II кв. 2024"
    assert owed.loc["5.1", "departments"] == "Відділ ІТ"


def test_state_filter_offers_the_states_present_in_the_rules_order() -> None:
    assert states_present(view_at(dt.date(2024, 7, 1))) == ["overdue", "behind"]
    assert states_present(view_at(dt.date(2024, 4, 1))) == ["overdue", "on_track"]
