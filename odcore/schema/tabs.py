"""Tab specifications derived from the models: which headers name which field."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from odcore.schema.columns import Col
from odcore.schema.models import TAB_MODELS, Record
from odcore.text import normalize_name


@dataclass(frozen=True)
class TabSpec:
    """One tab: its model, its columns in declaration order, and header lookup."""

    model: type[Record]
    columns: tuple[Col, ...]

    @property
    def title(self) -> str:
        return self.model.TAB

    @property
    def key(self) -> str:
        return self.model.KEY

    def names(self) -> tuple[str, ...]:
        """Every accepted tab name, normalised."""
        return tuple(normalize_name(n) for n in (self.title, self.key, *self.model.TAB_ALIASES))

    def column_for_header(self, header: str) -> Col | None:
        return self._header_index.get(normalize_name(header))

    @cached_property
    def _header_index(self) -> dict[str, Col]:
        """Each accepted header, normalised -> its column (the first that accepts it). Kept
        on the spec itself: a cache keyed by the spec hashed the spec, and with it every
        field of every Col, for each header cell read (half a millisecond a load)."""
        index: dict[str, Col] = {}
        for col in self.columns:
            for name in col.names():
                index.setdefault(name, col)
        return index

    def column(self, key: str) -> Col:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


def _columns_of(model: type[Record]) -> tuple[Col, ...]:
    cols = []
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if isinstance(meta, Col):
                cols.append(replace(meta, key=name))
    return tuple(cols)


TAB_SPECS: tuple[TabSpec, ...] = tuple(TabSpec(m, _columns_of(m)) for m in TAB_MODELS)
SPEC_BY_KEY: dict[str, TabSpec] = {s.key: s for s in TAB_SPECS}


def spec_for_tab_name(name: str) -> TabSpec | None:
    """The tab a sheet's name matches (Ukrainian or English, like headers), or None."""
    return _SPEC_BY_NAME.get(normalize_name(name))


# Each accepted tab name, normalised -> its spec (the first in TAB_SPECS that accepts it).
_SPEC_BY_NAME: dict[str, TabSpec] = {}
for _spec in TAB_SPECS:
    for _name in _spec.names():
        _SPEC_BY_NAME.setdefault(_name, _spec)


def header_of(record: Record | type[Record], field: str) -> str:
    """The Ukrainian header of a record's field: messages and cell links name a column
    through this, so the schema stays the one place a header is written."""
    model = record if isinstance(record, type) else type(record)
    return SPEC_BY_KEY[model.KEY].column(field).header


def tab_key(name: str) -> str | None:
    """The key of the tab a sheet's name matches, or None: what a source is told about the
    contract's tabs (sources never import the schema)."""
    spec = spec_for_tab_name(name)
    return spec.key if spec is not None else None
