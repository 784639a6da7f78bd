"""Every figure of the dashboard at one ``as_of``, computed once (the service layer).

``build_figures`` is the one place that calls the rules which compute figures: plan progress
now and at the end of the previous quarter, department progress, indicator links and values,
the dataset assessment, the public products, the Issues, and the events and people behind
tasks 8.1, 9.2, 2.1 and 2.2. Every consumer derives from the
resulting ``Figures``: the machine-readable summary (odcore.summary), the score card
(odcore.exports.score_card), the public projection (odcore.public) and the plan pages' view
(odcore.ui.plan_view). The second input, what the portal work measured and kept (content
checks of resource files and the data.gov.ua reconciliation, odcore.portal.records), is read
by the data service and handed in here once; the coverage of the Ministry's recommended sets
is computed here from the register and the shipped structures. Pure: no Streamlit, no network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from odcore.checks import all_issues
from odcore.issues import Issue, count_by_severity
from odcore.portal.coverage import Coverage, coverage
from odcore.portal.records import NO_KEPT_PORTAL, KeptPortal
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
from odcore.rules.openness import LicenceKind
from odcore.rules.owing import DepartmentProgress, department_progress
from odcore.rules.progress import (
    PlanProgress,
    TaskProgress,
    plan_progress,
    previous_quarter_as_of,
)
from odcore.rules.quality import DatasetAssessment, DatasetQuality, assess_datasets
from odcore.rules.reasons import Reason
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
class Headline:
    """A headline figure as part of a whole (docs/portal.md, "Three headline figures")."""

    part: int
    whole: int

    @property
    def share(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def to_json(self) -> dict[str, Any]:
        return {"part": self.part, "whole": self.whole, "share": self.share}


@dataclass(frozen=True)
class HeadlineFigures:
    """Availability, timeliness by the portal's dates and quality: measured, not typed.

    ``timeliness`` is None when no reconciliation with the portal is kept ("немає даних");
    ``timeliness_checked_at`` is when the kept one asked the portal (ISO).
    """

    availability: Headline
    timeliness: Headline | None
    timeliness_checked_at: str | None
    quality: Headline

    def to_json(self) -> dict[str, Any]:
        return {"availability": self.availability.to_json(),
                "timeliness": None if self.timeliness is None else self.timeliness.to_json(),
                "timeliness_checked_at": self.timeliness_checked_at,
                "quality": self.quality.to_json()}


def passes_quality(item: DatasetQuality) -> bool:
    """Passport complete, a machine-readable format, a stated licence that is not closed, and
    no failed structure check: "meets the Ministry's recommendations" (docs/portal.md)."""
    # The fields rather than the passport_complete property: one call per published row.
    return (not item.missing_fields and item.machine_readable
            and item.licence not in (LicenceKind.CLOSED, LicenceKind.MISSING)
            and Reason.STRUCTURE_MISMATCH not in item.reasons)


@dataclass(frozen=True)
class FiguresKey:
    """What a Figures depends on, hashable: the cache key for Figures.

    ``snapshot`` names the workbook read (a source and its fingerprint: the same text means
    the same records); ``settings`` is ``Settings.model_dump_json()``; ``portal`` is the kept
    portal records' stamp (KeptPortal.stamp).
    """

    snapshot: str
    as_of: dt.date
    settings: str
    portal: str = ""

    @classmethod
    def of(cls, snapshot: str, as_of: dt.date, settings: Settings,
           portal: KeptPortal = NO_KEPT_PORTAL) -> FiguresKey:
        return cls(snapshot, as_of, settings.model_dump_json(), portal.stamp)


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
    departments: tuple[DepartmentProgress, ...]
    links: IndicatorLinks
    indicators: Mapping[str, IndicatorValue]  # RULES.md's table order
    assessment: DatasetAssessment
    public_products: tuple[Product, ...]  # marked public and added by as_of (or undated)
    issues: tuple[Issue, ...]
    events: tuple[TaskEvents, ...]  # settings.event_tasks' events (8.1, 9.2)
    people: PeopleFigures  # 2.1 and 2.2: names, for internal pages only
    coverage: Coverage  # the Ministry's recommended sets in the register (docs/portal.md)
    # The workbook the figures were built from, for the figures computed when first asked for
    # (``previous``); never changed once read (a FiguresKey's snapshot names its records).
    workbook: Workbook = field(repr=False, compare=False)
    portal: KeptPortal = NO_KEPT_PORTAL  # content checks and reconciliation, as last kept

    @cached_property
    def previous(self) -> PlanProgress:
        """Plan progress at the end of the previous quarter (previous_quarter_as_of).

        Computed when first asked for, then kept (**decision**, docs/performance.md round 6b):
        the summary, the public pages and the exports never read it, the plan pages and the
        history do. Pure, so every consumer gets the same value whenever it asks.
        """
        return plan_progress(self.workbook, previous_quarter_as_of(self.as_of), self.settings)

    @property
    def change(self) -> float | None:
        """Plan progress now minus at the end of the previous quarter; None when undefined,
        and None when that quarter ended on or before the plan's first day: there is no
        earlier plan to compare with (docs/rules.md, "No comparison before the plan")."""
        if self.plan.progress is None or self.previous.progress is None:
            return None
        if self.previous.as_of <= dt.date(self.settings.plan_first_year, 1, 1):
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
    def headline(self) -> HeadlineFigures:
        """The three headline figures (docs/portal.md, "Three headline figures")."""
        published = self.assessment.published()
        reconciliation = self.portal.reconciliation
        timeliness = None
        if reconciliation is not None:
            # Every package of the organisation that the portal dates (its own last_modified
            # and frequency), whether or not the register names it.
            dated = [c for c in reconciliation.comparisons
                     if c.package_id and c.portal_next_due is not None]
            timeliness = Headline(sum(not c.overdue_on_portal for c in dated), len(dated))
        return HeadlineFigures(
            availability=Headline(self.coverage.published, self.coverage.evaluated),
            timeliness=timeliness,
            timeliness_checked_at=reconciliation.checked_at if reconciliation else None,
            quality=Headline(sum(passes_quality(i) for i in published), len(published)))

    @property
    def issue_counts(self) -> IssueCounts:
        return IssueCounts(**count_by_severity(list(self.issues)))


def _exists_by(day: dt.date | None, as_of: dt.date) -> bool:
    """A dated record exists by as_of; an undated one is taken as existing."""
    return day is None or day <= as_of


def is_public_product(product: Product, as_of: dt.date) -> bool:
    """Marked public (yes) and added by as_of (or undated)."""
    return product.public is True and _exists_by(product.added_on, as_of)


def build_figures(workbook: Workbook, as_of: dt.date, settings: Settings,
                  portal: KeptPortal = NO_KEPT_PORTAL) -> Figures:
    """Every figure of the workbook at as_of, with the portal records last kept; the only
    call of the figure rules."""
    # The figures allocate many objects that all survive, over a loaded workbook of up to
    # millions: the collector's rescans of them cost about a fifth of the figures at 1000x.
    with cyclic_gc_paused():
        return _build_figures(workbook, as_of, settings, portal)


def _build_figures(workbook: Workbook, as_of: dt.date, settings: Settings,
                   portal: KeptPortal) -> Figures:
    plan = plan_progress(workbook, as_of, settings)
    links = indicator_links(workbook)
    failed = portal.content.failed_ids if portal.content is not None else ()
    assessment = assess_datasets(workbook, as_of, settings, structure_failed=failed)
    return Figures(
        as_of=as_of, settings=settings, plan=plan,
        departments=tuple(department_progress(plan, settings)),
        links=links,
        indicators=compute_indicators(workbook, as_of, settings, links=links,
                                      assessment=assessment),
        assessment=assessment,
        public_products=tuple(p for p in workbook.products if is_public_product(p, as_of)),
        issues=tuple(all_issues(workbook, settings)),
        events=task_events(workbook, as_of, settings),
        people=people_figures(workbook, as_of, settings),
        coverage=coverage(workbook.datasets),
        portal=portal,
        workbook=workbook,
    )
