"""Both snapshot stores keep the same things the same way: each spreadsheet's last good answer,
the public projection, the closed quarters and the worker's records round-trip; two councils
never see each other's copies; a second instance (a second replica) reads what the first
wrote. Files always; PostgreSQL against a real server (tests/pg.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from odcore.history import ClosedQuarter, close_quarter
from odcore.periods import Quarter
from odcore.public import PublicView
from odcore.public_snapshot import view_to_json
from odcore.service import DataService, FileSnapshotStore, SnapshotStore, SourceRef
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.stores.postgres import PostgresSnapshotStore

Q2 = Quarter(2025, 2)
KYIV = dt.timezone(dt.timedelta(hours=3))
PAYLOAD = {"key": "1MainKey_0123456789abcdef", "read_at": "2025-07-01T09:30:00+03:00",
           "metadata": {"sheets": []}, "ranges": ["План"],
           "values": {"valueRanges": [{"range": "План!A1:B2",
                                       "values": [["Код", "Назва"], ["4.3", "Контроль\u0000"]]}]}}

MakeStore = Callable[..., SnapshotStore]


@pytest.fixture(scope="module")
def demo_close(tmp_path_factory: pytest.TempPathFactory, demo_path: Path
               ) -> tuple[SourceRef, ClosedQuarter, PublicView]:
    """One real close of 2025-Q2 and one public projection of the demo, made once."""
    ref = SourceRef.parse(str(demo_path))
    service = DataService(ref, Settings(), lambda: WorkbookFileSource(demo_path),
                          store=FileSnapshotStore(tmp_path_factory.mktemp("made")))
    outcome = close_quarter(service, Q2, by="coordinator@example.org")
    return ref, outcome.closed, service.public(Q2.end_as_of).view


@pytest.fixture(params=["files", "postgres"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeStore]:
    """A factory of stores over one place: each call is a new instance (a new connection)."""
    made: list[PostgresSnapshotStore] = []
    if request.param == "files":
        yield lambda council="": FileSnapshotStore(tmp_path / "state", council)
        return
    url = request.getfixturevalue("pg_url")

    def postgres(council: str = "") -> SnapshotStore:
        store = PostgresSnapshotStore(url, council)
        made.append(store)
        return store
    yield postgres
    for store in made:
        store.close()


def test_raw_payloads_round_trip_and_the_latest_wins(make_store: MakeStore) -> None:
    raw = make_store().raw(1_000_000)
    assert raw.load(PAYLOAD["key"]) is None
    raw.save(PAYLOAD["key"], PAYLOAD)
    assert raw.load(PAYLOAD["key"]) == PAYLOAD
    newer = PAYLOAD | {"read_at": "2025-07-02T10:00:00+03:00", "kept": [{"tab": "План"}]}
    raw.save(PAYLOAD["key"], newer)
    assert make_store().raw(1_000_000).load(PAYLOAD["key"]) == newer


def test_a_payload_larger_than_the_limit_is_refused_and_the_previous_kept(
        make_store: MakeStore) -> None:
    raw = make_store().raw(2_000)
    raw.save(PAYLOAD["key"], PAYLOAD)
    with pytest.raises(OSError, match="max_file_bytes"):
        raw.save(PAYLOAD["key"], PAYLOAD | {"big": "x" * 5_000})
    assert raw.load(PAYLOAD["key"]) == PAYLOAD


def test_the_public_projection_round_trips(make_store: MakeStore,
                                           demo_close: tuple[SourceRef, ClosedQuarter,
                                                             PublicView]) -> None:
    ref, _, view = demo_close
    store = make_store()
    assert store.load_public(ref) is None
    read_at = dt.datetime(2025, 7, 1, 9, 30, tzinfo=KYIV)
    store.save_public(ref, view, read_at)
    kept = make_store().load_public(ref)
    assert kept is not None and kept.read_at == read_at
    assert view_to_json(kept.view) == view_to_json(view)
    assert kept.view.datasets  # the demo publishes datasets: nothing was dropped


def test_closed_quarters_round_trip_and_the_latest_close_serves(
        make_store: MakeStore, demo_close: tuple[SourceRef, ClosedQuarter, PublicView]) -> None:
    ref, first, _ = demo_close
    writer, replica = make_store(), make_store()
    assert replica.list_closed(ref) == [] and replica.load_closed(ref, Q2) is None
    writer.save_closed(ref, first)
    second = dataclasses.replace(first, closed_at=first.closed_at + dt.timedelta(hours=1),
                                 closed_by="second@example.org")
    writer.save_closed(ref, second)
    closes = replica.list_closed(ref)
    assert [c.closed_by for c in closes] == ["coordinator@example.org", "second@example.org"]
    assert closes[0].score_card == first.score_card and closes[0].summary == first.summary
    assert closes[0].register == first.register and closes[0].raw == first.raw
    serving = replica.load_closed(ref, Q2)
    assert serving is not None and serving.closed_by == "second@example.org"
    assert replica.load_closed(ref, Quarter(2025, 1)) is None


def test_records_round_trip_by_kind_and_name(make_store: MakeStore) -> None:
    store = make_store()
    assert store.load_record("read", "main") is None and store.list_records("read") == []
    names = ["main", "a/b/../c", "..", "service@proj.iam.gserviceaccount.com", "Жмеринка"]
    for number, name in enumerate(names):
        store.save_record("read", name, {"n": number, "ok": True, "at": "2025-07-01"})
    store.save_record("bucket", "main", {"tokens": 50})
    store.save_record("read", "main", {"n": 99})
    replica = make_store()
    assert replica.load_record("read", "main") == {"n": 99}
    assert replica.load_record("bucket", "main") == {"tokens": 50}
    listed = replica.list_records("read")
    assert [name for name, _ in listed] == sorted(names)
    assert dict(listed)["a/b/../c"] == {"n": 1, "ok": True, "at": "2025-07-01"}


@pytest.mark.parametrize(("kind", "name", "data"), [
    ("Read", "main", {}), ("", "main", {}), ("read", "", {}), ("read", "x" * 201, {}),
    ("read", "main", {"bad": float("nan")}), ("read", "main", ["not", "a", "dict"]),
])
def test_a_record_that_cannot_be_kept_is_a_value_error(make_store: MakeStore, kind: str,
                                                        name: str, data: object) -> None:
    with pytest.raises(ValueError):
        make_store().save_record(kind, name, data)  # type: ignore[arg-type]


def test_two_councils_never_see_each_others_copies(
        make_store: MakeStore, demo_close: tuple[SourceRef, ClosedQuarter, PublicView]) -> None:
    ref, closed, view = demo_close
    vinnytsia, zhmerynka = make_store("vinnytsia"), make_store("zhmerynka")
    vinnytsia.raw(1_000_000).save(PAYLOAD["key"], PAYLOAD)
    vinnytsia.save_public(ref, view, dt.datetime(2025, 7, 1, tzinfo=KYIV))
    vinnytsia.save_closed(ref, closed)
    vinnytsia.save_record("read", "main", {"council": "vinnytsia"})
    for other in (zhmerynka, make_store(), make_store("default")):
        assert other.raw(1_000_000).load(PAYLOAD["key"]) is None
        assert other.load_public(ref) is None
        assert other.list_closed(ref) == [] and other.load_closed(ref, Q2) is None
        assert other.load_record("read", "main") is None and other.list_records("read") == []
    zhmerynka.save_record("read", "main", {"council": "zhmerynka"})
    assert make_store("vinnytsia").load_record("read", "main") == {"council": "vinnytsia"}


def test_the_default_council_is_the_empty_id(make_store: MakeStore) -> None:
    make_store("").save_record("read", "main", {"n": 1})
    assert make_store("default").load_record("read", "main") == {"n": 1}


@pytest.mark.parametrize("council", ["../up", "a b", "-x", "x" * 65, "рада"])
def test_a_council_id_that_is_not_a_slug_is_refused(make_store: MakeStore,
                                                    council: str) -> None:
    with pytest.raises(ValueError, match="council id"):
        make_store(council)


def test_a_file_store_keeps_another_council_in_its_own_folder(tmp_path: Path) -> None:
    FileSnapshotStore(tmp_path, "vinnytsia").save_record("read", "main", {"n": 1})
    FileSnapshotStore(tmp_path).save_record("read", "main", {"n": 2})
    assert (tmp_path / "councils" / "vinnytsia" / "records" / "read" / "main.json").is_file()
    assert (tmp_path / "records" / "read" / "main.json").is_file()


def test_a_damaged_record_file_is_left_out_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = FileSnapshotStore(tmp_path)
    store.save_record("read", "good", {"n": 1})
    store.save_record("read", "bad", {"n": 2})
    (tmp_path / "records" / "read" / "bad.json").write_text("{not json", encoding="utf-8")
    assert store.list_records("read") == [("good", {"n": 1})]
    assert store.load_record("read", "bad") is None
    assert "пошкоджений" in caplog.text
