"""Names compared like headers (odcore.text.normalize_name), each distinct text read once."""

from __future__ import annotations

from odcore.text import ComputedOnce, normalize_name


class NameKeys(ComputedOnce[str, str]):
    """``keys[text]`` is ``normalize_name(text)``, computed on the first lookup of each text.

    A figure compares a column's names (stewards, trained persons, task codes) row by row,
    and a register repeats a few dozen of them over thousands of rows: each distinct text is
    normalised once per figure (a dict lookup in C for the rest). Keep one only for the
    figure that fills it: nothing is kept across calls.
    """

    def __init__(self) -> None:
        super().__init__(normalize_name)
