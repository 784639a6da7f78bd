"""How the UI writes shares and changes: whole percentages and points, rounded half up."""

from __future__ import annotations

import pytest

from odcore.ui.format import format_points_change, format_share, points_change


@pytest.mark.parametrize(("change", "points"), [
    (0.0, 0), (0.004, 0), (-0.004, 0), (0.005, 1), (-0.0056, -1), (0.1042, 10), (None, None)])
def test_a_change_is_whole_points_and_a_tiny_one_is_no_change(change: float | None,
                                                             points: int | None) -> None:
    assert points_change(change) == points


def test_a_change_reads_with_its_sign_and_zero_without_one() -> None:
    assert format_points_change(0.0104) == "+1 п.п. від кінця попереднього кварталу"
    assert format_points_change(-0.0056) == "-1 п.п. від кінця попереднього кварталу"
    assert format_points_change(-0.001) == "0 п.п. від кінця попереднього кварталу"
    assert format_points_change(None) is None


def test_a_share_is_rounded_half_up() -> None:
    assert (format_share(0.745), format_share(0.7333), format_share(None)) == (
        "75 %", "73 %", "немає даних")


def test_department_label_marks_only_a_name_the_departments_tab_does_not_know():
    from odcore.departments import DepartmentNames
    from odcore.ui.format import department_label

    names = DepartmentNames(["Фінансове управління"])
    assert department_label("Фінансове управління", names) == "Фінансове управління"
    assert department_label("фінансове  управління", names) == "фінансове  управління"
    assert (department_label("Фінансове управліня", names)
            == "⚠ Фінансове управліня (невідомий підрозділ)")
    assert department_label("X", names, "en") == "⚠ X (unknown department)"
    # A blank «Підрозділи» tab: nothing can be told apart, so nothing is marked.
    assert department_label("Фінансове управліня", DepartmentNames([])) == "Фінансове управліня"
