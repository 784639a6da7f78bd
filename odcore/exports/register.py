"""The register of datasets as open data, in the Ministry's recommended structure (annex 7).

CMU Resolution 835 (item 19) requires the council to publish its register of datasets as a
dataset itself. ``write_register`` writes it as UTF-8 CSV and JSON with the structure file
beside, ready for data.gov.ua, and returns an Issue for every required value a row lacks.
The register carries contact points (the structure requires them): it is a coordinator's
download, never part of a public page or public export.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from odcore.exports.safe import atomic_path, csv_bytes
from odcore.issues import Finding, Issue, IssueCode
from odcore.rules.openness import normalize_format
from odcore.schema.models import Dataset
from odcore.schema.tabs import header_of
from odcore.schema.vocab import DatasetStatus, UpdateFrequency
from odcore.settings import Settings
from odcore.workbook import Workbook

ANNEX7_SCHEMA_PATH = (Path(__file__).resolve().parents[1] / "portal" / "structures" / "annex-07"
                      / "register" / "schema.json")
REGISTER_CSV = "register.csv"
REGISTER_JSON = "register.json"
REGISTER_SCHEMA = "register.schema.json"
# Rows left out of the published register: access restricted by law, or withdrawn.
LEFT_OUT_STATUSES = (DatasetStatus.RESTRICTED, DatasetStatus.WITHDRAWN)
# accrualPeriodicity values the structure lists (its description names these seven).
STRUCTURE_PERIODICITY = (
    UpdateFrequency.MORE_THAN_DAILY, UpdateFrequency.DAILY, UpdateFrequency.WEEKLY,
    UpdateFrequency.MONTHLY, UpdateFrequency.QUARTERLY, UpdateFrequency.HALF_YEARLY,
    UpdateFrequency.YEARLY,
)


@dataclass(frozen=True)
class RegisterField:
    """Where one structure column's value comes from: a register column or the settings."""

    header: str = ""  # the register column to fill
    of_dataset: Callable[[Dataset], str | None] | None = None
    setting: str = ""  # else: this field of the council's settings

    def value(self, dataset: Dataset, settings: Settings) -> str | None:
        if self.of_dataset is not None:
            return self.of_dataset(dataset)
        return self.setting_value(settings)

    def setting_value(self, settings: Settings) -> str | None:
        value = getattr(settings.council, self.setting, None)
        return value if isinstance(value, str) else None


def _join(values: tuple[str, ...]) -> str | None:
    return ", ".join(values) if values else None


def _formats(dataset: Dataset) -> str | None:
    return _join(tuple(normalize_format(f) for f in dataset.formats if f.strip()))


FIELDS: dict[str, RegisterField] = {
    "uid": RegisterField("ID", lambda d: d.id),
    "title": RegisterField("Назва", lambda d: d.title),
    "description": RegisterField("Опис", lambda d: d.description),
    "accrualPeriodicity": RegisterField(
        "Частота оновлення", lambda d: d.update_frequency.value if d.update_frequency else None),
    "keywords": RegisterField("Ключові слова", lambda d: _join(d.keywords)),
    "purpose": RegisterField("Підстава та призначення збору інформації", lambda d: d.purpose),
    "url": RegisterField("Посилання на портал", lambda d: d.portal_url),
    "distributionFormat": RegisterField("Формати", _formats),
    "publisherName": RegisterField(setting="full_name"),
    "publisherId": RegisterField(setting="edrpou"),
    "contactPointName": RegisterField("Відповідальна особа", lambda d: d.steward),
    "contactPointEmail": RegisterField("Email відповідальної особи", lambda d: d.steward_email),
}


@cache
def annex7_schema_text() -> str:
    """The structure file as the Ministry publishes it (a CSVW table schema)."""
    return ANNEX7_SCHEMA_PATH.read_text(encoding="utf-8")


def annex7_columns() -> list[dict[str, Any]]:
    """The structure's columns in order: name, title, description, datatype, required."""
    return list(json.loads(annex7_schema_text())["tableSchema"]["columns"])


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _row_issue(dataset: Dataset, finding: Finding, column: str, value: str) -> Issue:
    return Issue(finding, spreadsheet=dataset.origin.spreadsheet, tab=dataset.origin.tab,
                 row=dataset.origin.row, column=column, value=value,
                 department=dataset.department, link=dataset.origin.link)


def register_rows(workbook: Workbook,
                  settings: Settings) -> tuple[list[dict[str, str | None]], list[Issue]]:
    """The register's rows keyed by the structure's column names, and what they lack."""
    columns = annex7_columns()
    issues: list[Issue] = []
    for column in columns:
        spec = FIELDS[column["name"]]
        if spec.of_dataset is None and _blank(spec.setting_value(settings)):
            values = {"title": column["title"], "name": column["name"], "setting": spec.setting}
            finding = (Finding.of(IssueCode.REGISTER_MISSING_VALUE, "setting", **values)
                       if column["required"]
                       else Finding.of(IssueCode.REGISTER_MISSING_OPTIONAL_VALUE, **values))
            issues.append(Issue(finding, column=column["name"]))
    rows: list[dict[str, str | None]] = []
    left_out: list[str] = []
    for dataset in workbook.datasets:
        if dataset.status in LEFT_OUT_STATUSES:
            left_out.append(dataset.id)
            continue
        row: dict[str, str | None] = {}
        for column in columns:
            spec = FIELDS[column["name"]]
            value = spec.value(dataset, settings)
            row[column["name"]] = None if _blank(value) else value
            if column["required"] and _blank(value) and spec.of_dataset is not None:
                issues.append(_row_issue(dataset, Finding.of(
                    IssueCode.REGISTER_MISSING_VALUE, title=column["title"], name=column["name"],
                    dataset=dataset.id, header=spec.header), spec.header, ""))
        frequency = dataset.update_frequency
        if frequency is not None and frequency not in STRUCTURE_PERIODICITY:
            issues.append(_row_issue(dataset, Finding.of(
                IssueCode.REGISTER_VALUE_OUTSIDE_STRUCTURE, value=frequency.value,
                allowed=", ".join(f"«{f.value}»" for f in STRUCTURE_PERIODICITY)),
                header_of(dataset, "update_frequency"), frequency.value))
        rows.append(row)
    if left_out:
        issues.append(Issue(Finding.of(IssueCode.REGISTER_LEFT_OUT, ids=", ".join(left_out)),
                            tab=Dataset.TAB, value=", ".join(left_out)))
    return rows, issues


def write_register(workbook: Workbook, settings: Settings, outdir: str | Path) -> list[Issue]:
    """Write register.csv, register.json and register.schema.json into outdir, atomically."""
    rows, issues = register_rows(workbook, settings)
    names = [c["name"] for c in annex7_columns()]
    target = Path(outdir)
    csv_data = csv_bytes(names, [[row[n] for n in names] for row in rows])
    json_text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    with atomic_path(target / REGISTER_CSV) as csv_tmp, \
            atomic_path(target / REGISTER_JSON) as json_tmp, \
            atomic_path(target / REGISTER_SCHEMA) as schema_tmp:
        csv_tmp.write_bytes(csv_data)
        json_tmp.write_text(json_text, encoding="utf-8")
        schema_tmp.write_text(annex7_schema_text(), encoding="utf-8")
    return issues


def register_zip(workbook: Workbook, settings: Settings) -> bytes:
    """register.csv, register.json and its structure file, zipped."""
    with tempfile.TemporaryDirectory() as folder:
        write_register(workbook, settings, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
        return buffer.getvalue()
