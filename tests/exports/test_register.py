"""The register of datasets as open data, in the Ministry's annex-7 structure."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from odcore.exports.register import (
    REGISTER_CSV,
    REGISTER_JSON,
    REGISTER_SCHEMA,
    annex7_columns,
    write_register,
)
from odcore.settings import Council, Settings
from tests.helpers import load, tab

MINISTRY_SCHEMA = (Path(__file__).resolve().parents[2] / "odcore" / "portal" / "structures"
                   / "annex-07" / "register" / "schema.json")
ANNEX7_NAMES = ["uid", "title", "description", "accrualPeriodicity", "keywords", "purpose",
                "url", "distributionFormat", "publisherName", "publisherId",
                "contactPointName", "contactPointEmail"]

FULL: dict[str, Any] = {
    "id": "DS-1", "title": "Зупинки", "description": "Зупинки транспорту",
    "purpose": "Постанова КМУ 835", "department": "Відділ ІТ", "steward": "Петренко П. П.",
    "steward_email": "it@zhmerynka-rada.gov.ua", "status": "Оприлюднено",
    "portal_url": "https://data.gov.ua/dataset/stops", "formats": ".csv; application/json",
    "update_frequency": "Щомісяця", "last_updated": "2025-06-15", "keywords": "транспорт; зупинки",
    "license": "CC BY 4.0",
}


SETTINGS = Settings(council=Council(edrpou="04051057"))


def _read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_register_is_written_in_the_annex7_columns_with_council_identity(tmp_path: Path) -> None:
    issues = write_register(load(tab("datasets", FULL)), SETTINGS, tmp_path)
    assert issues == []
    rows = _read_csv(tmp_path / REGISTER_CSV)
    assert rows[0] == ANNEX7_NAMES
    assert dict(zip(rows[0], rows[1], strict=True)) == {
        "uid": "DS-1", "title": "Зупинки", "description": "Зупинки транспорту",
        "accrualPeriodicity": "Щомісяця", "keywords": "транспорт, зупинки",
        "purpose": "Постанова КМУ 835", "url": "https://data.gov.ua/dataset/stops",
        "distributionFormat": "CSV, JSON",
        "publisherName": "Виконавчий комітет Жмеринської міської ради Вінницької області",
        "publisherId": "04051057", "contactPointName": "Петренко П. П.",
        "contactPointEmail": "it@zhmerynka-rada.gov.ua",
    }
    assert (tmp_path / REGISTER_CSV).read_bytes().startswith(b"\xef\xbb\xbf")


def test_register_json_keeps_values_as_typed_and_csv_escapes_formulas(tmp_path: Path) -> None:
    write_register(load(tab("datasets", FULL | {"title": "=1+1"})), SETTINGS, tmp_path)
    [record] = json.loads((tmp_path / REGISTER_JSON).read_text(encoding="utf-8"))
    assert list(record) == ANNEX7_NAMES
    assert record["title"] == "=1+1"
    assert _read_csv(tmp_path / REGISTER_CSV)[1][1] == "'=1+1"


def test_structure_file_is_the_ministrys_schema(tmp_path: Path) -> None:
    write_register(load(tab("datasets", FULL)), SETTINGS, tmp_path)
    written = json.loads((tmp_path / REGISTER_SCHEMA).read_text(encoding="utf-8"))
    assert written == json.loads(MINISTRY_SCHEMA.read_text(encoding="utf-8"))
    assert [c["name"] for c in annex7_columns()] == ANNEX7_NAMES


def test_every_missing_required_value_is_an_issue_at_its_row(tmp_path: Path) -> None:
    row = FULL | {"description": None, "steward": None, "steward_email": None, "portal_url": None}
    issues = write_register(load(tab("datasets", row)), SETTINGS, tmp_path)
    found = [(i.code, i.row, i.column) for i in issues]
    assert found == [
        ("register.missing_value", 2, "Опис"),
        ("register.missing_value", 2, "Посилання на портал"),
        ("register.missing_value", 2, "Відповідальна особа"),
        ("register.missing_value", 2, "Email відповідальної особи"),
    ]
    assert all(i.severity.value == "warning" and i.department == "Відділ ІТ" for i in issues)
    [record] = json.loads((tmp_path / REGISTER_JSON).read_text(encoding="utf-8"))
    assert record["description"] is None


def test_missing_council_identity_in_settings_is_an_issue(tmp_path: Path) -> None:
    settings = Settings(council=Council(full_name="", edrpou=""))
    issues = write_register(load(tab("datasets", FULL)), settings, tmp_path)
    # publisherId is optional in the structure: a note, not a warning (a code of its own).
    assert [(i.code, i.column, i.severity.value, i.row) for i in issues] == [
        ("register.missing_value", "publisherName", "warning", None),
        ("register.missing_optional_value", "publisherId", "info", None)]


def test_restricted_and_withdrawn_datasets_are_left_out(tmp_path: Path) -> None:
    workbook = load(tab("datasets", FULL, FULL | {"id": "DS-2", "status": "Обмежено"},
                        FULL | {"id": "DS-3", "status": "Знято"},
                        FULL | {"id": "DS-4", "status": "Заплановано"}))
    issues = write_register(workbook, SETTINGS, tmp_path)
    assert [r[0] for r in _read_csv(tmp_path / REGISTER_CSV)[1:]] == ["DS-1", "DS-4"]
    [note] = issues
    assert (note.code, note.severity.value, note.value) == ("register.left_out", "info",
                                                            "DS-2, DS-3")


def test_frequency_outside_the_structures_list_is_noted(tmp_path: Path) -> None:
    workbook = load(tab("datasets", FULL | {"update_frequency": "Не оновлюється"}))
    [note] = write_register(workbook, SETTINGS, tmp_path)
    assert (note.code, note.severity.value, note.column) == (
        "register.value_outside_structure", "info", "Частота оновлення")
    assert _read_csv(tmp_path / REGISTER_CSV)[1][3] == "Не оновлюється"


def test_register_files_replace_old_ones_and_leave_no_temporary_files(tmp_path: Path) -> None:
    (tmp_path / REGISTER_CSV).write_text("old", encoding="utf-8")
    write_register(load(tab("datasets", FULL)), SETTINGS, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [REGISTER_CSV, REGISTER_JSON, REGISTER_SCHEMA])
    assert _read_csv(tmp_path / REGISTER_CSV)[0] == ANNEX7_NAMES
