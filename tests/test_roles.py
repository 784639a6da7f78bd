"""The role function: every role, and every way it fails closed (issue 11)."""

from __future__ import annotations

import pytest

from odcore.access import INTERNAL_PAGES, PUBLIC_PAGES, pages_for_viewer
from odcore.departments import DepartmentNames
from odcore.roles import (
    AccessConfigError,
    AccessFlags,
    AccessPolicy,
    Role,
    SignIn,
    Viewer,
    decide_viewer,
    parse_access_policy,
    unknown_staff_departments,
    verified_email,
)

IT = "Відділ інформаційних технологій та комунікацій"
FINANCE = "Фінансове управління"
DEPARTMENTS = DepartmentNames([IT, FINANCE])
POLICY, _ = parse_access_policy({
    "coordinators": ["Head@Zhmerynka-Rada.gov.ua"],
    "staff_domain": "zhmerynka-rada.gov.ua",
    "staff": {"it@zhmerynka-rada.gov.ua": IT, "fin@other.org": FINANCE,
              "ghost@zhmerynka-rada.gov.ua": "Відділ, якого немає"},
})
ON = AccessFlags(is_demo=False, public_only=False, open_access=False, sign_in=SignIn.ON)


def user(email: str, *, verified: object = True, logged_in: object = True) -> dict[str, object]:
    return {"is_logged_in": logged_in, "email": email, "email_verified": verified,
            "name": "Ім'я Прізвище", "sub": "1234"}


def role_of(claims: dict[str, object] | None, flags: AccessFlags | None = ON,
            policy: AccessPolicy | None = POLICY,
            departments: DepartmentNames | None = DEPARTMENTS) -> Viewer:
    return decide_viewer(flags, policy, claims, departments)


# --- every role ----------------------------------------------------------------------------

def test_a_listed_coordinator_is_a_coordinator_whatever_the_case_of_the_address():
    viewer = role_of(user("HEAD@zhmerynka-rada.GOV.UA"))
    assert viewer.role is Role.COORDINATOR and viewer.internal
    assert viewer.email == "HEAD@zhmerynka-rada.GOV.UA"  # shown as the provider gave it
    assert viewer.sees_personal(IT) and viewer.sees_personal(None)
    assert pages_for_viewer(viewer) == INTERNAL_PAGES + PUBLIC_PAGES


def test_listed_staff_get_their_department_as_the_departments_tab_spells_it():
    viewer = decide_viewer(ON, POLICY, user("It@Zhmerynka-Rada.gov.ua"),
                           DepartmentNames([IT.upper()]))
    assert (viewer.role, viewer.department) == (Role.STAFF, IT.upper())
    assert viewer.sees_personal(IT) and not viewer.sees_personal(FINANCE)
    assert not viewer.sees_personal(None) and not viewer.sees_personal("")
    assert pages_for_viewer(viewer) == INTERNAL_PAGES + PUBLIC_PAGES


def test_staff_by_domain_have_no_department_and_see_no_personal_column():
    viewer = role_of(user("clerk@zhmerynka-rada.gov.ua"))
    assert (viewer.role, viewer.department) == (Role.STAFF, "")
    assert not viewer.sees_personal(IT)


def test_a_listed_staff_address_outside_the_domain_is_staff():
    assert role_of(user("fin@other.org")).role is Role.STAFF


def test_an_unlisted_signed_in_address_is_public_but_shown_as_signed_in():
    viewer = role_of(user("someone@gmail.com"))
    assert viewer.role is Role.PUBLIC and viewer.signed_in and viewer.verified
    assert viewer.email == "someone@gmail.com"
    assert pages_for_viewer(viewer) == PUBLIC_PAGES


def test_a_visitor_who_is_not_signed_in_is_public_and_offered_sign_in():
    viewer = role_of({})
    assert viewer == Viewer(sign_in=True)
    assert pages_for_viewer(viewer) == PUBLIC_PAGES


# --- fails closed --------------------------------------------------------------------------

@pytest.mark.parametrize("verified", [False, None, "false", "yes", 1, "", "TRUE1"])
def test_an_unverified_address_is_public_even_for_a_coordinator(verified):
    viewer = role_of(user("head@zhmerynka-rada.gov.ua", verified=verified))
    assert viewer.role is Role.PUBLIC and viewer.signed_in and not viewer.verified


@pytest.mark.parametrize("verified", [True, "true", " True "])
def test_a_verified_address_counts_also_when_the_provider_sends_true_as_text(verified):
    assert role_of(user("head@zhmerynka-rada.gov.ua", verified=verified)).coordinator


def test_claims_without_email_verified_are_public():
    claims = user("head@zhmerynka-rada.gov.ua")
    del claims["email_verified"]
    assert role_of(claims).role is Role.PUBLIC


@pytest.mark.parametrize("logged_in", [False, None, "true", 1])
def test_claims_without_a_completed_sign_in_are_public(logged_in):
    # Headers mapped into st.user (server.trustedUserHeaders) carry no is_logged_in = True.
    viewer = role_of(user("head@zhmerynka-rada.gov.ua", logged_in=logged_in))
    assert viewer.role is Role.PUBLIC and not viewer.signed_in


@pytest.mark.parametrize("email", [
    "head@zhmerynka-rada.gov.ua@evil.org", " head@zhmerynka-rada.gov.ua", "head",
    "clerk@evil-zhmerynka-rada.gov.ua", "clerk@zhmerynka-rada.gov.ua.evil.org",
    "clerk@sub.zhmerynka-rada.gov.ua", "", None, ["head@zhmerynka-rada.gov.ua"]])
def test_addresses_that_only_look_like_listed_ones_are_public(email):
    assert role_of(user(email)).role is Role.PUBLIC  # type: ignore[arg-type]


def test_staff_whose_department_is_not_in_the_departments_tab_have_no_department():
    viewer = role_of(user("ghost@zhmerynka-rada.gov.ua"))
    assert (viewer.role, viewer.department) == (Role.STAFF, "")


def test_staff_have_no_department_when_the_departments_could_not_be_read():
    viewer = role_of(user("it@zhmerynka-rada.gov.ua"), departments=None)
    assert (viewer.role, viewer.department) == (Role.STAFF, "")


def test_an_address_that_is_both_coordinator_and_staff_is_a_coordinator():
    policy, warnings = parse_access_policy({"coordinators": ["it@zhmerynka-rada.gov.ua"],
                                            "staff": {"IT@zhmerynka-rada.gov.ua": IT}})
    assert role_of(user("it@zhmerynka-rada.gov.ua"), policy=policy).coordinator
    assert any("координатора" in w for w in warnings)


def test_public_only_wins_over_every_role():
    flags = AccessFlags(is_demo=True, public_only=True, open_access=True, sign_in=SignIn.ON)
    assert role_of(user("head@zhmerynka-rada.gov.ua"), flags) == Viewer()


def test_broken_sign_in_is_public_for_everyone_even_on_the_demo():
    flags = AccessFlags(is_demo=True, public_only=False, open_access=True,
                        sign_in=SignIn.BROKEN)
    assert role_of(user("head@zhmerynka-rada.gov.ua"), flags) == Viewer()


def test_a_configuration_that_cannot_be_used_is_public():
    assert role_of(user("head@zhmerynka-rada.gov.ua"), None) == Viewer()


def test_with_sign_in_but_no_access_section_everyone_is_public():
    viewer = role_of(user("head@zhmerynka-rada.gov.ua"), policy=None)
    assert viewer.role is Role.PUBLIC and viewer.signed_in


def test_with_sign_in_open_access_and_the_demo_open_nothing_to_a_visitor():
    flags = AccessFlags(is_demo=True, public_only=False, open_access=True, sign_in=SignIn.ON)
    assert role_of({}, flags).role is Role.PUBLIC


@pytest.mark.parametrize(("is_demo", "open_access", "role"), [
    (True, False, Role.COORDINATOR), (False, True, Role.COORDINATOR),
    (False, False, Role.PUBLIC)])
def test_without_sign_in_the_public_pages_rules_hold(is_demo, open_access, role):
    flags = AccessFlags(is_demo=is_demo, public_only=False, open_access=open_access)
    viewer = role_of(user("someone@gmail.com"), flags)
    assert viewer.role is role and not viewer.signed_in and not viewer.sign_in


# --- the access section --------------------------------------------------------------------

@pytest.mark.parametrize(("section", "named"), [
    ("coordinators", "«access» має бути розділом"),
    ({"coordinators": "head@rada.gov.ua"}, "coordinators має бути списком"),
    ({"coordinators": ["head"]}, "«head» не є адресою"),
    ({"coordinators": [1]}, "coordinators має бути списком"),
    ({"staff": ["it@rada.gov.ua"]}, "staff має бути окремим розділом"),
    ({"staff": {"it": IT}}, "«it» не є адресою"),
    ({"staff": {"it@rada.gov.ua": ""}}, "має бути назва підрозділу"),
    ({"staff": {"it@rada.gov.ua": 5}}, "має бути назва підрозділу"),
    ({"staff_domain": "@rada.gov.ua"}, "staff_domain має бути доменом"),
    ({"staff_domain": "localhost"}, "staff_domain має бути доменом"),
    ({"staff_domain": True}, "staff_domain має бути доменом"),
])
def test_an_access_section_that_cannot_work_is_an_error_naming_the_key(section, named):
    with pytest.raises(AccessConfigError, match=named):
        parse_access_policy(section, "secrets.toml")


def test_an_unknown_access_key_is_a_warning_with_the_nearest_key():
    policy, warnings = parse_access_policy({"coordinator": ["a@b.ua"]})
    assert policy == AccessPolicy()
    assert len(warnings) == 1 and "«coordinators»" in warnings[0]


def test_staff_departments_missing_from_the_departments_tab_are_named_once():
    assert unknown_staff_departments(POLICY, DEPARTMENTS) == ["Відділ, якого немає"]
    assert unknown_staff_departments(AccessPolicy(), DEPARTMENTS) == []


def test_verified_email_is_lower_case():
    assert verified_email(user("It@Rada.Gov.UA")) == "it@rada.gov.ua"
    assert verified_email(None) is None


def test_a_staff_members_department_is_found_in_a_list_spelled_differently():
    viewer = Viewer(Role.STAFF, department=IT)
    assert viewer.own_department(["Інше", IT.lower() + " "]) == IT.lower() + " "
    assert viewer.own_department(["Інше"]) is None
    assert Viewer(Role.STAFF).own_department([IT]) is None
