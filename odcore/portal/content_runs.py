"""Content checks over the register, run outside any page and kept with their time
(docs/portal.md, "Content checks as an input").

A register row is checked when its ``Структура Мінцифри`` names shipped annexes and it has a
resource: a local path or an http(s) URL that is a file, not a portal page. The run is bounded
by one deadline; the result is kept as a private JSON file per source, which the data service
hands to the figures (``structure_mismatch`` for a failed check).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from odcore.portal.content import check_content
from odcore.portal.coverage import parse_structure_reference
from odcore.portal.http import is_http_url
from odcore.portal.records import ContentCheck, ContentRun, DatasetContent, Verdict
from odcore.portal.structures import StructureCatalogue, load_catalogue
from odcore.schema.models import Dataset
from odcore.sources.snapshots import state_dir, write_private_file

FORMAT = 1
DEFAULT_CONTENT_DEADLINE = 300.0  # seconds for a whole run: at most 10 MB a file
# A CKAN dataset page (…/dataset/<name or id>, nothing after): a page, not a file.
_PORTAL_PAGE = re.compile(r"/dataset/[^/?#]+/?(?:[?#].*)?$")
_VERDICT_RANK = {Verdict.PASSED: 0, Verdict.UNCHECKED: 1, Verdict.FAILED: 2}


def resource_of(dataset: Dataset) -> str | None:
    """The resource to check: the register's link when it names a file (an http(s) URL that
    is not a portal dataset page, or a local path); None otherwise."""
    text = (dataset.portal_url or "").strip()
    if not text:
        return None
    if is_http_url(text):
        return None if _PORTAL_PAGE.search(text) else text
    return text if "://" not in text else None


def check_register(datasets: Sequence[Dataset], *, now: Callable[[], dt.datetime],
                   catalogue: StructureCatalogue | None = None,
                   resources: Mapping[str, str] | None = None,
                   deadline_seconds: float = DEFAULT_CONTENT_DEADLINE,
                   check: Callable[..., ContentCheck] = check_content,
                   clock: Callable[[], float] = time.monotonic) -> ContentRun:
    """Check every row with a structure and a resource (``resources`` overrides a row's by
    ID), each against the annexes it names (the best result kept); rows not reached before
    the deadline are named in the notes, not judged."""
    catalogue = catalogue or load_catalogue()
    started = clock()
    results: list[DatasetContent] = []
    skipped: list[str] = []
    for dataset in datasets:
        annexes = parse_structure_reference(dataset.ministry_structure or "") or ()
        structures = [s for s in map(catalogue.get, annexes) if s is not None]
        source = (resources or {}).get(dataset.id) or resource_of(dataset)
        if not structures or not source:
            continue
        if clock() - started >= deadline_seconds:
            skipped.append(dataset.id)
            continue
        checks = [check(source, structure) for structure in structures]
        best = min(checks, key=lambda c: (_VERDICT_RANK[c.verdict], len(c.findings)))
        results.append(DatasetContent(dataset.id, best))
    notes: tuple[str, ...] = ()
    if skipped:
        notes = (f"Не перевірено через обмеження часу ({deadline_seconds:g} с): "
                 f"{', '.join(skipped)}.",)
    return ContentRun(now().isoformat(timespec="seconds"), tuple(results), notes)


class ContentStore:
    """The last content run of each source, one private JSON file each."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or state_dir()) / "portal"

    def path(self, store_id: str) -> Path:
        digest = hashlib.sha256(store_id.encode("utf-8")).hexdigest()[:24]
        return self.folder / f"content-{digest}.json"

    def save(self, store_id: str, run: ContentRun) -> None:
        """Write the record atomically (0600 in a 0700 folder); OSError on failure."""
        data = {"format": FORMAT, "record": run.to_json()}
        write_private_file(self.path(store_id),
                           json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def load(self, store_id: str) -> ContentRun | None:
        """The last record, None when there is none or it cannot be read."""
        try:
            data = json.loads(self.path(store_id).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return ContentRun.from_json(data["record"])
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return None
