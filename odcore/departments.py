"""Department names: matching known names, splitting executor cells, suggesting the nearest."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from odcore.text import normalize_name

_HARD_SPLIT = re.compile(r"[\n\r;]+")


class DepartmentNames:
    """The known department names (the ``Підрозділи`` tab plus settings' group mappings)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._canonical: dict[str, str] = {}
        for name in names:
            self._canonical.setdefault(normalize_name(name), name)

    def __bool__(self) -> bool:
        return bool(self._canonical)

    def __contains__(self, name: str) -> bool:
        return normalize_name(name) in self._canonical

    def canonical(self, name: str) -> str:
        """The name as the ``Підрозділи`` tab spells it, or the name itself when unknown."""
        return self._canonical.get(normalize_name(name), name.strip())

    def suggest(self, name: str) -> str | None:
        """The nearest known name, for a message."""
        match = difflib.get_close_matches(normalize_name(name), list(self._canonical), n=1,
                                          cutoff=0.6)
        return self._canonical[match[0]] if match else None

    def split(self, text: str) -> tuple[str, ...]:
        """Split an executors cell, matching known names before splitting on commas.

        "Управління ЖКГ, транспорту та благоустрою" stays one name when it is known.
        """
        names: list[str] = []
        for line in _HARD_SPLIT.split(text):
            pieces = [p.strip() for p in line.split(",")]
            pieces = [p for p in pieces if p]
            i = 0
            while i < len(pieces):
                taken = 1
                for j in range(len(pieces), i, -1):
                    if normalize_name(", ".join(pieces[i:j])) in self._canonical:
                        taken = j - i
                        break
                names.append(self.canonical(", ".join(pieces[i:i + taken])))
                i += taken
        seen: dict[str, str] = {}
        for name in names:
            seen.setdefault(normalize_name(name), name)
        return tuple(seen.values())
