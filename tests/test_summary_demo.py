"""`build_summary` on the demo workbook at three dates, against figures worked out by hand.

The expected values below come from reading odcore/demo.py, not from running the rules.

Schedules (seed plan): 1.1, 1.2, 2.1 one-off due 2024-03-31; 9.1 one-off due 2024-12-31;
4.1 yearly; 4.3, 5.1 quarterly; every other task continuous (8.2's deadline is empty).

Reports that load (the planted mistakes leave out: 8.1 "5 кв. 2024", 4.4 (no such task),
4.2 2025-Q3 "Зроблено", 3.1 2025-Q4 "150 %", and row 61 (4.3 2025-Q3 "В роботі") loses to
row 77 (4.3 2025-Q3 "Виконано")). В = Виконано, Р = В роботі, Н = Не розпочато / Не виконано,
NA = Не застосовується; quarters as 24Q1:

    1.1  24Q1 В
    1.2  24Q1 Р, 24Q2 В
    2.1  24Q1 Р, 24Q2 Р, 24Q3 В
    2.2  Р in 24Q1 24Q2 24Q4 25Q1 25Q2 25Q3 25Q4
    3.1  Р in 24Q2 24Q4 25Q2
    4.1  24Q4 В, 25Q2 Р, 25Q4 Р
    4.2  24Q1 Р, 24Q2 Р, 24Q3 В, 24Q4 В, 25Q1 Р, 25Q2 Р, 25Q4 В
    4.3  24Q1 Н, 24Q2 В, 24Q4 В, 25Q1 В, 25Q2 Н, 25Q3 В, 25Q4 В
    5.1  24Q1 В, 24Q2 В, 24Q3 Н, 24Q4 В, 25Q1 В, 25Q3 В, 25Q4 В
    6.1  Р in 24Q2 24Q4 25Q2 25Q4
    6.2  Р in 24Q1 .. 25Q3 (24Q3 twice), 25Q4 В
    7.1  Р in 24Q4 25Q2 25Q4
    8.1  Р in 24Q2 24Q3 25Q1 25Q2 25Q3 25Q4
    8.2  24Q4 Р, 25Q2 В, 25Q4 В
    9.1  24Q3 Р 50 %, 24Q4 В
    9.2  24Q2 Р, 24Q3 NA, 25Q1 Р, 25Q3 Р

A report counts from the first day of its quarter, so on 2024-07-01 the 24Q3 reports count
(2.1 is done, 9.1 is in progress at 50 %), and on 2025-07-01 the 25Q3 ones do.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from typing import Any

import pytest

from odcore.demo import demo_tabs
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary

Q26 = ["2026-Q1", "2026-Q2", "2026-Q3"]

# code -> (state, progress, missed)
TASKS: dict[str, dict[str, tuple[str, Any, list[str]]]] = {
    # Due: 2024-Q1, 2024-Q2; no year yet.
    "2024-07-01": {
        "1.1": ("done", 1, []), "1.2": ("done", 1, []), "2.1": ("done", 1, []),
        "2.2": ("on_track", 1, []),
        "3.1": ("behind", Fraction(1, 2), ["2024-Q1"]),
        "4.1": ("not_due", None, []),
        "4.2": ("on_track", 1, []),
        "4.3": ("behind", Fraction(1, 2), ["2024-Q1"]),  # 24Q1 "Не розпочато"
        "5.1": ("on_track", 1, []),
        "6.1": ("behind", Fraction(1, 2), ["2024-Q1"]),
        "6.2": ("on_track", 1, []),
        "7.1": ("behind", 0, ["2024-Q1", "2024-Q2"]),
        "8.1": ("behind", Fraction(1, 2), ["2024-Q1"]),
        "8.2": ("behind", 0, ["2024-Q1", "2024-Q2"]),
        "9.1": ("in_progress", Fraction(1, 2), []),
        "9.2": ("behind", Fraction(1, 2), ["2024-Q1"]),
    },
    # Due: 2024-Q1 .. 2025-Q2 (6 quarters) and the year 2024.
    "2025-07-01": {
        "1.1": ("done", 1, []), "1.2": ("done", 1, []), "2.1": ("done", 1, []),
        "2.2": ("behind", Fraction(5, 6), ["2024-Q3"]),
        "3.1": ("behind", Fraction(3, 6), ["2024-Q1", "2024-Q3", "2025-Q1"]),
        "4.1": ("on_track", 1, []),  # 2024 fulfilled by 24Q4 В
        "4.2": ("on_track", 1, []),
        "4.3": ("behind", Fraction(3, 6), ["2024-Q1", "2024-Q3", "2025-Q2"]),
        "5.1": ("behind", Fraction(4, 6), ["2024-Q3", "2025-Q2"]),
        "6.1": ("behind", Fraction(3, 6), ["2024-Q1", "2024-Q3", "2025-Q1"]),
        "6.2": ("on_track", 1, []),
        "7.1": ("behind", Fraction(2, 6), ["2024-Q1", "2024-Q2", "2024-Q3", "2025-Q1"]),
        "8.1": ("behind", Fraction(4, 6), ["2024-Q1", "2024-Q4"]),
        "8.2": ("behind", Fraction(2, 6), ["2024-Q1", "2024-Q2", "2024-Q3", "2025-Q1"]),
        "9.1": ("done", 1, []),
        # 24Q3 is "Не застосовується": 5 quarters judged, 2 fulfilled.
        "9.2": ("behind", Fraction(2, 5), ["2024-Q1", "2024-Q4", "2025-Q2"]),
    },
    # Due: 2024-Q1 .. 2026-Q3 (11 quarters) and the years 2024, 2025; nothing reported for 2026.
    "2026-12-01": {
        "1.1": ("done", 1, []), "1.2": ("done", 1, []), "2.1": ("done", 1, []),
        "2.2": ("behind", Fraction(7, 11), ["2024-Q3", *Q26]),
        "3.1": ("behind", Fraction(3, 11),
                ["2024-Q1", "2024-Q3", "2025-Q1", "2025-Q3", "2025-Q4", *Q26]),
        "4.1": ("behind", Fraction(1, 2), ["2025"]),  # 2025 has only "В роботі"
        "4.2": ("behind", Fraction(7, 11), ["2025-Q3", *Q26]),
        "4.3": ("behind", Fraction(5, 11), ["2024-Q1", "2024-Q3", "2025-Q2", *Q26]),
        "5.1": ("behind", Fraction(6, 11), ["2024-Q3", "2025-Q2", *Q26]),
        "6.1": ("behind", Fraction(4, 11), ["2024-Q1", "2024-Q3", "2025-Q1", "2025-Q3", *Q26]),
        "6.2": ("behind", Fraction(8, 11), Q26),
        "7.1": ("behind", Fraction(3, 11),
                ["2024-Q1", "2024-Q2", "2024-Q3", "2025-Q1", "2025-Q3", *Q26]),
        "8.1": ("behind", Fraction(6, 11), ["2024-Q1", "2024-Q4", *Q26]),
        "8.2": ("behind", Fraction(3, 11),
                ["2024-Q1", "2024-Q2", "2024-Q3", "2025-Q1", "2025-Q3", *Q26]),
        "9.1": ("done", 1, []),
        "9.2": ("behind", Fraction(3, 10),
                ["2024-Q1", "2024-Q4", "2025-Q2", "2025-Q4", *Q26]),
    },
}

PLAN_PROGRESS = {
    # 15 tasks (4.1 left out): 1.1 1.2 2.1 2.2 4.2 5.1 6.2 = 7, six halves = 3, 7.1 8.2 = 0.
    "2024-07-01": Fraction(10, 15),
    # 7 whole + 3 halves + 5/6 + 4/6 + 2/6 + 4/6 + 2/6 + 2/5 = 176/15, over 16 tasks.
    "2025-07-01": Fraction(176, 15) / 16,
    # 4 done + 0.5 (4.1) + 0.3 (9.2) + (7+3+7+5+6+4+8+3+6+3)/11, over 16 tasks.
    "2026-12-01": (4 + Fraction(1, 2) + Fraction(3, 10) + Fraction(52, 11)) / 16,
}

SECTIONS = {  # sections 4 (4.1, 4.2, 4.3) and 9 (9.1, 9.2); every section on 2025-07-01
    "2024-07-01": {"4": Fraction(1 + Fraction(1, 2), 2), "9": Fraction(1, 2)},
    "2025-07-01": {"1": 1, "2": (1 + Fraction(5, 6)) / 2, "3": Fraction(1, 2),
                   "4": Fraction(5, 6), "5": Fraction(4, 6),
                   "6": (Fraction(1, 2) + 1) / 2, "7": Fraction(2, 6),
                   "8": (Fraction(4, 6) + Fraction(2, 6)) / 2, "9": (1 + Fraction(2, 5)) / 2},
    "2026-12-01": {"4": (Fraction(1, 2) + Fraction(12, 11)) / 3, "9": (1 + Fraction(3, 10)) / 2},
}

# The register: 15 distinct stewards. Trained (Навчання, the row with "31.02.2025" left out,
# so Гончаренко never is): by 2024-07-01 Коваль, Романюк, Мельник, Бондар, Шевчук, Кравчук;
# later also Поліщук (2024-09), Савчук (2024-10), Лисенко, Мороз (2025-01/02), Кузьменко
# (2025-04). Публікації cover 24Q1, 24Q2, 24Q4, 25Q1, 25Q3, 25Q4. Public products by added date:
# 2024-12 (1), 2025-02, 2025-03, 2025-06 (4 by mid-2025), 2025-09, 2025-11, 2025-12 (7; the
# shelter map is not public). The charter event (9.1) is 2024-11-20; grant applications
# 2024-09-26 and 2025-10-08. Quality checks for the latest due quarter: 24Q2 ZHM-001, 003, 015,
# 017; 25Q2 ZHM-002, 009, 030, 019 (ZHM-099 is not in the register); none for 26Q3 — of the
# datasets published at as_of (status `Оприлюднено`, first published by then): on 2024-07-01
# 18 (001-006, 014-020, 027, 028, 031 (first published that very day), 032, 033), on
# 2025-07-01 32 (023 is first published on 2025-10-20), on 2026-12-01 33. Latest checks
# with recommendations: on 2024-07-01 ZHM-015, 005 (both resolved); on 2025-07-01 also 006
# (resolved), 016, 017 (not), 029 (resolved) = 4/6; on 2026-12-01 015's latest has none,
# 008 and 025 (not) join: 005, 006, 029 resolved of 7. The register has 41 rows; complete
# are all but ZHM-010 (no description), ZHM-032 (no keywords) and the duplicate ZHM-023 row
# (an error row): 38/41.
INDICATORS: dict[str, dict[str, Any]] = {
    "2024-07-01": {"stewards_trained_share": Fraction(6, 15), "publications_quarter_share": 1,
                   "products_public": 0, "charter_joined": 0, "grant_applications": 0,
                   "quality_checked_share": Fraction(4, 18),
                   "recommendations_resolved_share": 1,
                   "register_complete_share": Fraction(38, 41)},
    "2025-07-01": {"stewards_trained_share": Fraction(11, 15),
                   "publications_quarter_share": Fraction(4, 6), "products_public": 4,
                   "charter_joined": 1, "grant_applications": 1,
                   "quality_checked_share": Fraction(4, 32),
                   "recommendations_resolved_share": Fraction(4, 6),
                   "register_complete_share": Fraction(38, 41)},
    "2026-12-01": {"stewards_trained_share": Fraction(11, 15),
                   "publications_quarter_share": Fraction(6, 11), "products_public": 7,
                   "charter_joined": 1, "grant_applications": 2,
                   "quality_checked_share": 0,
                   "recommendations_resolved_share": Fraction(3, 7),
                   "register_complete_share": Fraction(38, 41)},
}

# Latest counted report "Виконано" while the linked indicator is not met:
# 2024-07-01: 4.2 (24Q3 В; register 38/41), 4.3 (24Q2 В; checks 4/33).
# 2025-07-01: 4.3 (25Q3 В), 5.1 (25Q3 В; publications 4/6); 4.2's latest is 25Q2 "В роботі".
# 2026-12-01: 4.2, 4.3, 5.1 and 6.2 (25Q4 В; compliance 17/33, below).
DISCREPANCIES = {"2024-07-01": {"4.2", "4.3"}, "2025-07-01": {"4.3", "5.1"},
                 "2026-12-01": {"4.2", "4.3", "5.1", "6.2"}}


@pytest.fixture(scope="module")
def summaries() -> dict[str, dict[str, Any]]:
    workbook = load_workbook(MemorySource({"demo.xlsx": demo_tabs()}, is_demo=True))
    return {day: build_summary(build_figures(workbook, dt.date.fromisoformat(day), Settings()))
            for day in TASKS}


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_task_states_progress_and_missed_periods(summaries: dict[str, Any],
                                                      day: str) -> None:
    tasks = {t["code"]: t for t in summaries[day]["plan"]["tasks"]}
    assert set(tasks) == set(TASKS[day])
    for code, (state, progress, missed) in TASKS[day].items():
        got = tasks[code]
        expected = None if progress is None else pytest.approx(float(progress))
        assert (got["state"], got["progress"], got["missed"]) == (state, expected, missed), code


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_plan_and_section_progress(summaries: dict[str, Any], day: str) -> None:
    plan = summaries[day]["plan"]
    assert plan["progress"] == pytest.approx(float(PLAN_PROGRESS[day]))
    sections = {s["section"]: s["progress"] for s in plan["sections"]}
    assert list(sections) == [str(n) for n in range(1, 10)]
    for number, value in SECTIONS[day].items():
        assert sections[number] == pytest.approx(float(value)), number


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_indicators(summaries: dict[str, Any], day: str) -> None:
    indicators = summaries[day]["indicators"]
    for key, value in INDICATORS[day].items():
        assert indicators[key]["value"] == pytest.approx(float(value)), key


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_discrepancies(summaries: dict[str, Any], day: str) -> None:
    flagged = {t["code"] for t in summaries[day]["plan"]["tasks"] if t["discrepancy"]}
    assert flagged == DISCREPANCIES[day]


def test_demo_one_off_due_dates(summaries: dict[str, Any]) -> None:
    tasks = {t["code"]: t for t in summaries["2024-07-01"]["plan"]["tasks"]}
    assert {c: t["due"] for c, t in tasks.items() if t["due"]} == {
        "1.1": "2024-03-31", "1.2": "2024-03-31", "2.1": "2024-03-31", "9.1": "2024-12-31"}


def test_demo_compliance_at_the_end_of_2026(summaries: dict[str, Any]) -> None:
    datasets = summaries["2026-12-01"]["datasets"]
    # 41 rows, the duplicate ZHM-023 left out: 40; 7 not published (024 and 039 restricted,
    # 026 and 038 being prepared, 034 and 035 planned, 040 withdrawn): 33.
    assert (datasets["total"], datasets["published"]) == (40, 33)
    # Overdue on 2026-12-01 (last update + 31/92/365 days before 1 December): 006 (quarterly,
    # 2025-04-10), 011 (yearly, 2025-08-29), 015 (on change, 2025-11-20), 018 (on change,
    # 2025-06-12), 021 (monthly, 2026-10-30 + 31 = 11-30), 029 (yearly, 2025-11-28), 031.
    assert datasets["overdue"] == [f"ZHM-{n}" for n in ("006", "011", "015", "018", "021",
                                                        "029", "031")]
    # Not compliant besides those: 008 and 017 (failed checks, not resolved), 010 (no
    # description), 016 and 020 (PDF/DOC only), 025 (CC BY-NC), 028 and 037 (no portal
    # link), 032 (no keywords). 33 - 7 - 9 = 17 compliant.
    assert datasets["compliant"] == 17
    compliance = summaries["2026-12-01"]["indicators"]["datasets_compliant_share"]
    assert (compliance["value"], compliance["met"]) == (pytest.approx(17 / 33), False)


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_issue_counts_are_the_planted_mistakes(summaries: dict[str, Any], day: str) -> None:
    # 12 planted mistakes: 8 errors (invalid quarter, unknown task, unknown status, progress
    # out of range, duplicate ID, invalid yes/no, unknown dataset, invalid date) and 4
    # warnings (duplicate report, unknown department, contact in public text, invalid URL);
    # 8.2's empty deadline is only information.
    assert (summaries[day]["issues"]["errors"], summaries[day]["issues"]["warnings"]) == (8, 4)


IT = "Відділ інформаційних технологій та комунікацій"


def test_demo_department_progress_on_2025_07_01(summaries: dict[str, Any]) -> None:
    departments = {d["department"]: d for d in summaries["2025-07-01"]["plan"]["departments"]}
    # ІТ executes 13 tasks: 1.1 1.2 4.1 4.2 6.2 9.1 whole (6), and 2.2 5/6, 3.1 3/6, 4.3 3/6,
    # 5.1 4/6, 6.1 3/6, 8.1 4/6, 8.2 2/6 (24/6 = 4): 10/13. The group executors named as the
    # decision writes them are entries of their own: 7.1 alone (2/6), 9.2 alone (2/5).
    assert departments[IT]["tasks"] == ["1.1", "1.2", "2.2", "3.1", "4.1", "4.2", "4.3", "5.1",
                                        "6.1", "6.2", "8.1", "8.2", "9.1"]
    assert departments[IT]["progress"] == pytest.approx(10 / 13)
    assert departments["Виконавчі орган міської ради"]["progress"] == pytest.approx(2 / 6)
    assert departments["Керівництво міської ради та її виконавчих органів"][
        "progress"] == pytest.approx(2 / 5)


SCHEDULES = {"one_off", "quarterly", "yearly", "continuous"}
STATES = {"done", "in_progress", "not_started", "overdue", "on_track", "behind", "not_due",
          "not_applicable"}
LEFT_OUT = {"not_due", "not_applicable"}
QUARTER_LABEL = re.compile(r"^\d{4}-Q[1-4]$")
YEAR_LABEL = re.compile(r"^\d{4}$")


def _is_share(value: Any) -> bool:
    return value is None or (isinstance(value, float) and 0 <= value <= 1)


def _check_task(task: dict[str, Any], indicators: dict[str, Any]) -> None:
    assert {"code", "schedule", "due", "state", "progress", "missed", "indicator",
            "discrepancy"} <= set(task)
    assert task["schedule"] in SCHEDULES and task["state"] in STATES
    if task["schedule"] == "one_off":
        assert dt.date.fromisoformat(task["due"]) and task["missed"] == []
    else:
        label = YEAR_LABEL if task["schedule"] == "yearly" else QUARTER_LABEL
        assert task["due"] is None and all(label.match(m) for m in task["missed"])
    # progress is null exactly when the task is left out of averages
    assert (task["progress"] is None) == (task["state"] in LEFT_OUT)
    assert _is_share(task["progress"])
    indicator = task["indicator"]
    if indicator is not None:
        assert set(indicator) == {"key", "value", "met"}
        assert (indicator["value"], indicator["met"]) == (
            indicators[indicator["key"]]["value"], indicators[indicator["key"]]["met"])
    assert isinstance(task["discrepancy"], bool)
    assert not task["discrepancy"] or indicator["met"] is False


@pytest.mark.parametrize("day", list(TASKS))
def test_demo_summary_has_the_documented_shape(summaries: dict[str, Any], day: str) -> None:
    """Every key and type of RULES.md's "Machine-readable summary"."""
    summary = summaries[day]
    assert json.loads(json.dumps(summary)) == summary and summary["as_of"] == day
    plan, indicators = summary["plan"], summary["indicators"]
    assert _is_share(plan["progress"])
    for section in plan["sections"]:
        assert isinstance(section["section"], str) and isinstance(section["title"], str)
        assert _is_share(section["progress"])
    for task in plan["tasks"]:
        _check_task(task, indicators)
    assert list(indicators) == ["datasets_compliant_share", "register_complete_share",
                                "quality_checked_share", "recommendations_resolved_share",
                                "stewards_trained_share", "publications_quarter_share",
                                "products_public", "charter_joined", "grant_applications"]
    for key, indicator in indicators.items():
        assert {"value", "target", "op", "met"} <= set(indicator)
        assert indicator["op"] in (">=", "=") and isinstance(indicator["target"], float)
        assert (indicator["met"] is None) == (indicator["value"] is None)
        assert not key.endswith("_share") or _is_share(indicator["value"])
    datasets = summary["datasets"]
    assert {"total", "published", "compliant", "compliant_share", "overdue", "not_evaluable",
            "mandatory_share", "items"} <= set(datasets)
    assert {"id", "stars", "machine_readable", "overdue", "next_due", "compliant",
            "reasons"} <= set(datasets["items"][0])
    assert all(isinstance(summary["issues"][k], int) for k in ("errors", "warnings"))
