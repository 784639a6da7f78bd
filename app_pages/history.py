"""Історія: plan progress, compliance, overdue datasets and each department's debt quarter by
quarter, closed quarters from their frozen copies, and (for a coordinator) «Закрити квартал»
(internal; docs/history.md)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from odcore.audit import audit_close
from odcore.history import ClosedQuarterError, build_history, close_quarter, serving_closes
from odcore.periods import due_quarters
from odcore.ui.charts import chart_with_table
from odcore.ui.format import format_quarter
from odcore.ui.history_tables import debt_table, history_config, history_frame
from odcore.ui.i18n import current_language, t, t_plain
from odcore.ui.loading import current_figures, require_workbook
from odcore.ui.signin import current_viewer

loaded = require_workbook()
settings = loaded.config.settings
viewer = current_viewer()
service = loaded.service
language = current_language()
today = settings.today()

st.title(t("history.title"))
st.caption(t("history.intro"))

if viewer.coordinator:
    due = due_quarters(*settings.plan_years, today)
    if due:
        with st.form("history_close"):
            quarter = st.selectbox(t_plain("history.close_quarter"), list(reversed(due)),
                                   format_func=lambda q: format_quarter(q, language))
            replace = st.checkbox(t_plain("history.close_replace"))
            asked = st.form_submit_button(t_plain("history.close"))
        if asked and quarter is not None:
            try:
                outcome = close_quarter(service, quarter, by=viewer.email, replace=replace)
            except ClosedQuarterError as exc:
                st.error(str(exc))
            except OSError as exc:
                st.error(t("history.close_not_saved", detail=str(exc)))
            else:
                when = outcome.closed.closed_at.astimezone(settings.tz)
                label = format_quarter(quarter, language)
                if outcome.made:
                    audit_close(viewer, str(quarter), replace=replace)
                    st.success(t("history.closed_now", quarter=label,
                                 when=f"{when:%d.%m.%Y %H:%M}"))
                else:
                    st.info(t("history.closed_already", quarter=label,
                              when=f"{when:%d.%m.%Y %H:%M}"))
else:
    st.caption(t("history.coordinator_only"))

try:
    closes = serving_closes(service.store.list_closed(service.ref))
except OSError as exc:  # the database is down: the live figures still show
    st.warning(t("history.closes_unreadable", detail=str(exc)))
    closes = {}
rows = build_history(loaded.workbook, settings, today, closes,
                     figures_at=lambda as_of: current_figures(loaded, as_of))
if not rows:
    st.info(t("history.none"))
    st.stop()

quarter_col, closed_col = t_plain("history.col.quarter"), t_plain("history.col.closed")
overdue_col = t_plain("history.col.overdue")
table = history_frame(rows, settings.tz, language)

series = pd.DataFrame(
    [{"quarter": format_quarter(row.quarter, language), "order": index,
      "measure": t_plain(key), "share": value,
      "closed": t_plain("history.legend_closed" if row.closed else "history.legend_live")}
     for index, row in enumerate(rows)
     for key, value in (("history.col.plan", row.plan_progress),
                        ("history.col.compliance", row.compliance_share))
     if value is not None])
order = [format_quarter(row.quarter, language) for row in rows]
chart = alt.Chart(series).mark_line(point=alt.OverlayMarkDef(size=70)).encode(
    x=alt.X("quarter:N", sort=order, title=quarter_col),
    y=alt.Y("share:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]),
            title=None),
    color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom")),
    # A closed quarter's point is filled, so the mark does not rest on colour alone.
    shape=alt.Shape("closed:N", title=closed_col, legend=alt.Legend(orient="bottom")),
)
chart_with_table(chart, table, alt_text=t_plain("history.chart_alt"),
                 column_config=history_config())

st.subheader(t("history.debt"))
st.caption(t("history.debt_intro"))
debt_table(rows, language)

overdue_rows = [{quarter_col: format_quarter(row.quarter, language),
                 overdue_col: ", ".join(row.overdue)} for row in rows if row.overdue]
if overdue_rows:
    st.subheader(t("history.overdue"))
    st.dataframe(pd.DataFrame(overdue_rows), hide_index=True, width="stretch")
