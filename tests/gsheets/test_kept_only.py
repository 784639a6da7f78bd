"""The "kept only" Google source of web replicas when the refresh worker is configured: the
copies the worker kept, never a request to Google (docs/councils.md)."""

from __future__ import annotations

import pytest

from odcore.config import AppConfig, load_config
from odcore.service import open_service
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.gsheets import KeptSheetsSource
from odcore.sources.snapshots import SnapshotStore
from tests.gsheets.conftest import MAIN_KEY


def _requests(google) -> int:
    return sum(google.count(kind) for kind in ("token", "metadata", "values"))


def test_worker_flag_comes_from_the_environment_or_odcore(google, tmp_path, monkeypatch):
    assert not load_config().worker
    (tmp_path / "secrets.toml").write_text("[odcore]\nworker = true\n", encoding="utf-8")
    assert load_config().worker
    monkeypatch.setenv("ODCORE_WORKER", "0")
    assert not load_config().worker


def test_a_kept_read_serves_the_same_data_without_a_request(three_sheets, tmp_path):
    reader = AppConfig(settings=Settings(), source_location=f"gsheets:{MAIN_KEY}",
                       is_demo=False)
    read = open_service(reader).snapshot()  # what a worker does: read Google and keep it
    before = _requests(three_sheets)
    web = AppConfig(settings=Settings(), source_location=f"gsheets:{MAIN_KEY}",
                    is_demo=False, worker=True)
    served = open_service(web).snapshot()
    assert _requests(three_sheets) == before
    assert not served.partial  # the worker's copy is the data, not a stale fallback
    assert len(served.workbook.reports) == len(read.workbook.reports) == 2


def test_no_copy_or_a_broken_one_is_a_message_never_a_request(google, tmp_path):
    store = SnapshotStore(tmp_path / "kept")
    source = KeptSheetsSource(MAIN_KEY, store)
    with pytest.raises(SourceError, match="python -m odcore refresh"):
        source.read_main()
    store.path(MAIN_KEY).parent.mkdir(parents=True)
    store.path(MAIN_KEY).write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match="пошкоджений"):
        source.read_main()
    assert _requests(google) == 0
