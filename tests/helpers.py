"""Building small workbooks in memory for tests."""

from __future__ import annotations

from typing import Any

from odcore.reading import load_workbook
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.sources.memory import MemorySource
from odcore.workbook import Workbook


def headers(key: str) -> list[str]:
    """The Ukrainian headers of a tab, in WORKBOOK.md's order (without extra columns)."""
    return [c.header for c in SPEC_BY_KEY[key].columns if not c.extra]


def tab(key: str, *rows: dict[str, Any]) -> tuple[str, list[list[Any]]]:
    """A tab as (title, rows) from dicts keyed by field name."""
    spec = SPEC_BY_KEY[key]
    cols = [c for c in spec.columns if not c.extra]
    return spec.title, [[c.header for c in cols]] + [[r.get(c.key) for c in cols] for r in rows]


def load(*tabs: tuple[str, list[list[Any]]], name: str = "main.xlsx",
         linked: dict[str, dict[str, list[list[Any]]]] | None = None) -> Workbook:
    sheets: dict[str, dict[str, list[list[Any]]]] = {name: dict(tabs)}
    sheets.update(linked or {})
    return load_workbook(MemorySource(sheets))


def codes(workbook: Workbook) -> list[str]:
    return [i.code for i in workbook.issues]


TASK = {"code": "4.3", "section": "4. Якість", "task": "Контроль якості",
        "deadline": "Щоквартально", "executors_text": "Відділ ІТ"}
DEPT = {"name": "Відділ ІТ"}
