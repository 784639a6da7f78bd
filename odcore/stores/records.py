"""What every snapshot store shares: the council id that separates councils' copies, and the
generic JSON records (the refresh worker's state) kept per council.

A council id is a slug (``zhmerynka``); "" and ``default`` both mean the single council of a
one-council site. A record is a JSON object under a kind (``read``, ``bucket``: a short
lowercase word) and a name (any text up to 200 characters: a spreadsheet key, an account's
e-mail). No Streamlit, no database here.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from pathlib import Path
from typing import Any

from odcore.sources.snapshots import write_private_file

DEFAULT_COUNCIL = "default"
FORMAT = 1
MAX_NAME_CHARS = 200
_COUNCIL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_KIND = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")

log = logging.getLogger(__name__)


def council_id(council: str) -> str:
    """The council's id as stores keep it ("" is ``default``); ValueError when it is not a slug
    (it names a folder and is a column's value: nothing else may hide in it)."""
    text = council.strip() or DEFAULT_COUNCIL
    if not _COUNCIL.match(text):
        raise ValueError(f"not a council id (letters, digits, - and _): {council!r}")
    return text


def check_record(kind: str, name: str) -> None:
    """ValueError unless ``kind`` is a short lowercase word and ``name`` 1..200 characters."""
    if not _KIND.match(kind):
        raise ValueError(f"not a record kind (a-z, 0-9, - and _): {kind!r}")
    if not name or len(name) > MAX_NAME_CHARS or "\x00" in name:
        raise ValueError(f"not a record name (1 to {MAX_NAME_CHARS} characters): {name!r}")


def record_text(data: dict[str, Any]) -> str:
    """A record's data as JSON text; ValueError when it is not a JSON object (NaN included)."""
    if not isinstance(data, dict):
        raise ValueError("a record is a JSON object (a dict)")
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a record must be JSON: {exc}") from None


def record_data(text: str) -> dict[str, Any]:
    """A record's data from its JSON text; ValueError when it is not a JSON object."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ValueError("not JSON") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


class FileRecords:
    """Records as private JSON files: ``records/<kind>/<name, percent-encoded>.json`` under a
    council's state folder, each written to a temporary file and renamed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "records"

    def _path(self, kind: str, name: str) -> Path:
        check_record(kind, name)
        # Percent-encoding leaves no separator; "." and ".." are quoted too.
        stem = urllib.parse.quote(name, safe="").replace(".", "%2E")
        return self.folder / kind / f"{stem}.json"

    def save(self, kind: str, name: str, data: dict[str, Any]) -> None:
        """Keep ``data`` in place of the previous record; OSError when it cannot be written."""
        text = json.dumps({"format": FORMAT, "kind": kind, "name": name,
                           "data": json.loads(record_text(data))}, ensure_ascii=False)
        write_private_file(self._path(kind, name), text.encode("utf-8"))

    def load(self, kind: str, name: str) -> dict[str, Any] | None:
        """The record, None when there is none or it is unusable (logged)."""
        return self._read(self._path(kind, name), kind, name)

    def list(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """Every usable record of ``kind``, by name (unusable ones logged and left out)."""
        check_record(kind, "-")
        found: list[tuple[str, dict[str, Any]]] = []
        folder = self.folder / kind
        if not folder.is_dir():
            return found
        for path in sorted(folder.glob("*.json")):
            name = urllib.parse.unquote(path.stem)
            data = self._read(path, kind, name)
            if data is not None:
                found.append((name, data))
        found.sort(key=lambda item: item[0])
        return found

    @staticmethod
    def _read(path: Path, kind: str, name: str) -> dict[str, Any] | None:
        try:
            kept = record_data(path.read_text(encoding="utf-8"))
            if (kept.get("format") != FORMAT or kept.get("kind") != kind
                    or kept.get("name") != name or not isinstance(kept.get("data"), dict)):
                raise ValueError("unknown shape")
            return dict(kept["data"])
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("збережений запис %s пошкоджений (%s), його проігноровано", path, exc)
            return None
