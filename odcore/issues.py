"""The Issue type: one problem found in the spreadsheets, with its place and a message."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """What reading a cell or a wording found: a stable code, a severity and a Ukrainian
    message; the reading layer places it on its spreadsheet, tab, row and column."""

    code: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class Issue:
    """A problem in one place of a spreadsheet (or in a whole tab when ``row`` is None).

    ``code`` is stable (``date.invalid``); ``message`` is Ukrainian and says what to write
    instead. ``department`` is the department that owns the row, when known (for grouping).
    """

    code: str
    severity: Severity
    message: str
    spreadsheet: str = ""
    tab: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""  # A1-style reference of the cell, when there is one
    value: str = ""
    department: str = ""
    link: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def place(self) -> str:
        """``spreadsheet / tab / row N / column`` for text output."""
        parts = [p for p in (self.spreadsheet, self.tab) if p]
        if self.row is not None:
            parts.append(f"рядок {self.row}")
        if self.column:
            parts.append(f"{self.column} ({self.cell})" if self.cell else self.column)
        return " / ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``check --format json``."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return {
            k: data[k]
            for k in ("code", "severity", "spreadsheet", "tab", "row", "column", "value", "message")
        } | {"cell": self.cell}


def count_by_severity(issues: list[Issue]) -> dict[str, int]:
    """``{"errors": n, "warnings": n, "infos": n}``."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for issue in issues:
        key = {"error": "errors", "warning": "warnings", "info": "infos"}[issue.severity.value]
        counts[key] += 1
    return counts


def display_value(value: Any, limit: int = 200) -> str:
    """A raw cell value as short text for an Issue (never raises)."""
    try:
        text = "" if value is None else str(value)
    except Exception:  # noqa: BLE001 - a cell must never break reporting
        try:
            text = repr(value)
        except Exception:  # noqa: BLE001 - an int of 5,000 digits has neither str nor repr
            text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
