"""The app shell: the page list per mode, the sidebar, the language switch, load failures."""

from __future__ import annotations

from pathlib import Path

from odcore.reading import load_workbook
from tests.ui.conftest import APP, make_runner
from tests.ui.rendered import texts


def test_app_runs_on_the_bundled_demo_with_internal_pages(demo_path, secrets_file, monkeypatch):
    # No ODCORE_SOURCE: the bundled demo; point it at the test's copy so nothing is written.
    monkeypatch.setattr("odcore.config.DEMO_WORKBOOK", demo_path)
    at = make_runner()()
    assert not at.exception
    assert "Демонстраційні дані" in texts(at)
    at.switch_page("app_pages/problems.py").run()  # raises if the page is not registered
    assert at.title[0].value == "Проблеми в таблицях"


def test_non_demo_source_without_open_access_serves_only_the_public_home(public_app):
    at = public_app()
    assert not at.exception
    assert at.title[0].value == "Панель програми відкритих даних"
    # Only the public home: its headline figures, no internal table.
    assert not at.dataframe
    assert {m.label for m in at.metric} == {
        "Оприлюднено наборів", "Оновлюються вчасно", "Відповідають стандарту",
        "Продуктів на даних", "Виконання плану"}


def test_internal_page_url_in_public_mode_lands_on_the_public_home(public_app):
    at = public_app("app_pages/problems.py")
    assert not at.exception
    assert at.title[0].value == "Панель програми відкритих даних"
    assert "Проблеми" not in texts(at)


def test_public_mode_shows_no_source_name(public_app, demo_path):
    at = public_app()
    shown = texts(at)
    assert demo_path.name not in shown
    assert "Дані станом на" in shown


def test_public_only_wins_over_open_access(public_app, monkeypatch):
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    monkeypatch.setenv("ODCORE_PUBLIC_ONLY", "1")
    at = public_app("app_pages/problems.py")
    assert at.title[0].value == "Панель програми відкритих даних"


def test_unreadable_source_shows_a_ukrainian_message_not_a_traceback(internal_app, monkeypatch,
                                                                      tmp_path):
    monkeypatch.setenv("ODCORE_SOURCE", str(tmp_path / "немає.xlsx"))
    at = internal_app()
    assert not at.exception
    assert "Не вдалося прочитати дані" in texts(at)
    assert "немає.xlsx" in texts(at)


def test_unreadable_source_in_public_mode_gives_no_reason(public_app, monkeypatch, tmp_path):
    monkeypatch.setenv("ODCORE_SOURCE", str(tmp_path / "secret-name.xlsx"))
    at = public_app()
    assert not at.exception
    assert "тимчасово недоступні" in texts(at)
    assert "secret-name" not in texts(at)


def test_malformed_secrets_file_gives_a_public_visitor_only_a_neutral_notice(public_app,
                                                                              secrets_file):
    secrets_file.write_text("[odcore\nsource = 1", encoding="utf-8")
    at = public_app()
    assert not at.exception
    assert "налаштування потребують уваги адміністратора" in texts(at)
    assert "secrets.toml" not in texts(at) and "рядок" not in texts(at)


def test_language_switch_turns_the_interface_english(internal_app):
    at = internal_app("app_pages/problems.py")
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Problems in the spreadsheets"
    assert at.query_params["lang"] == "en"


def test_no_pages_directory_next_to_app():
    # A pages/ folder would let Streamlit serve its scripts by URL before st.navigation runs.
    pages = Path(APP).parent / "pages"
    assert not pages.exists() or not any(pages.glob("*.py"))


def test_refresh_button_rereads_the_workbook_and_then_waits_for_the_cooldown(internal_app,
                                                                            monkeypatch):
    reads: list[str] = []

    def counting_load(source, settings):
        reads.append(source.label)
        return load_workbook(source, settings)

    monkeypatch.setattr("odcore.service.load_workbook", counting_load)
    at = internal_app()
    already = len(reads)
    next(b for b in at.sidebar.button if b.label == "Оновити дані").click().run()
    assert not at.exception
    assert len(reads) > already
    next(b for b in at.sidebar.button if b.label == "Оновити дані").click().run()
    assert "спробуйте ще раз" in texts(at)


def test_public_mode_has_no_refresh_button(public_app):
    at = public_app()
    assert not [b for b in at.sidebar.button if b.label == "Оновити дані"]
