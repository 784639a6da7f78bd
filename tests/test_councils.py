"""Councils of a multi-council deployment: the councils file, --council on the CLI, each
council's own kept copies, and the roll-up of `summary --all` (docs/councils.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odcore.cli import main
from odcore.config import load_config
from odcore.councils import CouncilsError, council_config, load_councils
from odcore.refresh import RefreshWorker
from odcore.service import FileSnapshotStore, open_service, service_identity, store_for
from tests.councils_files import BAR, ZHMERYNKA, write_councils


@pytest.fixture
def councils_file(tmp_path: Path, demo_path: Path, secrets_file: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("ODCORE_COUNCILS", raising=False)
    return write_councils(tmp_path, demo_path)


def _summary(capsys: pytest.CaptureFixture[str], councils_file: Path, council: str,
             fmt: str = "json") -> str:
    code = main(["summary", "--councils", str(councils_file), "--council", council,
                 "--as-of", "2025-07-01", "--format", fmt])
    assert code == 0
    return capsys.readouterr().out


def test_two_councils_opened_alternately_each_carry_only_their_own_name_and_figures(
        councils_file, capsys):
    seen: dict[str, float] = {}
    for council in ("bar", "zhmerynka", "bar", "zhmerynka"):
        summary = json.loads(_summary(capsys, councils_file, council))
        own, other = (BAR, ZHMERYNKA) if council == "bar" else (ZHMERYNKA, BAR)
        assert summary["council"] == {"id": council, "name": own}
        assert other not in json.dumps(summary, ensure_ascii=False)
        progress = summary["plan"]["progress"]
        assert seen.setdefault(council, progress) == progress
    assert seen["bar"] == 1.0  # the small council's only task is done
    assert seen["zhmerynka"] < 1.0


def test_text_summary_names_its_council_first(councils_file, capsys):
    text = _summary(capsys, councils_file, "bar", "text")
    assert text.splitlines()[0] == BAR
    assert ZHMERYNKA not in text
    assert "Виконання плану: 100 %" in text


def test_councils_file_from_the_environment_and_its_settings_overrides(councils_file,
                                                                        monkeypatch):
    monkeypatch.setenv("ODCORE_COUNCILS", str(councils_file))
    councils = load_councils(councils_file)
    config = council_config(load_config(), councils, "bar")
    assert config.settings.compliance_target == 0.5
    assert config.settings.council.name == BAR
    assert config.source_location == str(councils_file.parent / "bar.xlsx")
    other = council_config(load_config(), councils, "zhmerynka")
    assert other.settings.compliance_target == 0.75
    # The service cache is keyed by council: two councils never share a service.
    assert service_identity(config) != service_identity(other)


def test_unknown_council_exits_2_naming_it(councils_file, capsys):
    code = main(["summary", "--councils", str(councils_file), "--council", "nemyriv"])
    assert code == 2
    err = capsys.readouterr().err
    assert "«nemyriv»" in err and "councils.toml" in err


def test_council_without_a_councils_file_is_refused(secrets_file, monkeypatch, capsys):
    monkeypatch.delenv("ODCORE_COUNCILS", raising=False)
    assert main(["summary", "--council", "bar"]) == 2
    assert "файл громад не налаштовано" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "expected"), [
    ('[[council]]\nid = "Bar Town"\nname = "x"\nspreadsheet = "a.xlsx"\n',
     ["councils.toml", "«Bar Town»", "id"]),
    ('[[council]]\nid = "bar"\nspreadsheet = "a.xlsx"\n', ["«bar»", "name"]),
    ('[[council]]\nid = "bar"\nname = "x"\nspreadsheet = "a.xlsx"\n'
     '[[council]]\nid = "bar"\nname = "y"\nspreadsheet = "b.xlsx"\n', ["«bar»", "повторюється"]),
    ('[[council]]\nid = "bar"\nname = "x"\nspreadsheet = "a.xlsx"\nsheet = 1\n',
     ["«bar»", "невідомий ключ sheet"]),
    ('[[council]]\nid = "bar"\nname = "x"\nspreadsheet = "a.xlsx"\n'
     '[council.settings]\ncompliance_target = "багато"\n',
     ["«bar»", "settings", "compliance_target", "має бути числом"]),
    ('[[council]]\nid = "bar"\nname = "x"\nspreadsheet = "a.xlsx"\npublic_slug = "Bar!"\n',
     ["«bar»", "public_slug"]),
    ('council = 1\n', ["councils.toml", "[[council]]"]),
    ('[[council]\n', ["councils.toml", "рядок 1"]),
])
def test_councils_file_errors_name_the_file_the_council_and_the_key(tmp_path, text, expected):
    path = tmp_path / "councils.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CouncilsError) as caught:
        load_councils(path)
    for part in expected:
        assert part in str(caught.value)


def test_service_account_file_is_never_in_a_message(tmp_path, councils_file, secrets_file):
    secret_place = tmp_path / "keys" / "bar-private.json"
    secret_place.parent.mkdir()
    secret_place.write_text("not json", encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text('[[council]]\nid = "bar"\nname = "x"\nspreadsheet = "gsheets:'
                    '1AbcdefghijklmnopqrstuvwxyzABCDEFGHIJ"\n'
                    f'service_account = "{secret_place}"\n', encoding="utf-8")
    councils = load_councils(path)
    assert "bar-private" not in repr(councils)
    with pytest.raises(CouncilsError) as caught:
        council_config(load_config(), councils, "bar")
    assert "bar-private" not in str(caught.value)
    assert "«bar»" in str(caught.value) and "service_account" in str(caught.value)


def test_file_store_keeps_each_councils_records_apart(tmp_path):
    bar, other = (FileSnapshotStore(tmp_path, council=c) for c in ("bar", "zhmerynka"))
    bar.save_record("read_status", "latest", {"rows": 3})
    assert bar.load_record("read_status", "latest") == {"rows": 3}
    assert other.load_record("read_status", "latest") is None
    other.save_record("read_status", "latest", {"rows": 5})
    assert bar.list_records("read_status") == [("latest", {"rows": 3})]
    assert (tmp_path / "councils" / "bar" / "records" / "read_status" / "latest.json").is_file()
    # A name is percent-encoded into one file name: it never leaves the council's folder.
    bar.save_record("read_status", "../escape", {"rows": 1})
    assert bar.load_record("read_status", "../escape") == {"rows": 1}
    assert not list(tmp_path.rglob("escape*"))
    assert isinstance(store_for("", "bar"), FileSnapshotStore)


def test_summary_all_rolls_up_what_the_worker_kept_sorted_with_links_ids(councils_file,
                                                                         capsys):
    worker = RefreshWorker(load_councils(councils_file), load_config())
    outcomes = worker.run_once()
    assert [o.council for o in outcomes] == ["zhmerynka", "bar"]
    assert all(o.ok and o.rows > 0 for o in outcomes)
    assert main(["summary", "--all", "--councils", str(councils_file), "--format", "json",
                 "--sort", "plan_progress", "--desc"]) == 0
    rows = json.loads(capsys.readouterr().out)["councils"]
    assert [r["id"] for r in rows] == ["bar", "zhmerynka"]
    assert rows[0]["name"] == BAR and rows[0]["plan_progress"] == 1.0
    assert rows[0]["last_good_read"] and not rows[0]["last_error"]
    assert main(["summary", "--all", "--councils", str(councils_file), "--format", "csv"]) == 0
    csv_lines = capsys.readouterr().out.splitlines()
    assert csv_lines[0].startswith("id,Громада,Виконання плану")
    assert csv_lines[1].startswith(f"bar,{BAR},100 %")  # by name: Барська first
    assert main(["summary", "--all", "--live", "--councils", str(councils_file),
                 "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert f"{BAR} | 100 %" in text and ZHMERYNKA in text


def test_roll_up_csv_cells_are_formula_safe(tmp_path, demo_path, secrets_file, capsys):
    path = tmp_path / "c.toml"
    path.write_text(f'[[council]]\nid = "evil"\nname = "=HYPERLINK(\\"x\\")"\n'
                    f'spreadsheet = "{demo_path}"\n', encoding="utf-8")
    assert main(["summary", "--all", "--councils", str(path), "--format", "csv"]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert "'=HYPERLINK" in line


def test_export_public_all_writes_each_council_under_its_public_slug_with_its_own_name(
        councils_file, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["export-public", "--all", "--councils", str(councils_file), str(out)]) == 0
    bar = (out / "bar-hromada" / "index.html").read_text(encoding="utf-8")
    zhmerynka = (out / "zhmerynka" / "index.html").read_text(encoding="utf-8")
    assert BAR in bar and ZHMERYNKA not in bar
    assert ZHMERYNKA in zhmerynka and BAR not in zhmerynka


def test_export_public_for_one_council(councils_file, tmp_path, capsys):
    out = tmp_path / "one"
    assert main(["export-public", "--councils", str(councils_file), "--council", "bar",
                 str(out)]) == 0
    assert BAR in (out / "index.html").read_text(encoding="utf-8")


def test_roll_up_figures_are_the_summarys_own(demo_path, secrets_file):
    import datetime as dt

    from odcore.config import AppConfig
    from odcore.rollup import rollup_figures
    from odcore.settings import Settings
    from odcore.summary import build_summary

    service = open_service(AppConfig(settings=Settings(), source_location=str(demo_path),
                                     is_demo=False))
    figures = service.figures(service.snapshot(), dt.date(2025, 7, 1))
    summary = build_summary(figures)
    row = rollup_figures(figures)
    assert row == {"as_of": "2025-07-01", "plan_progress": summary["plan"]["progress"],
                   "compliance_share": summary["datasets"]["compliant_share"],
                   "overdue": len(summary["datasets"]["overdue"]),
                   "problems": summary["issues"]["errors"]}
