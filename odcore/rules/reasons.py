"""Why a dataset does not meet the standards and what to change first, as codes with values.

A rule names a reason by its code (RULES.md "Dataset quality"); the words, in Ukrainian and
English, are the catalogue's (``reason.<code>`` and ``fix.<code>`` in odcore.i18n). The values
a text quotes are the schema's own headers and statuses, so renaming a header in the schema
renames it in every message.
"""

from __future__ import annotations

from enum import StrEnum

from odcore.i18n import Phrase
from odcore.schema.models import Dataset, QualityCheck
from odcore.schema.tabs import SPEC_BY_KEY
from odcore.schema.vocab import DatasetStatus

# The passport fields data.gov.ua requires, in the order their reasons are listed.
PASSPORT_FIELDS: tuple[str, ...] = (
    "title", "description", "purpose", "keywords", "department", "update_frequency",
    "license", "formats",
)
# What the "fix first" simulation sets as a licence, and what its texts suggest.
EXAMPLE_LICENSE = "CC BY 4.0"


class Reason(StrEnum):
    """The closed list of compliance reasons, in the order a dataset's reasons are listed."""

    RESTRICTED = "restricted"
    NOT_PUBLISHED = "not_published"
    NOT_YET_PUBLISHED = "not_yet_published"
    NO_PORTAL_URL = "no_portal_url"
    NOT_MACHINE_READABLE = "not_machine_readable"
    CLOSED_LICENSE = "closed_license"
    MISSING_TITLE = "missing_title"
    MISSING_DESCRIPTION = "missing_description"
    MISSING_PURPOSE = "missing_purpose"
    MISSING_KEYWORDS = "missing_keywords"
    MISSING_DEPARTMENT = "missing_department"
    MISSING_UPDATE_FREQUENCY = "missing_update_frequency"
    MISSING_LICENSE = "missing_license"
    MISSING_FORMATS = "missing_formats"
    OVERDUE = "overdue"
    FAILED_CHECK = "failed_check"
    # Given by a kept content check of the resource file (odcore/portal/content.py,
    # docs/portal.md), passed to the rules by the data service.
    STRUCTURE_MISMATCH = "structure_mismatch"


def missing_reason(field: str) -> Reason:
    """The reason for an empty passport field (``missing_<field>``)."""
    return Reason(f"missing_{field}")


def _header(model: type[Dataset] | type[QualityCheck], field: str) -> str:
    return SPEC_BY_KEY[model.KEY].column(field).header


_REASON_VALUES: dict[Reason, dict[str, str]] = {
    Reason.RESTRICTED: {"status": DatasetStatus.RESTRICTED.value},
    Reason.NOT_PUBLISHED: {"status": DatasetStatus.PUBLISHED.value},
    Reason.NOT_YET_PUBLISHED: {"column": _header(Dataset, "first_published")},
    Reason.NO_PORTAL_URL: {"column": _header(Dataset, "portal_url")},
    Reason.NOT_MACHINE_READABLE: {"column": _header(Dataset, "formats")},
    Reason.CLOSED_LICENSE: {"example": EXAMPLE_LICENSE},
    **{missing_reason(f): {"column": _header(Dataset, f)} for f in PASSPORT_FIELDS},
    Reason.OVERDUE: {},
    Reason.FAILED_CHECK: {},
    Reason.STRUCTURE_MISMATCH: {},
}
# A reason without an entry has nothing to change at as_of: a restricted dataset is judged no
# further, one first published after as_of is published later, and a resource's structure is
# the portal work's to explain.
_FIX_VALUES: dict[Reason, dict[str, str]] = {
    Reason.NOT_PUBLISHED: {"status": DatasetStatus.PUBLISHED.value},
    Reason.NO_PORTAL_URL: {"column": _header(Dataset, "portal_url")},
    Reason.NOT_MACHINE_READABLE: {"column": _header(Dataset, "formats")},
    Reason.CLOSED_LICENSE: {"example": EXAMPLE_LICENSE},
    **{missing_reason(f): {"column": _header(Dataset, f)} for f in PASSPORT_FIELDS},
    Reason.MISSING_LICENSE: {"example": EXAMPLE_LICENSE},
    Reason.MISSING_FORMATS: {},
    Reason.OVERDUE: {"column": _header(Dataset, "last_updated")},
    Reason.FAILED_CHECK: {"column": _header(QualityCheck, "resolved")},
}
FIXABLE: frozenset[Reason] = frozenset(_FIX_VALUES)


def reason_phrase(reason: Reason) -> Phrase:
    """Why the dataset does not meet the standards, for the catalogue to word."""
    return Phrase.of(f"reason.{reason.value}", **_REASON_VALUES[reason])


def fix_phrase(reason: Reason) -> Phrase:
    """What to change to remove ``reason`` (one of FIXABLE), for the catalogue to word."""
    return Phrase.of(f"fix.{reason.value}", **_FIX_VALUES[reason])
