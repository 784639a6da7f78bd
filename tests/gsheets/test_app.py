"""The app on a Google source (AppTest against the fake server): cell links, banners, the
test-server notice, secrets files that are missing or malformed, the kept public copy."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odcore.demo import write_demo
from odcore.public_snapshot import public_snapshot_path
from odcore.sources import google_http
from odcore.ui.loading import clear_cached_reads
from tests.gsheets.conftest import DEPT_KEY, EMAIL, IT, MAIN_KEY, report
from tests.gsheets.fake_sheets import FakeGoogle
from tests.helpers import TASK, tab
from tests.ui.rendered import texts

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PROBE = str(Path(__file__).with_name("public_probe.py"))
TIMEOUT = 30
STEWARD, STEWARD_EMAIL, CONTACT = "Петренко Олена", "olena@rada.example", "+380671234567"
CELL_LINK = re.compile(r"^https://docs\.google\.com/spreadsheets/d/[A-Za-z0-9_-]+/edit"
                       r"#gid=\d+&range=[A-Z]+\d+$")


def _dataset(**extra: object) -> dict[str, object]:
    return {"id": "DS-1", "title": "Бюджет громади", "department": IT, "status": "Оприлюднено",
            "portal_url": "https://data.gov.ua/dataset/budget", "formats": "CSV",
            "steward": STEWARD, "steward_email": STEWARD_EMAIL, **extra}


@pytest.fixture
def council(google: FakeGoogle, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoogle]:
    """A main spreadsheet (plan, register, products, a department sheet listed) and the
    department's reports; every cache empty; retries without waiting."""
    google.add_spreadsheet(MAIN_KEY, "Програма", dict([
        tab("plan", TASK, {**TASK, "code": "4.4", "deadline": "колись"}),
        tab("datasets", _dataset(), _dataset(id="DS-2", last_updated="не дата")),
        tab("products", {"name": "Карта зупинок", "kind": "Візуалізація", "public": "так",
                         "contact": CONTACT, "dataset_ids": "DS-1"}),
        tab("departments", {"name": IT, "spreadsheet": DEPT_KEY}),
    ]), readers=[EMAIL])
    google.add_spreadsheet(DEPT_KEY, "Звіти ІТ", dict([
        tab("reports", report(IT), report(IT, "2024-Q2", status="Можливо"))]), readers=[EMAIL])
    monkeypatch.setenv("ODCORE_SOURCE", f"gsheets:{MAIN_KEY}")
    monkeypatch.setattr(google_http, "BACKOFF_SECONDS", (0.0, 0.0))
    clear_cached_reads()
    yield google
    clear_cached_reads()


def _run(script: str = APP, page: str | None = None) -> AppTest:
    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    if page is not None:
        at.switch_page(page)
    return at.run()


def _forget_reads() -> None:
    """What «Оновити дані» does: the next run asks Google again."""
    clear_cached_reads()


def _tables(at: AppTest) -> list[tuple[object, dict]]:
    return [(frame.value, json.loads(frame.proto.columns or "{}")) for frame in at.dataframe]


@pytest.fixture
def internal(council: FakeGoogle, monkeypatch: pytest.MonkeyPatch) -> FakeGoogle:
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    return council


def test_problems_page_links_every_issue_of_a_sheet_to_its_cell_and_names_the_test_server(
        internal):
    at = _run(page="app_pages/problems.py")

    assert not at.exception
    shown = texts(at)
    assert "тестового сервера" in shown and internal.url in shown
    tables = _tables(at)
    assert tables
    for frame, columns in tables:
        assert columns["link"]["type_config"]["type"] == "link"
        placed = frame[frame["row"].notna()]
        assert len(placed) and all(CELL_LINK.match(link) for link in placed["link"])
    rows = {(str(f["tab"]), str(f["cell"])) for frame, _ in tables for _, f in frame.iterrows()}
    assert ("Звіти", "C3") in rows and ("Набори даних", "L3") in rows


def test_plan_and_datasets_tables_link_each_row_to_its_cell(internal):
    gid = internal.spreadsheets[MAIN_KEY].sheet("План").sheet_id
    plan = _run(page="app_pages/plan.py")
    frame, columns = _tables(plan)[0]
    assert columns["cell"]["type_config"]["type"] == "link"
    assert list(frame["cell"]) == [
        f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit#gid={gid}&range=A{row}"
        for row in (2, 3)]

    datasets = _run(page="app_pages/datasets.py")
    (register,) = [frame for frame, columns in _tables(datasets)
                   if columns.get("cell", {}).get("type_config", {}).get("type") == "link"]
    gid = internal.spreadsheets[MAIN_KEY].sheet("Набори даних").sheet_id
    assert list(register["id"]) == ["DS-1"]  # DS-2 has an error, so it is left out
    assert list(register["cell"]) == [
        f"https://docs.google.com/spreadsheets/d/{MAIN_KEY}/edit#gid={gid}&range=A2"]


def test_public_pages_never_name_the_test_server(council):
    at = _run()
    assert not at.exception
    assert "тестового сервера" not in texts(at) and council.url not in texts(at)


def test_a_department_sheet_google_fails_on_shows_its_banner_while_the_main_one_is_fresh(
        internal):
    _run()  # a good read leaves a snapshot of each spreadsheet
    _forget_reads()
    internal.fail("values", key=DEPT_KEY, status=500, times=None)

    at = _run(page="app_pages/problems.py")

    banners = [str(w.value) for w in at.sidebar.warning if "станом на" in str(w.value)]
    assert len(banners) == 1 and "Звіти ІТ" in banners[0]
    (stale,) = [row for frame, _ in _tables(at) for _, row in frame.iterrows()
                if row["code"] == "spreadsheet.stale"]
    assert "(500)" in stale["message"] and "Звіти ІТ" in stale["spreadsheet"]


def test_no_secrets_file_runs_the_demo(tmp_path, monkeypatch):
    demo = tmp_path / "demo.xlsx"
    write_demo(demo)
    monkeypatch.setattr("odcore.config.DEMO_WORKBOOK", demo)
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(tmp_path / "absent" / "secrets.toml"))
    for name in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY"):
        monkeypatch.delenv(name, raising=False)

    at = _run()

    assert not at.exception
    assert "Демонстраційні дані" in texts(at)


def test_a_malformed_secrets_file_is_explained_naming_its_line_not_its_folder(
        tmp_path, monkeypatch):
    secrets = tmp_path / "conf" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('[odcore]\npublic_only = false\nsource = \n', encoding="utf-8")
    monkeypatch.setenv("ODCORE_SECRETS_FILE", str(secrets))
    monkeypatch.delenv("ODCORE_SOURCE", raising=False)
    monkeypatch.delenv("ODCORE_PUBLIC_ONLY", raising=False)
    # Only internal pages name the file (a public page shows a neutral notice); the file
    # cannot be parsed, so the environment alone can allow them.
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")

    at = _run()

    assert not at.exception
    shown = texts(at)
    assert "Налаштування панелі містять помилку" in shown
    assert "conf/secrets.toml" in shown and re.search(r"(line|рядок) 3\b", shown)
    assert str(tmp_path) not in shown


@pytest.fixture
def public_only(council: FakeGoogle, monkeypatch: pytest.MonkeyPatch) -> FakeGoogle:
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "1")
    return council


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_public_only_keeps_just_the_public_projection_and_serves_it_when_google_is_down(
        public_only, tmp_path):
    fresh = _run(PROBE)
    assert "products: Карта зупинок" in texts(fresh) and "kept copy: False" in texts(fresh)

    state = tmp_path / "state"
    kept = public_snapshot_path(f"gsheets:{MAIN_KEY}")
    assert kept.parent == state / "public"
    assert sorted(p.relative_to(state).as_posix() for p in state.rglob("*") if p.is_file()) \
        == [f"public/{kept.name}"]  # no raw spreadsheet is stored
    assert _mode(kept) == 0o600 and _mode(kept.parent) == 0o700
    stored = kept.read_text(encoding="utf-8")
    for personal in (STEWARD, STEWARD_EMAIL, CONTACT, EMAIL, MAIN_KEY, DEPT_KEY):
        assert personal not in stored

    _forget_reads()
    public_only.stop()
    down = _run(PROBE)

    assert not down.exception
    shown = texts(down)
    assert "products: Карта зупинок" in shown and "datasets: DS-1\n" in shown
    assert "kept copy: True" in shown and "Дані станом на" in shown
    assert "недоступний" not in shown and "тимчасово недоступні" not in shown


def test_public_only_serves_the_kept_copy_when_a_department_sheet_cannot_be_read(public_only):
    _run(PROBE)
    _forget_reads()
    public_only.spreadsheets[DEPT_KEY].readers.clear()

    at = _run(PROBE)

    assert "kept copy: True" in texts(at)
    assert EMAIL not in texts(at)


def test_public_only_without_a_kept_copy_says_the_data_are_unavailable(public_only):
    public_only.stop()
    at = _run(PROBE)
    assert not at.exception
    shown = texts(at)
    assert "тимчасово недоступні" in shown and EMAIL not in shown and MAIN_KEY not in shown


def test_after_the_failure_window_the_app_asks_google_again_and_the_banner_goes(
        internal, tmp_path):
    (tmp_path / "secrets.toml").write_text("[odcore]\nfailure_retry_seconds = 0\n",
                                           encoding="utf-8")
    _run()
    _forget_reads()
    fault = internal.fail("values", key=DEPT_KEY, status=500, times=None)
    assert any("станом на" in str(w.value) for w in _run().sidebar.warning)
    asked = internal.count("values", DEPT_KEY)

    internal.faults.remove(fault)
    at = _run()  # the cached workbook served a snapshot: it is kept no longer than the window

    assert internal.count("values", DEPT_KEY) == asked + 1
    assert not any("станом на" in str(w.value) for w in at.sidebar.warning)


def test_the_refresh_button_asks_google_again_for_metadata_and_values(internal, monkeypatch):
    clear_cached_reads()  # a new service: no cooldown left by others
    at = _run()
    before = (internal.count("metadata"), internal.count("values"))

    next(b for b in at.sidebar.button if b.label == "Оновити дані").click().run()

    assert (internal.count("metadata"), internal.count("values")) == (before[0] + 2,
                                                                      before[1] + 2)
    next(b for b in at.sidebar.button if b.label == "Оновити дані").click().run()
    assert internal.count("values") == before[1] + 2  # the cooldown: Google is not asked
    assert "спробуйте ще раз" in texts(at)
