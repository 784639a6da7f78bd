"""What the register says and what the portal says, in one vocabulary before they are compared
(docs/portal.md, "Normalisation"): formats, update frequencies, package ids and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from odcore.rules.openness import normalize_format
from odcore.schema.vocab import UpdateFrequency, match_vocabulary
from odcore.text import normalize_name

# Cyrillic letters that look like Latin ones (".сsv" typed with a Cyrillic с).
_LOOKALIKES = str.maketrans({
    "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "к": "k", "о": "o", "р": "p", "ѕ": "s",
    "х": "x", "у": "y", "А": "A", "В": "B", "С": "C",
    "Е": "E", "Н": "H", "І": "I", "К": "K", "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T",
    "Х": "X", "У": "Y",
})
# Misspellings seen on portals, after case folding.
FORMAT_TYPOS: dict[str, str] = {
    "xlxs": "XLSX", "xslx": "XLSX", "xlsx.": "XLSX", "xsl": "XLS", "xlx": "XLS",
    "cvs": "CSV", "scv": "CSV", "csv.": "CSV", "jsn": "JSON", "jason": "JSON",
    "geo-json": "GEOJSON", "geo json": "GEOJSON", "gjson": "GEOJSON", "dbf.": "DBF",
}
# Formats one file can rightly be declared as while its bytes say the other.
FORMAT_FAMILIES: dict[str, frozenset[str]] = {
    "JSON": frozenset({"JSON", "GEOJSON", "JSON-LD", "API"}),
    "XML": frozenset({"XML", "KML", "GML", "GPX", "RDF", "RSS", "ATOM", "WMS", "WFS", "API"}),
    "ZIP": frozenset({"ZIP", "SHP", "KMZ", "DOCX", "XLSX", "ODS", "ODT", "XLSM"}),
    "XLSX": frozenset({"XLSX", "XLSM"}),
    "XLS": frozenset({"XLS", "DOC", "MDB"}),
    "CSV": frozenset({"CSV", "TSV", "TXT", "API", "JSON", "GEOJSON", "XML", "RDF", "TTL",
                      "N3", "NT"}),
}

# The portal's update_frequency codes (CKAN extras on data.gov.ua and DCAT-style English
# codes) -> the register's vocabulary. "unscheduled" is its own answer; anything else is
# unknown and never guessed.
UNSCHEDULED = "unscheduled"
PORTAL_FREQUENCIES: dict[str, UpdateFrequency | str] = {
    "more than once a day": UpdateFrequency.MORE_THAN_DAILY,
    "continuous": UpdateFrequency.MORE_THAN_DAILY,
    "hourly": UpdateFrequency.MORE_THAN_DAILY,
    "once a day": UpdateFrequency.DAILY,
    "daily": UpdateFrequency.DAILY,
    "once a week": UpdateFrequency.WEEKLY,
    "weekly": UpdateFrequency.WEEKLY,
    "once a month": UpdateFrequency.MONTHLY,
    "monthly": UpdateFrequency.MONTHLY,
    "once a quarter": UpdateFrequency.QUARTERLY,
    "quarterly": UpdateFrequency.QUARTERLY,
    "once a half year": UpdateFrequency.HALF_YEARLY,
    "half-yearly": UpdateFrequency.HALF_YEARLY,
    "semiannual": UpdateFrequency.HALF_YEARLY,
    "once a year": UpdateFrequency.YEARLY,
    "yearly": UpdateFrequency.YEARLY,
    "annual": UpdateFrequency.YEARLY,
    "immediately after making changes": UpdateFrequency.ON_CHANGE,
    "on change": UpdateFrequency.ON_CHANGE,
    "never": UpdateFrequency.NEVER,
    "not updated": UpdateFrequency.NEVER,
    "unscheduled": UNSCHEDULED,
    "irregular": UNSCHEDULED,
}
_SEPARATORS = re.compile(r"[_\s]+")


def normalize_portal_format(text: str) -> str:
    """A declared format's canonical name: look-alike Cyrillic letters read as Latin, known
    misspellings corrected, then the openness table's names (``.сsv`` -> ``CSV``)."""
    latin = text.translate(_LOOKALIKES).strip()
    typo = FORMAT_TYPOS.get(latin.casefold().lstrip(".").strip())
    return typo if typo is not None else normalize_format(latin)


def same_format_family(declared: str, detected: str) -> bool:
    """True when a file whose bytes say ``detected`` may rightly be declared ``declared``."""
    return declared == detected or declared in FORMAT_FAMILIES.get(detected, frozenset())


def portal_frequency(value: Any) -> UpdateFrequency | str | None:
    """The register's frequency a portal code means, ``unscheduled``, or None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    key = _SEPARATORS.sub(" ", value.strip().casefold()).replace("-", " ")
    for code, frequency in PORTAL_FREQUENCIES.items():
        if key == code.replace("-", " "):
            return frequency
    member = match_vocabulary(UpdateFrequency, value)  # a portal that stores Ukrainian words
    return member if isinstance(member, UpdateFrequency) else None


def frequencies_agree(register: UpdateFrequency | None,
                      portal: UpdateFrequency | str | None) -> bool:
    """True unless both are known and differ ("unscheduled" agrees with "on change")."""
    if register is None or portal is None:
        return True
    if portal == UNSCHEDULED:
        return register is UpdateFrequency.ON_CHANGE
    return register is portal


def package_slug(url: str | None) -> str | None:
    """The package name or id in a portal page address (``…/dataset/<slug>``), lower-cased."""
    if not url:
        return None
    parts = [unquote(p) for p in urlsplit(url.strip()).path.split("/") if p]
    if "dataset" in parts:
        index = parts.index("dataset")
        if index + 1 < len(parts):
            return normalize_name(parts[index + 1])
    return None


def portal_datetime(value: Any, time_zone: ZoneInfo) -> dt.datetime | None:
    """A CKAN timestamp (ISO, naive UTC) as an aware time in the council's zone."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(time_zone)


def package_extra(package: dict[str, Any], key: str) -> Any:
    """A package field, top-level or among CKAN's ``extras`` [{key, value}]."""
    if key in package:
        return package[key]
    for extra in package.get("extras") or ():
        if isinstance(extra, dict) and extra.get("key") == key:
            return extra.get("value")
    return None
