"""One colour scheme for states: every state has a style, readable symbols, fixed colours."""

from __future__ import annotations

import pandas as pd

from odcore.rules.progress import GridMark, TaskState
from odcore.ui.charts import GRID_MARKS, STATE_STYLES, count_bars, progress_bars, state_heatmap
from tests.ui.test_config import contrast


def test_every_task_state_and_grid_mark_has_a_style():
    assert {s.value for s in TaskState} <= set(STATE_STYLES)
    assert {m.value for m in GridMark} == set(GRID_MARKS)


def test_fulfilled_missed_and_pending_look_different_in_colour_and_symbol():
    groups = [("done", "on_track", "fulfilled"), ("overdue", "behind", "missed"),
              ("deadline",), ("not_due",), ("in_progress",), ("not_started",)]
    fills = [{STATE_STYLES[s].fill for s in g} for g in groups]
    symbols = [{STATE_STYLES[s].symbol for s in g} for g in groups]
    assert all(len(f) == 1 for f in fills) and len(set().union(*fills)) == len(groups)
    assert all(len(s) == 1 for s in symbols) and len(set().union(*symbols)) == len(groups)


def test_symbols_are_readable_on_their_fill():
    for name, style in STATE_STYLES.items():
        if style.symbol:
            assert contrast(style.fill, style.ink) >= 3.0, name


def test_heatmap_colours_follow_the_scheme_in_a_fixed_order():
    frame = pd.DataFrame([{"task": "1.1", "quarter": "I кв. 2024", "mark": "missed"},
                          {"task": "1.1", "quarter": "II кв. 2024", "mark": "fulfilled"}])
    spec = state_heatmap(frame, row="task", column="quarter", state="mark", row_order=["1.1"],
                         column_order=["I кв. 2024", "II кв. 2024"], row_title="Код",
                         column_title="Квартал").to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["range"] == [STATE_STYLES["fulfilled"].fill, STATE_STYLES["missed"].fill]


def test_heatmap_legend_names_each_state_with_its_symbol_for_print():
    frame = pd.DataFrame([{"task": "1.1", "quarter": "I кв. 2024", "mark": "missed"},
                          {"task": "1.1", "quarter": "II кв. 2024", "mark": "not_due"}])
    spec = state_heatmap(frame, row="task", column="quarter", state="mark", row_order=["1.1"],
                         column_order=["I кв. 2024", "II кв. 2024"], row_title="Код",
                         column_title="Квартал").to_dict()
    color = spec["layer"][0]["encoding"]["color"]
    assert color["scale"]["domain"] == ["✗ пропущено", "· строк ще не настав"]
    assert color["legend"]["columns"] == 1  # one state a line: it fits a phone


def test_progress_bars_draw_names_above_the_bars_and_show_undefined_figures():
    frame = pd.DataFrame({"name": ["1. Розділ", "2. Розділ"], "share": [0.5, None],
                          "text": ["50 %", "немає даних"]})
    spec = progress_bars(frame, label="name", value="share", text="text", title="Розділ")
    layers = spec.to_dict()["layer"]
    # No y axis takes width from the bars: the names are text marks of their own.
    assert all(layer["encoding"]["y"].get("axis", "none") is None for layer in layers)
    names = next(layer for layer in layers if layer["encoding"].get("text", {}).get("field")
                 == "label")
    assert names["mark"]["x"] == 0
    # The figure's text is placed at the bar's end, or at 0 when the figure is undefined.
    assert list(spec.data["at"]) == [0.5, 0.0]
    assert list(spec.data["text"]) == ["50 %", "немає даних"]


def test_count_bars_of_all_zero_counts_have_whole_ticks_and_a_scale_to_one():
    # The trend of an empty register: every quarter 0; the old axis read «0.000000».
    frame = pd.DataFrame({"quarter": ["I кв. 2024", "II кв. 2024"], "count": [0, 0]})
    spec = count_bars(frame, label="quarter", value="count", label_title="Квартал",
                      value_title="Наборів").to_dict()
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    y = bars["encoding"]["y"]
    assert y["axis"]["format"] == "d" and y["axis"]["tickMinStep"] == 1
    assert y["scale"]["domain"] == [0, 1]
