"""The report form on «Мій підрозділ» with a workbook file (docs/report-form.md): a file changed
on disk after the form was drawn is refused and left as it was; a good submission shows its
row at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from odcore.report_append import backups_folder
from tests.ui.conftest import APP, TIMEOUT

IT = "Відділ інформаційних технологій та комунікацій"


@pytest.fixture
def council(demo_path: Path, tmp_path: Path, secrets_file: Path,
            monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "council.xlsx"
    shutil.copyfile(demo_path, path)
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")  # everyone a coordinator
    return path


def _open() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["department"] = IT
    at.switch_page("app_pages/department.py")
    at.run()
    assert not at.exception
    return at


def _fill_and_submit(at: AppTest) -> AppTest:
    at.selectbox(key="report_form.status").set_value("В роботі")
    at.number_input(key="report_form.progress").set_value(30.0)
    at.text_area(key="report_form.comment").set_value("Оновлено реєстр.")
    next(b for b in at.button if b.label == "Подати звіт").click()
    return at.run()


def test_a_file_changed_after_the_form_was_drawn_is_refused_and_left_as_it_was(council):
    at = _open()
    book = openpyxl.load_workbook(council)
    book["Звіти"]["E2"] = "Виправлено вручну, поки форма була відкрита."
    book.save(council)
    before = council.read_bytes()

    at = _fill_and_submit(at)

    assert not at.exception
    assert any("книгу змінено" in e.value for e in at.error)
    assert council.read_bytes() == before and not backups_folder(council).exists()


def test_a_submission_shows_its_row_at_once_and_keeps_a_backup(council):
    at = _fill_and_submit(_open())

    assert not at.exception and not [e.value for e in at.error if "Звіт" in e.value]
    assert any("Звіт подано" in s.value for s in at.success)
    recent = next(d.value for d in at.dataframe if "ID звіту" in d.value.columns)
    assert recent.iloc[0]["ID звіту"].startswith("R-")
    assert recent.iloc[0]["Прогрес"] == "30 %"
    assert len(list(backups_folder(council).iterdir())) == 1


def test_a_bad_link_is_refused_naming_the_column_and_nothing_is_written(council):
    before = council.read_bytes()
    at = _open()
    at.text_input(key="report_form.evidence").set_value("javascript:alert(1)")

    at = _fill_and_submit(at)

    [error] = [e.value for e in at.error if "Звіт не подано" in e.value]
    assert "«Підтвердження»" in error and "вкладка «Звіти»" in error
    assert council.read_bytes() == before
