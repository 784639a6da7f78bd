"""Snapshots on disk: where they live, their permissions, atomic writes, unusable files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from odcore.sources.snapshots import SnapshotError, SnapshotStore, state_dir
from tests.gsheets.conftest import EMAIL, MAIN_KEY
from tests.helpers import TASK, tab


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_dir_is_odcore_state_dir_else_xdg_state_home_else_local_state(
        tmp_path, monkeypatch):
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "explicit"))
    assert state_dir() == tmp_path / "explicit"
    monkeypatch.delenv("ODCORE_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "odcore"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "odcore"


def test_a_good_read_leaves_a_0600_snapshot_in_a_0700_folder(google, open_source, tmp_path):
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([tab("plan", TASK)]), readers=[EMAIL])
    open_source().read_main()

    store = SnapshotStore()
    path = store.path(MAIN_KEY)
    assert path.parent == tmp_path / "state" / "snapshots"
    assert _mode(path.parent) == 0o700 and _mode(path) == 0o600
    payload = store.load(MAIN_KEY)
    assert payload["metadata"]["properties"]["title"] == "Програма"
    assert payload["values"]["valueRanges"][0]["values"][1][0] == "4.3"
    assert payload["read_at"]


def test_snapshot_replaces_the_old_one_and_leaves_no_temporary_file(tmp_path):
    store = SnapshotStore(tmp_path)
    store.save(MAIN_KEY, {"n": 1})
    store.save(MAIN_KEY, {"n": 2})
    assert store.load(MAIN_KEY) == {"n": 2}
    assert [p.name for p in store.folder.iterdir()] == [f"gsheets-{MAIN_KEY}.json"]


def test_an_interrupted_write_keeps_the_previous_snapshot(tmp_path, monkeypatch):
    store = SnapshotStore(tmp_path)
    store.save(MAIN_KEY, {"n": 1})

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("odcore.sources.snapshots.os.replace", crash)
    with pytest.raises(OSError):
        store.save(MAIN_KEY, {"n": 2})
    assert store.load(MAIN_KEY) == {"n": 1}
    assert len(list(store.folder.iterdir())) == 1


def test_no_snapshot_is_none_and_a_foreign_one_is_an_error(tmp_path):
    store = SnapshotStore(tmp_path)
    assert store.load(MAIN_KEY) is None
    store.save("1SomeOtherKey_0123456789abcdef", {"n": 1})
    store.path("1SomeOtherKey_0123456789abcdef").rename(store.path(MAIN_KEY))
    with pytest.raises(SnapshotError, match="пошкоджений"):
        store.load(MAIN_KEY)


def test_a_key_that_is_not_a_spreadsheet_key_never_names_a_file(tmp_path):
    with pytest.raises(ValueError):
        SnapshotStore(tmp_path).path("../../etc/passwd")


def test_failing_to_write_a_snapshot_is_a_note_not_a_failed_read(google, open_source, tmp_path):
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([tab("plan", TASK)]), readers=[EMAIL])
    (tmp_path / "state").write_text("a file where the folder should be", encoding="utf-8")

    sheet = open_source().read_main()

    assert [t.title for t in sheet.tabs] == ["План"]
    assert any("Знімок таблиці не збережено" in note for note in sheet.notes)
