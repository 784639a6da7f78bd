"""No personal or internal cell, source name or data problem reaches a public page or export."""

from __future__ import annotations

import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from odcore.access import pages_for
from odcore.cli import main
from odcore.config import load_config
from odcore.reading import load_workbook
from odcore.schema.tabs import TAB_SPECS
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.ui.navigation import script_path
from tests.public.conftest import APP, PUBLIC_SCRIPTS, TIMEOUT
from tests.public.sent import sent
from tests.public.workbooks import AS_OF, MARKER, marker_tabs


def markers_in(text: str) -> list[str]:
    """The markers in a text, also where Markdown escaping put backslashes into them."""
    plain = text.replace("\\", "")
    return sorted({plain[m.start():m.start() + 24] for m in MARKER.finditer(plain)})


def test_the_marker_workbook_loads_its_markers(marker_source):
    # Guards the tests below: the markers are in the records and in the Issues.
    workbook = load_workbook(WorkbookFileSource(marker_source))
    assert markers_in(repr(workbook.products)) and markers_in(repr(workbook.datasets))
    problems = " ".join(i.message + i.value for i in workbook.issues)
    assert markers_in(problems)
    assert "MRK_EXTRA_HEADER" in problems and "MRK_UNKNOWN_TAB" in problems
    assert markers_in(" ".join(s.name for s in workbook.spreadsheets))


@pytest.mark.parametrize(("script", "query", "expected"), [
    ("public_products.py", {}, "Карта зупинок"),
    ("public_products.py", {"dataset": "DS-2"}, "Карта зупинок"),
    ("public_catalogue.py", {}, "Зупинки транспорту"),
    ("public_catalogue.py", {"dataset": "DS-1"}, "Карта зупинок"),
    ("public_catalogue.py", {"dataset": "DS-2"}, "Зупинки транспорту"),
    ("public_programme.py", {}, "Контроль якості наборів"),
])
def test_public_pages_send_no_marker(public_page, marker_source, script, query, expected):
    at = public_page(marker_source, script, query)
    assert not at.exception
    shown = sent(at)
    assert expected in shown
    assert markers_in(shown) == []


def test_public_tables_hold_only_projection_columns(public_page, marker_source):
    at = public_page(marker_source, "public_catalogue.py")
    frames = [f.value for f in at.dataframe]
    catalogue = next(f for f in frames if "Зупинки транспорту" in f.to_csv())
    assert list(catalogue.columns) == [
        "Назва", "Зірки відкритості", "Оновлення", "Останнє оновлення", "Розпорядник",
        "Формати", "На порталі", "Ідентифікатор"]
    for frame in frames:
        assert markers_in(frame.to_csv()) == []


def test_every_page_the_app_serves_in_public_mode_sends_no_marker(public_env, marker_source,
                                                                   monkeypatch):
    monkeypatch.setenv("ODCORE_SOURCE", str(marker_source))
    keys = pages_for(load_config())
    assert keys
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    for key in keys:
        at.switch_page(str(script_path(key).relative_to(APP.parent))).run()
        assert not at.exception, key
        assert markers_in(sent(at)) == [], key


def test_static_export_holds_no_marker(public_env, marker_source, tmp_path):
    outdir = tmp_path / "site"
    assert main(["export-public", str(marker_source), str(outdir), "--as-of",
                 AS_OF.isoformat(), "--strict"]) == 1  # the marker workbook has errors
    for path in sorted(outdir.iterdir()):
        text = path.read_text("utf-8-sig")
        assert "Карта зупинок" in text or path.name.startswith("datasets"), path.name
        assert markers_in(text) == [], path.name


def test_the_app_serves_every_public_page_in_public_mode(public_env, marker_source,
                                                         monkeypatch):
    monkeypatch.setenv("ODCORE_SOURCE", str(marker_source))
    served = {script_path(key).name for key in pages_for(load_config())}
    assert served >= set(PUBLIC_SCRIPTS)


def test_the_marker_workbook_plants_a_marker_in_every_personal_column():
    # Guards the tests here: a personal column added to the contract must get a marker too.
    tabs = dict(marker_tabs())
    for spec in TAB_SPECS:
        for column in spec.columns:
            if not column.personal:
                continue
            rows = tabs[spec.title]
            index = rows[0].index(column.header)
            assert any(MARKER.search(str(row[index] or "")) for row in rows[1:]), \
                f"{spec.title} / {column.header}"


def _docx_text(path) -> str:
    """Every part of a .docx (text, hyperlink targets, properties), decompressed."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace")
                         for name in archive.namelist())


@pytest.mark.parametrize(("quarter", "expected"), [
    ("2025-Q1", "Карта зупинок"),  # the public product added on 10.01.2025
    ("2025-Q2", "Зупинки транспорту"),  # the published dataset updated on 01.06.2025
])
def test_the_news_draft_holds_no_marker(public_env, marker_source, tmp_path, quarter,
                                        expected):
    # Quarters in which the unpublished, restricted and private rows full of markers were
    # dated too: the draft takes only the public projection.
    out = tmp_path / "news"
    assert main(["news", quarter, str(marker_source), "--out", str(out)]) == 0
    markdown = (tmp_path / "news.md").read_text(encoding="utf-8")
    assert expected in markdown.replace("\\", "")
    assert markers_in(markdown) == []
    word = _docx_text(tmp_path / "news.docx")
    assert expected in word and markers_in(word) == []


def test_the_summary_names_no_person(public_env, marker_source, capsys):
    main(["summary", str(marker_source), "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    personal = ("MRK_STEWARD", "MRK_PERSON", "MRK_HEAD", "MRK_REPORTED_BY", "MRK_CHECKED_BY",
                "MRK_CONTACT", "mrk.steward", "mrk.head", "mrk-cert")
    assert '"untrained": 2' in out  # the figure is there, the names are not
    assert [m for m in personal if m in out] == []
