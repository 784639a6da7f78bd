"""Closing a quarter freezes what its score card was built from (docs/history.md): the card of
a closed quarter and its history row stay as they were when the register changes."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path

import openpyxl
import pytest

from odcore.cli import main
from odcore.config import load_config
from odcore.history import (
    build_history,
    change_since_previous,
    closed_trend,
    frozen_workbook,
    quarter_score_card,
    serving_closes,
)
from odcore.periods import Quarter
from odcore.report_append import submit_report
from odcore.report_form import ReportDraft
from odcore.roles import Role, Viewer
from odcore.service import FileSnapshotStore, SourceRef, open_service
from odcore.sources.base import CellError, RawSpreadsheet, RawTab
from odcore.sources.recorded import spreadsheet_from_json, spreadsheet_json
from odcore.summary import build_summary

Q2 = Quarter(2025, 2)
IT = "Відділ інформаційних технологій та комунікацій"
CHANGED = "ZHM-003"  # a yearly, published dataset: dated 2020 it is overdue at every quarter


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path, secrets_file: Path,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo this test may change, and a state folder of its own."""
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "demo.xlsx"
    shutil.copyfile(demo_path, path)
    return path


def _set_last_updated(path: Path, dataset: str, day: dt.datetime) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Набори даних"]
    header = [c.value for c in sheet[1]]
    column = header.index("Дата останнього оновлення") + 1
    rows = [r for r in sheet.iter_rows(min_row=2) if r[0].value == dataset]
    assert len(rows) == 1
    sheet.cell(row=rows[0][0].row, column=column).value = day
    book.save(path)


def _values(data: bytes | Path, tmp: Path) -> dict[str, list[tuple[object, ...]]]:
    if isinstance(data, bytes):
        target = tmp / "values.xlsx"
        target.write_bytes(data)
        data = target
    book = openpyxl.load_workbook(data)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def _store_and_ref(path: Path) -> tuple[FileSnapshotStore, SourceRef]:
    config = load_config(str(path))
    return FileSnapshotStore(), SourceRef.parse(config.source_location)


def test_a_closed_quarters_card_is_the_one_written_at_close(demo: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    assert main(["close", "2025-Q2", str(demo), "--by", "coordinator@example.org"]) == 0
    store, ref = _store_and_ref(demo)
    closed = store.load_closed(ref, Q2)
    assert closed is not None and closed.closed_by == "coordinator@example.org"
    frozen = closed.score_card
    before = _values(frozen, tmp_path)

    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    served, live = tmp_path / "served.xlsx", tmp_path / "live.xlsx"
    main(["report", str(demo), "--quarter", "2025-Q2", "--out", str(served)])
    main(["report", str(demo), "--quarter", "2025-Q2", "--out", str(live), "--live"])
    assert served.read_bytes() == frozen
    assert _values(served, tmp_path) == before
    live_values = _values(live, tmp_path)
    assert live_values != before
    changed_rows = [r for r in live_values["Набори даних"] if CHANGED in r]
    assert changed_rows and changed_rows[0] not in before["Набори даних"]
    assert "квартал закрито" in capsys.readouterr().out


def test_closing_twice_keeps_the_first_close_unless_replace(demo: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    assert main(["close", "2025-Q2", str(demo), "--by", "first@example.org"]) == 0
    assert main(["close", "2025-Q2", str(demo), "--by", "second@example.org"]) == 0
    assert "уже закрито" in capsys.readouterr().out
    store, ref = _store_and_ref(demo)
    assert [c.closed_by for c in store.list_closed(ref)] == ["first@example.org"]

    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    assert main(["close", "2025-Q2", str(demo), "--replace", "--by", "third@example.org"]) == 0
    closes = store.list_closed(ref)
    assert [c.closed_by for c in closes] == ["first@example.org", "third@example.org"]
    assert closes[0].closed_at < closes[1].closed_at
    serving = store.load_closed(ref, Q2)
    assert serving is not None and serving.closed_by == "third@example.org"
    assert CHANGED in serving.summary["datasets"]["overdue"]
    assert CHANGED not in closes[0].summary["datasets"]["overdue"]


@pytest.mark.parametrize("quarter", ["2030-Q1", "2026-Q4"])
def test_a_quarter_outside_the_plan_or_not_over_is_not_closed(
        demo: Path, quarter: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 2026-Q4 is the plan's last quarter and ends after today (the tests run before 2027).
    assert main(["close", quarter, str(demo)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Помилка:") and "Traceback" not in err
    store, ref = _store_and_ref(demo)
    assert store.list_closed(ref) == []


def test_the_frozen_grids_rebuild_the_same_figures(demo: Path) -> None:
    service = open_service(load_config(str(demo)))
    assert main(["close", "2025-Q2", str(demo)]) == 0
    closed = service.store.load_closed(service.ref, Q2)
    assert closed is not None
    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    rebuilt = frozen_workbook(closed, service.settings)
    from odcore.figures import build_figures

    assert build_summary(build_figures(rebuilt, Q2.end_as_of, service.settings)) == \
        closed.summary
    assert closed.register and all("uid" in row for row in closed.register)


def test_history_takes_a_closed_quarter_from_its_frozen_copy(demo: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    assert main(["close", "2025-Q2", str(demo)]) == 0
    capsys.readouterr()
    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    assert main(["history", str(demo)]) == 0
    rows = {row["quarter"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["2025-Q2"]["closed"] is True and rows["2025-Q2"]["closed_at"]
    assert CHANGED not in rows["2025-Q2"]["overdue"]
    assert rows["2025-Q3"]["closed"] is False
    assert CHANGED in rows["2025-Q3"]["overdue"]
    assert rows["2025-Q2"]["plan_progress"] is not None
    assert rows["2025-Q2"]["debt"]

    # The same history without the close counts today's register at the quarter's end.
    service = open_service(load_config(str(demo)))
    snapshot = service.snapshot()
    live = build_history(snapshot.workbook, service.settings, service.settings.today(), {})
    assert CHANGED in next(r for r in live if r.quarter == Q2).overdue
    closes = serving_closes(service.store.list_closed(service.ref))
    frozen = build_history(snapshot.workbook, service.settings, service.settings.today(),
                           closes)
    assert [r.quarter for r in frozen] == [r.quarter for r in live]
    assert [r.quarter for r in frozen if r.closed] == [Q2]


def test_a_damaged_close_is_left_out_with_a_warning(demo: Path, tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    assert main(["close", "2025-Q2", str(demo)]) == 0
    store, ref = _store_and_ref(demo)
    [kept] = list((tmp_path / "state" / "closed").glob("*/*.json"))
    assert kept.stat().st_mode & 0o777 == 0o600
    kept.write_text("{not json", encoding="utf-8")
    assert store.list_closed(ref) == []
    assert "пошкоджене" in caplog.text


def test_raw_grids_keep_every_cell_kind() -> None:
    values = [["text", 3, 2.5, True, None],
              [dt.date(2025, 3, 31), dt.datetime(2025, 3, 31, 12, 30, tzinfo=dt.UTC),
               CellError("#REF!"), math.inf, False]]
    sheet = RawSpreadsheet("Книга", "/x.xlsx", [RawTab("План", values, gid=7, rows_in_sheet=9,
                                                       unreadable_rows={4: "зіпсовано"})],
                           dt.datetime(2025, 4, 1, tzinfo=dt.UTC), stale_note="копія",
                           notes=["n"])
    back = spreadsheet_from_json(json.loads(json.dumps(spreadsheet_json(sheet),
                                                       allow_nan=False)))
    assert back == sheet
    assert [type(v) for v in back.tabs[0].values[1]] == [dt.date, dt.datetime, CellError,
                                                         float, bool]


def test_the_change_since_the_previous_quarter_comes_from_its_close(demo: Path) -> None:
    assert main(["close", "2025-Q2", str(demo)]) == 0
    service = open_service(load_config(str(demo)))
    # Reports for 2025-Q2 filed after the close: today's data now say more was done by then.
    coordinator = Viewer(Role.COORDINATOR, "head@example.org")
    for code in ("1.2", "2.2", "4.2", "4.3", "5.1"):
        submit_report(service, coordinator, IT, ReportDraft(code, "2025-Q2", "Виконано", 100.0))
    figures = service.figures(service.snapshot(), Quarter(2025, 3).end_as_of)
    closes = service.closed_quarters()
    frozen = closes[Q2].summary["plan"]["progress"]
    assert figures.previous.progress != frozen  # the recomputation moved

    change = change_since_previous(figures, closes)
    assert change.quarter == Q2 and change.closed is closes[Q2]
    assert change.points == pytest.approx(figures.plan.progress - frozen)
    assert change.points != pytest.approx(figures.change)

    live = change_since_previous(figures, {})
    assert live.closed is None and live.points == figures.change


def test_a_closed_quarters_trend_point_comes_from_its_close(demo: Path) -> None:
    assert main(["close", "2025-Q2", str(demo)]) == 0
    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    book = openpyxl.load_workbook(demo)
    sheet = book["Набори даних"]
    header = [c.value for c in sheet[1]]
    first = header.index("Дата першого оприлюднення") + 1
    for row in sheet.iter_rows(min_row=2):  # today's register: nothing published before 2026
        if row[first - 1].value is not None:
            row[first - 1].value = dt.datetime(2026, 1, 5)
    book.save(demo)
    service = open_service(load_config(str(demo)))
    closes = service.closed_quarters()
    trend = service.figures(service.snapshot(), service.settings.today()).assessment.trend

    points = {p.quarter: (p, closed) for p, closed in closed_trend(trend, closes)}
    frozen = next(t for t in closes[Q2].summary["datasets"]["trend"] if t["quarter"] == "2025-Q2")
    point, closed = points[Q2]
    assert closed is closes[Q2] and point.published_by_end == frozen["published_by_end"] > 0
    live = next(p for p in trend if p.quarter == Q2)
    assert live.published_by_end != point.published_by_end
    assert points[Quarter(2025, 3)][1] is None


def test_the_dashboard_serves_a_closed_quarters_frozen_card_and_builds_the_others(
        demo: Path, tmp_path: Path) -> None:
    assert main(["close", "2025-Q2", str(demo)]) == 0
    _set_last_updated(demo, CHANGED, dt.datetime(2020, 1, 1))
    service = open_service(load_config(str(demo)))
    workbook, settings = service.snapshot().workbook, service.settings
    closes = service.closed_quarters()

    assert quarter_score_card(workbook, Q2, settings, closes) == closes[Q2].score_card
    # Built now, the card would say what the changed register says.
    assert _values(quarter_score_card(workbook, Q2, settings, {}), tmp_path) != \
        _values(closes[Q2].score_card, tmp_path)
    q3 = Quarter(2025, 3)  # not closed: built from today's data either way
    assert _values(quarter_score_card(workbook, q3, settings, closes), tmp_path) == \
        _values(quarter_score_card(workbook, q3, settings, {}), tmp_path)
