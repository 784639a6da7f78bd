"""Openness of a dataset by its formats and licence (RULES.md "Dataset quality").

The star table is modelled on CKAN's ckanext-qa; a format is normalised (case, a leading dot,
MIME types, a few common spellings) before it is looked up. Pure functions, never raising.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

_STAR_FORMATS: dict[int, tuple[str, ...]] = {
    5: ("RDF", "TTL", "N3", "NT", "JSON-LD"),
    3: ("CSV", "TSV", "JSON", "GEOJSON", "XML", "ODS", "KML", "GML", "GPX", "WMS", "WFS",
        "API", "RSS", "ATOM"),
    2: ("XLS", "XLSX", "XLSM", "SHP", "DBF", "MDB", "KMZ"),
    1: ("PDF", "DOC", "DOCX", "ODT", "RTF", "TXT", "ZIP", "RAR", "7Z", "JPG", "JPEG", "PNG",
        "GIF", "TIFF"),
    0: ("HTML", "HTM", "EXE", "JS"),
}
FORMAT_STARS: dict[str, int] = {fmt: stars for stars, fmts in _STAR_FORMATS.items()
                                for fmt in fmts}
UNKNOWN_FORMAT_STARS = 1
MACHINE_READABLE_STARS = 2

# MIME types (lower case, without parameters) and other spellings -> the table's names.
FORMAT_ALIASES: dict[str, str] = {
    "text/csv": "CSV",
    "application/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "text/json": "JSON",
    "application/ld+json": "JSON-LD",
    "jsonld": "JSON-LD",
    "json ld": "JSON-LD",
    "application/geo+json": "GEOJSON",
    "application/vnd.geo+json": "GEOJSON",
    "geo json": "GEOJSON",
    "geo-json": "GEOJSON",
    "application/xml": "XML",
    "text/xml": "XML",
    "application/rdf+xml": "RDF",
    "rdf/xml": "RDF",
    "rdf xml": "RDF",
    "text/turtle": "TTL",
    "turtle": "TTL",
    "text/n3": "N3",
    "application/n-triples": "NT",
    "n-triples": "NT",
    "ntriples": "NT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.google-earth.kml+xml": "KML",
    "application/vnd.google-earth.kmz": "KMZ",
    "application/gml+xml": "GML",
    "application/gpx+xml": "GPX",
    "application/rss+xml": "RSS",
    "application/atom+xml": "ATOM",
    "rest api": "API",
    "web api": "API",
    "api json": "API",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-excel.sheet.macroenabled.12": "XLSM",
    "application/x-shapefile": "SHP",
    "esri shapefile": "SHP",
    "shapefile": "SHP",
    "application/dbf": "DBF",
    "application/x-dbf": "DBF",
    "application/x-msaccess": "MDB",
    "application/vnd.ms-access": "MDB",
    "application/pdf": "PDF",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/rtf": "RTF",
    "text/rtf": "RTF",
    "text/plain": "TXT",
    "application/zip": "ZIP",
    "application/x-zip-compressed": "ZIP",
    "application/vnd.rar": "RAR",
    "application/x-rar-compressed": "RAR",
    "application/x-7z-compressed": "7Z",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/tiff": "TIFF",
    "tif": "TIFF",
    "text/html": "HTML",
    "application/xhtml+xml": "HTML",
    "application/x-msdownload": "EXE",
    "application/javascript": "JS",
    "text/javascript": "JS",
}

_SPACES = re.compile(r"\s+")


# Formats and licences are a few texts repeated over every dataset: their readings are
# remembered, for texts up to _CACHED_CHARS (a longer one is read each time, not kept).
_CACHED_CHARS = 200
_CACHED_TEXTS = 4096


def normalize_format(text: str) -> str:
    """A format's canonical name: ``.csv``, ``csv``, ``text/csv`` -> ``CSV``.

    An unknown format comes back upper-cased, trimmed and without a leading dot.
    """
    if len(text) <= _CACHED_CHARS:
        return _normalize_format_cached(text)
    return _normalize_format(text)


@lru_cache(maxsize=_CACHED_TEXTS)
def _normalize_format_cached(text: str) -> str:
    return _normalize_format(text)


def _normalize_format(text: str) -> str:
    norm = _SPACES.sub(" ", text).strip()
    norm = norm.split(";", 1)[0].strip()  # MIME parameters: text/csv; charset=utf-8
    norm = norm.lstrip(".").strip()
    alias = FORMAT_ALIASES.get(norm.casefold())
    return alias if alias is not None else norm.upper()


def is_known_format(text: str) -> bool:
    """True when a format is in the star table (after normalisation)."""
    return normalize_format(text) in FORMAT_STARS


def format_stars(text: str) -> int:
    """Stars of one format; an unknown format earns one star."""
    return FORMAT_STARS.get(normalize_format(text), UNKNOWN_FORMAT_STARS)


def stars_by_format(formats: Iterable[str]) -> int:
    """The best star level of a dataset's formats; 0 for no format at all."""
    return max((format_stars(f) for f in formats if f.strip()), default=0)


class LicenceKind(StrEnum):
    """How a licence text reads: open, closed, not stated, or not recognised."""

    OPEN = "open"
    CLOSED = "closed"
    MISSING = "missing"
    UNRECOGNISED = "unrecognised"


_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "_": "-"})
_CC = re.compile(r"creative\s*commons|(?<![a-z])cc(?![a-z])|(?<![a-z])cc0|(?<![a-z])cc-?by")
_NC_ND_TOKENS = {"nc", "nd", "noncommercial", "noderivatives", "noderivs"}
_CLOSED_PHRASES = (
    "non-commercial", "non commercial", "no derivatives", "no-derivatives", "некомерц",
    "без похідних",
)
_ALL_RIGHTS = re.compile(r"(усі|всі)\s+права\s+захищені|all\s+rights\s+reserved")
# CKAN's own "not open" choices (its default licence list) read as closed too.
_NOT_OPEN = re.compile(r"other\s*\(\s*(not\s*open|non-?\s*commercial)\s*\)")
_NOT_SPECIFIED = re.compile(
    r"^(licen[cs]e\s+not\s+specified|not\s*specified|не\s+вказано|ліцензію\s+не\s+вказано)$")
_OPEN = re.compile(
    r"odc-?by|odbl|pddl|open\s+data\s+commons|open\s+government\s+licen[cs]e|(?<![a-z])ogl"
    r"(?![a-z])|public\s+domain|суспільне\s+надбання|other\s*\(\s*(open|attribution|public"
    r"\s+domain)\s*\)|відкрита\s+ліцензія|ліцензія\s+відкритих\s+даних"
)


def classify_licence(text: str | None) -> LicenceKind:
    """Open, closed (CC with NC or ND, "усі права захищені"), missing or unrecognised."""
    if text is not None and len(text) <= _CACHED_CHARS:
        return _classify_licence_cached(text)
    return _classify_licence(text)


@lru_cache(maxsize=_CACHED_TEXTS)
def _classify_licence_cached(text: str) -> LicenceKind:
    return _classify_licence(text)


def _classify_licence(text: str | None) -> LicenceKind:
    if text is None or not text.strip():
        return LicenceKind.MISSING
    norm = _SPACES.sub(" ", text.translate(_DASHES)).strip().casefold()
    if _NOT_SPECIFIED.match(norm):
        return LicenceKind.MISSING
    if _ALL_RIGHTS.search(norm) or _NOT_OPEN.search(norm):
        return LicenceKind.CLOSED
    if _CC.search(norm):
        tokens = set(re.split(r"[\s\-/(),.:]+", norm))
        if tokens & _NC_ND_TOKENS or any(p in norm for p in _CLOSED_PHRASES):
            return LicenceKind.CLOSED
        return LicenceKind.OPEN
    if _OPEN.search(norm):
        return LicenceKind.OPEN
    return LicenceKind.UNRECOGNISED
