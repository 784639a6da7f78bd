"""Two councils with different data, for the tests that open them alternately."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook as XlsxBook

from tests.helpers import tab

ZHMERYNKA, BAR = "Жмеринська міська рада", "Барська міська рада"
# The second council's one-task plan is done: its plan progress is 100 %, the demo's is not.
BAR_TASK = {"code": "1.1", "section": "1. Організація", "task": "Призначити відповідальних",
            "deadline": "2024 рік", "executors_text": "Відділ ІТ"}
BAR_REPORT = {"task_code": "1.1", "period": "2024-Q4", "status": "Виконано",
              "department": "Відділ ІТ"}


def write_small_workbook(path: Path) -> Path:
    """A council whose only task is done (plan progress 100 %), with no datasets."""
    book = XlsxBook()
    book.remove(book.active)
    for title, rows in (tab("plan", BAR_TASK), tab("reports", BAR_REPORT),
                        tab("departments", {"name": "Відділ ІТ"})):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_councils(folder: Path, demo_path: Path, extra: str = "") -> Path:
    """A councils file: «zhmerynka» on the demo workbook, «bar» on a small one (relative)."""
    write_small_workbook(folder / "bar.xlsx")
    path = folder / "councils.toml"
    path.write_text(f'''
[[council]]
id = "zhmerynka"
name = "{ZHMERYNKA}"
spreadsheet = "{demo_path}"

[[council]]
id = "bar"
name = "{BAR}"
spreadsheet = "bar.xlsx"
public_slug = "bar-hromada"
[council.settings]
compliance_target = 0.5
{extra}''', encoding="utf-8")
    return path
