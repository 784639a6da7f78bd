"""Rounding as every view shows figures: whole percentages, rounded half up (RULES.md)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def whole_percent(share: float) -> int:
    """A share 0..1 as a whole percentage, rounded half up (0.745 -> 75, not banker's 74)."""
    return int((Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
