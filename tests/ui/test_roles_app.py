"""Each role sees exactly its pages, and personal columns only where it may (issue 11).

The app runs with a secrets file holding ``[auth]`` and ``[odcore.access]`` and
``AppTest.user`` set as Streamlit sets ``st.user`` after a sign-in. The workbook
(tests/ui/roles_workbook.py) holds a unique marker in every personal column of every tab, for
two departments and a product; the tests look for them in everything a run sends to the
browser (tests/public/sent.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import odcore.config as config_module
import odcore.ui.signin as signin_ui
from odcore.i18n import translate
from odcore.ui.navigation import PAGES_DIR
from tests.public.sent import sent
from tests.ui.conftest import APP, TIMEOUT
from tests.ui.roles_workbook import (
    COORDINATOR,
    DEPT_A,
    GHOST,
    MARKER,
    SECRETS,
    STAFF_A,
    STAFF_DOMAIN_ONLY,
    STAFF_GHOST,
    UNLISTED,
    planted,
    write_role_workbook,
)
from tests.ui.test_app_shell import texts

PUBLIC_HOME = translate("public.title")
INTERNAL_TITLES = {"overview.py": translate("overview.title"),
                   "plan.py": translate("plan.title"),
                   "department.py": translate("department.title"),
                   "datasets.py": translate("datasets.title"),
                   "coverage.py": translate("coverage.title"),
                   "problems.py": translate("problems.title"),
                   "history.py": translate("history.title")}
ALL_SEVERITIES = {"severity": ["error", "warning", "info"]}
# Every internal view where a personal cell can appear.
INTERNAL_VISITS: list[tuple[str, dict[str, Any]]] = [
    ("overview.py", {}), ("plan.py", {"task": "1.1"}), ("plan.py", {"task": "2.1"}),
    ("department.py", {}), ("department.py", {"department": DEPT_A}),
    ("department.py", {"department": "Фінансове управління"}), ("datasets.py", {}),
    ("datasets.py", {"dataset": "DS-A"}), ("datasets.py", {"dataset": "DS-B"}),
    ("coverage.py", {}),
    ("problems.py", ALL_SEVERITIES), ("history.py", {})]
PUBLIC_VISITS: list[tuple[str, dict[str, Any]]] = [
    ("public_home.py", {}), ("public_products.py", {}), ("public_catalogue.py", {}),
    ("public_catalogue.py", {"dataset": "DS-A"}), ("public_programme.py", {})]

Runner = Callable[..., AppTest]


def signed_in(email: str, *, verified: object = True) -> dict[str, Any]:
    """``st.user`` after an OpenID Connect sign-in (Streamlit adds is_logged_in)."""
    return {"is_logged_in": True, "email": email, "email_verified": verified,
            "name": "Тестова Особа", "sub": email, "iat": 1_760_000_000}


SIGNED_OUT: dict[str, Any] = {"is_logged_in": False}


@pytest.fixture
def run_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runner]:
    """``run_as(user, "plan.py", {"task": "1.1"})``: the app as that user on that page."""
    from streamlit.runtime.secrets import secrets_singleton

    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS, encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("ODCORE_SOURCE", str(write_role_workbook(tmp_path / "roles.xlsx")))
    for name in ("ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())
    saved = (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
             signin_ui._shared)

    def run(user: dict[str, Any], page: str | None = None,
            query: dict[str, Any] | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.user = dict(user)
        at.query_params.update(query or {})
        if page in INTERNAL_TITLES:
            # An internal page's URL is its file's name: opened as a visitor would type it,
            # whether or not the viewer's page list has it.
            at.switch_page(str((PAGES_DIR / page).relative_to(APP.parent)))
        at.run()
        if page is not None and page not in INTERNAL_TITLES:
            # A public page's URL differs from its file: it is found once the pages are known.
            at.switch_page(str((PAGES_DIR / page).relative_to(APP.parent))).run()
        assert not at.exception, (page, query, at.exception)
        return at

    yield run
    (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
     signin_ui._shared) = saved


def markers(text: str) -> set[str]:
    """The markers in everything a run sent, also where Markdown escaping split them."""
    return {m.group(0) for m in MARKER.finditer(text.replace("\\", "").replace("\u2060", ""))}


def crawl(run_as: Runner, user: dict[str, Any],
          visits: list[tuple[str, dict[str, Any]]]) -> set[str]:
    found: set[str] = set()
    for page, query in visits:
        found |= markers(sent(run_as(user, page, query)))
    return found


def page_titles(run_as: Runner, user: dict[str, Any]) -> dict[str, str]:
    """The title each internal page's URL shows to ``user``."""
    return {page: run_as(user, page).title[0].value for page in INTERNAL_TITLES}


def test_a_coordinator_gets_every_page_and_sees_every_personal_marker(run_as):
    assert page_titles(run_as, signed_in(COORDINATOR)) == INTERNAL_TITLES
    found = crawl(run_as, signed_in(COORDINATOR), INTERNAL_VISITS)
    expected = planted("a") | planted("b") | planted("p")
    assert expected - found == set()
    assert crawl(run_as, signed_in(COORDINATOR), PUBLIC_VISITS) == set()


def test_staff_of_a_see_their_departments_personal_cells_and_none_of_another(run_as):
    user = signed_in(STAFF_A)
    assert page_titles(run_as, user) == INTERNAL_TITLES
    found = crawl(run_as, user, INTERNAL_VISITS + PUBLIC_VISITS)
    assert {m for m in found if m.lower()[4] != "a"} == set()
    assert planted("a") - found == set()  # what is theirs is all there


def test_staff_without_a_department_get_internal_pages_and_no_personal_cell(run_as):
    user = signed_in(STAFF_DOMAIN_ONLY)
    assert page_titles(run_as, user) == INTERNAL_TITLES
    assert crawl(run_as, user, INTERNAL_VISITS) == set()


def test_staff_of_a_department_the_departments_tab_lacks_have_none_and_are_warned_of(run_as):
    user = signed_in(STAFF_GHOST)
    assert page_titles(run_as, user) == INTERNAL_TITLES
    assert crawl(run_as, user, [("department.py", {"department": DEPT_A}),
                                ("datasets.py", {})]) == set()
    assert run_as(user, "department.py").selectbox(key="query_department").value is None
    problems = texts(run_as(signed_in(COORDINATOR), "problems.py"))
    assert f"Підрозділу «{GHOST}» з розділу [odcore.access.staff] немає" in problems


@pytest.mark.parametrize("user", [
    pytest.param(SIGNED_OUT, id="signed-out"),
    pytest.param(signed_in(UNLISTED), id="unlisted"),
    pytest.param(signed_in(COORDINATOR, verified=False), id="unverified-coordinator"),
])
def test_public_visitors_get_only_public_pages_and_no_personal_marker(run_as, user):
    assert set(page_titles(run_as, user).values()) == {PUBLIC_HOME}
    assert crawl(run_as, user, PUBLIC_VISITS + INTERNAL_VISITS) == set()


def test_downloads_and_refresh_are_a_coordinators(run_as):
    coordinator = run_as(signed_in(COORDINATOR), "datasets.py")
    staff = run_as(signed_in(STAFF_A), "datasets.py")
    card = translate("datasets.download_card")
    assert card in [b.label for b in coordinator.download_button]
    assert card not in [b.label for b in staff.download_button]
    assert translate("datasets.downloads_coordinator") in texts(staff)
    refresh = translate("sidebar.refresh")
    assert refresh in [b.label for b in coordinator.sidebar.button]
    assert refresh not in [b.label for b in staff.sidebar.button]


def test_only_a_coordinator_may_ask_the_portal(run_as):
    run = translate("portal.run")
    coordinator = run_as(signed_in(COORDINATOR), "coverage.py")
    staff = run_as(signed_in(STAFF_A), "coverage.py")
    assert run in [b.label for b in coordinator.button]
    assert run not in [b.label for b in staff.button]
    assert translate("portal.coordinator_only") in texts(staff)


def test_only_a_coordinator_may_close_a_quarter(run_as):
    close = translate("history.close")
    coordinator = run_as(signed_in(COORDINATOR), "history.py")
    staff = run_as(signed_in(STAFF_A), "history.py")
    assert close in [b.label for b in coordinator.button]
    assert close not in [b.label for b in staff.button]
    assert translate("history.coordinator_only") in texts(staff)


def test_staff_find_their_department_preselected(run_as):
    at = run_as(signed_in(STAFF_A), "department.py")
    assert at.selectbox(key="query_department").value == DEPT_A
    assert "department" not in at.query_params  # the default stays out of the URL


def test_the_sidebar_names_who_is_signed_in_and_the_role(run_as):
    at = run_as(signed_in(STAFF_A))
    shown = texts(at)
    assert STAFF_A in shown and translate("role.staff") in shown and DEPT_A in shown
    assert [b.label for b in at.sidebar.button][-1] == translate("signin.sign_out")
    english = run_as(signed_in(STAFF_A), "overview.py", {"lang": "en"})
    assert "Role: department staff" in texts(english)


def test_a_visitor_is_offered_sign_in_and_an_unverified_address_is_told_why(run_as):
    at = run_as(SIGNED_OUT)
    assert translate("signin.sign_in") in [b.label for b in at.sidebar.button]
    unverified = run_as(signed_in(COORDINATOR, verified=False))
    assert translate("signin.unverified") in texts(unverified)


def test_sign_in_and_sign_out_buttons_run_streamlits_sign_in(run_as):
    at = run_as(SIGNED_OUT)
    next(b for b in at.sidebar.button if b.label == translate("signin.sign_in")).click().run()
    assert not at.exception  # st.login found the [auth] odcore handed it
    at = run_as(signed_in(COORDINATOR))
    next(b for b in at.sidebar.button if b.label == translate("signin.sign_out")).click().run()
    assert not at.exception
    assert at.user == {"is_logged_in": False}  # st.logout cleared the user


def test_the_news_draft_is_the_coordinators(run_as):
    # Issue 17: "a button for coordinators"; staff read the overview without it.
    heading = translate("overview.news")
    coordinator = run_as(signed_in(COORDINATOR), "overview.py")
    staff = run_as(signed_in(STAFF_A), "overview.py")
    assert heading in texts(coordinator) and coordinator.download_button
    assert heading not in texts(staff) and not staff.download_button
