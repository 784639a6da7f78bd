"""The plan's headline figures: its progress with the change since the previous quarter, the
indicator tiles, and the notes on tasks reported done whose indicator is not met. They show
rule results; they compute none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import streamlit as st

from odcore.rules.indicators import IndicatorLinks, IndicatorValue
from odcore.rules.progress import TaskProgress
from odcore.textsafe import escape_markdown
from odcore.ui.format import (
    format_number,
    format_points_change,
    format_quarter,
    format_share,
    points_change,
)
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.plan_view import PlanView


def _indicator_figure(indicator: IndicatorValue, figure: float | None) -> str:
    """A value or target of the indicator: a share for ``*_share`` keys, else a number."""
    language = current_language()
    if indicator.key.endswith("_share"):
        return format_share(figure, language)
    return format_number(figure, language)


def indicator_value_text(indicator: IndicatorValue) -> str:
    """The indicator's value as shown: ``80 %`` or ``3``."""
    return _indicator_figure(indicator, indicator.value)


def indicator_target_text(indicator: IndicatorValue) -> str:
    """The indicator's target as shown: ``ціль ≥ 75 %``."""
    return t_plain("indicator.target", op="≥" if indicator.op == ">=" else "=",
                   target=_indicator_figure(indicator, indicator.target))


def indicator_verdict(indicator: IndicatorValue) -> str:
    """Met, not met, or cannot be assessed, in words."""
    return t_plain({True: "indicator.met", False: "indicator.not_met",
                    None: "indicator.undefined"}[indicator.met])


def indicator_title(key: str) -> str:
    """The indicator's name from the catalogue."""
    return t_plain(f"indicator.{key}")


def plan_progress_metric(view: PlanView, as_of_text: str) -> None:
    """The plan's progress as one big figure with the change since the previous quarter.

    A change that rounds to 0 points is grey and has no arrow: nothing rose or fell.
    """
    language = current_language()
    points = points_change(view.change)
    neutral = points == 0
    delta = format_points_change(view.change, language)
    source = view.quarter_change
    if delta is not None and source is not None and source.quarter is not None:
        # Where the earlier figure comes from: the quarter's close, or today's data.
        quarter = format_quarter(source.quarter, language)
        delta += " · " + (t_plain("overview.change_closed", quarter=quarter)
                          if source.closed is not None
                          else t_plain("overview.change_live", quarter=quarter))
    st.metric(t("overview.plan_progress"), format_share(view.plan.progress, language),
              delta=delta,
              delta_color="off" if neutral else "normal",
              delta_arrow="off" if neutral else "auto", border=True, help=as_of_text)


# The tile's target line: green when met, red when not, grey when it cannot be assessed; the
# words and the ✓ / ✗ say the same, for print and colour-blind readers.
_VERDICT_COLOURS: dict[bool | None, Literal["green", "red", "gray"]] = {
    True: "green", False: "red", None: "gray"}


def indicator_tiles(indicators: Mapping[str, IndicatorValue], as_of_text: str, *,
                    links: IndicatorLinks | None = None) -> None:
    """One metric per indicator: its value, and inside the tile its target and verdict.

    With ``links`` the tile's help names the tasks the indicator measures.
    """
    items = list(indicators.values())
    for start in range(0, len(items), 3):
        for column, indicator in zip(st.columns(3), items[start:start + 3], strict=False):
            codes = ", ".join(links.codes_for(indicator.key)) if links else ""
            # as_of_text is Markdown already (its values escaped); the task codes are escaped here.
            help_text = (f"{escape_markdown(t_plain('col.tasks') + ': ' + codes)}. {as_of_text}"
                         if codes else as_of_text)
            column.metric(escape_markdown(indicator_title(indicator.key)),
                          indicator_value_text(indicator), border=True,
                          delta=escape_markdown(f"{indicator_target_text(indicator)} · "
                                                f"{indicator_verdict(indicator)}"),
                          delta_color=_VERDICT_COLOURS[indicator.met], delta_arrow="off",
                          help=help_text)


def discrepancy_warning(progress: TaskProgress, indicator: IndicatorValue) -> None:
    """The task is reported `Виконано` while its indicator is not met."""
    st.warning(t("overview.discrepancy", code=progress.code,
                 indicator=indicator_title(indicator.key),
                 value=indicator_value_text(indicator),
                 target=indicator_target_text(indicator)))


def discrepancy_notes(view: PlanView) -> None:
    """Each task whose latest report says `Виконано` while its indicator is not met."""
    for progress in view.discrepancies:
        indicator = view.indicator(progress)
        if indicator is not None:
            discrepancy_warning(progress, indicator)
