"""The same workbook read as a file and from Google Sheets gives the same figures."""

from __future__ import annotations

import datetime as dt
import json

from odcore.cli import main
from odcore.figures import build_figures
from odcore.reading import load_workbook
from odcore.settings import Settings
from odcore.sources.workbook_file import WorkbookFileSource
from odcore.summary import build_summary
from tests.gsheets.conftest import EMAIL, MAIN_KEY

AS_OF = dt.date(2025, 7, 1)


def test_summary_json_from_sheets_equals_the_summary_from_the_same_workbook_file(
        google, open_source, demo_path):
    google.add_workbook(MAIN_KEY, demo_path, readers=[EMAIL])
    settings = Settings()

    from_file = load_workbook(WorkbookFileSource(demo_path), settings)
    from_sheets = load_workbook(open_source(), settings)

    assert from_sheets.spreadsheets[0].kind == "gsheets"
    assert (build_summary(build_figures(from_sheets, AS_OF, settings))
            == build_summary(build_figures(from_file, AS_OF, settings)))
    assert [(i.code, i.tab, i.row, i.cell) for i in from_sheets.issues] == [
        (i.code, i.tab, i.row, i.cell) for i in from_file.issues]


def test_cli_summary_json_of_the_sheet_equals_that_of_the_file(google, demo_path, capsys):
    google.add_workbook(MAIN_KEY, demo_path, readers=[EMAIL])

    codes = [main(["summary", str(demo_path), "--as-of", "2025-07-01"])]
    from_file = capsys.readouterr().out
    codes.append(main(["summary", f"gsheets:{MAIN_KEY}", "--as-of", "2025-07-01"]))
    from_sheets = capsys.readouterr().out

    assert codes[0] == codes[1]
    assert json.loads(from_sheets) == json.loads(from_file)
    assert from_sheets == from_file


def test_cli_report_and_export_public_accept_a_google_sheets_url(google, demo_path, tmp_path,
                                                                 capsys):
    google.add_workbook(MAIN_KEY, demo_path, readers=[EMAIL])
    url = f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit"
    card, site = tmp_path / "card.xlsx", tmp_path / "site"

    assert main(["report", url, "--quarter", "2025-Q2", "--out", str(card)]) in (0, 1)
    assert main(["export-public", url, str(site), "--as-of", "2025-07-01"]) in (0, 1)

    assert card.stat().st_size > 0
    datasets = json.loads((site / "datasets.json").read_text(encoding="utf-8"))
    assert datasets and MAIN_KEY not in (site / "index.html").read_text(encoding="utf-8")
    # One values request per command: each command reads through its own service (no
    # process-wide cache), as each cron run is its own process anyway.
    assert google.count("values", MAIN_KEY) == 2
