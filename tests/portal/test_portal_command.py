"""``python -m odcore portal``: against a loopback CKAN named by ODCORE_CKAN_URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from odcore.cli import main
from tests.portal.fake_ckan import FakeCkanServer


@pytest.fixture
def portal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
           secrets_file: Path) -> Iterator[FakeCkanServer]:
    server = FakeCkanServer().start()
    org = server.ckan.add_organization("zhmerynska-miska-rada", "Жмеринська міська рада")
    server.ckan.add_package(org, "zhmerynka-reiestr-naboriv-danykh", "Реєстр наборів даних",
                            resources=[{"format": "CSV", "url": server.ckan.put_file(
                                "r.csv", b"uid\n1\n", "text/csv"),
                                "last_modified": "2026-10-15T08:00:00"}],
                            update_frequency="immediately after making changes")
    monkeypatch.setenv("ODCORE_CKAN_URL", server.ckan.api_url)
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    yield server
    server.stop()


def test_portal_reports_mismatches_as_json_and_exits_1(
        portal: FakeCkanServer, demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["portal", str(demo_path), "--format", "json", "--rate", "1000",
                 "--as-of", "2026-12-01"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["organization"] == "zhmerynska-miska-rada" and data["packages"] == 1
    registered = next(c for c in data["comparisons"] if c["dataset_id"] == "ZHM-001")
    assert registered["package_name"] == "zhmerynka-reiestr-naboriv-danykh"
    assert registered["portal_last_modified"] == "2026-10-15"
    assert data["counts"]["not_on_portal"] > 0
    assert all(h["User-Agent"].startswith("odcore/") for _, m, p, h in portal.ckan.log
               if "/api/" in p)


def test_portal_serves_the_last_result_when_the_portal_is_down(
        portal: FakeCkanServer, demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["portal", str(demo_path), "--rate", "1000", "--no-links"]) == 1
    capsys.readouterr()
    portal.stop()
    assert main(["portal", str(demo_path), "--rate", "1000", "--no-links"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Портал недоступний") and "станом на" in out


def test_portal_without_a_portal_or_a_kept_result_exits_2(
        portal: FakeCkanServer, demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    portal.stop()
    assert main(["portal", str(demo_path), "--org", "nobody", "--rate", "1000"]) == 2
    err = capsys.readouterr().err
    assert "звірку з порталом не виконано" in err and "Traceback" not in err


def test_an_unknown_organization_exits_2(portal: FakeCkanServer, demo_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["portal", str(demo_path), "--org", "nobody", "--rate", "1000"]) == 2
    assert "Not Found Error" in capsys.readouterr().err
