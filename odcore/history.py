"""Closed quarters and the programme's path quarter by quarter (docs/history.md).

Closing a quarter freezes, in the snapshot store, what the score card sent to the Ministry
was built from: the raw grids read (enough for ``load_workbook`` to rebuild the Workbook), the
machine-readable summary at the quarter's end, the register rows and the score card's bytes,
with the close time and who closed it. A closed quarter's card and history row come from that
copy, whatever the register says today. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from odcore.figures import Figures, build_figures
from odcore.periods import Quarter, parse_quarter, plan_quarters
from odcore.reading import load_workbook
from odcore.rules.quality import TrendPoint
from odcore.settings import Settings
from odcore.sources.recorded import FrozenSource, RawRead, raw_read_from_json, raw_read_json
from odcore.sources.snapshots import state_dir, write_private_file
from odcore.summary import build_summary
from odcore.workbook import Workbook

FORMAT = 1


class ClosedQuarterError(Exception):
    """A quarter cannot be closed (or a close cannot be read); the message is Ukrainian."""


@dataclass(frozen=True, eq=False)
class ClosedQuarter:
    """One close of a quarter: what was frozen, when and by whom."""

    quarter: Quarter
    closed_at: dt.datetime
    closed_by: str
    store_id: str
    raw: RawRead
    summary: dict[str, Any]  # build_summary at quarter.end_as_of
    register: list[dict[str, str | None]]
    score_card: bytes

    @property
    def as_of(self) -> dt.date:
        return self.quarter.end_as_of

    @property
    def stem(self) -> str:
        """The files' common name: the quarter and the close time (UTC, microseconds)."""
        stamp = self.closed_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        return f"{self.quarter}-{stamp}"

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "quarter": str(self.quarter),
                "closed_at": self.closed_at.isoformat(), "closed_by": self.closed_by,
                "store_id": self.store_id, "as_of": self.as_of.isoformat(),
                "summary": self.summary, "register": self.register,
                "score_card_sha256": hashlib.sha256(self.score_card).hexdigest(),
                "raw": raw_read_json(self.raw)}


def closed_folder(store_id: str, folder: Path | None = None) -> Path:
    """Where a source's closes are kept: ``closed/<digest of the source>`` in the state folder."""
    digest = hashlib.sha256(store_id.encode("utf-8")).hexdigest()[:24]
    return (folder or state_dir()) / "closed" / digest


def save_close(folder: Path, closed: ClosedQuarter) -> None:
    """Write the card, then the JSON that names its digest (both private, atomic): a crash
    between them leaves no close, never a close without its card. OSError on failure."""
    data = json.dumps(closed.to_json(), ensure_ascii=False, allow_nan=False).encode("utf-8")
    write_private_file(folder / f"{closed.stem}.xlsx", closed.score_card)
    write_private_file(folder / f"{closed.stem}.json", data)


# What a kept close that cannot be used raises while it is rebuilt.
CLOSE_ERRORS = (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
                RecursionError)


def closed_from_json(data: object, card: bytes) -> ClosedQuarter:
    """A close rebuilt from :meth:`ClosedQuarter.to_json`'s data and its card's bytes; one of
    ``CLOSE_ERRORS`` when they do not fit (the card's digest included)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("format")
    quarter = parse_quarter(str(data["quarter"]))
    if quarter is None:
        raise ValueError("quarter")
    if hashlib.sha256(card).hexdigest() != data["score_card_sha256"]:
        raise ValueError("card digest")
    return ClosedQuarter(quarter=quarter,
                         closed_at=dt.datetime.fromisoformat(data["closed_at"]),
                         closed_by=str(data["closed_by"]), store_id=str(data["store_id"]),
                         raw=raw_read_from_json(data["raw"]), summary=dict(data["summary"]),
                         register=list(data["register"]), score_card=card)


def _load_one(path: Path) -> ClosedQuarter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return closed_from_json(data, path.with_suffix(".xlsx").read_bytes())
    except CLOSE_ERRORS as exc:
        raise ClosedQuarterError(
            f"збережене закриття кварталу {path} пошкоджене ({type(exc).__name__}: {exc}), "
            "його проігноровано") from None


def load_closes(folder: Path) -> tuple[list[ClosedQuarter], list[str]]:
    """Every close kept in ``folder``, by quarter then close time, and why any was left out."""
    closes: list[ClosedQuarter] = []
    problems: list[str] = []
    if not folder.is_dir():
        return closes, problems
    for path in sorted(folder.glob("*.json")):
        try:
            closes.append(_load_one(path))
        except ClosedQuarterError as exc:
            problems.append(str(exc))
    closes.sort(key=lambda c: (c.quarter, c.closed_at))
    return closes, problems


class _Kept(Protocol):
    """What closing needs of the snapshot store (the service's SnapshotStore)."""

    def load_closed(self, ref: Any, quarter: Quarter) -> ClosedQuarter | None: ...

    def save_closed(self, ref: Any, closed: ClosedQuarter) -> None: ...


class _Read(Protocol):
    """What closing needs of a snapshot (odcore.service.Snapshot)."""

    @property
    def workbook(self) -> Workbook: ...

    @property
    def partial(self) -> bool: ...

    @property
    def raw(self) -> RawRead | None: ...


class _Ref(Protocol):
    @property
    def store_id(self) -> str: ...


class ClosingService(Protocol):
    """What closing needs of the data service (odcore.service.DataService, which imports
    this module: the layers keep it above, so it is named here by what it offers)."""

    @property
    def ref(self) -> _Ref: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def store(self) -> _Kept: ...

    def snapshot(self, *, keep_raw: bool = False) -> Any: ...

    def figures(self, snapshot: Any, as_of: dt.date) -> Figures: ...

    def forget(self) -> None: ...


@dataclass(frozen=True)
class CloseOutcome:
    """What closing did: the close that now serves, and whether it was made now."""

    closed: ClosedQuarter
    made: bool


def close_quarter(service: ClosingService, quarter: Quarter, *, by: str = "",
                  replace: bool = False, now: dt.datetime | None = None) -> CloseOutcome:
    """Freeze ``quarter`` from the service's current data. A quarter closed already keeps its
    first close unless ``replace`` (then both are kept; the latest serves). ClosedQuarterError
    when the quarter is outside the plan or not over, or the read is partial; OSError when
    the store cannot be written."""
    from odcore.exports.register import register_rows
    from odcore.exports.score_card import score_card_bytes

    settings = service.settings
    first, last = settings.plan_years
    if not first <= quarter.year <= last:
        raise ClosedQuarterError(f"Квартал {quarter} поза роками плану ({first}–{last}).")
    if not quarter.is_due(settings.today()):
        raise ClosedQuarterError(
            f"{quarter.label_uk()} ще не закінчився: закрити можна з "
            f"{quarter.end_as_of:%d.%m.%Y}.")
    existing = service.store.load_closed(service.ref, quarter)
    if existing is not None and not replace:
        return CloseOutcome(existing, made=False)
    snapshot: _Read = service.snapshot(keep_raw=True)
    if snapshot.partial:
        # A partial read would freeze a kept copy or a missing department as the quarter.
        raise ClosedQuarterError(
            "Не всі таблиці прочитано зараз (див. «Перевірка даних»), тож квартал не закрито: "
            "спробуйте пізніше.")
    assert snapshot.raw is not None  # asked for with keep_raw
    workbook = snapshot.workbook
    closed = ClosedQuarter(
        quarter=quarter, closed_at=now or settings.now(), closed_by=by.strip(),
        store_id=service.ref.store_id, raw=snapshot.raw,
        summary=build_summary(service.figures(snapshot, quarter.end_as_of)),
        register=register_rows(workbook, settings)[0],
        score_card=score_card_bytes(workbook, quarter, settings))
    service.store.save_closed(service.ref, closed)
    service.forget()  # the pages read the closes again (the overview's change, the trends)
    return CloseOutcome(closed, made=True)


def frozen_workbook(closed: ClosedQuarter, settings: Settings) -> Workbook:
    """The Workbook rebuilt from a close's raw grids (the same records as at the close)."""
    return load_workbook(FrozenSource(closed.raw), settings)


@dataclass(frozen=True)
class HistoryRow:
    """One quarter of the programme's path; ``closed`` when it comes from the frozen copy."""

    quarter: Quarter
    as_of: dt.date
    closed: bool
    closed_at: dt.datetime | None
    closed_by: str
    plan_progress: float | None
    compliance_share: float | None
    overdue: tuple[str, ...]  # published datasets overdue at as_of
    debt: Mapping[str, int]  # department -> missed periods + overdue one-off deadlines

    def to_json(self) -> dict[str, Any]:
        return {"quarter": str(self.quarter), "as_of": self.as_of.isoformat(),
                "closed": self.closed,
                "closed_at": self.closed_at.isoformat() if self.closed_at else None,
                "closed_by": self.closed_by or None, "plan_progress": self.plan_progress,
                "compliance_share": self.compliance_share, "overdue": list(self.overdue),
                "debt": dict(self.debt)}


def department_debt(summary: Mapping[str, Any]) -> dict[str, int]:
    """What each executor owes (RULES.md "Departments"): its tasks' missed periods and
    overdue one-off deadlines, counted from a summary."""
    plan = summary["plan"]
    owed = {t["code"]: len(t["missed"]) + (t["state"] == "overdue") for t in plan["tasks"]}
    return {d["department"]: sum(owed.get(code, 0) for code in d["tasks"])
            for d in plan["departments"]}


def history_row(quarter: Quarter, summary: Mapping[str, Any],
                closed: ClosedQuarter | None = None) -> HistoryRow:
    """A quarter's row from a summary (the frozen one when ``closed`` is given)."""
    datasets = summary["datasets"]
    return HistoryRow(
        quarter=quarter, as_of=dt.date.fromisoformat(summary["as_of"]),
        closed=closed is not None, closed_at=closed.closed_at if closed else None,
        closed_by=closed.closed_by if closed else "",
        plan_progress=summary["plan"]["progress"],
        compliance_share=datasets["compliant_share"], overdue=tuple(datasets["overdue"]),
        debt=department_debt(summary))


def build_history(workbook: Workbook, settings: Settings, today: dt.date,
                  closes: Mapping[Quarter, ClosedQuarter],
                  figures_at: Callable[[dt.date], Figures] | None = None) -> list[HistoryRow]:
    """Every plan quarter that has started by ``today``: a closed one from its frozen summary,
    the others from ``workbook`` at the quarter's end (today for the quarter under way).
    ``figures_at`` builds the figures (the service's cache); build_figures by default."""
    def figures(as_of: dt.date) -> Figures:
        return figures_at(as_of) if figures_at else build_figures(workbook, as_of, settings)

    rows = []
    for quarter in plan_quarters(*settings.plan_years):
        if not quarter.has_started(today):
            break
        closed = closes.get(quarter)
        if closed is not None:
            rows.append(history_row(quarter, closed.summary, closed))
            continue
        as_of = quarter.end_as_of if quarter.is_due(today) else today
        rows.append(history_row(quarter, build_summary(figures(as_of))))
    return rows


def serving_closes(closes: list[ClosedQuarter]) -> dict[Quarter, ClosedQuarter]:
    """The close that serves each quarter: its latest (``closes`` sorted by close time)."""
    serving: dict[Quarter, ClosedQuarter] = {}
    for closed in sorted(closes, key=lambda c: c.closed_at):
        serving[closed.quarter] = closed
    return serving


@dataclass(frozen=True)
class QuarterChange:
    """Plan progress at ``as_of`` minus at the previous quarter's end, and where the earlier
    figure comes from: the quarter's frozen close, or today's data (``closed`` None)."""

    points: float | None
    quarter: Quarter | None  # the previous quarter
    closed: ClosedQuarter | None = field(repr=False)


def change_since_previous(figures: Figures, closes: Mapping[Quarter, ClosedQuarter]
                          ) -> QuarterChange:
    """The overview's "change since the previous quarter": from the previous quarter's close
    when it is closed, else recomputed from today's data (Figures.change)."""
    previous_as_of = figures.previous.as_of
    if previous_as_of <= dt.date.min:
        return QuarterChange(figures.change, None, None)
    quarter = Quarter.of(previous_as_of - dt.timedelta(days=1))
    closed = closes.get(quarter)
    if closed is None or closed.as_of != previous_as_of:
        return QuarterChange(figures.change, quarter, None)
    frozen = closed.summary.get("plan", {}).get("progress")
    now = figures.plan.progress
    before_plan = previous_as_of <= dt.date(figures.settings.plan_first_year, 1, 1)
    points = None if now is None or frozen is None or before_plan else now - float(frozen)
    return QuarterChange(points, quarter, closed)


def closed_trend(trend: Sequence[TrendPoint], closes: Mapping[Quarter, ClosedQuarter]
                 ) -> list[tuple[TrendPoint, ClosedQuarter | None]]:
    """The datasets' quarterly trend with each closed quarter's point taken from its frozen
    summary (and that close), the others as recomputed from today's data."""
    points: list[tuple[TrendPoint, ClosedQuarter | None]] = []
    for point in trend:
        closed = closes.get(point.quarter)
        frozen = _frozen_point(closed, point.quarter) if closed is not None else None
        points.append((frozen, closed) if frozen is not None else (point, None))
    return points


def _frozen_point(closed: ClosedQuarter, quarter: Quarter) -> TrendPoint | None:
    for item in closed.summary.get("datasets", {}).get("trend", []):
        if isinstance(item, dict) and item.get("quarter") == str(quarter):
            try:
                return TrendPoint(quarter, int(item["published_by_end"]), int(item["checks"]),
                                  int(item["checks_passed"]))
            except (KeyError, TypeError, ValueError):
                return None
    return None


def quarter_score_card(workbook: Workbook, quarter: Quarter, settings: Settings,
                       closes: Mapping[Quarter, ClosedQuarter]) -> bytes:
    """The score card the dashboard serves for ``quarter``: the file frozen at its close
    when it is closed, else built from ``workbook`` now."""
    from odcore.exports.score_card import score_card_bytes

    closed = closes.get(quarter)
    return closed.score_card if closed is not None else score_card_bytes(workbook, quarter,
                                                                          settings)
