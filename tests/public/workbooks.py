"""Workbooks for the public-face tests: one whose internal cells hold markers, one with payloads.

Every personal or internal cell of the marker workbook holds a unique string that starts with
``MRK_`` (``mrk-`` or ``mrk.`` in a URL or an e-mail address), so that a test can check that
none of them reaches a public page or the public export. The pattern cannot occur by chance
in base64 (hashes) or in the app's own text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook as XlsxWorkbook

from tests.helpers import tab

MARKER = re.compile(r"mrk[_.-]", re.IGNORECASE)
AS_OF = dt.date(2025, 12, 31)
DEPT = "Відділ ІТ"

Tab = tuple[str, list[list[Any]]]


def write_xlsx(path: Path, tabs: list[Tab]) -> Path:
    """Write tabs (title, rows with the header first) as an .xlsx file."""
    book = XlsxWorkbook()
    book.remove(book.active)
    for title, rows in tabs:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _dataset(**values: Any) -> dict[str, Any]:
    base = {"department": DEPT, "status": "Оприлюднено", "formats": "CSV",
            "update_frequency": "Щороку", "last_updated": dt.date(2025, 6, 1),
            "first_published": dt.date(2024, 5, 1), "license": "CC BY 4.0",
            "keywords": "транспорт", "portal_url": "https://data.gov.ua/dataset/stops",
            "description": "Зупинки громадського транспорту."}
    return base | values


def with_extra_column(sheet: Tab, header: str, value: str) -> Tab:
    """The tab with one more column, unknown to the contract (read, reported, never shown)."""
    title, rows = sheet
    return title, [rows[0] + [header]] + [row + [value] for row in rows[1:]]


def marker_tabs() -> list[Tab]:
    """A small workbook: public and published rows beside internal ones full of markers."""
    return [*_marker_tabs(),
            ("MRK_UNKNOWN_TAB", [["MRK_UNKNOWN_HEADER"], ["MRK_UNKNOWN_VALUE"]])]


def _marker_tabs() -> list[Tab]:
    return [
        tab("plan",
            {"code": "4.3", "section": "4. Якість даних", "task": "Контроль якості наборів",
             "deadline": "Щоквартально", "kpi": "MRK_KPI_1", "executors_text": DEPT},
            {"code": "8.2", "section": "8. Продукти", "task": "Оприлюднення продуктів",
             "deadline": "IV квартал 2025 року", "kpi": "MRK_KPI_2", "executors_text": DEPT}),
        tab("reports",
            {"task_code": "4.3", "period": "2025-Q1", "status": "Виконано", "progress": 100,
             "done": "MRK_DONE_1", "evidence_url": "https://mrk-evidence.example.org/MRK_EVID",
             "department": DEPT, "reported_on": dt.date(2025, 4, 2),
             "reported_by": "MRK_REPORTED_BY_1", "submitted_by": "mrk.submitter@example.org"},
            {"task_code": "4.3", "period": "MRK_BAD_PERIOD", "status": "Виконано",
             "department": DEPT}),
        tab("datasets",
            _dataset(id="DS-1", title="Зупинки транспорту", purpose="MRK_PURPOSE_1",
                     steward="MRK_STEWARD_1", steward_email="mrk.steward@example.org",
                     mandatory="так", ministry_structure="27"),
            _dataset(id="DS-2", title="MRK_UNPUBLISHED_TITLE", status="Готується",
                     description="MRK_UNPUBLISHED_DESC", steward="MRK_STEWARD_2"),
            _dataset(id="DS-3", title="MRK_RESTRICTED_TITLE", status="Обмежено",
                     description="MRK_RESTRICTED_DESC"),
            _dataset(id="DS-4", title="MRK_WITHDRAWN_TITLE", status="Знято")),
        tab("quality_checks",
            {"dataset_id": "DS-1", "period": "2025-Q1", "compliant": "ні",
             "findings": "MRK_FINDINGS_1", "recommendations": "MRK_RECOMMENDATIONS_1",
             "resolved": "ні", "checked_by": "MRK_CHECKED_BY_1",
             "checked_on": dt.date(2025, 3, 20)}),
        tab("trainings",
            {"person": "MRK_PERSON_1", "department": DEPT, "course": "MRK_COURSE_1",
             "completed_on": dt.date(2025, 2, 1),
             "certificate_url": "https://mrk-cert.example.org/MRK_CERT"}),
        tab("publications",
            {"published_on": dt.date(2025, 2, 10), "title": "MRK_PUBLICATION_TITLE",
             "url": "https://mrk-publication.example.org/news", "dataset_ids": "DS-1"}),
        with_extra_column(tab(
            "products",
            {"name": "Карта зупинок", "kind": "Візуалізація", "description": "Мапа зупинок.",
             "author": "ГО «Відкрите місто»", "url": "https://map.example.org/stops",
             "image_url": "https://img.example.org/stops.png", "dataset_ids": "DS-1, DS-2",
             "added_on": dt.date(2025, 1, 10), "public": "так", "contact": "MRK_CONTACT_1"},
            {"name": "Продукт без посилання", "kind": "Чат-бот", "url": "MRK_BAD_URL",
             "public": "так", "contact": "MRK_CONTACT_2"},
            {"name": "MRK_PRIVATE_PRODUCT", "kind": "Застосунок",
             "description": "MRK_PRIVATE_DESC", "url": "https://mrk-private.example.org/app",
             "public": "ні"},
            {"name": "MRK_UNSTATED_PRODUCT", "kind": "Інше"},
            {"name": "MRK_FUTURE_PRODUCT", "kind": "Інше", "public": "так",
             "added_on": dt.date(2099, 6, 1)},
            {"name": "MRK_BAD_DATE_PRODUCT", "kind": "Інше", "public": "так",
             "added_on": "MRK_BAD_DATE"}), "MRK_EXTRA_HEADER", "MRK_EXTRA_VALUE"),
        tab("events",
            {"date": dt.date(2025, 3, 1), "title": "MRK_EVENT_TITLE", "kind": "Заявка на грант",
             "task_codes": "8.2", "outcome": "MRK_OUTCOME_1",
             "url": "https://mrk-event.example.org/grant"}),
        tab("departments",
            {"name": DEPT, "head": "MRK_HEAD_1", "email": "mrk.head@example.org",
             "spreadsheet": "MRK_LINKED_SHEET.xlsx"}),
    ]


# Product cells that try Markdown, HTML and Streamlit directives; none may become markup.
PAYLOAD_NAME = "<script>alert('x')</script> **жирний**"
PAYLOAD_DESCRIPTION = ("[клікни](https://evil.example.org/link) "
                       "![картинка](https://evil.example.org/pic.png) :red[x] $x^2$ "
                       ":material/home: <img src=x onerror=alert(1)>")
PAYLOAD_AUTHOR = "[автор](javascript:alert(1))"
PAYLOAD_JS_URL = "javascript:alert(1)"
PAYLOAD_TITLE = "</script><script>alert(3)</script>"
PAYLOADS = (PAYLOAD_NAME, PAYLOAD_DESCRIPTION, PAYLOAD_AUTHOR)


def payload_tabs() -> list[Tab]:
    """A public product and a published dataset whose text cells are injection attempts."""
    return [
        tab("datasets", _dataset(id="DS-1", title=PAYLOAD_TITLE)),
        tab("products",
            {"name": PAYLOAD_NAME, "kind": "Візуалізація", "description": PAYLOAD_DESCRIPTION,
             "author": PAYLOAD_AUTHOR, "url": PAYLOAD_JS_URL, "image_url": PAYLOAD_JS_URL,
             "dataset_ids": "DS-1", "added_on": dt.date(2025, 1, 10), "public": "так"}),
    ]
