"""The data service's counters, written to a file for a benchmark outside the server process.

``bench/bench_load.py`` runs a Streamlit server and twenty browser sessions against it, and
must know how many times the server read its source (``DataService.reads``) to show that
the source is read once per cache TTL, not once per session. When ``ODCORE_BENCH_STATS``
names a file, every page load rewrites it with the counters (JSON: the process id and the
reads); when it is unset, as in production, nothing is written. The file holds counters
only: no data, no path, no secret.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

ENV = "ODCORE_BENCH_STATS"
_lock = threading.Lock()


def write_bench_stats(reads: int) -> None:
    """Rewrite the file ``ODCORE_BENCH_STATS`` names with ``reads``; nothing when unset.
    A file that cannot be written is skipped silently: a benchmark aid never breaks a page."""
    target = os.environ.get(ENV)
    if not target:
        return
    path = Path(target)
    text = json.dumps({"pid": os.getpid(), "reads": reads})
    with _lock:
        scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            scratch.write_text(text, encoding="utf-8")
            os.replace(scratch, path)
        except OSError:
            with contextlib.suppress(OSError):
                scratch.unlink(missing_ok=True)
