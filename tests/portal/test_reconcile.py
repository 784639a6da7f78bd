"""Reconciliation against a loopback CKAN with one planted mismatch of every kind: all are
found, nothing else is, the run keeps its deadline, and a stopped portal serves the last
result with its time."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from odcore.portal.ckan import CkanClient, PortalError, TokenBucket
from odcore.portal.reconcile import (
    MismatchKind,
    Reconciliation,
    ReconciliationStore,
    reconcile,
    reconcile_or_last,
)
from odcore.schema.models import Dataset, Origin
from odcore.schema.vocab import DatasetStatus, UpdateFrequency
from tests.portal.fake_ckan import FakeCkanServer, Fault

AS_OF = dt.date(2026, 12, 1)
ORG = "zhmerynska-miska-rada"
CSV_BODY = "uid,title\n1,Парк\n".encode()


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["uid", "title"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _row(number: int, slug: str | None, formats: tuple[str, ...] = ("CSV",),
         frequency: UpdateFrequency | None = UpdateFrequency.MONTHLY,
         last_updated: dt.date | None = dt.date(2026, 11, 20),
         status: DatasetStatus = DatasetStatus.PUBLISHED, portal: str = "") -> Dataset:
    return Dataset(
        origin=Origin(spreadsheet="main.xlsx", tab="Набори даних", row=number + 1),
        id=f"ZHM-{number:03d}", title=f"Набір {number}", department="Відділ",
        status=status, portal_url=None if slug is None else f"{portal}/dataset/{slug}",
        formats=formats, update_frequency=frequency, last_updated=last_updated)


@dataclass
class Scenario:
    server: FakeCkanServer
    register: list[Dataset]

    def client(self, **options: object) -> CkanClient:
        defaults: dict[str, object] = {"bucket": TokenBucket(rate=1000, burst=1000),
                                       "page_rows": 4, "sleep": lambda _: None}
        return CkanClient(self.server.ckan.api_url, **{**defaults, **options})  # type: ignore


@pytest.fixture
def scenario() -> Iterator[Scenario]:
    server = FakeCkanServer().start()
    ckan = server.ckan
    org = ckan.add_organization(ORG, "Жмеринська міська рада")
    other = ckan.add_organization("vinnytska-oblrada", "Вінницька обласна рада")
    csv_url = ckan.put_file("ok.csv", CSV_BODY, "text/csv")

    def res(fmt: str, url: str = csv_url, modified: str | None = "2026-11-20T10:00:00.000000"
            ) -> dict[str, object]:
        return {"format": fmt, "url": url, "last_modified": modified, "mimetype": "text/csv"}

    ckan.add_package(org, "zhm-ok", "Усе збігається", resources=[res("CSV")],
                     update_frequency="once a month", openness_score=3)
    ckan.add_package(org, "zhm-lookalike", "Формати з помилками написання", resources=[
        res(".сsv"),  # Cyrillic с
        res("xlxs", ckan.put_file("t.xlsx", _xlsx_bytes(), "application/vnd.openxmlformats-"
                                  "officedocument.spreadsheetml.sheet"))],
        update_frequency="once a year")
    ckan.add_package(org, "zhm-dates", "Інша дата", resources=[
        res("CSV", modified="2026-10-15T09:00:00.000000"),
        res("CSV", modified="2026-03-01T09:00:00.000000")],
        update_frequency="once a quarter", metadata_modified="2026-11-30T12:00:00.000000")
    ckan.add_package(org, "zhm-overdue", "Прострочений", resources=[
        res("CSV", modified="2026-08-01T09:00:00.000000")],
        update_frequency="once a month", metadata_modified="2026-11-30T12:00:00.000000")
    ckan.add_package(org, "zhm-frequency", "Інша частота", resources=[res("CSV")],
                     update_frequency="once a year")
    ckan.add_package(org, "zhm-formats", "Інші формати", resources=[
        res("JSON", ckan.put_file("d.json", b'[{"uid": 1}]', "application/json"))],
        update_frequency="once a month")
    ckan.add_package(org, "zhm-html", "Сторінка замість файлу", resources=[
        res("CSV", ckan.put_file("page.csv", b"<!DOCTYPE html><html>...</html>",
                                 "text/html; charset=utf-8"))],
        update_frequency="once a month")
    ckan.add_package(org, "zhm-links", "Посилання", resources=[
        res("CSV", ckan.url + "/files/gone.csv"),
        res("CSV", ckan.put_file("nohead.csv", CSV_BODY, "text/csv", head_status=405)),
        res("CSV", ckan.put_file("slow.csv", CSV_BODY, "text/csv", delay=3.0))],
        update_frequency="once a month")
    ckan.add_package(org, "zhm-extra", "Немає в реєстрі", resources=[res("CSV")],
                     update_frequency="once a month")
    ckan.add_package(other, "oblast-dataset", "Набір області", resources=[res("CSV")],
                     update_frequency="once a month")
    site = ckan.url
    register = [
        _row(1, "zhm-ok", portal=site),
        _row(2, "zhm-lookalike", ("CSV", "XLSX"), UpdateFrequency.YEARLY, portal=site),
        _row(3, "zhm-dates", frequency=UpdateFrequency.QUARTERLY,
             last_updated=dt.date(2026, 9, 1), portal=site),
        _row(4, "zhm-overdue", last_updated=dt.date(2026, 8, 1), portal=site),
        _row(5, "zhm-frequency", portal=site),
        _row(6, "zhm-formats", portal=site),
        _row(7, "zhm-html", portal=site),
        _row(8, "zhm-links", portal=site),
        _row(10, "oblast-dataset", portal=site),
        _row(11, "zhm-missing", portal=site),
        _row(12, None),
        _row(13, None, status=DatasetStatus.PLANNED, last_updated=None),
    ]
    yield Scenario(server, register)
    server.stop()


def _run(scenario: Scenario, **options: object) -> Reconciliation:
    return reconcile(scenario.register, ORG, client=scenario.client(), as_of=AS_OF,
                     link_timeout=0.5, **options)  # type: ignore[arg-type]


def _found(result: Reconciliation) -> set[tuple[str, str]]:
    return {(m.kind.value, m.dataset_id or m.package_title) for m in result.mismatches}


def test_every_planted_mismatch_is_found_and_nothing_else(scenario: Scenario) -> None:
    result = _run(scenario)
    assert _found(result) == {
        ("last_update_differs", "ZHM-003"),
        ("overdue_on_portal", "ZHM-004"),
        ("frequency_differs", "ZHM-005"),
        ("formats_differ", "ZHM-006"),
        ("format_not_as_declared", "ZHM-007"),
        ("link_broken", "ZHM-008"),  # the missing file and the slow one
        ("other_organization", "ZHM-010"),
        ("not_on_portal", "ZHM-011"),
        ("not_on_portal", "ZHM-012"),
        ("not_in_register", "Немає в реєстрі"),
    }
    broken = {m.resource_url.rsplit("/", 1)[1] for m in result.by_kind(MismatchKind.LINK_BROKEN)}
    assert broken == {"gone.csv", "slow.csv"}  # nohead.csv answers a GET
    assert result.packages == 9 and result.organization == ORG


def test_last_update_is_the_newest_resource_not_metadata_modified(scenario: Scenario) -> None:
    result = _run(scenario, links=False)
    dates = result.by_kind(MismatchKind.LAST_UPDATE_DIFFERS)[0]
    assert (dates.register_value, dates.portal_value) == ("2026-09-01", "2026-10-15")
    overdue = result.by_kind(MismatchKind.OVERDUE_ON_PORTAL)[0]
    assert overdue.portal_value == "2026-08-01"
    row = next(c for c in result.comparisons if c.dataset_id == "ZHM-004")
    assert (row.portal_next_due, row.overdue_on_portal) == ("2026-09-01", True)


def test_both_sides_are_kept_side_by_side(scenario: Scenario) -> None:
    result = _run(scenario, links=False)
    ok = next(c for c in result.comparisons if c.dataset_id == "ZHM-001")
    assert (ok.package_name, ok.portal_openness_score, ok.register_stars) == ("zhm-ok", 3, 3)
    assert ok.package_id == scenario.server.ckan.packages[0]["id"]  # the UUID is kept
    assert ok.package_url.endswith("/dataset/zhm-ok")
    assert (ok.register_frequency, ok.portal_frequency, ok.portal_frequency_code) == (
        "Щомісяця", "Щомісяця", "once a month")
    frequency = result.by_kind(MismatchKind.FREQUENCY_DIFFERS)[0]
    assert (frequency.register_value, frequency.portal_value) == ("Щомісяця", "Щороку")
    formats = result.by_kind(MismatchKind.FORMATS_DIFFER)[0]
    assert (formats.register_value, formats.portal_value) == ("CSV", "JSON")
    lookalike = next(c for c in result.comparisons if c.dataset_id == "ZHM-002")
    assert lookalike.portal_formats == ("CSV", "XLSX")
    foreign = result.by_kind(MismatchKind.OTHER_ORGANIZATION)[0]
    assert foreign.portal_value == "vinnytska-oblrada"


def test_the_result_is_json_and_reads_back(scenario: Scenario) -> None:
    result = _run(scenario, links=False)
    text = json.dumps(result.to_json(), ensure_ascii=False)
    again = Reconciliation.from_json(json.loads(text))
    assert again == result
    assert json.loads(text)["counts"]["not_on_portal"] == 2
    assert dt.datetime.fromisoformat(result.checked_at).tzinfo is not None


def test_the_run_keeps_its_deadline_with_slow_links(scenario: Scenario) -> None:
    started = time.monotonic()
    result = reconcile(scenario.register, ORG, client=scenario.client(deadline_seconds=1.5),
                       as_of=AS_OF, link_timeout=30.0)
    assert time.monotonic() - started < 4.0
    # The slow link was not reached in time: not checked, never called broken.
    assert "slow.csv" not in {m.resource_url.rsplit("/", 1)[1]
                              for m in result.by_kind(MismatchKind.LINK_BROKEN)}
    assert result.links_not_checked >= 1 and any("Не перевірено" in n for n in result.notes)


def test_a_success_false_reply_fails_the_run(scenario: Scenario) -> None:
    scenario.server.ckan.plant("package_search", Fault(success_false=True))
    with pytest.raises(PortalError, match="success|Search Query Error"):
        _run(scenario, links=False)


def test_a_failing_package_show_leaves_a_note_not_a_crash(scenario: Scenario) -> None:
    scenario.server.ckan.plant("package_show", *[Fault(status=500)] * 4)
    result = reconcile(scenario.register, ORG, client=scenario.client(retries=3),
                       as_of=AS_OF, links=False)
    assert any("Не всі посилання реєстру" in n for n in result.notes)
    assert ("not_on_portal", "ZHM-010") in _found(result)


def test_a_stopped_portal_serves_the_last_result_with_its_time(
        scenario: Scenario, tmp_path: Path) -> None:
    store = ReconciliationStore(tmp_path)
    first = reconcile_or_last(scenario.register, ORG, store=store, client=scenario.client(),
                              as_of=AS_OF, links=False)
    assert not first.served_from_store
    path = store.path(ORG)
    assert path.stat().st_mode & 0o777 == 0o600
    scenario.server.stop()
    started = time.monotonic()
    last = reconcile_or_last(scenario.register, ORG, store=store,
                             client=scenario.client(retries=0), as_of=AS_OF, links=False)
    assert time.monotonic() - started < 5.0
    assert last.served_from_store and last.checked_at == first.checked_at
    when = dt.datetime.fromisoformat(first.checked_at)
    assert f"станом на {when:%d.%m.%Y %H:%M}" in last.store_note
    assert "Портал недоступний" in last.store_note
    assert last.mismatches == first.mismatches


def test_a_stopped_portal_without_a_kept_result_is_an_error(
        scenario: Scenario, tmp_path: Path) -> None:
    scenario.server.stop()
    with pytest.raises(PortalError):
        reconcile_or_last(scenario.register, ORG, store=ReconciliationStore(tmp_path),
                          client=scenario.client(retries=0), as_of=AS_OF, links=False)


def test_a_damaged_kept_result_is_ignored(tmp_path: Path) -> None:
    store = ReconciliationStore(tmp_path)
    store.path(ORG).parent.mkdir(parents=True)
    store.path(ORG).write_text("{not json", encoding="utf-8")
    assert store.load(ORG) is None
    with pytest.raises(ValueError):
        store.path("../escape")
