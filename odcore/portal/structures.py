"""The Ministry's recommended dataset structures shipped in ``odcore/portal/structures/``.

``index.csv`` gives each annex's number, title and resources; each resource's CSVW
``schema.json`` gives its columns. The files are public data with hand-made quirks, read as
they are: column names lose surrounding and embedded whitespace (tabs, line breaks, U+2028
typed inside ``subOrgOf Name``), which no column name may contain (docs/portal.md).
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

STRUCTURES_DIR = Path(__file__).resolve().parent / "structures"
# Annexes 2-17 of CMU Resolution No. 835 apply to every information holder; 18-76 are the sets
# local self-government bodies publish.
EVERY_HOLDER_ANNEXES = range(2, 18)
LOCAL_COUNCIL_ANNEXES = range(18, 77)

# The datatypes the structures use (CSVW names, ``anyURL`` as the Ministry spells it).
DATATYPES: frozenset[str] = frozenset(
    {"string", "date", "dateTime", "time", "integer", "decimal", "boolean", "anyURI", "anyURL"})
DATATYPE_LABELS_UK: dict[str, str] = {
    "string": "текст",
    "date": "дата РРРР-ММ-ДД",
    "dateTime": "дата і час РРРР-ММ-ДДTгг:хх:сс",
    "time": "час гг:хх:сс",
    "integer": "ціле число",
    "decimal": "число (десятковий роздільник — крапка)",
    "boolean": "True або False",
    "anyURI": "посилання https://…",
    "anyURL": "посилання https://…",
}

_NAME_WHITESPACE = re.compile(r"\s+")


class StructureError(Exception):
    """A structure is unknown or its files cannot be read; the message is Ukrainian."""


class Scope(StrEnum):
    """Who the Ministry recommends a structure to."""

    EVERY_HOLDER = "every_holder"
    LOCAL_COUNCIL = "local_council"


@dataclass(frozen=True)
class StructureColumn:
    """One column of a recommended structure, as its ``schema.json`` describes it."""

    name: str
    title: str
    description: str
    datatype: str
    required: bool

    @property
    def datatype_label(self) -> str:
        """The datatype in Ukrainian words for notes and messages."""
        return DATATYPE_LABELS_UK.get(self.datatype, self.datatype)


@dataclass(frozen=True)
class StructureResource:
    """One resource (one file) of an annex: its name and its columns in order."""

    annex: int
    name: str
    columns: tuple[StructureColumn, ...]
    folder: Path

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def example_path(self) -> Path:
        """The filled-in example workbook shipped beside the schema."""
        return self.folder / "example.xlsx"


@dataclass(frozen=True)
class Structure:
    """One annex: its number, title and resources."""

    annex: int
    title: str
    resources: tuple[StructureResource, ...]

    @property
    def scope(self) -> Scope:
        return Scope.EVERY_HOLDER if self.annex in EVERY_HOLDER_ANNEXES else Scope.LOCAL_COUNCIL

    def resource(self, name: str) -> StructureResource:
        """The resource called ``name`` (case-insensitive); StructureError naming the others."""
        for resource in self.resources:
            if resource.name.casefold() == name.strip().casefold():
                return resource
        names = ", ".join(r.name for r in self.resources)
        raise StructureError(f"У додатку {self.annex} немає ресурсу «{name}»; є: {names}.")


@dataclass(frozen=True)
class StructureCatalogue:
    """Every shipped structure, in annex order."""

    structures: tuple[Structure, ...]

    @functools.cached_property
    def by_annex(self) -> dict[int, Structure]:
        """Each annex's structure (read only). Built on the first lookup (the coverage looks
        up every register row's annexes); the first structure of an annex wins, as the scan
        in order did."""
        by_annex: dict[int, Structure] = {}
        for structure in self.structures:
            by_annex.setdefault(structure.annex, structure)
        return by_annex

    def get(self, annex: int) -> Structure | None:
        return self.by_annex.get(annex)

    def require(self, annex: int) -> Structure:
        """The structure of ``annex``, or StructureError listing the annexes there are."""
        structure = self.get(annex)
        if structure is None:
            raise StructureError(
                f"Рекомендованої структури «додаток {annex}» немає. Є додатки: "
                f"{', '.join(str(s.annex) for s in self.structures)}.")
        return structure

    @property
    def annexes(self) -> tuple[int, ...]:
        return tuple(s.annex for s in self.structures)

    def applicable(self, local_council: bool = True) -> tuple[Structure, ...]:
        """The structures a holder is recommended: all of them for a local council."""
        return tuple(s for s in self.structures
                     if local_council or s.scope is Scope.EVERY_HOLDER)


def clean_column_name(text: str) -> str:
    """A column name without whitespace of any kind, inside or around it (data quirks)."""
    text = "".join(c for c in unicodedata.normalize("NFC", text)
                   if unicodedata.category(c) not in ("Cf", "Zl", "Zp"))
    return _NAME_WHITESPACE.sub("", text)


def _read_columns(path: Path) -> tuple[StructureColumn, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        raw_columns = data["tableSchema"]["columns"]
        columns = tuple(
            StructureColumn(
                name=clean_column_name(str(raw["name"])),
                title=str(raw.get("title") or "").strip(),
                description=str(raw.get("description") or "").strip(),
                datatype=str(raw.get("datatype") or "string").strip(),
                required=raw.get("required") is True,
            ) for raw in raw_columns)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StructureError(f"Не вдалося прочитати структуру {path}: {exc}") from None
    unknown = sorted({c.datatype for c in columns} - DATATYPES)
    if unknown:
        raise StructureError(f"Структура {path} має невідомі типи: {', '.join(unknown)}")
    return columns


@functools.lru_cache(maxsize=4)
def load_catalogue(folder: Path = STRUCTURES_DIR) -> StructureCatalogue:
    """Every structure listed in ``index.csv`` with its columns; StructureError when a file
    cannot be read."""
    index = folder / "index.csv"
    try:
        with index.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except OSError as exc:
        raise StructureError(f"Не вдалося прочитати {index}: {exc}") from None
    titles: dict[int, str] = {}
    resources: dict[int, list[StructureResource]] = {}
    for row in rows:
        try:
            annex = int(row["annex"])
            resource_folder = folder / row["path"].strip().strip("/")
            name = row["resource"].strip()
        except (KeyError, ValueError, AttributeError):
            raise StructureError(f"Рядок {row} у {index} не читається") from None
        titles.setdefault(annex, row.get("title", "").strip())
        resources.setdefault(annex, []).append(StructureResource(
            annex, name, _read_columns(resource_folder / "schema.json"), resource_folder))
    return StructureCatalogue(tuple(
        Structure(annex, titles[annex], tuple(resources[annex])) for annex in sorted(titles)))
