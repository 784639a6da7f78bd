"""Deadline wording -> schedule (RULES.md "Deadlines")."""

from __future__ import annotations

import datetime as dt

import pytest

from odcore.deadlines import Schedule, ScheduleKind, parse_deadline
from odcore.issues import Severity
from odcore.plan_seed import SEED_PLAN
from odcore.rules.schedules import deadline_issues, plan_schedules
from odcore.settings import Settings
from tests.rules import load, plan_tab, task

ONE_OFF, QUARTERLY, YEARLY, CONTINUOUS = (ScheduleKind.ONE_OFF, ScheduleKind.QUARTERLY,
                                          ScheduleKind.YEARLY, ScheduleKind.CONTINUOUS)


def parse(text: str | None) -> tuple[Schedule, object]:
    return parse_deadline(text, 2024, 2026)


@pytest.mark.parametrize(("text", "kind", "due"), [
    # RULES.md's table and the seed plan's wordings.
    ("І-й квартал 2024 року", ONE_OFF, dt.date(2024, 3, 31)),
    ("II квартал 2025", ONE_OFF, dt.date(2025, 6, 30)),
    ("3 кв. 2024", ONE_OFF, dt.date(2024, 9, 30)),
    ("IV квартал 2026 року", ONE_OFF, dt.date(2026, 12, 31)),
    ("І-ше півріччя 2024 року", ONE_OFF, dt.date(2024, 6, 30)),
    ("ІІ-ге півріччя 2024 року", ONE_OFF, dt.date(2024, 12, 31)),
    ("2025 рік", ONE_OFF, dt.date(2025, 12, 31)),
    ("до кінця 2025 року", ONE_OFF, dt.date(2025, 12, 31)),
    ("до 31.12.2024", ONE_OFF, dt.date(2024, 12, 31)),
    ("до 31.12.2024 року", ONE_OFF, dt.date(2024, 12, 31)),
    ("не пізніше 01.07.2025 р.", ONE_OFF, dt.date(2025, 7, 1)),
    ("15.05.2025", ONE_OFF, dt.date(2025, 5, 15)),
    ("2025-03-01", ONE_OFF, dt.date(2025, 3, 1)),
    ("до 30 вересня 2025 року", ONE_OFF, dt.date(2025, 9, 30)),
    ("протягом 2025 року", ONE_OFF, dt.date(2025, 12, 31)),
    ("впродовж ІІ кварталу 2024", ONE_OFF, dt.date(2024, 6, 30)),
    ("до кінця III кварталу 2025 року", ONE_OFF, dt.date(2025, 9, 30)),
    ("Щоквартально", QUARTERLY, None),
    ("раз на квартал", QUARTERLY, None),
    ("1 раз на рік", YEARLY, None),
    ("щороку", YEARLY, None),
    ("Щорічно", YEARLY, None),
    ("Постійно", CONTINUOUS, None),
    ("Впродовж терміну дії Плану", CONTINUOUS, None),
    ("Впродовж дії Плану заходів", CONTINUOUS, None),
    ("протягом терміну дії плану", CONTINUOUS, None),
    ("2024-2026 роки", CONTINUOUS, None),
])
def test_each_wording_becomes_its_schedule(text: str, kind: ScheduleKind,
                                           due: dt.date | None) -> None:
    schedule, finding = parse(text)
    assert (schedule.kind, schedule.due, finding) == (kind, due, None)
    assert schedule.text == text


def test_wording_is_read_case_insensitively_with_trailing_punctuation() -> None:
    assert parse("  ЩОКВАРТАЛЬНО. ")[0].kind is QUARTERLY
    assert parse("постійно;")[0].kind is CONTINUOUS


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("І-й квартал 2024 року", "I-й квартал 2024 року"),
    ("ІІІ квартал 2025", "III квартал 2025"),
    ("ІV кв. 2024", "IV кв. 2024"),
    ("ІІ-ге півріччя 2024 року", "II-ге півріччя 2024 року"),
])
def test_cyrillic_and_latin_numerals_give_the_same_deadline(cyrillic: str, latin: str) -> None:
    assert parse(cyrillic)[0].due == parse(latin)[0].due is not None


@pytest.mark.parametrize("text", [None, "", "   "])
def test_empty_deadline_is_continuous_with_an_information_message(text: str | None) -> None:
    schedule, finding = parse(text)
    assert schedule.kind is CONTINUOUS
    assert finding is not None
    assert (finding.code, finding.severity) == ("deadline.empty", Severity.INFO)


@pytest.mark.parametrize("text", ["Коли буде фінансування", "2023-2025 роки", "V квартал 2024",
                                  "31.02.2025"])
def test_unrecognised_deadline_is_continuous_with_a_warning_quoting_it(text: str) -> None:
    schedule, finding = parse(text)
    assert schedule.kind is CONTINUOUS
    assert finding is not None
    assert (finding.code, finding.severity) == ("deadline.unrecognised", Severity.WARNING)
    assert f"«{text}»" in finding.message


def test_deadline_outside_the_plan_years_stays_one_off_with_a_warning() -> None:
    schedule, finding = parse("2030 рік")
    assert (schedule.kind, schedule.due) == (ONE_OFF, dt.date(2030, 12, 31))
    assert finding is not None and finding.code == "deadline.outside_plan"


def test_every_seed_plan_deadline_is_recognised() -> None:
    kinds = {}
    for seed in SEED_PLAN:
        schedule, finding = parse(seed.deadline)
        assert finding is None or finding.code == "deadline.empty", seed.code
        kinds[seed.code] = schedule.kind
    assert kinds["1.1"] is ONE_OFF and kinds["4.1"] is YEARLY and kinds["4.3"] is QUARTERLY
    assert kinds["3.1"] is CONTINUOUS and kinds["6.2"] is CONTINUOUS and kinds["8.2"] is CONTINUOUS
    assert parse(next(s for s in SEED_PLAN if s.code == "9.1").deadline)[0].due == dt.date(
        2024, 12, 31)


def test_plan_schedules_and_deadline_issues_come_from_the_plan_tab() -> None:
    workbook = load(plan_tab(task("1.1", "І-й квартал 2024 року"), task("8.2", None),
                             task("9.9", "колись")))
    settings = Settings()
    schedules = plan_schedules(workbook, settings)
    assert schedules["1.1"] == Schedule(ONE_OFF, dt.date(2024, 3, 31), "І-й квартал 2024 року")
    assert schedules["8.2"].kind is CONTINUOUS and schedules["9.9"].kind is CONTINUOUS
    issues = deadline_issues(workbook, settings)
    assert [(i.code, i.row, i.column, i.tab, i.spreadsheet) for i in issues] == [
        ("deadline.empty", 3, "Строк виконання", "План", "main.xlsx"),
        ("deadline.unrecognised", 4, "Строк виконання", "План", "main.xlsx"),
    ]
    assert issues[1].value == "колись" and "9.9" in issues[1].message
