"""«Мій підрозділ» is the department's whole to-do list (issue 12), on the demo workbook."""

from __future__ import annotations

from tests.ui.rendered import texts, unescape

LEGAL = "Юридичний відділ"
IT = "Відділ інформаційних технологій та комунікацій"


def dataset_cards(at) -> list[str]:
    """The markdown of the to-do cards: ID and title, the verdict badge, the action."""
    shown = [unescape(m.value) for m in at.markdown]
    return [m for m in shown
            if m.startswith(("**ZHM-", ":red-badge", ":orange-badge", "Що зробити"))]


def test_legal_department_shows_zhm019_overdue_and_zhm020_non_compliant(internal_app):
    at = internal_app("app_pages/department.py", {"as_of": "2026-12-07", "department": LEGAL})
    assert not at.exception
    cards = dataset_cards(at)
    assert [c for c in cards if c.startswith("**")] == [
        "**ZHM-019** · Перелік нормативно-правових актів міської ради",
        "**ZHM-020** · Перелік регуляторних актів"]
    assert [c for c in cards if "badge" in c] == [
        ":red-badge[прострочено на 4 дн.]", ":orange-badge[не відповідає стандарту]"]
    actions = [c for c in cards if c.startswith("Що зробити")]
    assert len(actions) == 2 and "Дата останнього оновлення" in actions[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Наборів до дій"] == "2"
    # The old page read «Проблем не знайдено» and nothing else about datasets.
    assert "Набори даних, що потребують дій" in texts(at)


def test_problems_come_first_when_the_department_has_errors(internal_app):
    at = internal_app("app_pages/department.py", {"as_of": "2025-07-01", "department": IT})
    assert not at.exception
    headings = [h.value for h in at.subheader]
    assert headings.index("Проблеми в таблицях підрозділу") < headings.index(
        "Ще треба прозвітувати")
    assert at.error and "помилки" in at.error[0].value


def test_problems_come_last_without_errors(internal_app):
    at = internal_app("app_pages/department.py", {"as_of": "2026-12-07", "department": LEGAL})
    headings = [h.value for h in at.subheader]
    assert headings.index("Проблеми в таблицях підрозділу") > headings.index(
        "Набори даних, що потребують дій")


def test_the_departments_spreadsheet_is_named(internal_app):
    at = internal_app("app_pages/department.py", {"as_of": "2026-12-07", "department": LEGAL})
    assert any("Таблиця підрозділу" in m.value for m in at.markdown)
