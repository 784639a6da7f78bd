"""The public projection: what public pages and public exports may show (issue 5).

WORKBOOK.md's allow-list is the only source of what is here. ``public_view`` copies the
allow-listed fields of public products, published datasets and the plan into small frozen
records, with the figures the rules compute; nothing else (spreadsheets, rows, cell links,
contacts, report texts, findings, Issues) is reachable from a PublicView, so a public page or
export cannot show it by mistake. Search, filters and pagination over it are pure functions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from odcore.figures import Figures
from odcore.rules.images import image_allowed
from odcore.rules.indicators import IndicatorValue
from odcore.rules.quality import DatasetQuality
from odcore.schema.models import Product
from odcore.schema.vocab import ProductKind
from odcore.settings import Settings
from odcore.text import normalize_name
from odcore.textsafe import safe_link

T = TypeVar("T")

# The exported fields, in order (docs/public-export.md documents each).
PRODUCT_FIELDS: tuple[str, ...] = (
    "name", "kind", "description", "author", "url", "image_url", "dataset_ids", "added_on",
)
DATASET_FIELDS: tuple[str, ...] = (
    "id", "title", "description", "department", "formats", "update_frequency",
    "last_updated", "first_published", "portal_url", "license", "keywords", "stars",
    "on_time", "next_due",
)


class OnTime(StrEnum):
    """A published dataset's timeliness as the public sees it."""

    ON_TIME = "on_time"
    OVERDUE = "overdue"
    NOT_EVALUABLE = "not_evaluable"


@dataclass(frozen=True)
class DatasetRef:
    """A dataset ID a product names, with the catalogue's title when the dataset is published
    (then it may be linked to its catalogue entry; otherwise it is plain text)."""

    id: str
    title: str | None = None

    @property
    def published(self) -> bool:
        return self.title is not None

    @property
    def label(self) -> str:
        """``ID · Title`` for a published dataset (the ID first, so that a label cut short on
        a narrow screen still names it), the ID as written otherwise."""
        return f"{self.id} · {self.title}" if self.title is not None else self.id


@dataclass(frozen=True)
class PublicProduct:
    """A public product: only the allow-listed fields, links and image already validated."""

    name: str
    kind: str
    description: str
    author: str
    url: str | None
    image_url: str | None
    datasets: tuple[DatasetRef, ...]
    added_on: dt.date | None

    @property
    def dataset_ids(self) -> tuple[str, ...]:
        return tuple(ref.id for ref in self.datasets)

    def uses(self, dataset_id: str) -> bool:
        """True when the product names this dataset ID (compared like headers)."""
        wanted = normalize_name(dataset_id)
        return any(normalize_name(ref.id) == wanted for ref in self.datasets)

    def search_text(self) -> str:
        return search_key(" ".join((self.name, self.kind, self.description, self.author,
                                    *(ref.label for ref in self.datasets))))

    def to_json(self) -> dict[str, Any]:
        """The product as products.json holds it (PRODUCT_FIELDS)."""
        return {"name": self.name, "kind": self.kind, "description": self.description,
                "author": self.author, "url": self.url, "image_url": self.image_url,
                "dataset_ids": list(self.dataset_ids),
                "added_on": _iso(self.added_on)}


@dataclass(frozen=True)
class PublicDataset:
    """A published dataset: the allow-listed passport fields and the computed verdicts."""

    id: str
    title: str
    description: str
    department: str
    formats: tuple[str, ...]
    update_frequency: str | None
    last_updated: dt.date | None
    first_published: dt.date | None
    portal_url: str | None
    license: str | None
    keywords: tuple[str, ...]
    stars: int
    on_time: OnTime
    next_due: dt.date | None

    def search_text(self) -> str:
        return search_key(" ".join((self.id, self.title, self.description, self.department,
                                    *self.formats, *self.keywords)))

    def to_json(self) -> dict[str, Any]:
        """The dataset as datasets.json holds it (DATASET_FIELDS)."""
        return {"id": self.id, "title": self.title, "description": self.description,
                "department": self.department, "formats": list(self.formats),
                "update_frequency": self.update_frequency,
                "last_updated": _iso(self.last_updated),
                "first_published": _iso(self.first_published), "portal_url": self.portal_url,
                "license": self.license, "keywords": list(self.keywords), "stars": self.stars,
                "on_time": self.on_time.value, "next_due": _iso(self.next_due)}


@dataclass(frozen=True)
class PublicTask:
    """A plan task with its computed state (a TaskState value) and progress (None: left out)."""

    code: str
    section: str
    task: str
    deadline: str
    executors: tuple[str, ...]
    state: str
    progress: float | None


@dataclass(frozen=True)
class PublicSection:
    number: str
    title: str
    progress: float | None


@dataclass(frozen=True)
class PublicProgramme:
    """The plan at as_of; the indicators are the rules' values (key, title, value, target)."""

    progress: float | None
    sections: tuple[PublicSection, ...]
    tasks: tuple[PublicTask, ...]
    indicators: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class PublicView:
    """Everything the public pages and the static export show, at ``as_of``."""

    as_of: dt.date
    council: str
    public_contact: str
    products: tuple[PublicProduct, ...]
    datasets: tuple[PublicDataset, ...]
    programme: PublicProgramme
    on_time_share: float | None = None  # of published datasets with an update interval
    compliant_share: float | None = None  # of published datasets, meeting the standard

    def latest_datasets(self, count: int) -> list[PublicDataset]:
        """The most recently first-published datasets, newest first (undated ones left out)."""
        dated = [d for d in self.datasets if d.first_published is not None]
        return sorted(dated, key=lambda d: (d.first_published, d.id), reverse=True)[:count]

    def latest_products(self, count: int) -> list[PublicProduct]:
        """The most recently added products, newest first (undated ones left out)."""
        dated = [p for p in self.products if p.added_on is not None]
        return sorted(dated, key=lambda p: (p.added_on, p.name), reverse=True)[:count]

    def product(self, slug: str) -> PublicProduct | None:
        """The product whose URL slug (``product_slug``) this is, or None."""
        return next((p for p in self.products if product_slug(p) == slug), None)

    def dataset(self, dataset_id: str) -> PublicDataset | None:
        """The published dataset with this ID (compared like headers), or None."""
        wanted = normalize_name(dataset_id)
        return next((d for d in self.datasets if normalize_name(d.id) == wanted), None)

    def products_using(self, dataset_id: str) -> tuple[PublicProduct, ...]:
        """The public products built on a dataset (the other direction of the link)."""
        return tuple(p for p in self.products if p.uses(dataset_id))

    def kind_counts(self) -> dict[str, int]:
        """Public products per kind, in the vocabulary's order, kinds without products left out."""
        counts = {kind.value: 0 for kind in ProductKind}
        for product in self.products:
            counts[product.kind] = counts.get(product.kind, 0) + 1
        return {kind: n for kind, n in counts.items() if n}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _public_dataset(item: DatasetQuality) -> PublicDataset:
    d = item.dataset
    if item.not_evaluable:
        on_time = OnTime.NOT_EVALUABLE
    else:
        on_time = OnTime.OVERDUE if item.overdue else OnTime.ON_TIME
    return PublicDataset(
        id=d.id, title=d.title, description=d.description or "", department=d.department,
        formats=tuple(f for f in d.formats if f.strip()),
        update_frequency=d.update_frequency.value if d.update_frequency else None,
        last_updated=d.last_updated, first_published=d.first_published,
        portal_url=safe_link(d.portal_url), license=d.license, keywords=d.keywords,
        stars=item.stars, on_time=on_time, next_due=item.next_due)


def _public_product(product: Product, published: dict[str, str],
                    settings: Settings) -> PublicProduct:
    image = product.image_url if image_allowed(product.image_url, settings.image_hosts) else None
    refs = tuple(DatasetRef(i, published.get(normalize_name(i))) for i in product.dataset_ids)
    return PublicProduct(
        name=product.name, kind=product.kind.value, description=product.description or "",
        author=product.author or "", url=safe_link(product.url), image_url=image,
        datasets=refs, added_on=product.added_on)


def _product_order(product: PublicProduct) -> tuple[bool, int, str]:
    """Newest first, undated last, then by name."""
    ordinal = product.added_on.toordinal() if product.added_on else 0
    return (product.added_on is None, -ordinal, product.name.casefold())


def _programme(figures: Figures) -> PublicProgramme:
    plan = figures.plan
    tasks = tuple(PublicTask(
        code=t.code, section=t.task.section, task=t.task.task, deadline=t.task.deadline or "",
        executors=t.task.executors, state=t.state.value, progress=t.progress)
        for t in plan.tasks)
    sections = tuple(PublicSection(s.number, s.title, s.progress) for s in plan.sections)
    return PublicProgramme(plan.progress, sections, tasks, tuple(figures.indicators.values()))


def public_view(figures: Figures) -> PublicView:
    """The public projection of the figures at their as_of.

    Datasets: those published at as_of (`is_published`: status `Оприлюднено`, first published
    by as_of or undated), with stars, timeliness and next due date. Products: public ones
    added by as_of (or undated); the dataset IDs they name are kept, with the catalogue's
    title only when it lists them.
    """
    as_of, settings = figures.as_of, figures.settings
    datasets = tuple(sorted(
        (_public_dataset(i) for i in figures.assessment.items if i.published),
        key=lambda d: (d.title.casefold(), d.id)))
    published = {normalize_name(d.id): d.title for d in datasets}
    products = tuple(sorted(
        (_public_product(p, published, settings) for p in figures.public_products),
        key=_product_order))
    return PublicView(as_of=as_of, council=settings.council.name,
                      public_contact=settings.council.public_contact, products=products,
                      datasets=datasets, programme=_programme(figures),
                      on_time_share=figures.assessment.on_time_share,
                      compliant_share=figures.assessment.compliant_share)


_SLUG_DROP = re.compile(r"[^\w]+")


def product_slug(product: PublicProduct) -> str:
    """A product's stable part of a shareable URL: its name in lower case, words joined by
    hyphens (Cyrillic kept; the browser encodes it)."""
    return _SLUG_DROP.sub("-", product.name.casefold()).strip("-_") or "product"


# --- Search, filters, pagination -------------------------------------------------------

def search_key(text: str) -> str:
    """Text as search compares it: case-folded, spaces collapsed, apostrophes dropped."""
    return normalize_name(text).replace("'", "")


def matches(query: str, text_key: str) -> bool:
    """True when the query (any case, any apostrophe) is a substring of an indexed text."""
    wanted = search_key(query)
    return not wanted or wanted in text_key


def find_products(products: Iterable[PublicProduct], *, query: str = "",
                  kind: str | None = None, dataset_id: str | None = None,
                  ) -> list[PublicProduct]:
    """The products matching a text search, a kind and a dataset ID (each optional)."""
    return [p for p in products
            if (kind is None or p.kind == kind)
            and (dataset_id is None or p.uses(dataset_id))
            and matches(query, p.search_text())]


def find_datasets(datasets: Iterable[PublicDataset], *, query: str = "",
                  department: str | None = None, file_format: str | None = None,
                  on_time: OnTime | None = None) -> list[PublicDataset]:
    """The datasets matching a text search, a department, a format and a timeliness state."""
    department_key = normalize_name(department) if department else None
    format_key = normalize_name(file_format) if file_format else None
    return [d for d in datasets
            if (department_key is None or normalize_name(d.department) == department_key)
            and (format_key is None or format_key in {normalize_name(f) for f in d.formats})
            and (on_time is None or d.on_time is on_time)
            and matches(query, d.search_text())]


def distinct(values: Iterable[str]) -> list[str]:
    """Values for a filter's choices: each once (compared like headers), sorted."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(normalize_name(value), value)
    return sorted(seen.values(), key=str.casefold)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results: ``number`` 1-based, ``pages`` at least 1."""

    items: tuple[T, ...]
    number: int
    pages: int
    total: int


def paginate(items: Sequence[T], number: int, per_page: int) -> Page[T]:
    """The ``number``-th page of ``per_page`` items; a number out of range is clamped."""
    size = max(1, per_page)
    pages = max(1, math.ceil(len(items) / size))
    current = min(max(1, number), pages)
    offset = (current - 1) * size
    return Page(tuple(items[offset:offset + size]), current, pages, len(items))
