"""A workbook for the role tests: two departments whose every personal cell holds a marker.

Department A's personal cells hold ``MRK_A_…`` (``mrk.a.…`` in an e-mail, ``mrk-a-…`` in a
URL), department B's ``MRK_B_…``, and a product's contact (no department) ``MRK_P_…``. Some
personal cells are invalid on purpose (``MRK_A_BAD_…``), so that a data problem quotes them.
Non-personal cells hold no marker: whatever a test finds belongs to a personal column.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.helpers import tab
from tests.public.workbooks import write_xlsx

DEPT_A = "Відділ цифрових послуг"
DEPT_B = "Фінансове управління"
OWNERS = ("a", "b", "p")  # department A, department B, a product (no department)
# A marker: its owner, then a name; ends before anything that is not a word character.
MARKER = re.compile(r"mrk[_.-]([abp])[_.-][\w.-]*?(?=$|[^\w.-]|@|\.example)", re.IGNORECASE)

COORDINATOR = "head@rada.example.org"
STAFF_A = "a.clerk@rada.example.org"
STAFF_DOMAIN_ONLY = "someone@rada.example.org"
UNLISTED = "visitor@gmail.example.com"
STAFF_GHOST = "ghost@partner.example.net"  # listed with a department «Підрозділи» lacks
GHOST = "Відділ, якого немає"

SECRETS = f"""
[odcore.access]
coordinators = ["{COORDINATOR.upper()}"]
staff_domain = "rada.example.org"

[odcore.access.staff]
"{STAFF_A}" = "{DEPT_A}"
"{STAFF_GHOST}" = "{GHOST}"

[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-role-tests-0123456789"
client_id = "odcore-tests"
client_secret = "not-a-real-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
"""


def _personal(owner: str) -> dict[str, dict[str, str]]:
    big = owner.upper()
    return {
        "report": {"reported_by": f"MRK_{big}_REPORTED_BY",
                   "submitted_by": f"mrk.{owner}.submitter@example.org"},
        "dataset": {"steward": f"MRK_{big}_STEWARD",
                    "steward_email": f"mrk.{owner}.steward@example.org"},
        "check": {"checked_by": f"MRK_{big}_CHECKED_BY"},
        "training": {"person": f"MRK_{big}_PERSON",
                     "certificate_url": f"https://mrk-{owner}-cert.example.org/c"},
        "department": {"head": f"MRK_{big}_HEAD", "email": f"mrk.{owner}.head@example.org"},
    }


def _dataset(ident: str, department: str, **values: object) -> dict[str, object]:
    return {"id": ident, "title": f"Набір {ident}", "department": department,
            "status": "Оприлюднено", "formats": "CSV", "update_frequency": "Щороку",
            "last_updated": dt.date(2025, 6, 1), "first_published": dt.date(2024, 5, 1),
            "portal_url": f"https://data.gov.ua/dataset/{ident.lower()}", **values}


def role_tabs() -> list[tuple[str, list[list[object]]]]:
    """Every tab, with each department's personal cells marked."""
    a, b = _personal("a"), _personal("b")
    return [
        tab("plan",
            {"code": "1.1", "section": "1. Організація", "task": "Призначити відповідальних",
             "deadline": "Щоквартально", "executors_text": DEPT_A},
            {"code": "2.1", "section": "2. Набори", "task": "Оприлюднити бюджет",
             "deadline": "Щоквартально", "executors_text": DEPT_B}),
        tab("reports",
            {"task_code": "1.1", "period": "2025-Q1", "status": "Виконано", "progress": 100,
             "department": DEPT_A, "reported_on": dt.date(2025, 4, 2), **a["report"]},
            {"task_code": "2.1", "period": "2025-Q1", "status": "Виконано", "progress": 100,
             "department": DEPT_B, "reported_on": dt.date(2025, 4, 3), **b["report"]}),
        tab("datasets",
            _dataset("DS-A", DEPT_A, **a["dataset"]),
            _dataset("DS-B", DEPT_B, **b["dataset"]),
            # Invalid e-mails: the data problems quote them.
            _dataset("DS-A2", DEPT_A, steward="MRK_A_STEWARD_TWO",
                     steward_email="MRK_A_BAD_EMAIL"),
            _dataset("DS-B2", DEPT_B, steward="MRK_B_STEWARD_TWO",
                     steward_email="MRK_B_BAD_EMAIL")),
        tab("quality_checks",
            {"dataset_id": "DS-A", "period": "2025-Q1", "compliant": "так",
             "checked_on": dt.date(2025, 3, 20), **a["check"]},
            {"dataset_id": "DS-B", "period": "2025-Q1", "compliant": "так",
             "checked_on": dt.date(2025, 3, 21), **b["check"]}),
        tab("trainings",
            {"department": DEPT_A, "course": "Відкриті дані", "completed_on": dt.date(2025, 2, 1),
             **a["training"]},
            {"department": DEPT_B, "course": "Відкриті дані", "completed_on": dt.date(2025, 2, 2),
             **b["training"]},
            {"department": DEPT_B, "course": "Відкриті дані", "person": "MRK_B_PERSON_TWO",
             "certificate_url": "MRK_B_BAD_CERT"}),
        tab("products",
            {"name": "Мапа закладів", "kind": "Візуалізація", "url": "https://map.example.org",
             "dataset_ids": "DS-A", "added_on": dt.date(2025, 1, 10), "public": "так",
             "contact": "MRK_P_CONTACT"}),
        tab("departments",
            {"name": DEPT_A, **a["department"]}, {"name": DEPT_B, **b["department"]}),
    ]


def write_role_workbook(path: Path) -> Path:
    """The role workbook as .xlsx."""
    return write_xlsx(path, role_tabs())


def planted(owner: str) -> set[str]:
    """Every marker of one owner that the workbook holds."""
    found: set[str] = set()
    for _, rows in role_tabs():
        for row in rows[1:]:
            for cell in row:
                found.update(m.group(0) for m in MARKER.finditer(str(cell or ""))
                             if m.group(1).lower() == owner)
    return found
