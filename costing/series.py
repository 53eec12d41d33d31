"""Monthly cost series: yearly totals, cumulative sums and break-even."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from costing.money import ZERO


def yearly_totals(monthly: Sequence[Decimal]) -> list[Decimal]:
    return [sum(monthly[i : i + 12], ZERO) for i in range(0, len(monthly), 12)]


def cumulative(monthly: Sequence[Decimal]) -> list[Decimal]:
    out: list[Decimal] = []
    running = ZERO
    for value in monthly:
        running += value
        out.append(running)
    return out


def break_even_month(option: Sequence[Decimal], reference: Sequence[Decimal]) -> int | None:
    """First month (1-based) from which ``option``'s cumulative cost stays strictly
    below ``reference``'s until the end of the horizon; ``None`` when it never does.

    "Stays below" rather than "first dips below" so that a later cluster
    purchase that pushes the option back above the reference is not reported as
    a break-even the board could rely on.
    """
    if len(option) != len(reference):
        raise ValueError("series must cover the same months")
    a, b = cumulative(option), cumulative(reference)
    month: int | None = None
    for i in range(len(a) - 1, -1, -1):
        if a[i] < b[i]:
            month = i + 1
        else:
            break
    return month
