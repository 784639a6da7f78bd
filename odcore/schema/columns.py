"""Column declarations: the Ukrainian header, the English key and how a cell is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from odcore.text import normalize_name


class Kind(StrEnum):
    """How a cell of a column is read (the rules are in odcore.cells)."""

    TEXT = "text"
    CODE = "code"  # text such as a task code or an ID; a number becomes its shortest text
    LIST = "list"  # several values separated by commas, semicolons or new lines
    DEPARTMENTS = "departments"  # a list of department names, split after matching known names
    DATE = "date"
    DEADLINE = "deadline"  # the plan's deadline wording: text, whose years must be accepted
    YESNO = "yesno"
    QUARTER = "quarter"
    URL = "url"
    IMAGE_URL = "image_url"  # an https URL of a picture
    EMAIL = "email"
    PERCENT = "percent"
    VOCAB = "vocab"


@dataclass(frozen=True)
class Col:
    """Metadata of one column, declared beside its model field.

    ``aliases`` are further headers accepted for the column (a short form, or the Ministry's
    annex-7 names). ``public_text`` marks free text shown on public pages (checked for
    contacts). ``vocabulary`` is the Enum of a closed vocabulary.
    """

    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    personal: bool = False
    aliases: tuple[str, ...] = ()
    vocabulary: type[Enum] | None = None
    public_text: bool = False
    note: str = ""
    extra: bool = False  # accepted when present, but not one of WORKBOOK.md's columns
    key: str = field(default="", compare=False)

    def names(self) -> tuple[str, ...]:
        """Every accepted header, normalised."""
        return tuple(normalize_name(n) for n in (self.header, self.key, *self.aliases) if n)
