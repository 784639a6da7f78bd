"""The sign-in settings: [auth] checked by odcore and handed to Streamlit's own sign-in, and
what a broken section or ODCORE_OPEN_ACCESS does with it (docs/access.md)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import odcore.config as config_module
import odcore.ui.signin as signin_ui
from odcore.access import internal_allowed, pages_for
from odcore.config import ConfigError, load_config
from odcore.roles import ACCESS_KEYS, SignIn
from odcore.signin import PROVIDER_KEYS, SHARED_KEYS, SignInConfigError, check_auth_section
from tests.test_config import _example_sections

SECRET = "s3cr3t-cookie-value-that-is-long-enough-000000"
CLIENT_SECRET = "GOCSPX-client-secret-value"
GOOGLE = "https://accounts.google.com/.well-known/openid-configuration"
AUTH = (f'[auth]\nredirect_uri = "https://opendata.rada.gov.ua/oauth2callback"\n'
        f'cookie_secret = "{SECRET}"\nclient_id = "123.apps.googleusercontent.com"\n'
        f'client_secret = "{CLIENT_SECRET}"\nserver_metadata_url = "{GOOGLE}"\n')
EXAMPLE = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml.example"
ACCESS = ('[odcore.access]\ncoordinators = ["head@rada.gov.ua"]\n'
          '[odcore.access.staff]\n"it@rada.gov.ua" = "Відділ ІТ"\n')


@pytest.fixture
def secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(path))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config_module, "_logged_warnings", set())

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def streamlit_secrets() -> Iterator[None]:
    """Streamlit's secrets as this process had them, restored after the test."""
    from streamlit.runtime.secrets import secrets_singleton

    saved = (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
             signin_ui._shared)
    yield
    (secrets_singleton._secrets, secrets_singleton._programmatic_secrets,
     signin_ui._shared) = saved


def auth(**changes: object) -> dict[str, object]:
    section: dict[str, object] = {
        "redirect_uri": "https://opendata.rada.gov.ua/oauth2callback", "cookie_secret": SECRET,
        "client_id": "id", "client_secret": CLIENT_SECRET, "server_metadata_url": GOOGLE}
    section.update(changes)
    return {k: v for k, v in section.items() if v is not None}


def test_a_google_section_gives_the_default_provider():
    assert check_auth_section(auth()) == (("default",), [])


def test_named_providers_are_offered_by_name():
    named = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": SECRET,
             "google": {"client_id": "a", "client_secret": "b", "server_metadata_url": GOOGLE,
                        "client_kwargs": {"prompt": "login"}},
             "microsoft": {"client_id": "a", "client_secret": "b",
                           "server_metadata_url": "https://login.microsoftonline.com/x/v2.0"}}
    assert check_auth_section(named)[0] == ("google", "microsoft")


@pytest.mark.parametrize(("section", "named"), [
    (["x"], "має бути розділом [auth]"),
    (auth(redirect_uri=None), "бракує ключа redirect_uri"),
    (auth(cookie_secret=None), "бракує ключа cookie_secret"),
    (auth(cookie_secret=""), "cookie_secret має бути непорожнім"),
    (auth(redirect_uri="https://opendata.rada.gov.ua/"), "має закінчуватися на /oauth2callback"),
    (auth(redirect_uri="http://opendata.rada.gov.ua/oauth2callback"), "https://"),
    (auth(redirect_uri="opendata.rada.gov.ua/oauth2callback"), "https://"),
    (auth(server_metadata_url="ftp://accounts.google.com/x"), "server_metadata_url"),
    (auth(client_secret=None), "бракує ключів client_secret"),
    (auth(client_id=5), "client_id має бути непорожнім"),
    (auth(client_kwargs="prompt=login"), "client_kwargs має бути таблицею"),
    (auth(expose_tokens=["refresh"]), "expose_tokens"),
    ({"redirect_uri": "https://a.ua/oauth2callback", "cookie_secret": SECRET},
     "не вказано постачальника"),
    ({"redirect_uri": "https://a.ua/oauth2callback", "cookie_secret": SECRET,
      "my_google": {"client_id": "a", "client_secret": "b", "server_metadata_url": GOOGLE}},
     "не може містити «_»"),
])
def test_an_auth_section_that_cannot_work_names_the_key_and_no_secret(section, named):
    with pytest.raises(SignInConfigError, match=re.escape(named)) as error:
        check_auth_section(section)
    assert SECRET not in str(error.value) and CLIENT_SECRET not in str(error.value)


def test_a_date_in_auth_is_refused_since_streamlit_takes_none():
    import datetime as dt

    with pytest.raises(SignInConfigError, match="дата чи час"):
        check_auth_section(auth(issued=dt.date(2025, 1, 1)))


def test_a_short_cookie_secret_is_a_warning():
    _, warnings = check_auth_section(auth(cookie_secret="short"))
    assert len(warnings) == 1 and "cookie_secret" in warnings[0] and "short" not in warnings[0]


def test_without_auth_sign_in_is_off_and_the_old_rules_hold(secrets):
    secrets('[odcore]\nsource = "x.xlsx"\n')
    config = load_config()
    assert config.signin.state is SignIn.OFF and config.access.sign_in is SignIn.OFF


def test_auth_and_access_turn_sign_in_on_with_the_policy(secrets):
    secrets(AUTH + ACCESS)
    config = load_config()
    assert config.signin.state is SignIn.ON and config.signin.providers == ("default",)
    assert config.signin.policy is not None
    assert config.signin.policy.coordinators == {"head@rada.gov.ua"}
    assert config.warnings == ()
    # With sign-in no visitor gets internal pages from the configuration alone, demo or not.
    assert config.is_demo and not internal_allowed(config)


@pytest.mark.parametrize("where", ["env", "file"])
def test_with_auth_open_access_is_ignored_with_a_warning(secrets, monkeypatch, caplog, where):
    if where == "env":
        monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
        secrets('[odcore]\nsource = "x.xlsx"\n' + AUTH + ACCESS)
    else:
        secrets('[odcore]\nsource = "x.xlsx"\nopen_access = true\n' + AUTH + ACCESS)
    with caplog.at_level(logging.WARNING, logger="odcore.config"):
        config = load_config()
    assert not config.open_access and not internal_allowed(config)
    assert pages_for(config) == pages_for(None)
    assert any("ODCORE_OPEN_ACCESS" in w for w in config.warnings)
    assert "ODCORE_OPEN_ACCESS" in caplog.text


def test_a_broken_auth_section_serves_public_pages_and_tells_the_log(secrets, caplog):
    secrets(AUTH.replace("/oauth2callback", "/") + ACCESS)
    with caplog.at_level(logging.ERROR, logger="odcore.config"):
        config = load_config()
    assert config.signin.state is SignIn.BROKEN and config.signin.auth is None
    assert pages_for(config) == pages_for(None)
    assert "/oauth2callback" in caplog.text and "лише публічні сторінки" in caplog.text
    assert SECRET not in caplog.text and CLIENT_SECRET not in caplog.text
    assert any("oauth2callback" in w for w in config.warnings)  # also on `check`'s stderr


def test_a_broken_access_section_serves_public_pages_and_tells_the_log(secrets, caplog):
    secrets(AUTH + '[odcore.access]\ncoordinators = "head@rada.gov.ua"\n')
    with caplog.at_level(logging.ERROR, logger="odcore.config"):
        config = load_config()
    assert config.signin.state is SignIn.BROKEN
    assert "coordinators має бути списком" in caplog.text


def test_auth_without_access_turns_sign_in_on_with_no_roles(secrets):
    secrets(AUTH)
    config = load_config()
    assert config.signin.state is SignIn.ON and config.signin.policy is not None
    assert not config.signin.policy.coordinators
    assert any("[odcore.access]" in w for w in config.warnings)


def test_access_without_auth_is_a_warning_that_it_does_nothing(secrets):
    secrets(ACCESS)
    config = load_config()
    assert config.signin.state is SignIn.OFF
    assert any("не діє без розділу [auth]" in w for w in config.warnings)


def test_without_authlib_sign_in_is_broken(secrets, monkeypatch):
    monkeypatch.setattr("odcore.signin.missing_auth_packages", lambda: ["authlib"])
    secrets(AUTH + ACCESS)
    config = load_config()
    assert config.signin.state is SignIn.BROKEN
    assert any("authlib" in w for w in config.warnings)


def test_a_config_error_with_auth_in_the_file_never_opens_internal_pages(secrets, monkeypatch):
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    secrets('[odcore]\nsource = "x.xlsx"\ncache_ttl_seconds = "abc"\n' + AUTH + ACCESS)
    with pytest.raises(ConfigError) as error:
        load_config()
    assert error.value.access is not None and not internal_allowed(error.value.access)


def test_streamlit_sign_in_reads_the_auth_section_odcore_hands_it(secrets, streamlit_secrets):
    from streamlit import auth_util
    from streamlit.web.server.server_util import get_cookie_secret

    secrets(AUTH + ACCESS)
    signin_ui.share_auth(load_config())
    assert auth_util.get_secrets_auth_section()["client_id"] == "123.apps.googleusercontent.com"
    auth_util.validate_auth_credentials("default")  # what st.login() checks first
    assert get_cookie_secret() == SECRET  # the identity cookie is signed with it
    assert auth_util.get_redirect_uri(auth_util.get_secrets_auth_section()) == (
        "https://opendata.rada.gov.ua/oauth2callback")


def test_a_section_that_becomes_broken_is_taken_back_from_streamlit(secrets, streamlit_secrets):
    from streamlit import auth_util

    secrets(AUTH + ACCESS)
    signin_ui.share_auth(load_config())
    secrets(AUTH.replace("https://opendata", "http://opendata") + ACCESS)
    signin_ui.share_auth(load_config())
    assert not auth_util.get_secrets_auth_section()
    with pytest.raises(Exception, match="redirect_uri"):
        auth_util.validate_auth_credentials("default")


def test_a_cp1251_file_with_auth_never_reaches_streamlit(secrets, streamlit_secrets):
    from streamlit import auth_util

    path = secrets("")
    path.write_bytes(("# Вхід\n" + AUTH + ACCESS).encode("cp1251"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config()
    signin_ui.share_auth(None)  # what app.py does when the configuration cannot be used
    assert not auth_util.get_secrets_auth_section()



def _uncomment_sign_in(text: str) -> str:
    """The example with its sign-in lines ([odcore.access] up to Google Sheets) uncommented."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("# [odcore.access]"):
            inside = True
        elif line.startswith("# Google Sheets"):
            inside = False
        body = line.removeprefix("# ")
        if inside and (body.startswith("[") or re.match(r'^"?[\w@.-]+"?\s*=', body)):
            line = body
        lines.append(line)
    return "\n".join(lines)


def test_the_example_shows_every_sign_in_key():
    sections = _example_sections()
    assert {*SHARED_KEYS, *PROVIDER_KEYS, "client_kwargs"} <= sections["auth"]
    assert set(ACCESS_KEYS) - {"staff"} <= sections["odcore.access"]
    assert sections["odcore.access.staff"]


def test_the_examples_sign_in_lines_uncommented_turn_sign_in_on(secrets):
    secrets(_uncomment_sign_in(EXAMPLE.read_text(encoding="utf-8")))
    config = load_config()
    assert config.signin.state is SignIn.ON, config.warnings
    assert config.signin.providers == ("default",)
    policy = config.signin.policy
    assert policy is not None and policy.coordinators == {"head@zhmerynka-rada.gov.ua"}
    assert policy.staff_domain == "zhmerynka-rada.gov.ua"
    assert policy.department_for("it@zhmerynka-rada.gov.ua") == (
        "Відділ інформаційних технологій та комунікацій")
