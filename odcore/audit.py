"""The audit log: one line per sign-in, sign-out and download (who, role, what).

Lines go to the ``odcore.audit`` logger, which the server's log collects. They name the
signed-in e-mail and nothing else about a person: no name, no claim of the identity token, no
value from the spreadsheets. A visitor who is not signed in is ``-``.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from odcore.roles import Viewer

log = logging.getLogger("odcore.audit")
# Audit lines are INFO: kept even where logging is not configured (Streamlit configures only
# its own logger), by a handler of our own that writes them to stderr, the server's log.
log.setLevel(logging.INFO)

SIGN_INS_REMEMBERED = 10_000  # sign-ins already logged in this process, the oldest forgotten
_seen: OrderedDict[Hashable, None] = OrderedDict()
_lock = threading.Lock()

T = TypeVar("T")


def _ensure_handler() -> None:
    """Write audit lines to stderr unless the process configured logging (root handlers)."""
    if log.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    log.addHandler(handler)


def _fields(viewer: Viewer) -> str:
    # An e-mail is one token (no spaces); the department is quoted, as it may hold spaces.
    who = viewer.email.replace(" ", "") or "-"
    line = f"who={who} role={viewer.role.value}"
    if viewer.department:
        line += f' department="{viewer.department}"'
    return line


def audit_sign_in(viewer: Viewer, session: Hashable) -> bool:
    """Log a sign-in once: ``session`` identifies it (the e-mail and the token's issue time),
    so that a second browser tab of the same sign-in writes no second line. True if logged."""
    with _lock:
        if session in _seen:
            _seen.move_to_end(session)
            return False
        _seen[session] = None
        while len(_seen) > SIGN_INS_REMEMBERED:
            _seen.popitem(last=False)
    _ensure_handler()
    log.info("sign-in %s", _fields(viewer))
    return True


def audit_sign_out(viewer: Viewer) -> None:
    """Log a sign-out."""
    _ensure_handler()
    log.info("sign-out %s", _fields(viewer))


def audit_download(viewer: Viewer, what: str) -> None:
    """Log one download: who, with which role, which file."""
    _ensure_handler()
    log.info("download %s file=%s", _fields(viewer), what.replace(" ", "_"))


def audited(viewer: Viewer, what: str, build: Callable[[], T]) -> Callable[[], T]:
    """``build``, logging the download when it runs (a deferred download builds its file
    once, when the button is clicked)."""
    def run() -> T:
        audit_download(viewer, what)
        return build()
    return run


def audit_close(viewer: Viewer, quarter: str, *, replace: bool) -> None:
    """Log a quarter's close: who, with which role, which quarter, whether it replaced one."""
    _ensure_handler()
    log.info("close %s quarter=%s replace=%s", _fields(viewer), quarter, str(replace).lower())


def audit_report(viewer: Viewer, department: str, report_id: str) -> None:
    """A report filed through the form of «Мій підрозділ» (the row's id, not its content)."""
    _ensure_handler()
    log.info("report %s department=%s id=%s", _fields(viewer), department.replace(" ", "_"),
             report_id)
