"""The «Рекомендовані набори» page on the demo: present and missing sets, a structure's columns
and starter workbook, the headline figures, and the last reconciliation with data.gov.ua kept
by a run against the loopback CKAN server."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from odcore.figures import build_figures
from odcore.i18n import translate
from odcore.portal.ckan import CkanClient, TokenBucket
from odcore.portal.coverage import coverage
from odcore.portal.reconcile import ReconciliationStore, reconcile_or_last
from odcore.portal.structures import load_catalogue
from odcore.reading import load_workbook
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.workbook_file import WorkbookFileSource
from tests.portal.fake_ckan import FakeCkanServer
from tests.ui.rendered import texts, unescape

PAGE = "app_pages/coverage.py"
ORG = DEFAULT_SETTINGS.council.portal_organization


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder of this test's own: no kept record from elsewhere is read."""
    folder = tmp_path / "state"
    monkeypatch.setenv("ODCORE_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def portal() -> Iterator[FakeCkanServer]:
    server = FakeCkanServer().start()
    yield server
    server.stop()


def _frame(at, column: str, value: str):
    return next(d.value for d in at.dataframe
                if column in d.value.columns and value in set(d.value[column]))


def test_present_and_missing_sets_are_listed(internal_app, demo_path, state):
    at = internal_app(PAGE)
    assert not at.exception
    workbook = load_workbook(WorkbookFileSource(demo_path))
    expected = coverage(workbook.datasets)
    shown = texts(at)
    assert translate("coverage.present", count=len(expected.present)) in shown
    assert translate("coverage.missing", count=len(expected.missing)) in shown
    present = _frame(at, "annex", "27")
    assert set(present["annex"]) == {str(e.annex) for e in expected.present}
    assert "ZHM-015" in present.loc[present["annex"] == "27", "datasets"].iloc[0]
    missing = _frame(at, "annex", str(expected.missing[0].annex))
    assert set(missing["annex"]) == {str(e.annex) for e in expected.missing}
    assert set(missing["state"]) == {translate("coverage.state.missing")}


def test_a_structures_columns_and_its_starter_workbook(internal_app, state):
    at = internal_app(PAGE)
    # The first missing set is preselected: its structure's columns are listed.
    shown = next(d.value for d in at.dataframe if "column_title" in d.value.columns)
    annex = int(at.selectbox[0].value)
    structure = load_catalogue().require(annex)
    assert list(shown["column"]) == [c.name for r in structure.resources for c in r.columns]
    [button] = [b for b in at.get("download_button")
                if b.proto.label == translate("coverage.download_starter")]
    assert button.proto.label


def test_headline_figures_with_no_reconciliation_say_no_data(internal_app, demo_path, state):
    at = internal_app(PAGE)
    workbook = load_workbook(WorkbookFileSource(demo_path))
    figures = build_figures(workbook, DEFAULT_SETTINGS.today(), DEFAULT_SETTINGS)
    tiles = {unescape(m.label): m.value for m in at.metric}
    share = figures.headline.availability.share
    assert share is not None
    assert tiles[translate("headline.availability")] == f"{round(share * 100)} %"
    assert tiles[translate("headline.timeliness")] == translate("common.no_data")
    assert translate("portal.none") in texts(at)


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["uid"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_the_kept_reconciliation_is_shown_with_its_time_side_by_side(
        internal_app, demo_path, state, portal):
    ckan = portal.ckan
    org = ckan.add_organization(ORG, "Жмеринська міська рада")
    csv_url = ckan.put_file("stops.csv", b"uid\n1\n", "text/csv")
    # The demo's stops (ZHM-015) are monthly; the portal says yearly and dates them
    # differently; a second package is on the portal and not in the register.
    ckan.add_package(org, "zhmerynka-zupynky", "Зупинки на порталі", resources=[
        {"format": "CSV", "url": csv_url, "last_modified": "2024-01-10T10:00:00.000000"}],
        update_frequency="once a year")
    ckan.add_package(org, "zhmerynka-extra", "Лише на порталі", resources=[
        {"format": "XLSX", "url": ckan.put_file("x.xlsx", _xlsx(), "application/octet-stream"),
         "last_modified": "2026-11-20T10:00:00.000000"}], update_frequency="once a month")
    workbook = load_workbook(WorkbookFileSource(demo_path))
    client = CkanClient(ckan.api_url, bucket=TokenBucket(rate=1000, burst=1000),
                        sleep=lambda _: None)
    kept = reconcile_or_last(workbook.datasets, ORG, store=ReconciliationStore(),
                             client=client, as_of=dt.date(2026, 12, 1), links=False)
    assert (state / "portal").is_dir()
    at = internal_app(PAGE)
    assert not at.exception
    when = dt.datetime.fromisoformat(kept.checked_at).strftime("%d.%m.%Y %H:%M")
    assert translate("portal.checked", when=when, organization="Жмеринська міська рада",
                     packages=2, mismatches=len(kept.mismatches)) in texts(at)
    table = _frame(at, "kind", translate("portal.kind.frequency_differs"))
    row = table[(table["dataset"] == "ZHM-015")
                & (table["kind"] == translate("portal.kind.frequency_differs"))].iloc[0]
    assert row["register"] and row["portal"] and row["register"] != row["portal"]
    assert translate("portal.kind.not_in_register") in set(table["kind"])
    tiles = {unescape(m.label): m.value for m in at.metric}
    assert tiles[translate("headline.timeliness")] != translate("common.no_data")

    portal.stop()  # the portal is down: the page still shows the kept result and its time
    at = internal_app(PAGE)
    assert not at.exception and when in texts(at)


def test_a_kept_failed_structure_check_shows_in_the_dataset_detail(
        internal_app, demo_path, state, tmp_path):
    from odcore.config import load_config
    from odcore.service import open_service
    from tests.portal.test_content_input import _stops_csv

    bad = tmp_path / "stops.csv"
    bad.write_bytes(_stops_csv(lat="північ"))
    service = open_service(load_config(str(demo_path)))
    service.run_content_checks(service.snapshot(), resources={"ZHM-015": str(bad)})
    at = internal_app("app_pages/datasets.py", {"dataset": "ZHM-015"})
    assert not at.exception
    assert any(translate("content.title") in m.value for m in at.markdown)
    findings = next(d.value for d in at.dataframe if "message" in d.value.columns
                    and "row" in d.value.columns)
    assert ("2", "lat", "північ") in set(zip(findings["row"], findings["column"],
                                             findings["value"], strict=True))
    assert translate("reason.structure_mismatch") in texts(at)


def test_on_a_phone_each_recommended_set_is_a_card_headed_by_annex_and_title(
        internal_app, demo_path, state):
    at = internal_app(PAGE)
    workbook = load_workbook(WorkbookFileSource(demo_path))
    entry = next(e for e in coverage(workbook.datasets).present if e.annex == 27)
    cards = [unescape(m.value) for m in at.markdown if m.value.startswith("**")]
    [card] = [c for c in cards if c.startswith(f"**{entry.annex} · {entry.title}**")]
    assert f"{translate('coverage.col.datasets')}: " in card and "ZHM-015" in card
    # Both forms are sent: the grid's frame is there too, for a wide screen.
    assert _frame(at, "annex", "27") is not None
