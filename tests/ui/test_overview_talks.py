"""The overview's events, untrained persons, chief specialist and news draft buttons."""

from __future__ import annotations

import pytest

from odcore.periods import Quarter, plan_quarters
from odcore.settings import Settings
from tests.public.workbooks import marker_tabs, write_xlsx
from tests.ui.conftest import make_runner
from tests.ui.rendered import texts, unescape


def frame_with(at, *columns: str):
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_overview_counts_and_lists_the_events_of_8_1_and_9_2(internal_app):
    at = internal_app(query={"as_of": "2025-07-15"})
    assert not at.exception
    totals = [m.value for m in at.metric if unescape(m.label) == "Заходів станом на дату"]
    assert totals == ["3", "2"]  # 8.1 and 9.2, hand-computed in tests/rules/test_events.py
    quarters = frame_with(at, "quarter", "total", "Консультація")
    assert list(quarters["total"]) == [1, 0, 0, 0, 1, 1, 0]  # 2024-Q1 .. 2025-Q3
    lists = [d.value for d in at.dataframe
             if {"date", "title", "kind", "outcome", "url"} <= set(d.value.columns)]
    assert [list(frame["date"]) for frame in lists] == [
        ["04.03.2024", "01.03.2025", "22.05.2025"], ["12.06.2024", "15.07.2025"]]
    assert list(lists[1]["title"])[1] == "Форум «Відкриті дані для громад»"


def test_overview_lists_the_untrained_persons_on_the_internal_page(internal_app):
    at = internal_app(query={"as_of": "2025-12-31"})
    assert not at.exception
    untrained = frame_with(at, "person", "departments", "datasets")
    assert sorted(untrained["person"]) == [
        "Гончаренко Олена Вікторівна", "Олійник Роман Васильович",
        "Руденко Павло Миколайович", "Ткаченко Галина Іванівна"]
    shown = texts(at)
    assert "ще не навчалися **4** з 15 відповідальних осіб" in shown
    assert "головного спеціаліста з відкритих даних не вказано" in shown


def test_overview_names_the_chief_specialist_and_the_courses(internal_app, secrets_file):
    secrets_file.write_text('[odcore]\nchief_specialist = "Коваль Ірина Миколаївна"\n',
                            encoding="utf-8")
    at = internal_app(query={"as_of": "2024-06-01"})
    assert not at.exception
    success = " ".join(unescape(s.value) for s in at.success)
    assert ("головний спеціаліст Коваль Ірина Миколаївна пройшов(-ла) 2 курси: Відкриті дані "
            "для розпорядників (14.03.2024); Аналіз і візуалізація даних (20.05.2024)") in success


@pytest.mark.parametrize("label", ["Чернетка (.docx)", "Чернетка (Markdown)"])
def test_overview_offers_the_news_draft_of_the_latest_ended_quarter(internal_app, label):
    at = internal_app()
    assert not at.exception
    buttons = [b for b in at.get("download_button") if unescape(b.proto.label) == label]
    assert len(buttons) == 1


def test_the_default_news_quarter_is_the_latest_ended_one(internal_app):
    at = internal_app()
    (choice,) = [s for s in at.selectbox if unescape(s.label) == "Квартал"]
    today = Settings().today()
    ended = [q for q in plan_quarters(2024, 2026) if q.is_due(today)]
    assert choice.value == (ended[-1] if ended else Quarter(2024, 1))


def test_names_show_on_the_internal_overview_and_on_no_public_page(secrets_file, tmp_path,
                                                                   monkeypatch):
    # The positive control of tests/public/test_no_leaks.py: the same marker workbook's
    # responsible persons are listed here, on the internal page.
    source = write_xlsx(tmp_path / "markers.xlsx", marker_tabs())
    monkeypatch.setenv("ODCORE_SOURCE", str(source))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    at = make_runner()(query={"as_of": "2025-12-31"})
    assert not at.exception
    untrained = frame_with(at, "person", "departments", "datasets")
    assert sorted(untrained["person"]) == ["MRK_STEWARD_1", "MRK_STEWARD_2"]
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "1")
    public = make_runner()()
    assert "MRK_STEWARD" not in texts(public)
    assert all("MRK_STEWARD" not in d.value.to_csv() for d in public.dataframe)
