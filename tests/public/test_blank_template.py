"""A blank template (``python -m odcore template``) shows no demo contact anywhere: neither
the public pages nor the static export name Zhmerynka's address or website (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odcore.cli import main
from odcore.exports.template import write_template
from tests.public.conftest import APP, PUBLIC_SCRIPTS, TIMEOUT, run_public_page
from tests.ui.rendered import texts

DEMO_CONTACT = ("zhmerynka-rada.gov.ua", "opendata@")


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "my-council.xlsx"
    write_template(path)
    return path


def shown(at: AppTest) -> str:
    """Every text of the run, links and their targets included."""
    links = [f"{e.proto.label} {e.proto.page} {e.proto.query_string}" for e in at.get("page_link")]
    return "\n".join([texts(at), *(m.value for m in at.markdown), *links]).lower()


def test_public_home_of_a_blank_template_names_no_demo_contact(template, public_env,
                                                               monkeypatch):
    monkeypatch.setenv("ODCORE_SOURCE", str(template))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()  # «Про панель»
    assert not at.exception
    assert "data.gov.ua" in shown(at)  # the page did render its links
    for demo in DEMO_CONTACT:
        assert demo not in shown(at)


@pytest.mark.parametrize("script", PUBLIC_SCRIPTS)
def test_public_pages_of_a_blank_template_name_no_demo_contact(template, public_env,
                                                               monkeypatch, script):
    at = run_public_page(template, script, monkeypatch)
    assert not at.exception
    for demo in DEMO_CONTACT:
        assert demo not in shown(at), script


def test_static_export_of_a_blank_template_names_no_demo_contact(template, secrets_file,
                                                                 tmp_path):
    site = tmp_path / "site"
    assert main(["export-public", str(template), str(site)]) == 0
    files = sorted(site.iterdir())
    assert {f.name for f in files} >= {"index.html", "datasets.json", "products.json"}
    for file in files:
        text = file.read_text(encoding="utf-8").lower()
        for demo in DEMO_CONTACT:
            assert demo not in text, file.name


def test_a_configured_contact_is_shown_on_a_councils_own_workbook(template, secrets_file,
                                                                  tmp_path):
    secrets_file.write_text('[odcore.council]\npublic_contact = "dani@rada.example.org"\n',
                            encoding="utf-8")
    site = tmp_path / "site"
    assert main(["export-public", str(template), str(site)]) == 0
    assert "dani@rada.example.org" in (site / "index.html").read_text(encoding="utf-8")
