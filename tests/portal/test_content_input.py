"""Content checks as the figures' second input: run over the register outside any page, kept
with their time, and read by the figures (structure_mismatch, findings in the summary)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from odcore.config import load_config
from odcore.figures import build_figures
from odcore.portal.content_runs import ContentStore, check_register, resource_of
from odcore.portal.records import ContentRun, KeptPortal, Verdict
from odcore.portal.structures import load_catalogue
from odcore.schema.models import Dataset, Origin
from odcore.schema.vocab import DatasetStatus
from odcore.service import open_service
from odcore.settings import Settings
from odcore.summary import build_summary
from tests.portal.conftest import FileServer

KYIV = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=KYIV)
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo.xlsx"


def _stops_csv(lat: str = "49.03") -> bytes:
    """A file with annex 27's columns: one row, lat as given."""
    columns = load_catalogue().require(27).resources[0].columns
    values = {"uid": "S1", "label": "Вокзал", "lat": lat, "lon": "28.11",
              "CATUTTC": "UA05020030010063857", "addressPostCode": "23100",
              "addressAdminUnitL1": "Вінницька", "addressAdminUnitL2": "Жмеринський",
              "addressPostName": "Жмеринка", "addressThoroughfare": "вул. Свободи",
              "addressLocatorDesignator": "1", "zoneId": "1", "type": "0"}
    header = ",".join(c.name for c in columns)
    row = ",".join(values.get(c.name, "") for c in columns)
    return f"{header}\n{row}\n".encode()


def _dataset(number: int, structure: str | None, url: str | None) -> Dataset:
    return Dataset(origin=Origin(spreadsheet="main.xlsx", tab="Набори даних", row=number + 1),
                   id=f"D-{number}", title="Зупинки", department="Відділ",
                   status=DatasetStatus.PUBLISHED, ministry_structure=structure, portal_url=url)


def test_a_resource_is_a_file_link_or_a_path_never_a_portal_page() -> None:
    assert resource_of(_dataset(1, "27", "https://data.gov.ua/dataset/stops")) is None
    assert resource_of(_dataset(1, "27", "https://data.gov.ua/dataset/stops/")) is None
    file_link = "https://data.gov.ua/dataset/x/resource/y/download/stops.csv"
    assert resource_of(_dataset(1, "27", file_link)) == file_link
    assert resource_of(_dataset(1, "27", "дані/зупинки.csv")) == "дані/зупинки.csv"
    assert resource_of(_dataset(1, "27", None)) is None


def test_rows_with_a_structure_and_a_resource_are_checked_and_kept(
        tmp_path: Path, file_server: FileServer) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(_stops_csv())
    bad_url = file_server.put("/bad.csv", _stops_csv(lat="північ"))
    datasets = [_dataset(1, "27", str(good)), _dataset(2, "Додаток 27", bad_url),
                _dataset(3, None, str(good)),  # no structure: not checked
                _dataset(4, "27", "https://data.gov.ua/dataset/stops")]  # a page: not checked
    run = check_register(datasets, now=lambda: NOW)
    assert [r.dataset_id for r in run.results] == ["D-1", "D-2"]
    passed = run.check("d-1")
    assert passed is not None and passed.verdict is Verdict.PASSED
    failed = run.check("D-2")
    assert failed is not None and failed.verdict is Verdict.FAILED
    assert run.failed_ids == ("D-2",)
    finding = next(f for f in failed.findings if f.kind.value == "type_error")
    assert (finding.row, finding.column, finding.value) == (2, "lat", "північ")
    store = ContentStore(tmp_path / "state")
    store.save("main.xlsx", run)
    assert store.load("main.xlsx") == run
    assert store.load("another.xlsx") is None


def test_a_run_stops_at_its_deadline_and_names_what_it_left(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(_stops_csv())
    ticks = iter([0.0, 0.0, 5.0, 11.0, 12.0])
    run = check_register([_dataset(n, "27", str(good)) for n in (1, 2, 3)], now=lambda: NOW,
                         deadline_seconds=10, clock=lambda: next(ticks))
    assert [r.dataset_id for r in run.results] == ["D-1", "D-2"]
    assert "D-3" in run.notes[0]


def test_a_kept_failure_is_structure_mismatch_in_the_figures_and_the_summary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    config = load_config(str(DEMO))
    service = open_service(config)
    snapshot = service.snapshot()
    as_of = dt.date(2026, 1, 1)
    before = service.figures(snapshot, as_of)
    stops = before.assessment.item("ZHM-015")
    assert stops is not None and stops.compliant  # the demo's stops meet the standards
    bad = tmp_path / "stops.csv"
    bad.write_bytes(_stops_csv(lat="північ"))
    run = service.run_content_checks(snapshot, resources={"ZHM-015": str(bad)})
    assert run.failed_ids == ("ZHM-015",)
    after = service.figures(snapshot, as_of)  # a new record: the figures are built again
    item = after.assessment.item("ZHM-015")
    assert item is not None and item.reasons == ("structure_mismatch",)
    assert after.assessment.counts.compliant == before.assessment.counts.compliant - 1
    assert after.headline.quality.part == before.headline.quality.part - 1
    summary = build_summary(after)
    [checked] = summary["portal"]["content"]["datasets"]
    assert checked["dataset_id"] == "ZHM-015" and checked["verdict"] == "failed"
    assert any(f["column"] == "lat" and f["row"] == 2 for f in checked["findings"])
    row = next(i for i in summary["datasets"]["items"] if i["id"] == "ZHM-015")
    assert row["reasons"] == ["structure_mismatch"]


def test_figures_without_kept_records_say_so() -> None:
    from odcore.reading import load_workbook
    from odcore.sources.workbook_file import WorkbookFileSource

    settings = Settings()
    figures = build_figures(load_workbook(WorkbookFileSource(DEMO), settings),
                            dt.date(2026, 1, 1), settings, KeptPortal(ContentRun("x")))
    assert figures.headline.timeliness is None
    # docs/portal.md: on the demo workbook 26 of the 67 sets not restricted are published.
    assert (figures.headline.availability.part, figures.headline.availability.whole) == (26, 67)


def test_the_content_check_command_keeps_what_the_pages_show(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_server: FileServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    from odcore.cli import main

    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    book = openpyxl.load_workbook(DEMO)
    sheet = book["Набори даних"]
    header = [c.value for c in sheet[1]]
    ids, links = header.index("ID") + 1, header.index("Посилання на портал") + 1
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, ids).value == "ZHM-015")
    sheet.cell(row, links).value = file_server.put("/stops.csv", _stops_csv(lat="північ"))
    source = tmp_path / "register.xlsx"
    book.save(source)
    assert main(["content-check", str(source)]) == 1
    out = capsys.readouterr().out
    assert "[failed] ZHM-015" in out and "рядок 2, «lat»" in out
    service = open_service(load_config(str(source)))
    kept = service.kept_portal().content
    assert kept is not None and kept.failed_ids == ("ZHM-015",)
