"""Which council a page shows in a multi-council deployment (docs/councils.md).

The council comes from the URL (``?council=<id>``) and is kept in the session, and written
back to the URL on every run, so it survives navigation and a copied link opens the same
council. Without a councils file there is no council: everything works as for one council.
"""

from __future__ import annotations

import logging

import streamlit as st

from odcore.config import log_once
from odcore.councils import Councils, CouncilsError, configured_councils

log = logging.getLogger(__name__)

COUNCIL_PARAM = "council"
_SESSION_KEY = "odcore_council"


def deployment_councils() -> Councils | CouncilsError | None:
    """The councils file's councils, the error that keeps it from being used, or None."""
    try:
        return configured_councils()
    except CouncilsError as exc:
        log_once(log, logging.ERROR, f"councils file: {exc}")
        return exc


def chosen_council() -> str | None:
    """The council id of the URL (or of the session when a page switch dropped it), kept in
    both; None when none is chosen. Whether it exists is the configuration's to say."""
    asked = st.query_params.get(COUNCIL_PARAM, "").strip()
    council = asked or st.session_state.get(_SESSION_KEY) or None
    if council:
        st.session_state[_SESSION_KEY] = council
        if asked != council:
            st.query_params[COUNCIL_PARAM] = council
    return council


def council_link(council_id: str) -> str:
    """The relative address of a council's dashboard (its default page)."""
    return f"./?{COUNCIL_PARAM}={council_id}"


def with_council(params: dict[str, str]) -> dict[str, str]:
    """A link's query parameters with the chosen council added, so the link's address opens
    the same council in a new tab or when shared (a page switch alone keeps it in the
    session); unchanged without a council."""
    council = st.session_state.get(_SESSION_KEY)
    return {**params, COUNCIL_PARAM: council} if council else params
