"""The machine-readable summary (RULES.md "Machine-readable summary") and its text form."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from odcore.figures import Figures
from odcore.i18n import translate
from odcore.reading import cyclic_gc_paused
from odcore.rounding import whole_percent
from odcore.rules.indicators import is_discrepancy, title_phrase
from odcore.rules.progress import TaskProgress


def _task_json(progress: TaskProgress, figures: Figures) -> dict[str, Any]:
    indicator = figures.indicator(progress)
    return {
        "code": progress.code,
        "section": progress.section,
        "schedule": progress.schedule.kind._value_,  # not .value: a Python descriptor
        "deadline": progress.schedule.text,
        "due": progress.due.isoformat() if progress.due else None,
        "state": progress.state._value_,
        "progress": progress.progress,
        "missed": list(progress.missed),
        "indicator": None if indicator is None else {
            "key": indicator.key, "value": indicator.value, "met": indicator.met},
        "discrepancy": is_discrepancy(progress, indicator),  # figures.discrepancy, once
    }


def _plan_json(figures: Figures) -> dict[str, Any]:
    plan = figures.plan
    return {
        "progress": plan.progress,
        "sections": [{"section": s.number, "title": s.title, "progress": s.progress}
                     for s in plan.sections],
        "tasks": [_task_json(t, figures) for t in plan.tasks],
        "departments": [{"department": d.department, "progress": d.progress,
                         "tasks": d.codes}
                        for d in figures.departments],
    }


def _portal_json(figures: Figures) -> dict[str, Any]:
    """What the portal work last kept: content checks per dataset (with row and column
    findings) and the reconciliation's time, counts and mismatches (None when not kept)."""
    content, reconciliation = figures.portal.content, figures.portal.reconciliation
    return {
        "content": None if content is None else content.to_json(),
        "reconciliation": None if reconciliation is None else {
            key: value for key, value in reconciliation.to_json().items()
            if key != "comparisons"},
    }


@lru_cache(maxsize=64)
def _indicator_title(key: str) -> str:
    """An indicator's Ukrainian title: the catalogue's fixed words, rendered once per key."""
    return title_phrase(key).render("uk")


def build_summary(figures: Figures) -> dict[str, Any]:
    """Every figure of the dashboard at figures.as_of, JSON-serialisable, full precision."""
    # A dict per dataset and per task, all kept: the collector would rescan the loaded
    # workbook each time they pile up (at 1000x the demo, most of the summary's time).
    with cyclic_gc_paused():
        return _build_summary(figures)


def _build_summary(figures: Figures) -> dict[str, Any]:
    counts = figures.issue_counts  # exactly those `check` reports
    return {
        "as_of": figures.as_of.isoformat(),
        "plan": _plan_json(figures),
        "indicators": {
            key: {"value": i.value, "target": i.target, "op": i.op, "met": i.met,
                  "title": _indicator_title(key)}
            for key, i in figures.indicators.items()},
        "datasets": figures.assessment.summary_json(),
        "issues": {"errors": counts.errors, "warnings": counts.warnings,
                   "infos": counts.infos},
        "events": [task.summary_json() for task in figures.events],
        "people": figures.people.summary_json(),
        "coverage": figures.coverage.to_json(),
        "headline": figures.headline.to_json(),
        "portal": _portal_json(figures),
    }


def _percent(value: float | None) -> str:
    """A share as a whole percentage rounded half up, or "немає даних"."""
    if value is None:
        return "немає даних"
    return f"{whole_percent(value)} %"


def _indicator_text(key: str, data: dict[str, Any]) -> str:
    value = data["value"]
    shown = _percent(value) if key.endswith("_share") else (
        "немає даних" if value is None else str(value))
    target = _percent(data["target"]) if key.endswith("_share") else str(int(data["target"]))
    met = {True: "досягнуто", False: "не досягнуто", None: "—"}[data["met"]]
    return f"  {data['title']}: {shown} (ціль {data['op']} {target}; {met})"


def summary_text(summary: dict[str, Any]) -> str:
    """The summary as plain Ukrainian text for `summary --format text`."""
    as_of = dt.date.fromisoformat(summary["as_of"])
    plan = summary["plan"]
    council = summary.get("council")
    lines = [council["name"]] if council else []
    lines += [f"Станом на {as_of:%d.%m.%Y}", f"Виконання плану: {_percent(plan['progress'])}",
             "", "Розділи:"]
    lines += [f"  {s['section']}. {s['title']}: {_percent(s['progress'])}"
              for s in plan["sections"]]
    lines += ["", "Завдання:"]
    for task in plan["tasks"]:
        line = f"  {task['code']}: {translate('state.' + task['state'])}"
        if task["progress"] is not None:  # a task left out of averages has no percentage
            line += f", {_percent(task['progress'])}"
        if task["missed"]:
            line += "; пропущено: " + ", ".join(task["missed"])
        if task["discrepancy"]:
            line += "; звіт «Виконано» не підтверджено даними"
        lines.append(line)
    lines += ["", "Показники:"]
    lines += [_indicator_text(k, v) for k, v in summary["indicators"].items()]
    datasets = summary["datasets"]
    lines += ["", f"Набори даних: {datasets['total']}, оприлюднено {datasets['published']}, "
                  f"відповідають стандартам {datasets['compliant']} "
                  f"({_percent(datasets['compliant_share'])})"]
    issues = summary["issues"]
    lines += ["", f"Проблеми в даних: помилок {issues['errors']}, "
                  f"попереджень {issues['warnings']}"]
    return "\n".join(lines)
