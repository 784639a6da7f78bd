"""Who owes what (odcore.todo) on the demo workbook, counted by hand from odcore/demo.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from odcore.config import load_config
from odcore.figures import Figures, build_figures
from odcore.reading import load_workbook
from odcore.service import open_source
from odcore.todo import DatasetDue, dataset_to_do, department_debts_table, plan_headline
from odcore.workbook import Workbook

LEGAL = "Юридичний відділ"
IT = "Відділ інформаційних технологій та комунікацій"
# ZHM-019 is monthly and was last updated on 2026-11-02, so it is due by 2026-12-03 and
# 4 days late on 2026-12-07 (the issue's date); ZHM-020 is published as DOC only.
LATE_DAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> tuple[Workbook, object]:
    config = load_config(str(demo_path))
    return load_workbook(open_source(config), config.settings), config.settings


def figures_at(demo, as_of: dt.date) -> Figures:
    workbook, settings = demo
    return build_figures(workbook, as_of, settings)


def test_a_departments_datasets_to_act_on_overdue_first_with_the_action(demo):
    to_do = dataset_to_do(figures_at(demo, LATE_DAY), LEGAL)
    assert [(d.id, d.due, d.item.days_overdue) for d in to_do] == [
        ("ZHM-019", DatasetDue.OVERDUE, 4), ("ZHM-020", DatasetDue.NON_COMPLIANT, None)]
    assert to_do[0].action is not None and to_do[1].action is not None
    assert "Дата останнього оновлення" in to_do[0].action.render("uk")
    assert "машиночитному" in to_do[1].action.render("uk")


def test_a_dataset_updated_in_time_is_not_on_the_list(demo):
    # A month earlier ZHM-019 was still within its interval.
    assert [d.id for d in dataset_to_do(figures_at(demo, dt.date(2026, 11, 7)), LEGAL)] == [
        "ZHM-020"]


def test_the_department_table_is_sorted_by_what_is_owed_and_counts_each_kind(demo):
    workbook, _ = demo
    figures = figures_at(demo, dt.date(2025, 7, 1))
    rows = department_debts_table(figures, workbook)
    owed = [r.owed for r in rows]
    assert owed == sorted(owed, reverse=True) and owed[0] > 0
    first = rows[0]
    # On 2025-07-01 ІТ is behind on 7 tasks, lacks 1 report and has 3 errors, 1 warning.
    assert (first.department, first.tasks_owed, first.reports_missing, first.errors,
            first.problems) == (IT, 7, 1, 3, 4)
    legal = next(r for r in rows if r.department == LEGAL)
    assert (legal.datasets_overdue, legal.datasets_non_compliant) == (0, 1)
    # Every department of the `Підрозділи` tab has a row, owing something or not.
    assert {d.name for d in workbook.departments} <= {r.department for r in rows}


def test_the_department_table_adds_up_to_the_figures(demo):
    workbook, _ = demo
    figures = figures_at(demo, LATE_DAY)
    rows = department_debts_table(figures, workbook)
    late = [i for i in figures.assessment.published() if i.overdue]
    assert sum(r.datasets_overdue for r in rows) == len(late)
    assert sum(r.errors for r in rows) == sum(
        1 for i in figures.issues if i.is_error and i.department.strip())


def test_plan_headline_counts_tasks_behind_and_overdue(demo):
    headline = plan_headline(figures_at(demo, LATE_DAY))
    assert (headline.owed, headline.counted) == (12, 16)
    # Before the plan's first quarter is due nothing can be behind.
    first_day = plan_headline(figures_at(demo, dt.date(2024, 1, 1)))
    assert (first_day.behind, first_day.overdue) == (0, 0)


def test_the_department_table_counts_what_a_pass_per_department_counts(tmp_path):
    # The table groups datasets and Issues in one pass; here each department is counted on
    # its own, the way it was before, on the synthetic workbook (6,761 Issues at K=100; 2 is
    # enough to have every department with datasets and Issues).
    from odcore.issues import Severity
    from odcore.settings import Settings
    from odcore.sources.workbook_file import WorkbookFileSource
    from odcore.synth import write_synth_xlsx
    from odcore.text import normalize_name

    path = tmp_path / "synth.xlsx"
    write_synth_xlsx(path, 2)
    settings = Settings()
    figures = build_figures(load_workbook(WorkbookFileSource(path), settings), LATE_DAY,
                            settings)
    rows = department_debts_table(figures)
    assert sum(r.errors for r in rows) > 0 and sum(r.datasets_overdue for r in rows) > 0
    for row in rows:
        key = normalize_name(row.department)
        mine = [i for i in figures.issues if normalize_name(i.department) == key]
        published = [i for i in figures.assessment.published()
                     if normalize_name(i.department) == key]
        assert row.errors == sum(i.severity is Severity.ERROR for i in mine)
        assert row.warnings == sum(i.severity is Severity.WARNING for i in mine)
        assert row.datasets_overdue == sum(i.overdue for i in published)
        assert row.datasets_non_compliant == sum(not i.overdue and not i.compliant
                                                 for i in published)
