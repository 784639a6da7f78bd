"""Small workbooks for the rules' tests: tabs from dicts keyed by field name."""

from __future__ import annotations

from typing import Any

from odcore.reading import load_workbook
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.sources.memory import MemorySource
from odcore.workbook import Workbook

IT = "Відділ ІТ"
FIN = "Фінансове управління"


def tab(key: str, *rows: dict[str, Any],
        without: tuple[str, ...] = ()) -> tuple[str, list[list[Any]]]:
    """A tab as (title, rows); ``without`` leaves those columns out of the header."""
    spec = SPEC_BY_KEY[key]
    cols = [c for c in spec.columns if not c.extra and c.key not in without]
    return spec.title, [[c.header for c in cols]] + [[r.get(c.key) for c in cols] for r in rows]


def plan_tab(*tasks: dict[str, Any], indicator_column: bool = False) -> tuple[str, list[list[Any]]]:
    """The `План` tab; without the `Показник` column unless asked (default links apply)."""
    return tab("plan", *tasks, without=() if indicator_column else ("indicator",))


def task(code: str, deadline: str | None, executors: str = IT, **extra: Any) -> dict[str, Any]:
    section = extra.pop("section", f"{code.split('.')[0]}. Розділ {code.split('.')[0]}")
    return {"code": code, "section": section, "task": f"Завдання {code}",
            "deadline": deadline, "executors_text": executors, **extra}


def report(code: str, period: str, status: str, department: str = IT,
           **extra: Any) -> dict[str, Any]:
    return {"task_code": code, "period": period, "status": status, "department": department,
            **extra}


def load(*tabs: tuple[str, list[list[Any]]]) -> Workbook:
    return load_workbook(MemorySource({"main.xlsx": dict(tabs)}))


def departments_tab(*names: str) -> tuple[str, list[list[Any]]]:
    return tab("departments", *({"name": n} for n in names))
