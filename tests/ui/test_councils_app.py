"""The app with a councils file: the URL's council, kept across pages, and the oblast
roll-up; two councils opened alternately each show only their own name and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from odcore.config import load_config
from odcore.councils import load_councils
from odcore.refresh import RefreshWorker
from tests.councils_files import BAR, ZHMERYNKA, write_councils
from tests.ui.conftest import make_runner
from tests.ui.rendered import texts

NAMES = {"bar": BAR, "zhmerynka": ZHMERYNKA}


@pytest.fixture
def councils_app(tmp_path: Path, demo_path: Path, secrets_file: Path,
                 monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ODCORE_COUNCILS", str(write_councils(tmp_path, demo_path)))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    return make_runner()


def _progress(at) -> str:
    return next(m.value for m in at.metric if m.label == "Виконання плану заходів")


def test_two_councils_opened_alternately_show_only_their_own_name_and_figures(councils_app):
    progress: dict[str, str] = {}
    for council in ("bar", "zhmerynka", "bar", "zhmerynka"):
        at = councils_app(query={"council": council})
        assert not at.exception
        shown = texts(at)
        own = NAMES[council]
        other = BAR if council == "zhmerynka" else ZHMERYNKA
        assert f"Громада: {own}" in shown
        assert other not in shown
        assert progress.setdefault(council, _progress(at)) == _progress(at)
    assert progress["bar"] == "100 %"
    assert progress["zhmerynka"] != "100 %"


def test_public_home_of_a_council_names_that_council(councils_app, monkeypatch):
    monkeypatch.delenv("ODCORE_OPEN_ACCESS")
    for council in ("bar", "zhmerynka"):
        at = councils_app(query={"council": council})
        assert not at.exception
        shown = texts(at)
        assert NAMES[council] in shown
        assert (BAR if council == "zhmerynka" else ZHMERYNKA) not in shown


def test_the_council_stays_in_the_url_across_pages(councils_app):
    at = councils_app(query={"council": "bar"})
    # A page switch in the browser drops the query; the session brings the council back.
    del at.query_params["council"]
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception
    assert at.query_params["council"] in ("bar", ["bar"])
    assert f"Громада: {BAR}" in texts(at)


def test_without_a_council_the_oblast_roll_up_lists_every_hromada_with_its_link(councils_app):
    RefreshWorker(load_councils(Path(__import__("os").environ["ODCORE_COUNCILS"])),
                  load_config()).run_once()
    at = councils_app()
    assert not at.exception
    assert at.title[0].value == "Громади області"
    frame = at.dataframe[0].value
    assert list(frame["name"]) == [BAR, ZHMERYNKA]  # by name
    assert list(frame["link"]) == ["./?council=bar", "./?council=zhmerynka"]
    assert list(frame["progress"])[0] == 100
    # «bar» publishes no dataset: its share is missing, a missing number (the column still
    # sorts as numbers) that the grid draws as «—», not as its default word «None».
    assert frame["compliance"].dtype == "Int64"
    assert frame["compliance"].isna().tolist() == [True, False]
    assert at.dataframe[0].proto.placeholder == "—"
    assert "«—» — немає даних" in texts(at)


def test_oblast_page_before_any_read_says_to_run_the_worker(councils_app):
    at = councils_app()
    assert "Ще не прочитано: 2" in texts(at)


def test_unknown_council_is_a_message_not_a_traceback(councils_app):
    at = councils_app(query={"council": "nemyriv"})
    assert not at.exception
    assert "«nemyriv»" in texts(at)


def test_a_councils_links_to_datasets_and_products_carry_the_council(councils_app,
                                                                      monkeypatch):
    # A link opened in a new tab or shared starts a new session: only its address can say
    # which council it belongs to.
    monkeypatch.delenv("ODCORE_OPEN_ACCESS")  # the public home: latest datasets and products
    for page in (None, "app_pages/public_products.py"):
        at = councils_app(page=page, query={"council": "zhmerynka"})
        assert not at.exception
        queries = [e.proto.query_string for e in at.get("page_link") if e.proto.query_string]
        assert queries, page
        assert all("council=zhmerynka" in q for q in queries), queries
        assert any("product=" in q for q in queries)
