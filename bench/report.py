"""What the benchmarks print in common: the table of their targets or checks."""

from __future__ import annotations

_MARKS = {True: "yes", False: "**NO**", None: "not measured"}


def checks_table(checks: list[tuple[str, str, bool | None]], heading: str = "target") -> list[str]:
    """A Markdown table of (name, measured, met) rows; met None is "not measured"."""
    return [f"| {heading} | measured | met |", "|---|---|---|",
            *(f"| {name} | {value} | {_MARKS[met]} |" for name, value, met in checks)]
