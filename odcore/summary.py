"""The machine-readable summary (RULES.md "Machine-readable summary") and its text form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from odcore.checks import all_issues
from odcore.i18n import translate
from odcore.issues import count_by_severity
from odcore.rounding import whole_percent
from odcore.rules.indicators import (
    IndicatorLinks,
    IndicatorValue,
    compute_indicators,
    indicator_links,
    is_discrepancy,
    task_indicator,
)
from odcore.rules.owing import department_progress
from odcore.rules.progress import PlanProgress, TaskProgress, plan_progress
from odcore.rules.quality import DatasetAssessment, assess_datasets
from odcore.settings import Settings
from odcore.workbook import Workbook


def _task_json(progress: TaskProgress, links: IndicatorLinks,
               indicators: dict[str, IndicatorValue]) -> dict[str, Any]:
    indicator = task_indicator(progress, links, indicators)
    return {
        "code": progress.code,
        "section": progress.section,
        "schedule": progress.schedule.kind.value,
        "deadline": progress.schedule.text,
        "due": progress.due.isoformat() if progress.due else None,
        "state": progress.state.value,
        "progress": progress.progress,
        "missed": list(progress.missed),
        "indicator": None if indicator is None else {
            "key": indicator.key, "value": indicator.value, "met": indicator.met},
        "discrepancy": is_discrepancy(progress, indicator),
    }


def _plan_json(plan: PlanProgress, links: IndicatorLinks,
               indicators: dict[str, IndicatorValue], settings: Settings) -> dict[str, Any]:
    return {
        "progress": plan.progress,
        "sections": [{"section": s.number, "title": s.title, "progress": s.progress}
                     for s in plan.sections],
        "tasks": [_task_json(t, links, indicators) for t in plan.tasks],
        "departments": [{"department": d.department, "progress": d.progress,
                         "tasks": d.codes}
                        for d in department_progress(plan, settings)],
    }


def build_summary(workbook: Workbook, as_of: dt.date, settings: Settings, *,
                  assessment: DatasetAssessment | None = None) -> dict[str, Any]:
    """Every figure of the dashboard at as_of, JSON-serialisable, full precision.

    ``assessment`` (the datasets at as_of) may be passed when the caller already has it.
    """
    plan = plan_progress(workbook, as_of, settings)
    links = indicator_links(workbook)
    assessment = assessment or assess_datasets(workbook, as_of, settings)
    indicators = compute_indicators(workbook, as_of, settings, links=links,
                                    assessment=assessment)
    counts = count_by_severity(all_issues(workbook, settings))  # exactly those `check` reports
    return {
        "as_of": as_of.isoformat(),
        "plan": _plan_json(plan, links, indicators, settings),
        "indicators": {
            key: {"value": i.value, "target": i.target, "op": i.op, "met": i.met,
                  "title": i.title}
            for key, i in indicators.items()},
        "datasets": assessment.summary_json(),
        "issues": {"errors": counts["errors"], "warnings": counts["warnings"],
                   "infos": counts["infos"]},
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
    lines = [f"Станом на {as_of:%d.%m.%Y}", f"Виконання плану: {_percent(plan['progress'])}",
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
