"""Indicators measured from the data, their links to tasks, and discrepancy flags.

RULES.md "Indicators measured from the data". The four dataset indicators come from
odcore.rules.quality (one implementation of the dataset rules); the others are counted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from odcore.i18n import Phrase
from odcore.issues import Finding, Issue, IssueCode, display_value
from odcore.periods import due_quarters
from odcore.rules.progress import TaskProgress
from odcore.rules.quality import DatasetAssessment, assess_datasets
from odcore.schema.tabs import header_of
from odcore.schema.vocab import EventKind, ReportStatus
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.workbook import Workbook


@dataclass(frozen=True)
class IndicatorSpec:
    """One row of RULES.md's indicator table; ``target`` None means the settings' target.

    Its name is the catalogue's ``indicator.title.<key>`` (odcore.i18n, :func:`title_phrase`).
    """

    key: str
    op: str  # ">=" or "="
    target: float | None
    default_task: str


SPECS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("datasets_compliant_share", ">=", None, "6.2"),
    IndicatorSpec("register_complete_share", "=", 1.0, "4.2"),
    IndicatorSpec("quality_checked_share", "=", 1.0, "4.3"),
    IndicatorSpec("recommendations_resolved_share", "=", 1.0, "4.1"),
    IndicatorSpec("stewards_trained_share", "=", 1.0, "2.2"),
    IndicatorSpec("publications_quarter_share", "=", 1.0, "5.1"),
    IndicatorSpec("products_public", ">=", 1.0, "8.2"),
    IndicatorSpec("charter_joined", "=", 1.0, "9.1"),
    IndicatorSpec("grant_applications", ">=", 1.0, "3.1"),
)
SPEC_BY_KEY: dict[str, IndicatorSpec] = {s.key: s for s in SPECS}
# The indicator keys and the default links, compared like headers: built once, where
# indicator_links built them for each call (twice per figures: the links and the checks).
_KEYS = {normalize_name(s.key): s.key for s in SPECS}
_DEFAULT_LINKS = {normalize_name(s.default_task): s.key for s in SPECS}
_KEY_LIST = ", ".join(s.key for s in SPECS)


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator at as_of; ``value`` and ``met`` are None when the value is undefined."""

    key: str
    value: float | None
    target: float
    op: str
    met: bool | None


def title_phrase(key: str) -> Phrase:
    """The indicator's full name (the summary's and the score card's), for the catalogue."""
    return Phrase.of(f"indicator.title.{key}")


def is_met(value: float | None, op: str, target: float) -> bool | None:
    """Whether a value meets its target; None when the value is undefined."""
    if value is None:
        return None
    if op == ">=":
        return value >= target
    return abs(value - target) < 1e-9


def share(part: int, whole: int) -> float | None:
    """part / whole; None over an empty set (never 0 or 100 %)."""
    return part / whole if whole else None


@dataclass(frozen=True)
class IndicatorLinks:
    """Task code (as written in the plan) -> indicator key or None, and what reading found."""

    by_task: dict[str, str | None]
    issues: list[Issue]

    def key_for(self, code: str) -> str | None:
        return self._by_normalized_code.get(normalize_name(code))

    @cached_property
    def _by_normalized_code(self) -> dict[str, str | None]:
        """by_task keyed by the code compared like headers, the first task of a code winning
        (as a scan in plan order did): built on the first lookup, where each lookup scanned
        every task (the summary asks once per task)."""
        found: dict[str, str | None] = {}
        for code, key in self.by_task.items():
            found.setdefault(normalize_name(code), key)
        return found

    def codes_for(self, key: str) -> list[str]:
        return [c for c, k in self.by_task.items() if k == key]


def indicator_links(workbook: Workbook) -> IndicatorLinks:
    """The `Показник` column exactly as written when the plan has it, else the default links."""
    by_task: dict[str, str | None] = {}
    issues: list[Issue] = []
    if not workbook.plan_has_indicator_column:
        for task in workbook.tasks:
            by_task[task.code] = _DEFAULT_LINKS.get(normalize_name(task.code))
        return IndicatorLinks(by_task, issues)
    for task in workbook.tasks:
        text = (task.indicator or "").strip()
        key = _KEYS.get(normalize_name(text)) if text else None
        by_task[task.code] = key
        if text and key is None:
            issues.append(Issue(
                Finding.of(IssueCode.INDICATOR_UNKNOWN, task=task.code,
                           value=display_value(text), keys=_KEY_LIST),
                spreadsheet=task.origin.spreadsheet, tab=task.origin.tab, row=task.origin.row,
                column=header_of(task, "indicator"), value=display_value(text),
                link=task.origin.link))
    return IndicatorLinks(by_task, issues)


def compute_indicators(workbook: Workbook, as_of: dt.date, settings: Settings, *,
                       links: IndicatorLinks | None = None,
                       assessment: DatasetAssessment | None = None) -> dict[str, IndicatorValue]:
    """Every indicator of RULES.md's table at as_of, in the table's order.

    ``links`` and ``assessment`` may be passed when the caller already has them.
    """
    links = links or indicator_links(workbook)
    assessment = assessment or assess_datasets(workbook, as_of, settings)
    values: dict[str, float | None] = {
        "datasets_compliant_share": assessment.compliant_share,
        "register_complete_share": assessment.register_complete_share,
        "quality_checked_share": assessment.quality_checked_share,
        "recommendations_resolved_share": assessment.recommendations_resolved_share,
        "stewards_trained_share": stewards_trained_share(workbook, as_of),
        "publications_quarter_share": publications_quarter_share(workbook, as_of, settings),
        "products_public": products_public(workbook, as_of),
        "charter_joined": charter_joined(workbook, as_of, _charter_tasks(links)),
        "grant_applications": grant_applications(workbook, as_of),
    }
    result = {}
    for spec in SPECS:
        target = settings.compliance_target if spec.target is None else spec.target
        value = values[spec.key]
        result[spec.key] = IndicatorValue(spec.key, value, target, spec.op,
                                          is_met(value, spec.op, target))
    return result


def _has_tab(workbook: Workbook, key: str) -> bool:
    return key in workbook.tabs_present


def _on_or_before(day: dt.date | None, as_of: dt.date) -> bool:
    """A dated record exists by as_of; an undated one is taken as existing."""
    return day is None or day <= as_of


def stewards_trained_share(workbook: Workbook, as_of: dt.date) -> float | None:
    """Distinct responsible persons of the register found in `Навчання` / distinct persons."""
    if not _has_tab(workbook, "trainings"):
        return None
    # Each distinct name normalised once (a few dozen people over thousands of rows).
    stewards = set(map(normalize_name, {d.steward for d in workbook.datasets if d.steward}))
    trained = set(map(normalize_name, {t.person for t in workbook.trainings
                                       if _on_or_before(t.completed_on, as_of)}))
    return share(len(stewards & trained), len(stewards))


def publications_quarter_share(workbook: Workbook, as_of: dt.date,
                               settings: Settings) -> float | None:
    """Due quarters with at least one publication / due quarters."""
    if not _has_tab(workbook, "publications"):
        return None
    quarters = due_quarters(settings.plan_first_year, settings.plan_last_year, as_of)
    # A date falls between a quarter's start and end exactly when it is in that (year,
    # quarter): the publications' quarters are found in one pass, not one scan per quarter.
    published = {(p.published_on.year, (p.published_on.month + 2) // 3)
                 for p in workbook.publications}
    covered = [q for q in quarters if (q.year, q.q) in published]
    return share(len(covered), len(quarters))


def products_public(workbook: Workbook, as_of: dt.date) -> int | None:
    """The number of public products added by as_of (undated ones included)."""
    if not _has_tab(workbook, "products"):
        return None
    return sum(1 for p in workbook.products if p.public and _on_or_before(p.added_on, as_of))


def _charter_tasks(links: IndicatorLinks) -> list[str]:
    return links.codes_for("charter_joined") or [SPEC_BY_KEY["charter_joined"].default_task]


def charter_joined(workbook: Workbook, as_of: dt.date, task_codes: Iterable[str]) -> int | None:
    """1 if an `Міжнародна ініціатива` event by as_of names one of the tasks, else 0."""
    if not _has_tab(workbook, "events"):
        return None
    wanted = {normalize_name(c) for c in task_codes}
    return int(any(
        e.kind is EventKind.INTERNATIONAL_INITIATIVE and e.date <= as_of
        and wanted & {normalize_name(c) for c in e.task_codes}
        for e in workbook.events))


def grant_applications(workbook: Workbook, as_of: dt.date) -> int | None:
    """The number of `Заявка на грант` events by as_of."""
    if not _has_tab(workbook, "events"):
        return None
    return sum(1 for e in workbook.events
               if e.kind is EventKind.GRANT_APPLICATION and e.date <= as_of)


def task_indicator(progress: TaskProgress, links: IndicatorLinks,
                   indicators: Mapping[str, IndicatorValue]) -> IndicatorValue | None:
    """The indicator linked to a task, or None."""
    key = links.key_for(progress.code)
    return indicators.get(key) if key else None


def is_discrepancy(progress: TaskProgress, indicator: IndicatorValue | None) -> bool:
    """The latest counted report says `Виконано` while the linked indicator is not met."""
    return (indicator is not None and indicator.met is False and progress.latest is not None
            and progress.latest.status is ReportStatus.DONE)
