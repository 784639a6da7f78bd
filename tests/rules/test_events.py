"""Events of tasks 8.1 and 9.2, untrained responsible persons (2.2) and the chief specialist
(2.1): hand-computed on the demo at two dates, and the rules' edges on small workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.rules.events import people_figures, task_events
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from odcore.text import normalize_name
from odcore.workbook import Workbook
from tests.helpers import load, tab

SETTINGS = Settings()


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> Workbook:
    return load_workbook(WorkbookFileSource(demo_path))


def _by_code(workbook: Workbook, as_of: dt.date) -> dict[str, object]:
    return {t.code: t for t in task_events(workbook, as_of, SETTINGS)}


# Hand-computed from odcore/demo.py's `Заходи`: 8.1 is named by the events of 04.03.2024
# (Захід), 01.03.2025 (Захід) and 22.05.2025 (Консультація); 9.2 by 12.06.2024 (Міжнародна
# ініціатива) and 15.07.2025 (Захід).
@pytest.mark.parametrize(("as_of", "expected"), [
    (dt.date(2025, 4, 1), {
        "8.1": [(dt.date(2024, 3, 4), "День відкритих даних у Жмеринці", "Захід"),
                (dt.date(2025, 3, 1), "День відкритих даних 2025: зустріч з громадськістю",
                 "Захід")],
        "9.2": [(dt.date(2024, 6, 12), "Участь у програмі Open Data Leaders Network (TAPAS)",
                 "Міжнародна ініціатива")]}),
    (dt.date(2025, 7, 15), {
        "8.1": [(dt.date(2024, 3, 4), "День відкритих даних у Жмеринці", "Захід"),
                (dt.date(2025, 3, 1), "День відкритих даних 2025: зустріч з громадськістю",
                 "Захід"),
                (dt.date(2025, 5, 22),
                 "Консультація з ГО «Відкрита Жмеринка» щодо чат-бота транспорту",
                 "Консультація")],
        "9.2": [(dt.date(2024, 6, 12), "Участь у програмі Open Data Leaders Network (TAPAS)",
                 "Міжнародна ініціатива"),
                (dt.date(2025, 7, 15), "Форум «Відкриті дані для громад»", "Захід")]}),
])
def test_demo_event_lists_equal_the_hand_computed_ones(demo, as_of, expected):
    tasks = _by_code(demo, as_of)
    assert list(tasks) == ["8.1", "9.2"]
    for code, events in expected.items():
        task = tasks[code]
        assert [(e.date, e.title, e.kind.value) for e in task.events] == events
        assert task.total == len(events)


def test_demo_event_counts_per_quarter_and_type_at_two_dates(demo):
    early = _by_code(demo, dt.date(2025, 4, 1))
    late = _by_code(demo, dt.date(2025, 7, 15))
    # Quarters of the plan started by as_of: 2024-Q1..2025-Q2 on 1 April, ..2025-Q3 later.
    assert [str(q.quarter) for q in early["8.1"].quarters] == [
        "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert {str(q.quarter): q.by_kind for q in early["8.1"].quarters if q.total} == {
        "2024-Q1": {"Захід": 1}, "2025-Q1": {"Захід": 1}}
    assert early["8.1"].by_kind == {"Захід": 2}
    assert {str(q.quarter): q.by_kind for q in late["8.1"].quarters if q.total} == {
        "2024-Q1": {"Захід": 1}, "2025-Q1": {"Захід": 1}, "2025-Q2": {"Консультація": 1}}
    assert late["8.1"].by_kind == {"Захід": 2, "Консультація": 1}
    assert {str(q.quarter): q.total for q in late["9.2"].quarters if q.total} == {
        "2024-Q2": 1, "2025-Q3": 1}
    assert late["9.2"].by_kind == {"Захід": 1, "Міжнародна ініціатива": 1}
    # The event of 15.07.2025 exists on its own day, not the day before.
    assert _by_code(demo, dt.date(2025, 7, 14))["9.2"].total == 1


def test_the_summary_carries_the_event_counts_and_lists(demo):
    summary = build_summary(build_figures(demo, dt.date(2025, 7, 15), SETTINGS))
    by_task = {e["task"]: e for e in summary["events"]}
    assert by_task["9.2"]["total"] == 2
    assert by_task["9.2"]["by_kind"] == {"Захід": 1, "Міжнародна ініціатива": 1}
    assert [q["quarter"] for q in by_task["9.2"]["quarters"] if q["total"]] == [
        "2024-Q2", "2025-Q3"]
    assert by_task["9.2"]["items"][1] == {
        "date": "2025-07-15", "title": "Форум «Відкриті дані для громад»", "kind": "Захід",
        "outcome": "Представлено досвід Жмеринки з оприлюднення даних про транспорт.",
        "url": None}


# Hand-computed: the register's 15 responsible persons; Навчання trains 11 of them by the end
# of 2025 (Гончаренко's row has the impossible date 31.02.2025, an error, so it does not
# count). On 1 June 2024 only Коваль, Романюк, Мельник, Бондар and Шевчук had a course.
UNTRAINED_2025 = ["Гончаренко Олена Вікторівна", "Олійник Роман Васильович",
                  "Руденко Павло Миколайович", "Ткаченко Галина Іванівна"]
UNTRAINED_JUNE_2024 = sorted([
    "Кравчук Тетяна Василівна", "Поліщук Віктор Анатолійович", "Савчук Людмила Степанівна",
    "Олійник Роман Васильович", "Лисенко Дмитро Юрійович", "Руденко Павло Миколайович",
    "Мороз Андрій Олександрович", "Гончаренко Олена Вікторівна",
    "Кузьменко Світлана Петрівна", "Ткаченко Галина Іванівна"])


@pytest.mark.parametrize(("as_of", "expected"), [
    (dt.date(2025, 12, 31), UNTRAINED_2025),
    (dt.date(2024, 6, 1), UNTRAINED_JUNE_2024),
])
def test_the_demo_untrained_list_names_exactly_the_stewards_missing_from_trainings(
        demo, as_of, expected):
    people = people_figures(demo, as_of, SETTINGS)
    assert people.untrained is not None
    assert sorted(u.person for u in people.untrained) == sorted(expected)
    assert people.stewards == 15 and people.trained == 15 - len(expected)
    # The same comparison as stewards_trained_share: the complement of its numerator.
    share = build_figures(demo, as_of, SETTINGS).indicators["stewards_trained_share"].value
    assert share == pytest.approx((15 - len(expected)) / 15)


def test_the_untrained_list_is_the_set_difference_of_register_and_trainings(demo):
    as_of = dt.date(2025, 12, 31)
    stewards = {normalize_name(d.steward) for d in demo.datasets if d.steward}
    trained = {normalize_name(t.person) for t in demo.trainings
               if t.completed_on is None or t.completed_on <= as_of}
    untrained = people_figures(demo, as_of, SETTINGS).untrained or ()
    assert {normalize_name(u.person) for u in untrained} == stewards - trained


def test_an_untrained_person_carries_the_departments_and_datasets_of_their_rows(demo):
    people = people_figures(demo, dt.date(2025, 12, 31), SETTINGS)
    rudenko = next(u for u in people.untrained or () if u.person.startswith("Руденко"))
    assert rudenko.dataset_ids == ("ZHM-024", "ZHM-039")
    assert rudenko.departments == (
        "Відділ з питань надзвичайних ситуацій та цивільного захисту населення",)


def _people_workbook(*trainings: dict[str, object]) -> Workbook:
    return load(
        tab("datasets",
            {"id": "A", "title": "A", "department": "Відділ", "status": "Оприлюднено",
             "steward": "Петренко  Ольга"},
            {"id": "B", "title": "B", "department": "Відділ", "status": "Готується",
             "steward": "Дʼяченко Іван"},
            {"id": "C", "title": "C", "department": "Відділ", "status": "Оприлюднено",
             "steward": "петренко ольга"}),
        tab("trainings", *trainings))


def test_names_are_compared_after_the_header_normalisation():
    workbook = _people_workbook(
        {"person": "ПЕТРЕНКО ОЛЬГА", "course": "Курс", "completed_on": dt.date(2025, 1, 1)},
        {"person": "Д'яченко   Іван", "course": "Курс", "completed_on": dt.date(2025, 3, 1)})
    early = people_figures(workbook, dt.date(2025, 2, 1), SETTINGS)
    assert early.stewards == 2
    assert [u.person for u in early.untrained or ()] == ["Дʼяченко Іван"]
    assert people_figures(workbook, dt.date(2025, 3, 1), SETTINGS).untrained == ()


def test_the_register_first_spelling_names_the_person_with_all_their_datasets():
    workbook = _people_workbook()
    people = people_figures(workbook, dt.date(2025, 1, 1), SETTINGS)
    petrenko = next(u for u in people.untrained or () if u.dataset_ids[0] == "A")
    assert petrenko.person == "Петренко  Ольга" and petrenko.dataset_ids == ("A", "C")


def test_without_a_trainings_tab_the_untrained_list_is_undefined():
    workbook = load(tab("datasets", {"id": "A", "title": "A", "department": "Відділ",
                                     "status": "Оприлюднено", "steward": "Петренко Ольга"}))
    people = people_figures(workbook, dt.date(2025, 1, 1),
                            Settings(chief_specialist="Петренко Ольга"))
    assert people.untrained is None and people.trained is None
    assert people.chief.named and people.chief.trained is None
    assert build_summary(build_figures(workbook, dt.date(2025, 1, 1), SETTINGS))["people"] == {
        "stewards": 1, "trained": None, "untrained": None,
        "chief_specialist": {"named": False, "trained": None, "courses": 0}}


def test_the_chief_specialist_is_trained_by_a_course_dated_by_as_of():
    workbook = _people_workbook(
        {"person": "Коваль Ірина", "course": "Відкриті дані", "completed_on": dt.date(2024, 3, 14)},
        {"person": "коваль  ірина", "course": "Аналіз даних", "completed_on": dt.date(2024, 5, 20)})
    settings = Settings(chief_specialist="Коваль Ірина")
    assert people_figures(workbook, dt.date(2024, 3, 13), settings).chief.trained is False
    chief = people_figures(workbook, dt.date(2024, 5, 20), settings).chief
    assert chief.trained is True and [c.course for c in chief.courses] == [
        "Відкриті дані", "Аналіз даних"]
    unnamed = people_figures(workbook, dt.date(2025, 1, 1), SETTINGS).chief
    assert not unnamed.named and unnamed.trained is None and unnamed.courses == ()


def test_the_summary_names_nobody():
    workbook = _people_workbook(
        {"person": "Коваль Ірина", "course": "Відкриті дані", "completed_on": dt.date(2024, 3, 14)})
    summary = build_summary(build_figures(workbook, dt.date(2025, 1, 1),
                                          Settings(chief_specialist="Коваль Ірина")))
    assert summary["people"] == {"stewards": 2, "trained": 0, "untrained": 2,
                                 "chief_specialist": {"named": True, "trained": True,
                                                      "courses": 1}}
    text = repr(summary)
    assert "Коваль" not in text and "Петренко" not in text and "Дʼяченко" not in text


def test_event_tasks_follow_the_settings_and_events_after_as_of_do_not_exist():
    workbook = load(
        tab("plan", {"code": "7.3", "section": "7. Співпраця", "task": "Зустрічі з бізнесом",
                     "deadline": "Постійно"}),
        tab("events",
            {"date": dt.date(2024, 2, 1), "title": "Круглий стіл", "kind": "Захід",
             "task_codes": "7.3; 8.1"},
            {"date": dt.date(2023, 12, 1), "title": "До плану", "kind": "Консультація",
             "task_codes": " 7.3 "},
            {"date": dt.date(2024, 5, 1), "title": "Пізніше", "kind": "Захід",
             "task_codes": "7.3"}))
    (task,) = task_events(workbook, dt.date(2024, 3, 31), Settings(event_tasks=["7.3"]))
    assert task.title == "Зустрічі з бізнесом"
    assert [e.title for e in task.events] == ["До плану", "Круглий стіл"]
    # The event before the plan window is counted and listed but falls in no quarter.
    assert task.total == 2 and [q.total for q in task.quarters] == [1]


def test_without_an_events_tab_the_counts_are_undefined():
    (task, _) = task_events(load(tab("plan", {"code": "8.1", "section": "8", "task": "x"})),
                            dt.date(2025, 1, 1), SETTINGS)
    assert task.total is None and task.events == () and task.title == "x"
