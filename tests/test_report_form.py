"""The report form's checks and its appends to workbook files (docs/report-form.md)."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from odcore.config import AppConfig
from odcore.reading import load_workbook
from odcore.report_append import (
    FileChanged,
    backups_folder,
    file_lock,
    report_target,
    submit_report,
)
from odcore.report_form import (
    ReportDraft,
    ReportRefused,
    check_draft,
    department_tasks,
    may_report,
    report_periods,
)
from odcore.roles import Role, Viewer
from odcore.service import DataService, open_service
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource

ROOT = Path(__file__).resolve().parents[1]
IT = "Відділ інформаційних технологій та комунікацій"
FINANCE = "Фінансове управління"
CLERK = Viewer(Role.STAFF, "clerk@rada.example.org", IT, signed_in=True, sign_in=True,
               verified=True)
COORDINATOR = Viewer(Role.COORDINATOR, "head@rada.example.org", signed_in=True, sign_in=True,
                     verified=True)
SETTINGS = Settings()
KYIV_NOON = dt.datetime(2025, 5, 14, 12, 0, tzinfo=SETTINGS.tz)


@pytest.fixture
def workbook_path(demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "council.xlsx"
    shutil.copyfile(demo_path, path)
    return path


@pytest.fixture
def service(workbook_path: Path) -> DataService:
    return open_service(AppConfig(settings=SETTINGS, source_location=str(workbook_path),
                                  is_demo=False, public_only=False))


def draft(**changes: object) -> ReportDraft:
    values: dict[str, object] = {"task_code": "1.1", "period": "2025-Q2", "status": "В роботі",
                                 "progress": 40.0, "evidence_url": "https://rada.example.ua/n/1",
                                 "comment": "Підготовлено проєкт положення."}
    values.update(changes)
    return ReportDraft(**values)  # type: ignore[arg-type]


def refusal(service: DataService, viewer: Viewer, department: str, changed: ReportDraft) -> str:
    with pytest.raises(ReportRefused) as caught:
        check_draft(changed, workbook=service.snapshot().workbook, settings=SETTINGS,
                    viewer=viewer, department=department, now=KYIV_NOON)
    return " ".join(caught.value.lines)


# --- Who, what, when -------------------------------------------------------------------------

def test_staff_report_for_their_department_only_and_coordinators_for_any():
    assert may_report(CLERK, IT) and may_report(CLERK, IT.upper())
    assert not may_report(CLERK, FINANCE)
    assert may_report(COORDINATOR, FINANCE)
    assert not may_report(Viewer(Role.STAFF, "x@rada.example.org"), IT)  # no department
    assert not may_report(Viewer(), IT)


def test_the_form_offers_the_departments_tasks_and_the_quarters_that_have_started(service):
    workbook = service.snapshot().workbook
    codes = [t.code for t in department_tasks(workbook, SETTINGS, IT)]
    assert "1.1" in codes and "2.1" not in codes  # 2.1 is the personnel department's
    periods = report_periods(SETTINGS, KYIV_NOON.date())
    assert str(periods[0]) == "2025-Q2" and str(periods[-1]) == "2024-Q1"


def test_a_staff_member_cannot_report_another_departments_task_nor_for_another_department(
        service):
    assert "«Код завдання»" in refusal(service, CLERK, IT, draft(task_code="2.1"))
    assert "лише його працівник або координатор" in refusal(service, CLERK, FINANCE, draft())


def test_a_quarter_that_has_not_started_is_refused(service):
    assert "ще не почався" in refusal(service, CLERK, IT, draft(period="2025-Q3"))


@pytest.mark.parametrize(("changes", "column"), [
    ({"progress": 150.0}, "«Прогрес, %»"),
    ({"progress": 0.5}, "«Прогрес, %»"),  # a fraction? the spreadsheet asks too
    ({"evidence_url": "javascript:alert(1)"}, "«Підтвердження»"),
    ({"evidence_url": "ftp://rada.example.ua/x"}, "«Підтвердження»"),
    ({"status": ""}, "«Статус»"),
    ({"status": "Зроблено"}, "«Статус»"),
    ({"period": "5 кв. 2024"}, "«Період»"),
])
def test_a_draft_is_refused_by_the_spreadsheets_own_cell_rules_naming_the_column(
        service, changes, column):
    assert column in refusal(service, CLERK, IT, draft(**changes))


def test_a_good_draft_becomes_the_row_with_its_id_email_and_time(service):
    submission = check_draft(draft(), workbook=service.snapshot().workbook, settings=SETTINGS,
                             viewer=CLERK, department=IT, now=KYIV_NOON)
    record = submission.record
    assert (record.task_code, str(record.period), record.progress) == ("1.1", "2025-Q2", 40.0)
    assert record.report_id == submission.report_id and submission.report_id.startswith("R-")
    assert record.submitted_by == CLERK.email
    assert record.submitted_at == "2025-05-14T12:00:00+03:00"
    assert record.reported_on == dt.date(2025, 5, 14)


# --- Workbook files --------------------------------------------------------------------------

def test_a_file_changed_since_it_was_read_is_refused_and_left_byte_for_byte(service,
                                                                           workbook_path):
    read = dict(service.snapshot().file_stamps)
    book = openpyxl.load_workbook(workbook_path)
    book["Звіти"]["E2"] = "Виправлено вручну, поки форма була відкрита."
    book.save(workbook_path)
    before = workbook_path.read_bytes()

    with pytest.raises(FileChanged) as caught:
        submit_report(service, CLERK, IT, draft(), read_stamps=read)

    assert "Оновити дані" in " ".join(caught.value.lines)
    assert workbook_path.read_bytes() == before
    assert not backups_folder(workbook_path).exists()


def test_a_submission_appends_one_row_keeps_a_backup_and_check_reads_the_new_row(
        service, workbook_path):
    original = workbook_path.read_bytes()
    rows_before = len(service.snapshot().workbook.reports)

    appended = submit_report(service, CLERK, IT, draft(comment="=HYPERLINK(\"http://x.example\")"))

    assert appended.backup is not None and appended.backup.parent == backups_folder(workbook_path)
    assert appended.backup.read_bytes() == original
    reread = load_workbook(WorkbookFileSource(workbook_path), SETTINGS)
    assert len(reread.reports) == rows_before + 1
    row = next(r for r in reread.reports if r.report_id == appended.report_id)
    assert row.origin.row == appended.row
    assert row.done == "=HYPERLINK(\"http://x.example\")"  # text, never a formula
    cell = openpyxl.load_workbook(workbook_path)["Звіти"].cell(appended.row or 0, 5)
    assert cell.data_type == "s"
    # The service forgot its snapshot: the next one has the row.
    assert any(r.report_id == appended.report_id for r in service.snapshot().workbook.reports)
    # `check` reads the new workbook and finds nothing new: the same problems as before.
    assert _check(workbook_path) == _check(appended.backup)


def test_the_same_submission_again_is_not_written_twice(service, workbook_path):
    first = submit_report(service, CLERK, IT, draft(), report_id="R-20250514T090000Z-0a0b0c0d0e0f")
    after_first = workbook_path.read_bytes()

    again = submit_report(service, CLERK, IT, draft(), report_id=first.report_id)

    assert again.already_there and workbook_path.read_bytes() == after_first


def test_a_workbook_being_written_by_another_submission_is_refused(service, workbook_path):
    service.snapshot()
    with open(workbook_path.with_name(workbook_path.name + ".lock"), "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(ReportRefused, match="саме записує"), file_lock(workbook_path,
                                                                             wait=0.1):
            pass


def test_a_tab_without_the_forms_columns_gets_them_after_its_last_header(tmp_path):
    path = tmp_path / "old.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Звіти"
    sheet.append(["Код завдання", "Період", "Статус", "Підрозділ"])
    sheet.append(["1.1", "2024-Q1", "Виконано", IT])
    plan = book.create_sheet("План")
    plan.append(["Код", "Розділ", "Завдання", "Строк виконання", "Виконавець"])
    plan.append(["1.1", "1. Організація", "Положення", "Щоквартально", IT])
    book.save(path)
    service = open_service(AppConfig(settings=SETTINGS, source_location=str(path),
                                     is_demo=False, public_only=False))

    appended = submit_report(service, CLERK, IT, draft())

    sheet = openpyxl.load_workbook(path)["Звіти"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Код завдання", "Період", "Статус", "Підрозділ"]
    assert {"ID звіту", "Email автора", "Час подання", "Прогрес, %"} <= set(headers)
    assert appended.row == 3
    assert sheet.cell(3, headers.index("ID звіту") + 1).value == appended.report_id
    assert sheet.cell(2, 1).value == "1.1"  # the row above untouched


def test_a_csv_folder_is_refused_with_what_to_do(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "План.csv").write_text(f"Код,Розділ,Завдання,Строк виконання,Виконавець\n"
                                     f"1.1,1. Організація,Положення,Щоквартально,{IT}\n",
                                     encoding="utf-8")
    (folder / "Звіти.csv").write_text("Код завдання,Період,Статус,Підрозділ\n", encoding="utf-8")
    before = (folder / "Звіти.csv").read_bytes()
    service = open_service(AppConfig(settings=SETTINGS, source_location=str(folder),
                                     is_demo=False, public_only=False))
    assert report_target(service.snapshot().workbook, IT).kind == "csv"

    with pytest.raises(ReportRefused, match="CSV"):
        submit_report(service, CLERK, IT, draft())
    assert (folder / "Звіти.csv").read_bytes() == before


def _check(path: Path) -> tuple[int, list[tuple[str, str, int | None, str]]]:
    """`python -m odcore check --format json`: its exit code and the problems it lists."""
    done = subprocess.run([sys.executable, "-m", "odcore", "check", str(path), "--format",
                           "json"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)
    issues = json.loads(done.stdout)
    return done.returncode, sorted((i["code"], i["tab"], i["row"], i["column"]) for i in issues)


def test_a_workbook_whose_backup_cannot_be_kept_is_refused_and_left_as_it_was(
        service, workbook_path):
    service.snapshot()
    backups_folder(workbook_path).write_text("a file where the backups folder goes")
    before = workbook_path.read_bytes()

    with pytest.raises(ReportRefused, match="не вдалося записати"):
        submit_report(service, CLERK, IT, draft())

    assert workbook_path.read_bytes() == before
    assert sorted(p.name for p in workbook_path.parent.iterdir()) == [
        "council.xlsx", "council.xlsx.backups", "council.xlsx.lock"]  # no temporary file left
