"""The data service: when a source is read again, what a partial read means, and when the
public pages serve the copy kept from the last complete read."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from odcore.service import DataService, FileSnapshotStore, SourceKind, SourceRef
from odcore.settings import Settings
from odcore.sources.base import Source, SourceError
from odcore.sources.workbook_file import WorkbookFileSource
from tests.helpers import DEPT, TASK, tab
from tests.public.workbooks import write_xlsx

DATASET = {"id": "D1", "title": "Зупинки", "department": "Відділ ІТ", "status": "Оприлюднено",
           "portal_url": "https://data.gov.ua/dataset/stops", "formats": "CSV"}
SETTINGS = Settings(cache_ttl_seconds=3600, failure_retry_seconds=60)


class Clock:
    """Monotonic seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _book(path: Path, *, title: str = "Зупинки", linked: str | None = None) -> Path:
    department = DEPT | ({"spreadsheet": linked} if linked else {})
    return write_xlsx(path, [tab("plan", TASK), tab("departments", department),
                             tab("datasets", DATASET | {"title": title})])


def _service(path: Path, tmp_path: Path, **kwargs: object) -> DataService:
    ref = SourceRef.parse(str(path))
    return DataService(ref, SETTINGS, lambda: WorkbookFileSource(path),
                       store=FileSnapshotStore(tmp_path / "state"), **kwargs)  # type: ignore[arg-type]


def test_a_location_is_parsed_once_into_its_kind(tmp_path: Path):
    assert SourceRef.parse("gsheets:abcdefghijklmnopqrstuvwx").key == "abcdefghijklmnopqrstuvwx"
    url = "https://docs.google.com/spreadsheets/d/1AbC_dEf-2gHiJkLmNoPqRsTuV/edit#gid=0"
    assert SourceRef.parse(url).kind is SourceKind.GSHEETS
    assert SourceRef.parse(str(tmp_path)).kind is SourceKind.CSV_FOLDER
    assert SourceRef.parse(str(tmp_path / "a.xlsx")).kind is SourceKind.WORKBOOK
    with pytest.raises(SourceError, match="не є посиланням на Google Таблицю"):
        SourceRef.parse("gsheets:not a key!")


def test_the_source_is_read_once_until_it_changes(tmp_path: Path):
    path = _book(tmp_path / "main.xlsx")
    service = _service(path, tmp_path)
    first = service.snapshot()
    assert service.snapshot() is first and service.reads == 1
    _book(path, title="Зупинки транспорту")
    later = path.stat().st_mtime_ns + 5 * 10**9
    os.utime(path, ns=(later, later))
    second = service.snapshot()
    assert service.reads == 2 and second.version != first.version
    assert second.workbook.datasets[0].title == "Зупинки транспорту"


def test_concurrent_sessions_share_one_read(tmp_path: Path):
    service = _service(_book(tmp_path / "main.xlsx"), tmp_path)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(service.snapshot()))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert service.reads == 1 and len({id(s) for s in seen}) == 1


def test_a_partial_read_is_kept_only_for_the_retry_window(tmp_path: Path):
    clock = Clock()
    path = _book(tmp_path / "main.xlsx", linked="missing.xlsx")
    service = _service(path, tmp_path, clock=clock)
    snapshot = service.snapshot()
    assert snapshot.partial
    clock.now += SETTINGS.failure_retry_seconds - 1
    assert service.snapshot() is snapshot
    clock.now += 1
    assert service.snapshot() is not snapshot and service.reads == 2


def test_a_failed_read_is_not_kept(tmp_path: Path):
    path = tmp_path / "main.xlsx"
    service = _service(path, tmp_path)
    with pytest.raises(SourceError):
        service.snapshot()
    _book(path)
    assert service.snapshot().workbook.datasets[0].id == "D1"


def test_figures_are_built_once_per_snapshot_and_date(tmp_path: Path):
    service = _service(_book(tmp_path / "main.xlsx"), tmp_path)
    snapshot = service.snapshot()
    day = dt.date(2025, 7, 1)
    assert service.figures(snapshot, day) is service.figures(snapshot, day)
    assert service.figures(snapshot, day) is not service.figures(snapshot, dt.date(2025, 4, 1))
    assert [q.dataset.id for q in service.figures(snapshot, day).assessment.published()] == ["D1"]


class Failing:
    """A source whose reads fail, as Google does in an outage."""

    def read_main(self) -> object:
        raise SourceError("Google недоступний")

    def read_linked(self, reference: str) -> object:
        raise SourceError("Google недоступний")


def test_public_pages_serve_the_kept_copy_when_the_read_fails(tmp_path: Path):
    path = _book(tmp_path / "main.xlsx")
    state = FileSnapshotStore(tmp_path / "state")
    ref = SourceRef.parse(str(path))
    good = DataService(ref, SETTINGS, lambda: WorkbookFileSource(path), store=state,
                       keep_public_copy=True)
    fresh = good.public()
    assert not fresh.kept_copy and [d.id for d in fresh.view.datasets] == ["D1"]

    def failing() -> Source:
        return Failing()  # type: ignore[return-value]

    down = DataService(ref, SETTINGS, failing, store=state, keep_public_copy=True)
    served = down.public()
    assert served.kept_copy and [d.id for d in served.view.datasets] == ["D1"]
    assert served.read_at == fresh.read_at
    without_copy = DataService(ref, SETTINGS, failing, store=state, keep_public_copy=False)
    with pytest.raises(SourceError):
        without_copy.public()


def test_forget_reads_again(tmp_path: Path):
    service = _service(_book(tmp_path / "main.xlsx"), tmp_path)
    service.snapshot()
    service.forget()
    service.snapshot()
    assert service.reads == 2


def test_the_read_time_is_shown_in_the_configured_time_zone(tmp_path: Path):
    # Sources record an aware moment; the day of the data is the council's, not the server's.
    from odcore.config import AppConfig
    from odcore.ui.loading import local_day

    moment = dt.datetime(2025, 6, 30, 22, 30, tzinfo=dt.UTC)
    kyiv = AppConfig(Settings(time_zone="Europe/Kyiv"), "x.xlsx", is_demo=False)
    new_york = AppConfig(Settings(time_zone="America/New_York"), "x.xlsx", is_demo=False)
    assert local_day(moment, kyiv) == dt.date(2025, 7, 1)
    assert local_day(moment, new_york) == dt.date(2025, 6, 30)
