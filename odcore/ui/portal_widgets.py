"""What the portal work measured, on the pages: the three headline figures, the recommended
sets, a file's structure check and the reconciliation with data.gov.ua (docs/portal.md).

Nothing here fetches: the pages show the records the data service kept; the one button that
asks the portal starts the service's background run and returns at once.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from odcore.audit import audited
from odcore.figures import Figures
from odcore.portal.coverage import Coverage, CoverageEntry
from odcore.portal.records import ContentCheck, Reconciliation, Verdict
from odcore.portal.starter_workbook import write_structure_workbook
from odcore.portal.structures import Structure, StructureCatalogue
from odcore.roles import Viewer
from odcore.service import DataService, Snapshot
from odcore.textsafe import escape_markdown, safe_link
from odcore.ui.cards import grid_or_cards
from odcore.ui.format import format_share
from odcore.ui.i18n import current_language, t, t_plain

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TEXT = st.column_config.TextColumn
_FINDINGS_SHOWN = 50  # rows of a check's findings on the page; the summary has them all
_SET_HEADING = ("annex", "title")  # a recommended set's card: «27 · Зупинки транспорту»


def _when(iso: str | None) -> str:
    """An ISO moment as the pages write it (DD.MM.YYYY HH:MM), or "" when unreadable."""
    try:
        return dt.datetime.fromisoformat(iso or "").strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return ""


def headline_figures(figures: Figures, as_of_text: str, *, dated: bool = True) -> None:
    """Availability, timeliness by the portal's dates and quality, each with its rule;
    ``dated=False`` where the page says its date once at the top (the overview)."""
    language = current_language()
    headline = figures.headline
    target = format_share(figures.assessment.compliance_target, language)
    st.markdown(f"**{t('headline.title')}**")
    left, middle, right = st.columns(3)
    left.metric(t("headline.availability"),
                format_share(headline.availability.share, language), border=True,
                help=t_plain("headline.availability_help", part=headline.availability.part,
                             whole=headline.availability.whole))
    timeliness = headline.timeliness
    if timeliness is None:
        middle.metric(t("headline.timeliness"), format_share(None, language), border=True,
                      help=t_plain("headline.timeliness_none"))
    else:
        middle.metric(t("headline.timeliness"), format_share(timeliness.share, language),
                      border=True,
                      help=t_plain("headline.timeliness_help", part=timeliness.part,
                                   whole=timeliness.whole,
                                   when=_when(headline.timeliness_checked_at)))
    right.metric(t("headline.quality"), format_share(headline.quality.share, language),
                 border=True,
                 help=t_plain("headline.quality_help", part=headline.quality.part,
                              whole=headline.quality.whole, target=target))
    if dated:
        st.caption(as_of_text)


# --- The recommended sets -----------------------------------------------------------------

def _state_text(entry: CoverageEntry) -> str:
    return t_plain(f"coverage.state.{entry.state.value}")


def coverage_frame(entries: tuple[CoverageEntry, ...]) -> pd.DataFrame:
    """One row per recommended set: annex, title, state, register rows, resources, and the
    rows whose title resembles it (a suggestion for the coordinator to confirm)."""
    return pd.DataFrame([{
        "annex": str(e.annex), "title": e.title, "state": _state_text(e),
        "datasets": ", ".join(e.dataset_ids), "resources": ", ".join(e.resources),
        "suggested": ", ".join(s.dataset_id for s in e.suggestions),
    } for e in entries], columns=["annex", "title", "state", "datasets", "resources",
                                  "suggested"])


def _table(frame: pd.DataFrame, prefix: str, *, key: str, heading: Sequence[str],
           height: int | Literal["auto"] = "auto") -> None:
    """A text table headed by ``<prefix>.<column>``: a grid on a wide screen, a card per
    row (headed by the ``heading`` columns) on a phone; ``key`` is unique on the page."""
    labels = {str(name): t_plain(f"{prefix}.{name}") for name in frame.columns}
    config: dict[str, ColumnConfig] = {name: _TEXT(label) for name, label in labels.items()}
    grid_or_cards(frame, key=key, column_config=config, labels=labels, heading=heading,
                  height=height)


def coverage_section(coverage: Coverage) -> None:
    """Present and missing sets, the title suggestions and values not understood."""
    present, missing = coverage.present, coverage.missing
    st.subheader(t("coverage.present", count=len(present)))
    _table(coverage_frame(present), "coverage.col", key="coverage-present",
           heading=_SET_HEADING)
    st.subheader(t("coverage.missing", count=len(missing)))
    if missing:
        _table(coverage_frame(missing), "coverage.col", key="coverage-missing",
               heading=_SET_HEADING)
    else:
        st.success(t("coverage.none_missing"))
    if coverage.suggestions:
        st.subheader(t("coverage.suggestions"))
        st.caption(t("coverage.suggestions_note"))
        titles = {e.annex: e.title for e in coverage.entries}
        _table(pd.DataFrame([{
            "dataset_id": s.dataset_id, "dataset_title": s.dataset_title,
            "suggested_annex": f"{s.annex}. {titles.get(s.annex, '')}",
        } for s in coverage.suggestions]), "coverage.col", key="coverage-suggestions",
            heading=("dataset_id", "dataset_title"))
    if coverage.unknown_references:
        st.subheader(t("coverage.unknown"))
        _table(pd.DataFrame([{"dataset_id": u.dataset_id, "value": u.value}
                             for u in coverage.unknown_references]), "coverage.col",
               key="coverage-unknown", heading=("dataset_id",))


def columns_frame(structure: Structure) -> pd.DataFrame:
    """Every column of every resource of a structure."""
    return pd.DataFrame([{
        "resource": r.name, "column": c.name, "column_title": c.title,
        "type": c.datatype_label, "required": t_plain("common.yes" if c.required else
                                                      "common.no"),
        "description": c.description,
    } for r in structure.resources for c in r.columns],
        columns=["resource", "column", "column_title", "type", "required", "description"])


def starter_workbook_bytes(structure: Structure) -> bytes:
    """The `structure` command's empty workbook, as bytes for a download."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "structure.xlsx"
        write_structure_workbook(structure, path)
        return path.read_bytes()


def structure_section(catalogue: StructureCatalogue, coverage: Coverage, viewer: Viewer) -> None:
    """A structure's columns (a missing set first) and its starter workbook."""
    st.subheader(t("coverage.columns"))
    annexes = [e.annex for e in coverage.missing] + [e.annex for e in coverage.present]
    titles = {e.annex: e.title for e in coverage.entries}
    annex = st.selectbox(t("coverage.pick_annex"), annexes,
                         format_func=lambda a: f"{a}. {titles.get(a, '')}")
    structure = catalogue.get(annex) if annex is not None else None
    if structure is None:
        return
    # A structure has up to a hundred columns: the box is bounded and scrolls.
    _table(columns_frame(structure), "coverage.col", key="coverage-structure",
           heading=("column", "column_title"), height=300)
    name = f"structure-{structure.annex}.xlsx"
    st.download_button(t_plain("coverage.download_starter"),
                       audited(viewer, name, lambda: starter_workbook_bytes(structure)),
                       file_name=name, mime=XLSX_MIME, icon=":material/download:",
                       on_click="ignore")
    st.caption(t("coverage.starter_note", annex=structure.annex))


# --- One file's structure check -----------------------------------------------------------

def content_check_detail(check: ContentCheck, checked_at: str) -> None:
    """A dataset's kept content check: verdict, then findings with row and column."""
    st.markdown(f"**{t('content.title')}**")
    values = {"source": check.source, "annex": check.annex, "when": _when(checked_at)}
    if check.verdict is Verdict.PASSED:
        st.success(t("content.verdict.passed", **values))
        return
    if check.verdict is Verdict.FAILED:
        st.error(t("content.verdict.failed", **values))
    else:
        st.warning(t("content.verdict.unchecked", **values))
    shown = check.findings[:_FINDINGS_SHOWN]
    frame = pd.DataFrame([{
        "row": "" if f.row is None else str(f.row), "column": f.column, "value": f.value,
        "message": f.message,
    } for f in shown], columns=["row", "column", "value", "message"])
    _table(frame, "content.col", key="content-findings", heading=("row", "column"))
    total = sum(check.counts.values())
    if total > len(shown):
        st.caption(t("content.more", shown=len(shown), total=total))


# --- The reconciliation with data.gov.ua --------------------------------------------------

def mismatch_frame(result: Reconciliation) -> pd.DataFrame:
    """Every disagreement, the register's and the portal's value side by side."""
    return pd.DataFrame([{
        "kind": t_plain(f"portal.kind.{m.kind.value}"), "dataset": m.dataset_id,
        "package": m.package_title, "register": m.register_value, "portal": m.portal_value,
        "url": safe_link(m.package_url or m.resource_url) or "", "message": m.message,
    } for m in result.mismatches], columns=["kind", "dataset", "package", "register",
                                            "portal", "url", "message"])


def reconciliation_section(service: DataService, snapshot: Snapshot, viewer: Viewer,
                           result: Reconciliation | None) -> None:
    """The last kept reconciliation with its time, and (for a coordinator) a button that
    starts a new one in the background, bounded by the client's deadline."""
    from odcore.portal.ckan import DEFAULT_DEADLINE

    st.subheader(t("portal.title"))
    if not service.organization:
        st.info(t("portal.no_organization"))
        return
    if service.reconciling:
        st.info(t("portal.running"))
    elif service.reconcile_error:
        st.warning(t("portal.failed", reason=service.reconcile_error))
    if result is None:
        st.info(t("portal.none"))
    else:
        if result.store_note:
            st.warning(escape_markdown(result.store_note))
        st.caption(t("portal.checked", when=_when(result.checked_at),
                     organization=result.organization_title or result.organization,
                     packages=result.packages, mismatches=len(result.mismatches)))
        if result.mismatches:
            frame = mismatch_frame(result)
            labels = {name: t_plain(f"portal.col.{name}") for name in frame.columns}
            config: dict[str, ColumnConfig] = {name: _TEXT(label)
                                               for name, label in labels.items()}
            config["url"] = st.column_config.LinkColumn(labels["url"])
            grid_or_cards(frame, key="portal-mismatches", column_config=config,
                          labels=labels, heading=("dataset", "package"), links=("url",))
        else:
            st.success(t("portal.no_mismatches"))
        for note in result.notes:
            st.caption(escape_markdown(note))
    if not viewer.coordinator:
        st.caption(t("portal.coordinator_only"))
        return
    if st.button(t_plain("portal.run"), icon=":material/sync:", disabled=service.reconciling):
        service.start_reconciliation(snapshot)
        st.info(t("portal.run_note", seconds=f"{DEFAULT_DEADLINE:g}"))
