"""A corrupted or hostile snapshot file never crashes a read: it counts as no snapshot, with
a Ukrainian note, and the next good read replaces it. The same for the public copy, and a
reply larger than max_file_bytes is refused before it is read whole.
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from odcore.cli import main
from odcore.figures import build_figures
from odcore.public import public_view
from odcore.public_snapshot import (
    PublicSnapshotError,
    load_public_snapshot,
    public_snapshot_path,
    save_public_snapshot,
)
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.base import SourceError
from odcore.sources.google_http import ApiError, Failure
from odcore.sources.snapshots import SnapshotStore
from odcore.sources.workbook_file import WorkbookFileSource
from tests.gsheets.conftest import MAIN_KEY
from tests.gsheets.hostile import add_main


def _payload(change):
    """A damage that edits the kept payload (parsed) and writes it back as JSON."""
    def damage(text: str) -> str:
        data = json.loads(text)
        change(data["payload"])
        return json.dumps(data, ensure_ascii=False)
    return damage


def _first_range(payload: dict[str, Any]) -> dict[str, Any]:
    return payload["values"]["valueRanges"][0]


DAMAGES = {
    "cut-in-half": lambda text: text[:len(text) // 2],
    "not-json": lambda text: "<html>not a snapshot</html>",
    "nested-too-deep": lambda text: "[" * 100_000,
    "nan-cell": lambda text: text.replace('"4.3"', "NaN", 1),
    "a-list": lambda text: "[]",
    "sheets-not-a-list": _payload(lambda p: p["metadata"].__setitem__("sheets", "x")),
    "cell-is-an-object": _payload(lambda p: _first_range(p)["values"][1].__setitem__(
        0, {"formula": "=A1"})),
    "rows-not-lists": _payload(lambda p: _first_range(p).__setitem__("values", ["a", "b"])),
    "read-at-a-number": _payload(lambda p: p.__setitem__("read_at", 12)),
    "kept-not-a-list": _payload(lambda p: p.__setitem__("kept", {"title": "Звіти"})),
    "kept-without-data": _payload(lambda p: p.__setitem__("kept", [{"title": "Звіти"}])),
}


@pytest.fixture(params=sorted(DAMAGES))
def damaged(request, google, open_source, clock) -> Path:
    """The main spreadsheet read once, then its snapshot file damaged and the caches expired."""
    add_main(google)
    load_workbook(open_source())
    path = SnapshotStore().path(MAIN_KEY)
    path.write_text(DAMAGES[request.param](path.read_text(encoding="utf-8")), encoding="utf-8")
    clock.advance(3601)
    return path


def test_a_damaged_snapshot_is_no_snapshot_when_google_fails(damaged, google, open_source):
    google.fail("values", status=500, times=None)

    with pytest.raises(SourceError) as caught:
        open_source().read_main()

    assert isinstance(caught.value, ApiError) and caught.value.failure is Failure.SERVER
    assert f"збережений знімок {damaged} пошкоджений" in str(caught.value)


def test_a_damaged_snapshot_is_replaced_by_the_next_good_read_with_a_note(damaged, open_source):
    sheet = open_source().read_main()

    assert [t.title for t in sheet.tabs] == ["План", "Підрозділи", "Звіти"]
    assert any(note.startswith(f"Збережений знімок {damaged} пошкоджений")
               and "замінить цей свіжий знімок" in note for note in sheet.notes)
    assert SnapshotStore().load(MAIN_KEY)["ranges"] == ["План", "Підрозділи", "Звіти"]


def test_check_and_doctor_survive_a_damaged_snapshot(damaged, google, capsys, tmp_path):
    google.fail("values", status=500, times=None)
    (tmp_path / "secrets.toml").write_text(  # the google fixture's ODCORE_SECRETS_FILE
        "[odcore]\nrefresh_deadline_seconds = 0.5\n", encoding="utf-8")

    assert main(["check", f"gsheets:{MAIN_KEY}"]) == 2
    google.faults.clear()
    assert main(["doctor", f"gsheets:{MAIN_KEY}"]) == 0

    out = capsys.readouterr()
    assert "Внутрішня помилка" not in out.err + out.out
    assert "пошкоджений" in out.err and "знімок: збережений знімок" in out.out


def test_a_snapshot_larger_than_max_file_bytes_is_not_read(google, open_source, clock):
    add_main(google)
    load_workbook(open_source())
    size = SnapshotStore().path(MAIN_KEY).stat().st_size
    clock.advance(3601)
    google.fail("values", status=500, times=None)

    with pytest.raises(ApiError) as caught:
        open_source(max_file_bytes=size - 1).read_main()

    assert f"завеликий: {size} байтів" in str(caught.value)


def test_a_reply_larger_than_max_file_bytes_is_refused_as_too_large(google, open_source):
    add_main(google)

    with pytest.raises(ApiError) as caught:
        open_source(max_file_bytes=200).read_main()

    assert caught.value.failure is Failure.TOO_LARGE
    assert "більша за 200 байтів (max_file_bytes)" in str(caught.value)


READ_AT = dt.datetime(2025, 7, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def view(demo_path):
    return public_view(build_figures(load_workbook(WorkbookFileSource(demo_path)),
                                     dt.date(2025, 7, 1), Settings()))


@pytest.mark.parametrize("damage", [
    lambda text: text[:len(text) // 2],
    lambda text: "[" * 100_000,
    lambda text: text.replace('"format": 1', '"format": NaN', 1),
], ids=["cut-in-half", "nested-too-deep", "nan"])
def test_a_damaged_public_copy_is_refused_with_a_message(view, tmp_path, damage):
    path = save_public_snapshot(f"gsheets:{MAIN_KEY}", view, READ_AT, tmp_path)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")

    with pytest.raises(PublicSnapshotError, match="пошкоджена"):
        load_public_snapshot(f"gsheets:{MAIN_KEY}", tmp_path)


def test_a_public_copy_larger_than_the_limit_is_refused_unread(view, tmp_path):
    path = save_public_snapshot(f"gsheets:{MAIN_KEY}", view, READ_AT, tmp_path)
    assert path == public_snapshot_path(f"gsheets:{MAIN_KEY}", tmp_path)

    with pytest.raises(PublicSnapshotError, match="завелика"):
        load_public_snapshot(f"gsheets:{MAIN_KEY}", tmp_path, max_bytes=100)
