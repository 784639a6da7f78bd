"""Who may see what: the role of a visitor, decided from the verified e-mail and the settings.

Roles (docs/access.md):

- ``public``: the public pages only. Every visitor who is not signed in, a signed-in e-mail
  that is not verified or not listed, and everyone when sign-in is broken;
- ``staff``: the internal pages; personal columns only on rows of their own department;
- ``coordinator``: everything, with personal columns, the downloads and the refresh button.

The role comes from ``[odcore.access]`` of secrets.toml, never from a spreadsheet that
departments edit. The spreadsheet's ``Підрозділи`` tab is asked one thing only: whether a
staff member's configured department exists. When it does not, they are staff without a
department (less, never more). Nothing here imports Streamlit: :func:`decide_viewer` is a pure
function of the access flags, the access policy, the identity claims and the departments.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from odcore.departments import DepartmentNames
from odcore.text import normalize_name

ACCESS_KEYS = ("coordinators", "staff_domain", "staff")
# One "@", something on each side, no spaces: what an identity provider gives and what an
# administrator types. Anything else is no e-mail at all (and so no role).
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_DOMAIN = re.compile(r"[^@\s.]+(?:\.[^@\s.]+)+")


class Role(StrEnum):
    """What a visitor may see."""

    PUBLIC = "public"
    STAFF = "staff"
    COORDINATOR = "coordinator"


class SignIn(StrEnum):
    """Whether visitors sign in: no ``[auth]`` section, a usable one, or a broken one."""

    OFF = "off"
    ON = "on"
    BROKEN = "broken"


@dataclass(frozen=True)
class AccessFlags:
    """What decides which pages are served; :attr:`AppConfig.access` gives them.

    ``sign_in`` says whether visitors sign in ([auth]); with sign-in on, ``open_access`` is
    always False (ODCORE_OPEN_ACCESS is ignored) and roles decide (odcore.roles).
    """

    is_demo: bool
    public_only: bool
    open_access: bool
    sign_in: SignIn = SignIn.OFF


class AccessConfigError(Exception):
    """``[odcore.access]`` cannot be used; the message is Ukrainian and names the key."""


@dataclass(frozen=True)
class AccessPolicy:
    """``[odcore.access]`` as read: e-mails in lower case, the domain in lower case."""

    coordinators: frozenset[str] = frozenset()
    staff: Mapping[str, str] = field(default_factory=dict)  # e-mail -> department as typed
    staff_domain: str = ""

    def department_for(self, email: str | None) -> str | None:
        """The department configured for a staff e-mail (lower case), None when not listed."""
        return self.staff.get(email) if email else None


@dataclass(frozen=True)
class Viewer:
    """Who is looking and what they may see.

    ``email`` is the signed-in address as the provider gave it (shown in the sidebar, written
    to the audit log); ``department`` is a staff member's department as ``Підрозділи`` spells
    it ("" for none). ``sign_in`` says that visitors can sign in on this site; ``verified`` that
    the provider vouched for the e-mail.
    """

    role: Role = Role.PUBLIC
    email: str = ""
    department: str = ""
    signed_in: bool = False
    sign_in: bool = False
    verified: bool = False

    @property
    def internal(self) -> bool:
        """True when the internal pages are served to this viewer."""
        return self.role is not Role.PUBLIC

    @property
    def coordinator(self) -> bool:
        return self.role is Role.COORDINATOR

    def own_department(self, names: Iterable[str]) -> str | None:
        """A staff member's department as ``names`` spell it (a page's list of departments),
        None when it is not among them or they have none."""
        if not self.department:
            return None
        wanted = normalize_name(self.department)
        return next((name for name in names if normalize_name(name) == wanted), None)

    def sees_personal(self, department: str | None) -> bool:
        """Whether personal columns of a row owned by ``department`` may be shown: always to a
        coordinator, to staff only on rows of their own department, never to the public."""
        if self.role is Role.COORDINATOR:
            return True
        if self.role is not Role.STAFF or not self.department or not department:
            return False
        return normalize_name(department) == normalize_name(self.department)


PUBLIC_VIEWER = Viewer()


def _hint(word: str, known: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" Можливо, мали на увазі «{match[0]}»?" if match else ""


def _email_list(value: object, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AccessConfigError(
            f"{where}: coordinators має бути списком адрес у лапках, наприклад "
            "[\"head@rada.gov.ua\"].")
    bad = [v for v in value if not _EMAIL.fullmatch(v)]
    if bad:
        raise AccessConfigError(
            f"{where}: у coordinators «{bad[0]}» не є адресою e-mail (одна «@», без пробілів).")
    return frozenset(v.lower() for v in value)


def _staff_table(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise AccessConfigError(
            f"{where}: staff має бути окремим розділом [odcore.access.staff] з рядками "
            "\"адреса\" = \"Підрозділ\".")
    staff: dict[str, str] = {}
    for email, department in value.items():
        if not _EMAIL.fullmatch(str(email)):
            raise AccessConfigError(
                f"{where}: у [odcore.access.staff] «{email}» не є адресою e-mail (одна «@», "
                "без пробілів).")
        if not isinstance(department, str) or not department.strip():
            raise AccessConfigError(
                f"{where}: у [odcore.access.staff] для «{email}» має бути назва підрозділу в "
                "лапках, як у вкладці «Підрозділи».")
        staff[str(email).lower()] = department
    return staff


def _domain(value: object, where: str) -> str:
    if not isinstance(value, str) or not _DOMAIN.fullmatch(value.strip()):
        raise AccessConfigError(
            f"{where}: staff_domain має бути доменом у лапках без «@», наприклад "
            "\"rada.gov.ua\".")
    return value.strip().lower()


def parse_access_policy(section: object, where: str = "secrets.toml") -> tuple[AccessPolicy,
                                                                               list[str]]:
    """``[odcore.access]`` -> the policy and Ukrainian warnings (unknown keys, an e-mail that
    is both a coordinator and staff); AccessConfigError when a value cannot work."""
    place = f"Розділ [odcore.access] у {where}"
    if not isinstance(section, Mapping):
        raise AccessConfigError(f"{place}: «access» має бути розділом [odcore.access].")
    warnings = [f"{place}: невідомий ключ «{key}», його не враховано."
                f"{_hint(str(key), ACCESS_KEYS)} Ключі розділу: " + ", ".join(ACCESS_KEYS) + "."
                for key in section if key not in ACCESS_KEYS]
    coordinators = _email_list(section.get("coordinators", []), place)
    staff = _staff_table(section.get("staff", {}), place)
    domain = _domain(section["staff_domain"], place) if "staff_domain" in section else ""
    both = sorted(coordinators & set(staff))
    if both:
        warnings.append(f"{place}: деякі адреси є і серед coordinators, і в "
                        f"[odcore.access.staff] (кількість: {len(both)}); для них діє роль "
                        "координатора.")
    return AccessPolicy(coordinators, staff, domain), warnings


def unknown_staff_departments(policy: AccessPolicy, departments: DepartmentNames) -> list[str]:
    """The departments of [odcore.access.staff] that ``Підрозділи`` does not name, each once
    (their staff get no department: the internal pages without anyone's personal columns)."""
    missing: dict[str, str] = {}
    for department in policy.staff.values():
        if department not in departments:
            missing.setdefault(normalize_name(department), department)
    return list(missing.values())


def _verified(value: object) -> bool:
    # The OIDC standard makes email_verified a boolean; some providers send the text "true".
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def signed_in(user: Mapping[str, Any] | None) -> bool:
    """True when the claims come from a completed sign-in (Streamlit sets ``is_logged_in``)."""
    return user is not None and user.get("is_logged_in") is True


def verified_email(user: Mapping[str, Any] | None) -> str | None:
    """The signed-in e-mail in lower case when the provider verified it, else None."""
    if user is None or not signed_in(user):
        return None
    email = user.get("email")
    if not isinstance(email, str) or not _EMAIL.fullmatch(email):
        return None
    return email.lower() if _verified(user.get("email_verified")) else None


def _department(configured: str, departments: DepartmentNames | None) -> str:
    if departments is None or configured not in departments:
        return ""
    return departments.canonical(configured)


def decide_viewer(flags: AccessFlags | None, policy: AccessPolicy | None,
                  user: Mapping[str, Any] | None,
                  departments: DepartmentNames | None = None) -> Viewer:
    """The viewer's role: from the access flags, ``[odcore.access]``, the identity claims
    (``st.user``) and the names of ``Підрозділи`` (None when the data could not be read).

    Fails closed: no flags (a configuration that cannot be used), public-only mode and broken
    sign-in give the public role; without sign-in the rules of the public-pages work hold
    (the demo and ODCORE_OPEN_ACCESS serve everything, any other source only public pages).
    """
    if flags is None or flags.public_only:
        return PUBLIC_VIEWER
    if flags.sign_in is SignIn.OFF:
        return Viewer(Role.COORDINATOR) if flags.is_demo or flags.open_access else PUBLIC_VIEWER
    if flags.sign_in is not SignIn.ON:
        return PUBLIC_VIEWER
    is_in = signed_in(user)
    shown = user.get("email") if is_in and user is not None else None
    email = verified_email(user)
    viewer = Viewer(email=shown if isinstance(shown, str) else "", signed_in=is_in,
                    sign_in=True, verified=email is not None)
    if email is None or policy is None:
        return viewer
    if email in policy.coordinators:
        return replace(viewer, role=Role.COORDINATOR)
    configured = policy.department_for(email)
    if configured is not None:
        return replace(viewer, role=Role.STAFF, department=_department(configured, departments))
    if policy.staff_domain and email.rpartition("@")[2] == policy.staff_domain:
        return replace(viewer, role=Role.STAFF)
    return viewer
