"""The register against data.gov.ua: what the portal really publishes (docs/portal.md,
"Reconciliation").

``reconcile`` asks the portal (odcore.portal.ckan) for the council's organisation and its
packages, checks the resource links (odcore.portal.links), and compares package by package
with the register. The result is a JSON-serialisable record with its time; ``reconcile_or_last``
keeps it on disk and, when the portal is down, serves the last one with its time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from odcore.portal.ckan import CkanClient, PortalError, site_url
from odcore.portal.content import sniff_format
from odcore.portal.links import LinkCheck, LinkState, check_links
from odcore.portal.normalize import (
    frequencies_agree,
    normalize_portal_format,
    package_extra,
    package_slug,
    portal_datetime,
    portal_frequency,
    same_format_family,
)
from odcore.portal.records import Comparison, Mismatch, MismatchKind, Reconciliation
from odcore.rules.openness import stars_by_format
from odcore.rules.quality import INTERVAL_DAYS, grace_table
from odcore.schema.models import Dataset
from odcore.schema.vocab import DatasetStatus, UpdateFrequency
from odcore.settings import DEFAULT_SETTINGS, Settings
from odcore.sources.snapshots import state_dir, write_private_file
from odcore.text import normalize_name

FORMAT = 1
_SAFE_SLUG = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
# Formats a sniff of the first bytes can tell apart; plain text says nothing against a
# declared text format.
_TELLING_SNIFFS = {"xlsx": "XLSX", "xls": "XLS", "ods": "ODS", "pdf": "PDF", "html": "HTML",
                   "zip": "ZIP", "json": "JSON", "xml": "XML"}
_BINARY_FORMATS = frozenset({"XLSX", "XLS", "XLSM", "ODS", "PDF", "ZIP", "DOC", "DOCX",
                             "SHP", "KMZ", "7Z", "RAR", "PNG", "JPEG", "GIF", "TIFF"})


# --- One package ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Resource:
    url: str
    declared: str  # normalised format
    raw_format: str
    last_modified: dt.datetime | None


@dataclass(frozen=True)
class _Package:
    id: str
    name: str
    title: str
    url: str
    organization: str
    organization_id: str
    frequency: UpdateFrequency | str | None
    frequency_code: str | None
    resources: tuple[_Resource, ...]
    openness_score: int | None
    last_modified: dt.datetime | None = field(default=None)


def _read_package(raw: dict[str, Any], site: str, settings: Settings) -> _Package:
    found_org = raw.get("organization")
    organization: dict[str, Any] = found_org if isinstance(found_org, dict) else {}
    resources = []
    for res in raw.get("resources") or ():
        if not isinstance(res, dict):
            continue
        modified = (portal_datetime(res.get("last_modified"), settings.tz)
                    or portal_datetime(res.get("created"), settings.tz))
        fmt = str(res.get("format") or "")
        resources.append(_Resource(str(res.get("url") or ""),
                                   normalize_portal_format(fmt) if fmt.strip() else "", fmt,
                                   modified))
    found_qa = raw.get("qa")
    qa: dict[str, Any] = found_qa if isinstance(found_qa, dict) else {}
    score = qa.get("openness_score")
    code = package_extra(raw, "update_frequency")
    name = str(raw.get("name") or "")
    stamps = [r.last_modified for r in resources if r.last_modified is not None]
    return _Package(
        id=str(raw.get("id") or ""), name=name, title=str(raw.get("title") or name),
        url=f"{site}/dataset/{name or raw.get('id')}",
        organization=str(organization.get("name") or ""),
        organization_id=str(raw.get("owner_org") or organization.get("id") or ""),
        frequency=portal_frequency(code), frequency_code=str(code) if code else None,
        resources=tuple(resources),
        openness_score=score if isinstance(score, int) and not isinstance(score, bool) else None,
        last_modified=max(stamps) if stamps else None)


def _next_due(last: dt.date | None, frequency: UpdateFrequency | str | None,
              grace: dict[UpdateFrequency, int]) -> dt.date | None:
    """RULES.md's intervals on the portal's date; None when nothing is due."""
    if last is None or not isinstance(frequency, UpdateFrequency):
        return None
    interval = INTERVAL_DAYS.get(frequency)
    if interval is None:
        return None
    return last + dt.timedelta(days=interval + grace.get(frequency, 0))


def _detected_format(link: LinkCheck) -> str | None:
    sniff = sniff_format(link.head, link.url, link.content_type) if link.head else ""
    if sniff in _TELLING_SNIFFS:
        return _TELLING_SNIFFS[sniff]
    if sniff == "csv":
        return "CSV"  # text: only a declared binary format disagrees with it
    content_type = normalize_portal_format(link.content_type) if link.content_type else ""
    if content_type in ("HTML", "PDF", "XLSX", "XLS", "ZIP", "JSON", "CSV", "XML"):
        return content_type
    return None


def _format_disagrees(declared: str, detected: str | None) -> bool:
    if not declared or detected is None:
        return False
    if detected == "CSV":
        return declared in _BINARY_FORMATS
    return not same_format_family(declared, detected)


# --- The run -----------------------------------------------------------------------------

@dataclass
class _Found:
    mismatches: list[Mismatch] = field(default_factory=list)

    def add(self, kind: MismatchKind, message: str, package: _Package | None = None,
            **extra: str) -> None:
        place = ({"package_id": package.id, "package_title": package.title,
                  "package_url": package.url} if package else {})
        self.mismatches.append(Mismatch(kind, message, **place, **extra))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _compare(dataset: Dataset | None, package: _Package | None, found: _Found,
             links: dict[str, LinkCheck], as_of: dt.date,
             grace: dict[UpdateFrequency, int]) -> Comparison:
    did = dataset.id if dataset else ""
    if package is None:
        assert dataset is not None
        return Comparison(dataset_id=did, dataset_title=dataset.title,
                          register_last_updated=_iso(dataset.last_updated),
                          register_frequency=dataset.update_frequency.value
                          if dataset.update_frequency else None,
                          register_formats=tuple(dataset.formats),
                          register_stars=stars_by_format(dataset.formats))
    portal_date = package.last_modified.date() if package.last_modified else None
    frequency = package.frequency
    register_frequency = dataset.update_frequency if dataset else None
    # Overdue by the portal's own date, at the portal's frequency (the register's when the
    # portal's is unknown).
    due = _next_due(portal_date, frequency if isinstance(frequency, UpdateFrequency)
                    else (register_frequency if frequency is None else None), grace)
    overdue = due is not None and as_of > due
    portal_formats = tuple(sorted({r.declared for r in package.resources if r.declared}))
    if overdue:
        found.add(MismatchKind.OVERDUE_ON_PORTAL,
                  f"На порталі набір оновлено {portal_date:%d.%m.%Y}; за частотою його мали "
                  f"оновити до {due:%d.%m.%Y}.", package, dataset_id=did,
                  portal_value=_iso(portal_date) or "")
    if dataset is not None:
        if dataset.last_updated != portal_date and portal_date is not None:
            typed = f"{dataset.last_updated:%d.%m.%Y}" if dataset.last_updated else "не вказано"
            found.add(MismatchKind.LAST_UPDATE_DIFFERS,
                      f"У реєстрі дата останнього оновлення — {typed}, на порталі найновіший "
                      f"ресурс змінено {portal_date:%d.%m.%Y}.", package, dataset_id=did,
                      register_value=_iso(dataset.last_updated) or "",
                      portal_value=_iso(portal_date) or "")
        if not frequencies_agree(register_frequency, frequency):
            shown = frequency.value if isinstance(frequency, UpdateFrequency) else "позапланово"
            found.add(MismatchKind.FREQUENCY_DIFFERS,
                      f"Частота оновлення: у реєстрі «{register_frequency}», на порталі "
                      f"«{shown}».", package, dataset_id=did,
                      register_value=str(register_frequency), portal_value=str(frequency))
        register_formats = tuple(sorted({normalize_portal_format(f) for f in dataset.formats
                                         if f.strip()}))
        if register_formats and portal_formats and register_formats != portal_formats:
            found.add(MismatchKind.FORMATS_DIFFER,
                      f"Формати: у реєстрі {', '.join(register_formats)}, на порталі "
                      f"{', '.join(portal_formats)}.", package, dataset_id=did,
                      register_value=", ".join(register_formats),
                      portal_value=", ".join(portal_formats))
    for resource in package.resources:
        link = links.get(resource.url)
        if link is None:
            continue
        if link.state is LinkState.BROKEN:
            found.add(MismatchKind.LINK_BROKEN,
                      f"Посилання на ресурс не відповідає ({link.error}): {resource.url}",
                      package, dataset_id=did, resource_url=resource.url)
        detected = _detected_format(link) if link.state is LinkState.OK else None
        if _format_disagrees(resource.declared, detected):
            found.add(MismatchKind.FORMAT_NOT_AS_DECLARED,
                      f"Ресурс оголошено як {resource.raw_format.strip()}, а файл — "
                      f"{detected}: {resource.url}", package, dataset_id=did,
                      register_value=resource.declared, portal_value=detected or "",
                      resource_url=resource.url)
    return Comparison(
        dataset_id=did, dataset_title=dataset.title if dataset else "",
        package_id=package.id, package_name=package.name, package_title=package.title,
        package_url=package.url, organization=package.organization,
        register_last_updated=_iso(dataset.last_updated) if dataset else None,
        portal_last_modified=_iso(portal_date), portal_next_due=_iso(due),
        overdue_on_portal=overdue,
        register_frequency=register_frequency.value if register_frequency else None,
        portal_frequency=(frequency.value if isinstance(frequency, UpdateFrequency)
                          else frequency),
        portal_frequency_code=package.frequency_code,
        register_formats=tuple(dataset.formats) if dataset else (),
        portal_formats=portal_formats,
        register_stars=stars_by_format(dataset.formats) if dataset else None,
        portal_openness_score=package.openness_score)


def reconcile(datasets: Sequence[Dataset], organization: str, *,
              client: CkanClient | None = None, as_of: dt.date | None = None,
              settings: Settings = DEFAULT_SETTINGS, links: bool = True,
              link_timeout: float = 10.0, link_concurrency: int = 4,
              links_deadline: float = 60.0) -> Reconciliation:
    """Compare the register with the organisation's packages on the portal; PortalError when
    the organisation or its packages cannot be read (the rest is best effort, with notes)."""
    client = client or CkanClient()
    as_of = as_of or settings.today()
    site = site_url(client.api_url)
    org = client.organization(organization)
    org_id = str(org["id"])
    packages = [_read_package(p, site, settings)
                for p in client.organization_packages(org_id)]
    by_slug: dict[str, _Package] = {}
    for listed in packages:
        for key in (listed.name, listed.id):
            if key:
                by_slug[normalize_name(key)] = listed
    notes: list[str] = []
    found = _Found()
    matched: dict[str, Dataset] = {}
    elsewhere: dict[str, _Package] = {}
    pairs: list[tuple[Dataset | None, _Package | None]] = []
    lookups_stopped = False
    for dataset in datasets:
        slug = package_slug(dataset.portal_url)
        package = by_slug.get(slug) if slug else None
        if package is not None:
            matched.setdefault(package.id, dataset)
            pairs.append((dataset, package))
            continue
        if slug and not lookups_stopped:
            try:
                raw = client.package(slug)
            except PortalError as exc:
                notes.append(f"Не всі посилання реєстру перевірено на порталі: {exc}.")
                lookups_stopped, raw = True, None
            if raw is not None:
                other = _read_package(raw, site, settings)
                elsewhere[dataset.id] = other
                found.add(MismatchKind.OTHER_ORGANIZATION,
                          f"Сторінка набору на порталі належить іншій організації "
                          f"(«{other.organization or other.organization_id}»), а не "
                          f"«{org.get('name') or organization}».", other,
                          dataset_id=dataset.id, register_value=dataset.portal_url or "",
                          portal_value=other.organization)
                pairs.append((dataset, other))
                continue
        if dataset.status is DatasetStatus.PUBLISHED:
            where = (f"за посиланням {dataset.portal_url}" if dataset.portal_url
                     else "без посилання на портал")
            found.add(MismatchKind.NOT_ON_PORTAL,
                      f"У реєстрі набір «{dataset.title}» оприлюднено, але серед наборів "
                      f"організації на порталі його немає ({where}).", dataset_id=dataset.id,
                      register_value=dataset.portal_url or "")
        pairs.append((dataset, None))
    for package in packages:
        if package.id not in matched:
            found.add(MismatchKind.NOT_IN_REGISTER,
                      f"На порталі є набір «{package.title}», якого немає в реєстрі.", package)
            pairs.append((None, package))
    urls = [r.url for _, p in pairs if p is not None for r in p.resources]
    # The links share the run's one deadline with the portal's API.
    link_results = (check_links(urls, timeout=link_timeout, concurrency=link_concurrency,
                                deadline_seconds=max(0.0, min(links_deadline,
                                                              client.remaining())))
                    if links and urls else {})
    not_checked = sum(1 for r in link_results.values() if r.state is LinkState.NOT_CHECKED)
    if not_checked:
        notes.append(f"Не перевірено посилань на ресурси: {not_checked} (вичерпано час або "
                     "не http(s)).")
    grace = grace_table(settings)
    comparisons = [_compare(d, p, found, link_results, as_of, grace) for d, p in pairs]
    return Reconciliation(
        organization=str(org.get("name") or organization), organization_id=org_id,
        organization_title=str(org.get("title") or ""), api_url=client.api_url,
        checked_at=settings.now().isoformat(timespec="seconds"), as_of=as_of.isoformat(),
        packages=len(packages), comparisons=tuple(comparisons),
        mismatches=tuple(found.mismatches), notes=tuple(notes),
        links_checked=len(link_results) - not_checked, links_not_checked=not_checked)


# --- Kept on disk ------------------------------------------------------------------------

class ReconciliationStore:
    """The last reconciliation of each organisation, one private JSON file each."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or state_dir()) / "portal"

    def path(self, organization: str) -> Path:
        if not _SAFE_SLUG.match(organization):
            raise ValueError(f"not an organisation slug: {organization!r}")
        return self.folder / f"reconciliation-{organization}.json"

    def save(self, result: Reconciliation) -> None:
        """Write the record atomically (0600 in a 0700 folder); OSError on failure."""
        data = {"format": FORMAT, "record": result.to_json()}
        write_private_file(self.path(result.organization),
                           json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def load(self, organization: str) -> Reconciliation | None:
        """The last record, None when there is none or it cannot be read."""
        try:
            data = json.loads(self.path(organization).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return Reconciliation.from_json(data["record"])
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return None


def reconcile_or_last(datasets: Sequence[Dataset], organization: str, *,
                      store: ReconciliationStore | None = None,
                      run: Callable[..., Reconciliation] = reconcile,
                      **options: Any) -> Reconciliation:
    """A fresh reconciliation, kept on disk; when the portal cannot be read, the last kept one
    marked ``served_from_store`` with its time. PortalError when there is none."""
    store = store or ReconciliationStore()
    try:
        result = run(datasets, organization, **options)
    except PortalError as exc:
        last = store.load(organization)
        if last is None:
            raise
        when = dt.datetime.fromisoformat(last.checked_at)
        return replace(last, served_from_store=True,
                       store_note=f"Портал недоступний ({exc}); показано результат звірки "
                                  f"станом на {when:%d.%m.%Y %H:%M}.")
    try:
        store.save(result)
    except OSError as exc:
        result = replace(result, notes=(*result.notes,
                                        f"Результат не збережено ({exc.strerror or exc})."))
    return result
