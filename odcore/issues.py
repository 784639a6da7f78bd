"""The Issue type: one problem found in the spreadsheets, with its place and a message.

A problem is a :class:`Finding` (a closed code, which of its wordings, and the values the
message names) placed on a spreadsheet, tab, row and column. The message is rendered from the
catalogue in the language asked for: :attr:`Issue.message` is the Ukrainian one (the CLI, the
JSON of ``check``, the exports), :meth:`Issue.message_in` any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field, replace
from itertools import repeat
from typing import Any

from odcore.i18n import DEFAULT_LANGUAGE, Phrase
from odcore.issue_codes import IssueCode, Severity

__all__ = ["Finding", "Issue", "IssueCode", "Severity", "count_by_severity", "display_value"]

# A value a message names: text as it should appear, or a nested message (a place, what a
# deadline's wording said) rendered in the same language.
Value = str | Phrase
# What a message's value may be, as a tuple: ``str | Phrase`` in the loop below would build
# the union anew for each value of each of the tens of thousands of Findings a load makes.
_VALUE_TYPES = (str, Phrase)
# (code, wording) -> the parameters that wording names.
_DECLARED: dict[tuple[IssueCode, str], frozenset[str]] = {
    (code, wording): frozenset(params)
    for code in IssueCode for wording, params in code.spec.wordings.items()}


def _check_finding(code: IssueCode, params: tuple[tuple[str, Value], ...], wording: str,
                   names: Set[str]) -> None:
    """A Finding names exactly the values its code's wording declares (``names``: the names
    of ``params``), each text or a nested message. Checked on every Finding: a loaded tab
    may give tens of thousands."""
    if not isinstance(code, IssueCode):  # a str equal to a code is still refused
        raise TypeError(f"an Issue code must be an IssueCode, not {code!r}")
    declared = _DECLARED.get((code, wording))
    if declared is None:
        raise ValueError(f"{code.value} has no wording {wording!r}")
    if names != declared or len(params) != len(declared):
        raise ValueError(f"{code.key(wording)} names {sorted(declared)}, given "
                         f"{sorted(names)}")
    for name, value in params:
        if not isinstance(value, _VALUE_TYPES):
            raise TypeError(f"{code.key(wording)}: {name} must be text, not "
                            f"{type(value).__name__}")


@dataclass(frozen=True, init=False)
class Finding:
    """What was found, before it is placed: a code, the wording of its message (``""`` for
    the default one) and the values that wording names, exactly those its code declares."""

    code: IssueCode
    params: tuple[tuple[str, Value], ...] = ()
    wording: str = ""

    def __init__(self, code: IssueCode, params: tuple[tuple[str, Value], ...] = (),
                 wording: str = "") -> None:
        _check_finding(code, params, wording, {name for name, _ in params})
        # Set in the instance's dict: the generated __init__ of a frozen dataclass calls
        # object.__setattr__ once per field, most of the cost of the tens of thousands of
        # Findings a load makes.
        self.__dict__.update(code=code, params=params, wording=wording)

    @classmethod
    def of(cls, code: IssueCode, wording: str = "", /, **params: Value) -> Finding:
        """``Finding.of(IssueCode.DATE_INVALID, value="32.01.2024")``."""
        items = tuple(params.items())
        # The keywords' own view is their set of names (no set built for the check).
        _check_finding(code, items, wording, params.keys())
        finding = object.__new__(cls)
        finding.__dict__.update(code=code, params=items, wording=wording)
        return finding

    def with_values(self, values: tuple[Value, ...]) -> Finding:
        """A Finding of this one's code and wording naming the same values, in the same
        order, given anew (``values``: one for each of this one's, each text or a nested
        message): the names were checked when this one was made; the values are checked
        here. For the thousands of Findings of one kind a check makes (duplicate reports)."""
        params = self.params
        if len(values) != len(params):
            raise ValueError(f"{self.key} names {len(params)} values, given {len(values)}")
        # Checked and paired in C-level maps: each value text or a nested message.
        if not all(map(isinstance, values, repeat(_VALUE_TYPES))):
            for (name, _old), value in zip(params, values, strict=True):
                if not isinstance(value, _VALUE_TYPES):
                    raise TypeError(f"{self.key}: {name} must be text, not "
                                    f"{type(value).__name__}")
        # The names kept on this Finding, beside its fields (not one of them: equality, hash
        # and repr ignore it), for the next call: pairing values with a tuple of names is a
        # third of the cost of taking the names from the pairs each time.
        names = self.__dict__.get("_names")
        if names is None:
            names = self.__dict__["_names"] = tuple(name for name, _ in params)
        finding = object.__new__(Finding)
        # Lengths checked above; zip's strict keyword would cost a keyword call per Finding.
        params = tuple(zip(names, values))  # noqa: B905
        finding.__dict__.update(code=self.code, params=params, wording=self.wording)
        return finding

    @property
    def key(self) -> str:
        return self.code.key(self.wording)

    def map_text(self, change: Callable[[str], str]) -> Finding:
        """The same finding with every text value changed (nested messages too)."""
        return replace(self, params=tuple(
            (name, change(value) if isinstance(value, str) else value.map_text(change))
            for name, value in self.params))

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def phrase(self) -> Phrase:
        """The message, not yet in a language (to nest it in another message)."""
        return Phrase(self.key, self.params)

    @property
    def message(self) -> str:
        """The Ukrainian message."""
        return self.message_in(DEFAULT_LANGUAGE)

    def message_in(self, language: str) -> str:
        """The message in ``language`` (Ukrainian when the catalogue has no such language)."""
        return self.phrase.render(language)


@dataclass(frozen=True, init=False)
class Issue:
    """A problem in one place of a spreadsheet (or in a whole tab when ``row`` is None).

    ``department`` is the department that owns the row, when known (for grouping).
    """

    finding: Finding
    spreadsheet: str = ""
    tab: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""  # A1-style reference of the cell, when there is one
    value: str = ""
    department: str = ""
    link: str = field(default="", compare=False)

    def __init__(self, finding: Finding, spreadsheet: str = "", tab: str = "",
                 row: int | None = None, column: str = "", cell: str = "", value: str = "",
                 department: str = "", link: str = "") -> None:
        if not isinstance(finding, Finding):
            raise TypeError(f"an Issue is built from a Finding, not {finding!r}")
        # Set in the instance's dict, as Finding's are (81,461 Issues at K=1000).
        self.__dict__.update(finding=finding, spreadsheet=spreadsheet, tab=tab, row=row,
                             column=column, cell=cell, value=value, department=department,
                             link=link)

    def replaced(self, **changes: str) -> Issue:
        """This Issue with some of its place changed (cell, link, department), its finding
        kept: what ``dataclasses.replace`` gives, without running ``__init__`` and its check
        again (a quarter of the time of placing each of 81,461 Issues on its cell)."""
        if not changes.keys() <= _PLACE_FIELDS:
            raise TypeError(f"an Issue's {sorted(changes.keys() - _PLACE_FIELDS)} are not "
                            "changed by replaced()")
        issue = object.__new__(Issue)
        issue.__dict__.update(self.__dict__, **changes)
        return issue

    @property
    def code(self) -> IssueCode:
        return self.finding.code

    @property
    def severity(self) -> Severity:
        return self.finding.code.severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def message(self) -> str:
        """The Ukrainian message: what is wrong and what to write instead."""
        return self.finding.message

    def message_in(self, language: str) -> str:
        """The message in ``language``; the values it quotes stay as typed."""
        return self.finding.message_in(language)

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
        return {"code": self.code.value, "severity": self.severity.value,
                "spreadsheet": self.spreadsheet, "tab": self.tab, "row": self.row,
                "column": self.column, "value": self.value, "message": self.message,
                "cell": self.cell}


# What Issue.replaced may change: the place, never the finding.
_PLACE_FIELDS = frozenset({"spreadsheet", "tab", "column", "cell", "value", "department",
                           "link"})


def count_by_severity(issues: list[Issue]) -> dict[str, int]:
    """``{"errors": n, "warnings": n, "infos": n}``."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    # Counted by code first (a few dozen codes for up to ~100,000 Issues), then by severity.
    for code, number in Counter(issue.finding.code for issue in issues).items():
        counts[_COUNT_KEYS[code.severity]] += number
    return counts


_COUNT_KEYS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}


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
