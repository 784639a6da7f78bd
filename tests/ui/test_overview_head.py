"""The overview's first screen (issue 12): the verdict in figures and who owes what, on the
demo workbook, on the empty template and at the plan's first day."""

from __future__ import annotations

import datetime as dt

from streamlit.proto.Metric_pb2 import Metric as MetricProto

from odcore.config import load_config
from odcore.figures import Figures, build_figures
from odcore.reading import load_workbook
from odcore.service import open_source
from tests.ui.rendered import texts, unescape

LATE_DAY = "2026-12-07"


def figures_at(as_of: dt.date) -> Figures:
    config = load_config()
    return build_figures(load_workbook(open_source(config), config.settings), as_of,
                         config.settings)


def tiles(at) -> dict[str, MetricProto]:
    return {unescape(m.label): m.proto for m in at.metric}


def debt_table(at):
    return next(d.value for d in at.dataframe if "tasks_owed" in d.value.columns)


def test_first_screen_reads_the_verdict_in_counts(internal_app):
    at = internal_app(query={"as_of": LATE_DAY})
    assert not at.exception
    shown = tiles(at)
    # By hand (tests/test_todo.py): 12 of 16 tasks behind, none overdue; 14 of 33 published
    # datasets meet the standard (42 %), against the 75 % target.
    assert shown["Завдання, що відстають"].body == "12 з 16"
    assert unescape(shown["Завдання, що відстають"].delta) == "відстають 12 · прострочено 0"
    compliant = shown["Набори за стандартом"]
    assert compliant.body == "42 %"
    assert unescape(compliant.delta) == "ціль 75 % · ✗ не досягнуто"
    assert compliant.color == MetricProto.MetricColor.RED
    counts = figures_at(dt.date(2026, 12, 7)).assessment.counts
    assert (shown["Прострочені набори"].body, unescape(shown["Прострочені набори"].delta)) == (
        str(counts.overdue), f"з {counts.published} оприлюднених")
    assert counts.overdue > 0


def test_the_data_date_is_said_once(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    said = [unescape(m.value) for m in at.markdown if "станом на" in m.value]
    said += [unescape(c.value) for c in at.caption if "станом на" in c.value]
    assert said == ["**станом на 01.07.2025 (кінець II кв. 2025)**"]


def test_the_department_table_is_sorted_by_what_is_owed(internal_app):
    at = internal_app(query={"as_of": "2025-07-01"})
    table = debt_table(at)
    assert list(table.columns) == ["department", "tasks_owed", "reports_missing",
                                   "datasets_overdue", "datasets_non_compliant", "problems"]
    assert table["department"].iloc[0] == "Відділ інформаційних технологій та комунікацій"
    owed = (table["tasks_owed"] + table["reports_missing"] + table["datasets_overdue"]
            + table["datasets_non_compliant"])
    assert owed.iloc[0] == owed.max()
    assert "Виберіть рядок" in texts(at)


def test_no_verdict_without_data_on_the_empty_template(template_app):
    at = template_app()
    assert not at.exception
    compliant = tiles(at)["Набори за стандартом"]
    assert compliant.body == "немає даних"
    # The old tile said «✗ не досягнуто» next to «немає даних».
    assert "не досягнуто" not in compliant.delta and "досягнуто" not in compliant.delta
    assert compliant.color == MetricProto.MetricColor.GRAY
    # The template's plan is seeded and has no reports: every task is behind, and it says so.
    assert tiles(at)["Завдання, що відстають"].body.endswith("з 16")


def test_no_comparison_at_the_plans_first_day(internal_app):
    at = internal_app(query={"as_of": "2024-01-01"})
    assert not at.exception
    plan = tiles(at)["Виконання плану заходів"]
    assert plan.body == "50 %" and not plan.delta


def test_an_empty_register_says_so_instead_of_nothing_matches(template_app):
    at = template_app("app_pages/datasets.py")
    assert not at.exception
    infos = [unescape(i.value) for i in at.info]
    # The old page said «Жоден набір не відповідає пошуку й фільтрам» with no filter set.
    assert not any("не відповідає пошуку" in i for i in infos)
    assert any("У реєстрі ще немає жодного набору" in i for i in infos)
