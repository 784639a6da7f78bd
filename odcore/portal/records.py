"""The portal work's results as plain records: a content check and a reconciliation.

No network here: odcore.figures holds these records (read from the kept files by the data
service) without importing the modules that fetch them (odcore.portal.content and
odcore.portal.reconcile, which build them).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from odcore.rules.reasons import Reason

# Its words are the catalogue's ``reason.structure_mismatch`` (odcore.i18n).
COMPLIANCE_REASON = Reason.STRUCTURE_MISMATCH


class FindingKind(StrEnum):
    """The closed list of what a content check reports (stable names, like frictionless's)."""

    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    UNREADABLE = "unreadable"
    BLANK_HEADER = "blank_header"
    DUPLICATE_HEADER = "duplicate_header"
    MISSING_REQUIRED_COLUMN = "missing_required_column"
    UNKNOWN_COLUMN = "unknown_column"
    TYPE_ERROR = "type_error"
    MISSING_VALUE = "missing_value"
    ROW_LENGTH = "row_length"


# Kinds that say the file was not (completely) read: alone, they leave the check unchecked.
NOT_READ_KINDS: frozenset[FindingKind] = frozenset({FindingKind.TOO_LARGE,
                                                     FindingKind.UNREADABLE})


class Verdict(StrEnum):
    PASSED = "passed"        # read completely, nothing found
    FAILED = "failed"        # at least one defect in what was read
    UNCHECKED = "unchecked"  # not read (or not completely) and no defect in what was


@dataclass(frozen=True)
class Finding:
    """One defect, with its place in the file when it has one (row 1 is the header)."""

    kind: FindingKind
    message: str
    row: int | None = None
    column: str = ""
    column_number: int | None = None
    value: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "row": self.row, "column": self.column,
                "column_number": self.column_number, "value": self.value,
                "message": self.message}


@dataclass(frozen=True)
class ContentCheck:
    """The result of checking one resource against one structure resource."""

    source: str
    annex: int
    resource: str
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # every finding, by kind
    rows_checked: int = 0
    bytes_read: int = 0
    file_format: str = ""
    encoding: str = ""

    @property
    def compliance_reason(self) -> Reason | None:
        """``structure_mismatch`` when the check failed, else None."""
        return COMPLIANCE_REASON if self.verdict is Verdict.FAILED else None

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "annex": self.annex, "resource": self.resource,
                "verdict": self.verdict.value, "compliance_reason": self.compliance_reason,
                "counts": dict(self.counts), "rows_checked": self.rows_checked,
                "bytes_read": self.bytes_read, "format": self.file_format,
                "encoding": self.encoding, "findings": [f.to_json() for f in self.findings]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContentCheck:
        """The record :meth:`to_json` wrote; ValueError when it is not one."""
        try:
            findings = tuple(
                Finding(FindingKind(f["kind"]), str(f["message"]), f.get("row"),
                        str(f.get("column") or ""), f.get("column_number"),
                        str(f.get("value") or ""))
                for f in data["findings"])
            return cls(str(data["source"]), int(data["annex"]), str(data["resource"]),
                       Verdict(data["verdict"]), findings,
                       {str(k): int(v) for k, v in data["counts"].items()},
                       int(data["rows_checked"]), int(data["bytes_read"]),
                       str(data["format"]), str(data["encoding"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not a content check record: {exc}") from None



class MismatchKind(StrEnum):
    """The closed list of disagreements between the register and the portal."""

    NOT_ON_PORTAL = "not_on_portal"
    NOT_IN_REGISTER = "not_in_register"
    OTHER_ORGANIZATION = "other_organization"
    LAST_UPDATE_DIFFERS = "last_update_differs"
    OVERDUE_ON_PORTAL = "overdue_on_portal"
    FREQUENCY_DIFFERS = "frequency_differs"
    FORMATS_DIFFER = "formats_differ"
    FORMAT_NOT_AS_DECLARED = "format_not_as_declared"
    LINK_BROKEN = "link_broken"


@dataclass(frozen=True)
class Mismatch:
    """One disagreement; both sides are shown, each as the register or the portal says it."""

    kind: MismatchKind
    message: str
    dataset_id: str = ""
    package_id: str = ""
    package_title: str = ""
    package_url: str = ""
    register_value: str = ""
    portal_value: str = ""
    resource_url: str = ""


@dataclass(frozen=True)
class Comparison:
    """One register row and/or one portal package, side by side."""

    dataset_id: str = ""
    dataset_title: str = ""
    package_id: str = ""
    package_name: str = ""
    package_title: str = ""
    package_url: str = ""
    organization: str = ""
    register_last_updated: str | None = None  # ISO dates
    portal_last_modified: str | None = None
    portal_next_due: str | None = None
    overdue_on_portal: bool = False
    register_frequency: str | None = None
    portal_frequency: str | None = None
    portal_frequency_code: str | None = None
    register_formats: tuple[str, ...] = ()
    portal_formats: tuple[str, ...] = ()
    register_stars: int | None = None
    portal_openness_score: int | None = None


@dataclass(frozen=True)
class Reconciliation:
    """Everything one run found, with when and where it asked."""

    organization: str
    organization_id: str
    organization_title: str
    api_url: str
    checked_at: str  # ISO, aware, the council's time zone
    as_of: str
    packages: int
    comparisons: tuple[Comparison, ...] = ()
    mismatches: tuple[Mismatch, ...] = ()
    notes: tuple[str, ...] = ()  # Ukrainian: what was not checked and why
    links_checked: int = 0
    links_not_checked: int = 0
    served_from_store: bool = False
    store_note: str = ""

    def by_kind(self, kind: MismatchKind) -> tuple[Mismatch, ...]:
        return tuple(m for m in self.mismatches if m.kind is kind)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = {k.value: len(self.by_kind(k)) for k in MismatchKind}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reconciliation:
        """The record :meth:`to_json` wrote; ValueError when it is not one."""
        try:
            fields = {k: v for k, v in data.items() if k != "counts"}
            fields["comparisons"] = tuple(
                Comparison(**{**c, "register_formats": tuple(c["register_formats"]),
                              "portal_formats": tuple(c["portal_formats"])})
                for c in data["comparisons"])
            fields["mismatches"] = tuple(Mismatch(**{**m, "kind": MismatchKind(m["kind"])})
                                         for m in data["mismatches"])
            fields["notes"] = tuple(data["notes"])
            return cls(**fields)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a reconciliation record: {exc}") from None


@dataclass(frozen=True)
class DatasetContent:
    """The content check of one register row's resource."""

    dataset_id: str
    check: ContentCheck

    def to_json(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, **self.check.to_json()}


@dataclass(frozen=True)
class ContentRun:
    """One run of the content checks over the register, with its time (ISO, aware)."""

    checked_at: str
    results: tuple[DatasetContent, ...] = ()
    notes: tuple[str, ...] = ()  # Ukrainian: what was not checked and why

    def check(self, dataset_id: str) -> ContentCheck | None:
        """The check of a register row (IDs compared as the register compares them)."""
        key = dataset_id.strip().casefold()
        return next((r.check for r in self.results
                     if r.dataset_id.strip().casefold() == key), None)

    @property
    def failed_ids(self) -> tuple[str, ...]:
        """Rows whose resource failed its check: the compliance reason structure_mismatch."""
        return tuple(r.dataset_id for r in self.results if r.check.verdict is Verdict.FAILED)

    def counts(self) -> dict[str, int]:
        return {v.value: sum(r.check.verdict is v for r in self.results) for v in Verdict}

    def to_json(self) -> dict[str, Any]:
        return {"checked_at": self.checked_at, "counts": self.counts(),
                "notes": list(self.notes), "datasets": [r.to_json() for r in self.results]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContentRun:
        """The record :meth:`to_json` wrote; ValueError when it is not one."""
        try:
            results = tuple(DatasetContent(str(d["dataset_id"]), ContentCheck.from_json(d))
                            for d in data["datasets"])
            return cls(str(data["checked_at"]), results, tuple(map(str, data["notes"])))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a content run record: {exc}") from None


@dataclass(frozen=True)
class KeptPortal:
    """What the portal work last measured and kept, as the figures read it."""

    content: ContentRun | None = None
    reconciliation: Reconciliation | None = None

    @property
    def stamp(self) -> str:
        """Changes whenever a kept record does: part of the figures' cache key."""
        return "|".join((self.content.checked_at if self.content else "",
                         self.reconciliation.checked_at if self.reconciliation else ""))


NO_KEPT_PORTAL = KeptPortal()
