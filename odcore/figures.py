"""Every figure of the dashboard at one ``as_of``, computed once (the service layer).

``build_figures`` is the one place that calls the rules which compute figures: plan progress
now and at the end of the previous quarter, department progress, indicator links and values,
the dataset assessment, the public products, the Issues, and the events and people behind
tasks 8.1, 9.2, 2.1 and 2.2. Every consumer derives from the
resulting ``Figures``: the machine-readable summary (odcore.summary), the score card
(odcore.exports.score_card), the public projection (odcore.public) and the plan pages' view
(odcore.ui.plan_view). A new input (such as the data.gov.ua portal's records) is added here
once, and every consumer sees it. Pure: no Streamlit, no network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from odcore.checks import all_issues
from odcore.issues import Issue, count_by_severity
from odcore.reading import cyclic_gc_paused
from odcore.rules.events import PeopleFigures, TaskEvents, people_figures, task_events
from odcore.rules.indicators import (
    IndicatorLinks,
    IndicatorValue,
    compute_indicators,
    indicator_links,
    is_discrepancy,
    task_indicator,
)
from odcore.rules.owing import DepartmentProgress, department_progress
from odcore.rules.progress import (
    PlanProgress,
    TaskProgress,
    plan_progress,
    previous_quarter_as_of,
)
from odcore.rules.quality import DatasetAssessment, assess_datasets
from odcore.schema.models import Product
from odcore.settings import Settings
from odcore.workbook import Workbook


@dataclass(frozen=True)
class IssueCounts:
    """Issues by severity: exactly those `check` reports."""

    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class FiguresKey:
    """What a Figures depends on, hashable: the cache key for Figures.

    ``snapshot`` names the workbook read (a source and its fingerprint: the same text means
    the same records); ``settings`` is ``Settings.model_dump_json()``.
    """

    snapshot: str
    as_of: dt.date
    settings: str

    @classmethod
    def of(cls, snapshot: str, as_of: dt.date, settings: Settings) -> FiguresKey:
        return cls(snapshot, as_of, settings.model_dump_json())


@dataclass(frozen=True, eq=False)
class Figures:
    """Every figure at ``as_of``, computed by the rules with ``settings``.

    Immutable once built and never modified by a consumer, so one object may be shared by
    every page and visitor: cache it (``st.cache_resource``, no copy, no pickling) under a
    FiguresKey, i.e. per workbook snapshot, as_of and settings. Compared and hashed by identity.
    """

    as_of: dt.date
    settings: Settings
    plan: PlanProgress
    previous: PlanProgress  # at the end of the previous quarter (previous_quarter_as_of)
    departments: tuple[DepartmentProgress, ...]
    links: IndicatorLinks
    indicators: Mapping[str, IndicatorValue]  # RULES.md's table order
    assessment: DatasetAssessment
    public_products: tuple[Product, ...]  # marked public and added by as_of (or undated)
    issues: tuple[Issue, ...]
    events: tuple[TaskEvents, ...]  # settings.event_tasks' events (8.1, 9.2)
    people: PeopleFigures  # 2.1 and 2.2: names, for internal pages only

    @property
    def change(self) -> float | None:
        """Plan progress now minus at the end of the previous quarter (None when undefined)."""
        if self.plan.progress is None or self.previous.progress is None:
            return None
        return self.plan.progress - self.previous.progress

    def indicator(self, progress: TaskProgress) -> IndicatorValue | None:
        """The indicator linked to a task, or None."""
        return task_indicator(progress, self.links, self.indicators)

    def discrepancy(self, progress: TaskProgress) -> bool:
        """The task is reported `Виконано` while its indicator is not met."""
        return is_discrepancy(progress, self.indicator(progress))

    @property
    def discrepancies(self) -> list[TaskProgress]:
        """Tasks reported `Виконано` whose indicator says otherwise, in plan order."""
        return [t for t in self.plan.tasks if self.discrepancy(t)]

    @property
    def issue_counts(self) -> IssueCounts:
        return IssueCounts(**count_by_severity(list(self.issues)))


def _exists_by(day: dt.date | None, as_of: dt.date) -> bool:
    """A dated record exists by as_of; an undated one is taken as existing."""
    return day is None or day <= as_of


def is_public_product(product: Product, as_of: dt.date) -> bool:
    """Marked public (yes) and added by as_of (or undated)."""
    return product.public is True and _exists_by(product.added_on, as_of)


def build_figures(workbook: Workbook, as_of: dt.date, settings: Settings) -> Figures:
    """Every figure of the workbook at as_of; the only call of the figure rules."""
    # The figures allocate many objects that all survive, over a loaded workbook of up to
    # millions: the collector's rescans of them cost about a fifth of the figures at 1000x.
    with cyclic_gc_paused():
        return _build_figures(workbook, as_of, settings)


def _build_figures(workbook: Workbook, as_of: dt.date, settings: Settings) -> Figures:
    plan = plan_progress(workbook, as_of, settings)
    links = indicator_links(workbook)
    assessment = assess_datasets(workbook, as_of, settings)
    return Figures(
        as_of=as_of, settings=settings, plan=plan,
        previous=plan_progress(workbook, previous_quarter_as_of(as_of), settings),
        departments=tuple(department_progress(plan, settings)),
        links=links,
        indicators=compute_indicators(workbook, as_of, settings, links=links,
                                      assessment=assessment),
        assessment=assessment,
        public_products=tuple(p for p in workbook.products if is_public_product(p, as_of)),
        issues=tuple(all_issues(workbook, settings)),
        events=task_events(workbook, as_of, settings),
        people=people_figures(workbook, as_of, settings),
    )
