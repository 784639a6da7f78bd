"""The last good read of each Google spreadsheet, kept on disk outside the repository.

A snapshot holds the raw API responses and their time, one file per spreadsheet, in
``ODCORE_STATE_DIR`` (default ``$XDG_STATE_HOME/odcore`` or ``~/.local/state/odcore``). The
folder is 0700 and the files 0600; a snapshot is written to a temporary file and renamed, so
a crash mid-write never leaves a corrupt one. A file that is too large, not JSON (also JSON
nested too deep to parse, or holding NaN) or of another shape is reported as unusable, never
raised past the caller.
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

from odcore.sources.base import DEFAULT_LIMITS

FORMAT = 1
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,200}$")


class SnapshotError(Exception):
    """A snapshot exists but cannot be used; the message is Ukrainian and names the file."""


def state_dir() -> Path:
    """ODCORE_STATE_DIR, else $XDG_STATE_HOME/odcore, else ~/.local/state/odcore."""
    override = os.environ.get("ODCORE_STATE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "state"
    return base / "odcore"


class PayloadStore(Protocol):
    """Where the Google source keeps each spreadsheet's last good answer: files here
    (:class:`SnapshotStore`), PostgreSQL in ``odcore.stores.postgres``."""

    max_bytes: int

    def where(self, key: str) -> str:
        """Where the copy of ``key`` is kept, as messages name it (never a password)."""

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` in place of the previous one, whole or not at all; OSError when it
        cannot be kept."""

    def load(self, key: str) -> dict[str, Any] | None:
        """The kept payload, None when there is none; SnapshotError when it is unusable."""


class SnapshotStore:
    """Snapshots of Google spreadsheets, one JSON file per spreadsheet key."""

    def __init__(self, folder: Path | None = None, *,
                 max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> None:
        self.folder = (folder or state_dir()) / "snapshots"
        self.max_bytes = max_bytes  # a snapshot is a reply kept: the bound on one reply

    def path(self, key: str) -> Path:
        if not _SAFE_KEY.match(key):
            raise ValueError(f"not a spreadsheet key: {key!r}")
        return self.folder / f"gsheets-{key}.json"

    def where(self, key: str) -> str:
        return str(self.path(key))

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Write the snapshot atomically; OSError when the folder cannot be written or the
        snapshot would be larger than ``max_bytes`` (it could not be read back)."""
        data = json.dumps({"format": FORMAT, "key": key, "payload": payload},
                          ensure_ascii=False).encode("utf-8")
        if len(data) > self.max_bytes:
            raise OSError(errno.EFBIG, f"знімок більший за {self.max_bytes} байтів "
                                       "(max_file_bytes)")
        write_private_file(self.path(key), data)

    def load(self, key: str) -> dict[str, Any] | None:
        """The stored payload, None when there is none; SnapshotError when it is unusable."""
        target = self.path(key)
        try:
            size = target.stat().st_size
            if size > self.max_bytes:
                raise SnapshotError(corrupt_message(target, f"завеликий: {size} байтів"))
            text = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise SnapshotError(corrupt_message(target, type(exc).__name__)) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            raise SnapshotError(corrupt_message(target, "не JSON")) from None
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("key") != key or not isinstance(data.get("payload"), dict)):
            raise SnapshotError(corrupt_message(target, "невідома будова"))
        return data["payload"]


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def write_private_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` (0600, its folder 0700) through a temporary file and a
    rename, so a crash mid-write leaves the previous file whole; OSError on failure."""
    folder = target.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def corrupt_message(path: Path | str, why: str) -> str:
    """The message for a snapshot that cannot be used (lower case: it ends a sentence)."""
    return f"збережений знімок {path} пошкоджений ({why}), його проігноровано"
