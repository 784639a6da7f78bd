"""A table's own download: the project's formula-safe CSV, offered beside the table.

Streamlit's built-in table download (and its clipboard copy) writes every cell as typed, so a
cell such as ``=DDE(...)`` or ``+cmd|...`` would run as a formula when the file is opened in
Excel. ``client.disableDataExport`` turns those off for the whole app (Streamlit 1.67 has no
switch per table); the pages offer this download instead (docs/public-export.md, "Downloads").
Each file is built when its button is clicked, and written to the audit log then (who,
role, which file).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from odcore.audit import audited
from odcore.exports.safe import csv_bytes
from odcore.ui.i18n import t_plain

CSV_MIME = "text/csv"


def table_csv(frame: pd.DataFrame, labels: Mapping[str, str] | None = None) -> bytes:
    """The rows and columns of a shown table as CSV (UTF-8 with a BOM, formula-like text
    escaped); ``labels`` turns column keys into the headers the table shows."""
    names = labels or {}
    header = [names.get(str(column), str(column)) for column in frame.columns]
    cells = frame.astype(object).where(frame.notna(), None)
    return csv_bytes(header, cells.itertuples(index=False, name=None))


def csv_download(frame: pd.DataFrame, file_name: str, *,
                 labels: Mapping[str, str] | None = None, key: str | None = None) -> None:
    """A «Завантажити таблицю (CSV)» button for the table just shown. The file is built when
    the button is clicked, not on every run of the page (at 100 times the demo the
    datasets page's table of problems took 18 ms a rerun to write), and its building is
    written to the audit log, as the other downloads' are."""
    # Imported here: the viewer module needs the loading layer, which pages import first.
    from odcore.ui.signin import current_viewer

    headers = dict(labels or {})
    st.download_button(t_plain("table.download_csv"),
                       audited(current_viewer(), file_name, lambda: table_csv(frame, headers)),
                       file_name=file_name, mime=CSV_MIME, icon=":material/download:",
                       on_click="ignore", key=key)
