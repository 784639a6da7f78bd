"""The quarterly score card: its figures equal the summary's at the quarter's end date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook as open_xlsx

from odcore.cli import main
from odcore.demo import demo_tabs
from odcore.exports.score_card import (
    CARD_SECTIONS,
    CARD_TITLE,
    DATASET_COLUMNS,
    NO_DATA,
    card_figures,
    national_band,
    write_score_card,
)
from odcore.figures import build_figures
from odcore.periods import Quarter
from odcore.reading import load_workbook
from odcore.rules.quality import assess_datasets
from odcore.settings import Settings
from odcore.sources.memory import MemorySource
from odcore.summary import build_summary
from odcore.workbook import Workbook
from tests.helpers import TASK, load, tab

Q2 = Quarter(2025, 2)


def _demo() -> Workbook:
    return load_workbook(MemorySource({"demo.xlsx": demo_tabs()}))


def _summary_rows(path: Path) -> dict[str, Any]:
    """Label -> value of the summary sheet's indicator rows (numbered like "2.3")."""
    sheet = open_xlsx(path)["Зведення"]
    return {row[1]: row[2] for row in sheet.iter_rows(min_row=7, values_only=True)
            if isinstance(row[0], str) and "." in row[0]}


def test_card_figures_equal_the_summary_at_the_quarters_end(tmp_path: Path) -> None:
    workbook, settings = _demo(), Settings()
    path = tmp_path / "card.xlsx"
    data = write_score_card(workbook, Q2, settings, path)
    summary = build_summary(build_figures(workbook, dt.date(2025, 7, 1), settings))
    datasets, indicators = summary["datasets"], summary["indicators"]
    counts = datasets["counts"]
    # Every figure of the card, each from the summary JSON.
    expected = {
        "datasets_in_register": datasets["total"],
        "register_rows": counts["register_rows"],
        "register_complete_share": indicators["register_complete_share"]["value"],
        "published": datasets["published"],
        "mandatory": counts["mandatory"],
        "mandatory_published": counts["mandatory_published"],
        "mandatory_share": datasets["mandatory_share"],
        "restricted": len(datasets["restricted"]),
        "evaluable": counts["evaluable"],
        "on_time": counts["on_time"],
        "on_time_share": datasets["on_time_share"],
        "overdue": len(datasets["overdue"]),
        "not_evaluable": len(datasets["not_evaluable"]),
        "compliant": datasets["compliant"],
        "compliant_share": datasets["compliant_share"],
        "compliance_target": indicators["datasets_compliant_share"]["target"],
        "checked": counts["checked_latest_quarter"],
        "quality_checked_share": indicators["quality_checked_share"]["value"],
        "with_recommendations": counts["with_recommendations"],
        "recommendations_resolved": counts["recommendations_resolved"],
        "recommendations_resolved_share": indicators["recommendations_resolved_share"]["value"],
        "plan_progress": summary["plan"]["progress"],
    }
    figures = card_figures(data)
    assert figures == expected
    # The file holds 16 significant digits (openpyxl), more than Excel's 15.
    rows = _summary_rows(path)
    labels = {i.key: i.label_uk for s in CARD_SECTIONS for i in s.indicators}
    shown = {key: rows[labels[key]] for key in expected}
    assert shown == {k: NO_DATA if v is None else pytest.approx(v, rel=1e-15)
                     for k, v in expected.items()}
    assert shown["published"] > 0


def test_card_lists_every_loaded_dataset_with_the_assessments_verdicts(tmp_path: Path) -> None:
    workbook, settings = _demo(), Settings()
    path = tmp_path / "card.xlsx"
    write_score_card(workbook, Q2, settings, path)
    sheet = open_xlsx(path)["Набори даних"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in DATASET_COLUMNS]
    rows = {r[0]: dict(zip(headers, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True)}
    assessment = assess_datasets(workbook, dt.date(2025, 7, 1), settings)
    assert set(rows) == {i.id for i in assessment.items}
    for item in assessment.items:
        row = rows[item.id]
        assert row["Зірки відкритості"] == item.stars
        assert row["Відповідає стандартам"] == ("так" if item.compliant else "ні")
        assert row["Бали якості"] == item.points.total
    assert sheet.freeze_panes == "A2"


def test_card_sheets_header_and_print_setup(tmp_path: Path) -> None:
    path = tmp_path / "card.xlsx"
    write_score_card(_demo(), Q2, Settings(), path)
    book = open_xlsx(path)
    assert book.sheetnames == ["Зведення", "Набори даних", "Виконання плану"]
    summary = book["Зведення"]
    assert summary["A1"].value == CARD_TITLE
    assert "II кв. 2025" in summary["A4"].value
    assert summary.freeze_panes == "A7"
    datasets = book["Набори даних"]
    assert datasets["A1"].font.bold
    assert datasets.page_setup.orientation == "landscape"
    assert datasets.column_dimensions["B"].width == 40
    plan = book["Виконання плану"]
    assert [c.value for c in plan[4]][:3] == ["Код", "Розділ", "Завдання"]


def test_card_uses_the_quarters_end_as_of(tmp_path: Path) -> None:
    # Monthly, updated 2025-05-31: due 2025-07-01, still on time on that day. A check for
    # 2025-Q4 has not started by 2025-07-01 and does not count.
    workbook = load(
        tab("datasets", {"id": "DS-1", "title": "Т", "description": "о", "purpose": "п",
                         "department": "Відділ ІТ", "status": "Оприлюднено",
                         "portal_url": "https://data.gov.ua/dataset/t", "formats": "CSV",
                         "update_frequency": "Щомісяця", "last_updated": "2025-05-31",
                         "keywords": "к", "license": "CC BY 4.0", "mandatory": "так"}),
        tab("quality_checks", {"dataset_id": "DS-1", "period": "2025-Q4", "compliant": "ні"}),
        tab("plan", TASK),
    )
    path = tmp_path / "card.xlsx"
    data = write_score_card(workbook, Q2, Settings(), path)
    assert data.as_of == dt.date(2025, 7, 1)
    rows = _summary_rows(path)
    assert rows["Оновлено вчасно"] == 1
    assert rows["Частка наборів, що відповідають стандартам"] == 1
    assert rows["Частка перевірених наборів"] == 0
    assert rows["Частка виконаних рекомендацій"] == NO_DATA


def test_a_title_starting_with_equals_is_a_string_cell_with_its_text(tmp_path: Path) -> None:
    workbook = load(tab("datasets", {"id": "DS-1", "title": "=1+1", "department": "Відділ ІТ",
                                     "status": "Готується", "description": "@SUM(A1)"}))
    path = tmp_path / "card.xlsx"
    write_score_card(workbook, Q2, Settings(), path)
    sheet = open_xlsx(path)["Набори даних"]
    cell = sheet["B2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    assert cell.quotePrefix  # kept text when someone edits it, also under the table's style
    assert cell.alignment.wrap_text and cell.border.left.style == "thin"


def test_card_is_written_atomically_without_leftovers(tmp_path: Path) -> None:
    write_score_card(_demo(), Q2, Settings(), tmp_path / "card.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["card.xlsx"]


@pytest.mark.parametrize(("share", "band"), [
    (None, NO_DATA), (0.0, "0–24 %"), (0.244, "0–24 %"), (0.245, "25–49 %"),
    (0.49, "25–49 %"), (0.5, "50–74 %"), (0.7449, "50–74 %"), (0.745, "75–100 %"),
    (1.0, "75–100 %"),
])
def test_national_band_of_a_share_by_its_whole_percentage(share: float | None, band: str) -> None:
    assert national_band(share) == band


def test_every_section_names_one_of_its_shares_as_its_band() -> None:
    for section in CARD_SECTIONS:
        [band] = [i for i in section.indicators if i.key == section.band]
        assert band.kind.value == "share"


def test_report_for_a_quarter_not_yet_ended_warns_that_it_is_a_forecast(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "none.toml"))
    monkeypatch.setattr(Settings, "today", lambda self: dt.date(2025, 6, 30))
    source = tmp_path / "demo.xlsx"
    assert main(["demo", str(source)]) == 0
    main(["report", str(source), "--quarter", "2025-Q2", "--out", str(tmp_path / "card.xlsx")])
    assert "ще не закінчився" in capsys.readouterr().err
    monkeypatch.setattr(Settings, "today", lambda self: dt.date(2025, 7, 1))
    main(["report", str(source), "--quarter", "2025-Q2", "--out", str(tmp_path / "card.xlsx")])
    assert "ще не закінчився" not in capsys.readouterr().err


def test_portal_links_are_hyperlinks_and_indicator_shares_are_percentages(tmp_path: Path) -> None:
    path = tmp_path / "card.xlsx"
    write_score_card(_demo(), Q2, Settings(), path)
    book = open_xlsx(path)
    datasets = book["Набори даних"]
    column = [c.header for c in DATASET_COLUMNS].index("Посилання на портал") + 1
    linked = [datasets.cell(row=r, column=column) for r in range(2, datasets.max_row + 1)
              if datasets.cell(row=r, column=column).value]
    assert linked and all(c.hyperlink.target == c.value for c in linked)
    plan = book["Виконання плану"]
    values = [row[9] for row in plan.iter_rows(min_row=5) if row[9].value is not None]
    assert {c.number_format for c in values if isinstance(c.value, float)} == {"0%"}
    assert {c.number_format for c in values if isinstance(c.value, int)} == {"General"}


def test_every_table_cell_is_wrapped_and_bordered_with_its_columns_number_format(
        tmp_path: Path) -> None:
    path = tmp_path / "card.xlsx"
    write_score_card(_demo(), Q2, Settings(), path)
    sheet = open_xlsx(path)["Набори даних"]
    dates = {c.header for c in DATASET_COLUMNS if c.number_format == "DD.MM.YYYY"}
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for header, cell in zip(headers, row, strict=True):
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
            assert {cell.border.left.style, cell.border.bottom.style} == {"thin"}
            expected = "DD.MM.YYYY" if header in dates else "General"
            assert cell.number_format == expected, cell.coordinate
