"""The naive baseline: the same figures' core written the way most Streamlit + Sheets apps are.

pandas ``read_excel`` with openpyxl, one call per tab; a pydantic model per row (a row that
does not validate is dropped, silently); then pandas filtering per figure: published sets,
overdue sets (the portal's intervals) and compliant sets (portal link, a machine-readable
format, an open licence, a description and keywords, on time, latest quality check not
failed). It checks far less than odcore does (no Issue per cell, no cross-tab references):
it is the yardstick of bench/bench_scale.py, not an implementation of RULES.md.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError, field_validator

from odcore.exports.template import describe_tabs

# The portal's update intervals in days, by the register's frequency value.
INTERVAL_DAYS = {"Щодня": 1, "Щотижня": 7, "Щомісяця": 31, "Щокварталу": 92,
                 "Раз на квартал": 92, "Щопівроку": 183, "Щороку": 366, "Щорічно": 366}
MACHINE_READABLE = r"\b(?:CSV|JSON|XML|XLSX|XLS|GEOJSON|ODS|ZIP|API)\b"
OPEN_LICENCE = r"CC BY|CC0|Creative Commons Attribution"


def _blank_to_none(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


class _Row(BaseModel):
    @field_validator("*", mode="before")
    @classmethod
    def _nan_is_empty(cls, value: Any) -> Any:
        return _blank_to_none(value)


class NaiveDataset(_Row):
    id: str
    title: str
    description: str | None = None
    department: str | None = None
    status: str
    portal_url: str | None = None
    formats: str | None = None
    update_frequency: str | None = None
    last_updated: dt.date | None = None
    keywords: str | None = None
    license: str | None = None


class NaiveCheck(_Row):
    dataset_id: str
    period: str
    compliant: str
    resolved: str | None = None
    checked_on: dt.date | None = None


class NaiveReport(_Row):
    task_code: str
    period: str
    status: str
    department: str | None = None
    reported_on: dt.date | None = None


_MODELS: dict[str, type[_Row]] = {"datasets": NaiveDataset, "quality_checks": NaiveCheck,
                                  "reports": NaiveReport}


def read(path: Path) -> dict[str, pd.DataFrame]:
    """Each modelled tab read with read_excel (openpyxl), validated row by row, as a frame."""
    frames: dict[str, pd.DataFrame] = {}
    for layout in describe_tabs(with_plan=False):
        model = _MODELS.get(layout.key)
        if model is None:
            continue
        sheet = pd.read_excel(path, sheet_name=layout.title, engine="openpyxl", dtype=object)
        sheet = sheet.rename(columns={c.header: c.key for c in layout.columns})
        rows = []
        for record in sheet.to_dict("records"):
            try:
                rows.append(model.model_validate(
                    {k: v for k, v in record.items() if k in model.model_fields}))
            except ValidationError:
                continue
        frames[layout.key] = pd.DataFrame([r.model_dump() for r in rows])
    return frames


def figures(frames: dict[str, pd.DataFrame], as_of: dt.date) -> dict[str, Any]:
    """Published and compliant counts and the overdue list, each by filtering the frames."""
    datasets = frames["datasets"]
    published = datasets[datasets["status"] == "Оприлюднено"]
    interval = published["update_frequency"].map(INTERVAL_DAYS)
    last = pd.to_datetime(published["last_updated"])
    next_due = last + pd.to_timedelta(interval, unit="D")
    overdue = published[interval.notna() & (last.isna() | (next_due < pd.Timestamp(as_of)))]
    checks = frames["quality_checks"].sort_values("checked_on", na_position="first")
    latest = checks.groupby("dataset_id").tail(1)
    failed = set(latest[(latest["compliant"] == "ні") & (latest["resolved"] != "так")]
                 ["dataset_id"])
    compliant = published[
        published["portal_url"].notna()
        & published["formats"].fillna("").str.upper().str.contains(MACHINE_READABLE)
        & published["license"].fillna("").str.contains(OPEN_LICENCE)
        & ~published["license"].fillna("").str.contains("NC")
        & published["description"].notna() & published["keywords"].notna()
        & ~published["id"].isin(overdue["id"]) & ~published["id"].isin(failed)]
    return {"published": len(published), "compliant": len(compliant),
            "overdue": sorted(overdue["id"])}
