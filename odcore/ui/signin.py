"""Sign-in in the app: ``[auth]`` handed to Streamlit, the viewer of this run, the sidebar's
sign-in block, and the redactor of personal columns for the viewer.

Streamlit reads no secrets file here (``secrets.files = []``): odcore reads secrets.toml and
checks ``[auth]`` (odcore.signin); :func:`share_auth` hands the checked section to Streamlit's
secrets through ``merge_programmatic_secrets``, where ``st.login``, the ``/oauth2callback``
route and the identity cookie read it. A section that cannot work is never handed over
(docs/access.md).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

import streamlit as st

from odcore.access import access_flags
from odcore.audit import audit_sign_in, audit_sign_out
from odcore.config import AppConfig
from odcore.departments import DepartmentNames
from odcore.personal import Redactor
from odcore.roles import SignIn, Viewer, decide_viewer, unknown_staff_departments, verified_email
from odcore.signin import DEFAULT_PROVIDER
from odcore.textsafe import escape_markdown
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import LoadedWorkbook, load_current, page_access

log = logging.getLogger(__name__)

_lock = threading.Lock()
_shared: dict[str, Any] | None = None  # the [auth] this process handed to Streamlit
REDACTORS_KEPT = 64
_redactors: OrderedDict[tuple[str, Viewer, str], Redactor] = OrderedDict()


def share_auth(config: AppConfig | None) -> None:
    """Hand the checked ``[auth]`` to Streamlit's sign-in when it changed; an ``[auth]`` that
    is absent or broken replaces one handed earlier by an empty section, which Streamlit
    treats as none."""
    global _shared
    section = (dict(config.signin.auth) if config is not None and config.signin.auth is not None
               and config.signin.state is SignIn.ON else None)
    with _lock:
        if section == _shared:
            return
        from streamlit.runtime.secrets import secrets_singleton

        secrets_singleton.merge_programmatic_secrets({"auth": section or {}})
        _shared = section


def user_claims() -> dict[str, Any]:
    """The identity claims of this session (``st.user``); empty when there are none."""
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback; no claims is public
        log.exception("st.user could not be read")
        return {}


def _department_names() -> DepartmentNames | None:
    loaded = load_current(report=False)
    return loaded.workbook.department_names() if loaded is not None else None


def current_viewer() -> Viewer:
    """Who is looking in this run, and with which role (odcore.roles.decide_viewer)."""
    access = page_access()
    flags = access_flags(access)
    if flags is None or flags.public_only or flags.sign_in is not SignIn.ON:
        return decide_viewer(flags, None, None)
    user = user_claims()
    policy = access.signin.policy if isinstance(access, AppConfig) else None
    departments = None
    if policy is not None and policy.department_for(verified_email(user)) is not None:
        departments = _department_names()
    return decide_viewer(flags, policy, user, departments)


def resolve_viewer() -> Viewer:
    """The viewer of this run; a sign-in not seen before is written to the audit log."""
    viewer = current_viewer()
    if viewer.signed_in:
        claims = user_claims()
        audit_sign_in(viewer, (viewer.email.lower(), str(claims.get("iat", "")),
                               str(claims.get("sub", ""))))
    return viewer


def role_text(viewer: Viewer) -> str:
    """The role as the sidebar names it, with a staff member's department."""
    text = t_plain(f"role.{viewer.role.value}")
    if viewer.department:
        text += f" · {viewer.department}"
    return text


def _sign_in(provider: str) -> None:
    try:
        st.login(None if provider == DEFAULT_PROVIDER else provider)
    except Exception:  # noqa: BLE001 - a visitor never sees a traceback
        log.exception("sign-in with provider %s could not start", provider)
        st.error(t("signin.failed"))


def sign_in_block(viewer: Viewer, config: AppConfig | None) -> None:
    """Who is signed in and with which role, and the sign-in or sign-out button."""
    if not viewer.sign_in or config is None or config.signin.state is not SignIn.ON:
        return
    if not viewer.signed_in:
        providers = config.signin.providers
        for provider in providers:
            label = (t_plain("signin.sign_in") if len(providers) == 1
                     else t_plain("signin.sign_in_with", provider=provider))
            if st.button(label, icon=":material/login:", key=f"signin_{provider}"):
                _sign_in(provider)
        st.caption(t("signin.why"))
        return
    st.markdown(t("signin.as", email=viewer.email))
    st.caption(escape_markdown(role_text(viewer)))
    if not viewer.verified:
        st.caption(t("signin.unverified"))
    elif not viewer.internal:
        st.caption(t("signin.no_role"))
    if st.button(t_plain("signin.sign_out"), icon=":material/logout:", key="signin_out"):
        audit_sign_out(viewer)
        st.logout()


def redactor(loaded: LoadedWorkbook, viewer: Viewer) -> Redactor:
    """What ``viewer`` may see of the loaded data's personal cells and cell links, built once
    per data version, viewer and language."""
    mark = t_plain("personal.hidden")
    key = (loaded.snapshot.version, viewer, current_language())
    with _lock:
        found = _redactors.get(key)
        if found is not None:
            _redactors.move_to_end(key)
            return found
    built = Redactor.build(viewer, loaded.workbook, mark)
    with _lock:
        _redactors[key] = built
        while len(_redactors) > REDACTORS_KEPT:
            _redactors.popitem(last=False)
    return built


def access_notes(loaded: LoadedWorkbook) -> list[str]:
    """Warnings about ``[odcore.access]`` that need the data: staff departments that
    ``Підрозділи`` does not name (their staff see no one's personal columns)."""
    policy = loaded.config.signin.policy
    if policy is None or loaded.config.signin.state is not SignIn.ON:
        return []
    return [t_plain("signin.unknown_department", department=name)
            for name in unknown_staff_departments(policy, loaded.workbook.department_names())]

