"""The kept public projection: a lossless round trip, private files, unusable files refused."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest

from odcore.figures import build_figures
from odcore.public import public_view
from odcore.public_snapshot import (
    PublicSnapshotError,
    load_public_snapshot,
    public_snapshot_path,
    save_public_snapshot,
    view_from_json,
    view_to_json,
)
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from tests.gsheets.conftest import MAIN_KEY

LOCATION = f"gsheets:{MAIN_KEY}"
READ_AT = dt.datetime(2025, 7, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def view(demo_path):
    workbook = load_workbook(WorkbookFileSource(demo_path))
    return public_view(build_figures(workbook, dt.date(2025, 7, 1), Settings()))


def test_the_projection_survives_json_unchanged(view):
    assert view.products and view.datasets and view.programme.tasks
    rebuilt = view_from_json(json.loads(json.dumps(view_to_json(view))))
    assert rebuilt == view
    assert rebuilt.datasets[0].on_time is view.datasets[0].on_time


def test_a_kept_copy_is_private_and_named_without_the_key(view, tmp_path):
    path = save_public_snapshot(LOCATION, view, READ_AT, tmp_path)

    assert path == public_snapshot_path(LOCATION, tmp_path)
    assert MAIN_KEY not in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    kept = load_public_snapshot(LOCATION, tmp_path)
    assert kept is not None and kept.view == view and kept.read_at == READ_AT
    assert load_public_snapshot("gsheets:another", tmp_path) is None


@pytest.mark.parametrize("damage", [
    lambda data: "{not json",
    lambda data: json.dumps({**data, "format": 99}),
    lambda data: json.dumps({**data, "view": {**data["view"], "products": "many"}}),
    lambda data: json.dumps({k: v for k, v in data.items() if k != "read_at"}),
])
def test_an_unusable_copy_is_refused_with_a_message_naming_it(view, tmp_path, damage):
    path = save_public_snapshot(LOCATION, view, READ_AT, tmp_path)
    path.write_text(damage(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")

    with pytest.raises(PublicSnapshotError, match="пошкоджена") as caught:
        load_public_snapshot(LOCATION, tmp_path)
    assert str(path) in str(caught.value)
