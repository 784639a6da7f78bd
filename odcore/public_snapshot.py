"""The public projection kept on disk, so a public-only site is never a blank page.

In public-only mode no raw spreadsheet is stored: its rows hold personal columns (contacts,
reviewers) that a public server must not keep. What is stored instead is the
:class:`~odcore.public.PublicView` the public pages show, serialised to JSON, one file per
source location, in the state folder's ``public`` subfolder (folder 0700, file 0600, written
to a temporary file and renamed). When the source cannot be read, the last one is loaded and
served with the time its data were read. A file that is too large, not JSON (also JSON nested
too deep to parse) or of another shape is refused with a Ukrainian message, never raised
past the caller as anything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from odcore.public import PublicView
from odcore.sources.base import DEFAULT_LIMITS
from odcore.sources.snapshots import state_dir, write_private_file

FORMAT = 1
_VIEW = TypeAdapter(PublicView)


class PublicSnapshotError(Exception):
    """A kept projection exists but cannot be used; the message is Ukrainian, names the file."""


@dataclass(frozen=True)
class PublicSnapshot:
    """A kept projection and when the data it was computed from were read."""

    view: PublicView
    read_at: dt.datetime


def public_snapshot_path(location: str, folder: Path | None = None) -> Path:
    """Where the projection of this source location is kept (named by a hash of it, so the
    file name reveals no spreadsheet key or path)."""
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:32]
    return (folder or state_dir()) / "public" / f"public-{digest}.json"


def view_to_json(view: PublicView) -> dict[str, object]:
    """The projection as JSON-ready data (dates as ISO text, enums by value)."""
    return _VIEW.dump_python(view, mode="json")


def view_from_json(data: object) -> PublicView:
    """The projection rebuilt from :func:`view_to_json`'s data; ValueError when it does not fit."""
    try:
        return _VIEW.validate_python(data)
    except ValidationError as exc:
        raise ValueError(f"{exc.error_count()} invalid fields") from None


def save_public_snapshot(location: str, view: PublicView, read_at: dt.datetime,
                         folder: Path | None = None) -> Path:
    """Keep the projection of ``location``; OSError when the state folder cannot be written."""
    target = public_snapshot_path(location, folder)
    data = {"format": FORMAT, "read_at": read_at.isoformat(), "view": view_to_json(view)}
    write_private_file(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return target


def load_public_snapshot(location: str, folder: Path | None = None, *,
                         max_bytes: int = DEFAULT_LIMITS.max_file_bytes
                         ) -> PublicSnapshot | None:
    """The kept projection of ``location``, None when there is none; PublicSnapshotError when
    the file is unusable or larger than ``max_bytes`` (the caller ignores it and says so)."""
    target = public_snapshot_path(location, folder)
    try:
        size = target.stat().st_size
        if size > max_bytes:
            raise PublicSnapshotError(_corrupt(target, f"завелика: {size} байтів"))
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise PublicSnapshotError(_corrupt(target, type(exc).__name__)) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("unknown format")
        read_at = dt.datetime.fromisoformat(str(data["read_at"]))
        view = view_from_json(data["view"])
    except RecursionError:
        raise PublicSnapshotError(_corrupt(target, "не JSON")) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise PublicSnapshotError(_corrupt(target, str(exc) or type(exc).__name__)) from None
    return PublicSnapshot(view=view, read_at=read_at)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _corrupt(path: Path, why: str) -> str:
    return (f"Збережена публічна копія даних {path} пошкоджена ({why}), її проігноровано; "
            "нова зʼявиться після наступного вдалого читання таблиць.")
