"""Usage growth over the planning horizon.

Curve: **compound monthly growth for twelve months, then flat.** With
``expected_growth_12m`` = g (usage multiple expected in 12 months), the month
that starts i months after the run (i = 0, 1, 2, ...) carries the volume
multiple ``g ** (min(i, 12) / 12)``: month 1 is today's volume, month 13 is g
times it, and later months stay at g. The questionnaire only asks for a
12-month expectation, so the engine does not extrapolate growth beyond it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from costing.money import ONE

GROWTH_CURVE = "compound monthly for 12 months (g ** (min(i, 12) / 12)), then flat"


def growth_factor(growth_12m: Decimal, month_index: int) -> Decimal:
    """Volume multiple of the month starting ``month_index`` months after the run."""
    if growth_12m <= 0:
        raise ValueError("expected_growth_12m must be > 0")
    elapsed = min(month_index, 12)
    if elapsed == 0 or growth_12m == ONE:
        return ONE
    if elapsed == 12:
        return growth_12m
    result: Decimal = growth_12m ** (Decimal(elapsed) / Decimal(12))
    return result


@lru_cache(maxsize=1024)
def _factors(growth_12m: Decimal, months: int) -> tuple[Decimal, ...]:
    return tuple(growth_factor(growth_12m, i) for i in range(months))


def growth_factors(growth_12m: Decimal, months: int) -> list[Decimal]:
    """Volume multiples of months 0 .. months-1 (cached: Decimal powers are slow)."""
    return list(_factors(growth_12m, months))
