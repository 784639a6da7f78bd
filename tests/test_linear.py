"""Work that must grow with the rows, not with rows x something: each costly step done once."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest

from odcore.departments import DepartmentNames
from odcore.reading import cyclic_gc_paused, load_workbook
from odcore.reading import load as workbook_module
from odcore.rules.progress import plan_progress, task_progress
from odcore.rules.schedules import task_schedule
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.memory import MemorySource
from tests.helpers import DEPT, TASK, load, tab


def test_a_misspelt_department_gets_its_suggestion_once_for_all_its_rows(monkeypatch):
    calls: list[str] = []
    suggest = DepartmentNames.suggest

    def counted(self: DepartmentNames, name: str) -> str | None:
        calls.append(name)
        return suggest(self, name)

    monkeypatch.setattr(DepartmentNames, "suggest", counted)
    rows = [{"task_code": "4.3", "period": f"{2024 + i // 4}-Q{i % 4 + 1}",
             "status": "В роботі", "department": name}
            for i, name in enumerate(["Відділ ІТТ"] * 6 + ["відділ  ітт"] * 2 + ["Бюро перекладів"])]
    workbook = load(tab("plan", TASK), tab("departments", DEPT), tab("reports", *rows))
    warnings = [i for i in workbook.issues if i.code == "ref.unknown_department"]
    assert len(warnings) == 9
    assert sum("Можливо, мали на увазі «Відділ ІТ»?" in i.message for i in warnings) == 8
    assert sorted(calls) == ["Бюро перекладів", "Відділ ІТТ"]  # one per distinct name


@pytest.mark.parametrize("as_of", [dt.date(2024, 7, 1), dt.date(2025, 1, 15),
                                   dt.date(2026, 12, 31)])
def test_plan_progress_with_reports_indexed_by_task_equals_one_task_at_a_time(as_of):
    settings = Settings()
    tasks = [TASK, {**TASK, "code": "1.1", "deadline": "І-й квартал 2024 року"},
             {**TASK, "code": "4.1", "deadline": "1 раз на рік"}]
    statuses = ["Виконано", "В роботі", "Не виконано", "Не застосовується"]
    reports = [{"task_code": code, "period": f"{2024 + i // 4 % 3}-Q{i % 4 + 1}",
                "status": statuses[i % 4], "department": "Відділ ІТ",
                "reported_on": f"0{i % 9 + 1}.01.2027"}
               for i in range(40) for code in (" 4.3", "1.1", "4.1 ")]
    workbook = load(tab("plan", *tasks), tab("departments", DEPT), tab("reports", *reports))
    plan = plan_progress(workbook, as_of, settings)
    one_by_one = [task_progress(t, workbook.reports, task_schedule(t, settings)[0], as_of,
                                settings) for t in workbook.tasks]
    assert plan.tasks == one_by_one
    assert [len(t.reports) for t in plan.tasks] == [len(t.reports) for t in one_by_one]


def test_loading_pauses_the_cyclic_collector_and_switches_it_back_on(monkeypatch):
    seen: list[bool] = []
    read_spreadsheet = workbook_module.read_spreadsheet

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return read_spreadsheet(*args, **kwargs)

    monkeypatch.setattr(workbook_module, "read_spreadsheet", spy)
    assert gc.isenabled()
    load(tab("plan", TASK))
    assert seen == [False] and gc.isenabled()
    with pytest.raises(SourceError):
        load_workbook(MemorySource({"empty.xlsx": {"Аркуш": [["x"]]}}))
    assert gc.isenabled()
    gc.disable()
    try:
        load(tab("plan", TASK))
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_what_a_pause_allocated_skips_the_young_collections_and_stays_collectable():
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with cyclic_gc_paused():
        kept = [{"row": i} for i in range(50)]
        garbage = Node()
    freed = weakref.ref(garbage)
    del garbage
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing left frozen
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation)}
    assert id(kept) not in young and id(kept[0]) not in young
    assert any(o is kept for o in gc.get_objects(2))
    gc.collect(1)  # a young collection does not look at them ...
    assert freed() is not None
    gc.collect()  # ... a full one frees the cycle left behind
    assert freed() is None
