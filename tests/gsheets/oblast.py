"""A simulated oblast on the loopback Sheets server: N councils, each a main spreadsheet that
lists its department spreadsheets in «Підрозділи», all read with one service account (the
test of the refresh worker and bench/bench_refresh.py build it the same way)."""

from __future__ import annotations

import bisect
import json
from pathlib import Path
from typing import Any

from tests.gsheets.fake_sheets import FakeGoogle
from tests.helpers import tab


def council_key(council: int, sheet: int) -> str:
    """A well-formed Google key of spreadsheet ``sheet`` (0 = main) of ``council``."""
    return f"1Oblast{council:04d}Sheet{sheet:03d}_abcdefghijklmnopqrstuv"


def council_id(council: int) -> str:
    return f"hromada-{council:04d}"


def council_name(council: int) -> str:
    return f"Громада № {council}"


def build_oblast(google: FakeGoogle, folder: Path, key_info: dict[str, Any], email: str, *,
                 councils: int = 63, sheets: int = 10) -> Path:
    """Spreadsheets for ``councils`` councils of ``sheets`` spreadsheets each (a main one and
    ``sheets - 1`` department ones), and the councils file naming them; returns its path."""
    key_path = folder / "oblast-key.json"
    key_path.write_text(json.dumps(key_info), encoding="utf-8")
    entries = []
    for number in range(1, councils + 1):
        departments = [f"Відділ {number}-{d}" for d in range(1, sheets)]
        plan = {"code": "1.1", "section": "1. Організація", "task": "Звітувати",
                "deadline": "Щоквартально", "executors_text": ", ".join(departments)}
        google.add_spreadsheet(council_key(number, 0), f"Програма {number}", dict([
            tab("plan", plan),
            tab("departments", *({"name": name, "spreadsheet": council_key(number, d)}
                                 for d, name in enumerate(departments, 1))),
        ]), readers=[email])
        for d, name in enumerate(departments, 1):
            google.add_spreadsheet(council_key(number, d), f"Звіти {name}", dict([
                tab("reports", {"task_code": "1.1", "period": "2024-Q1", "status": "Виконано",
                                "department": name}),
            ]), readers=[email])
        entries.append(f'[[council]]\nid = "{council_id(number)}"\n'
                       f'name = "{council_name(number)}"\n'
                       f'spreadsheet = "gsheets:{council_key(number, 0)}"\n'
                       f'service_account = "{key_path.name}"\n')
    path = folder / "councils.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def most_in_any_window(times: list[float], seconds: float = 60.0) -> int:
    """The most requests that fall in any window of ``seconds`` (start included, end not)."""
    ordered = sorted(times)
    return max((bisect.bisect_left(ordered, start + seconds) - i
                for i, start in enumerate(ordered)), default=0)
