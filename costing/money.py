"""Money and share helpers.

All stored figures are :class:`~decimal.Decimal` computed in the default
28-digit context; rounding happens once, when a figure is presented
(:func:`money_str` to cents, half-up; :func:`share_str` to at most four places).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
MILLION = Decimal(1_000_000)

Number = Decimal | int | str | float


def to_decimal(value: Number) -> Decimal:
    """Convert without binary-float surprises (a float goes through its shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_str(value: Decimal) -> str:
    """Present money: a string with exactly two decimals, e.g. ``"1250.00"``."""
    rounded = round_cents(value)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.00"
    return f"{rounded:.2f}"


def share_str(value: Decimal) -> str:
    """Present a share or ratio: four decimals at most, at least two (``"0.25"``)."""
    q = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    text = f"{q:.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return text


def usd_text(value: Decimal) -> str:
    """Money for sentences: ``$1,357,444.04`` (``-$12.50`` when negative)."""
    rounded = round_cents(value)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.2f}"


def percent_text(value: Decimal) -> str:
    """A share for sentences: ``0.8914`` -> ``89.14%``."""
    return f"{(value * 100).quantize(CENT, rounding=ROUND_HALF_UP):f}%"


def optional_money_str(value: Decimal | None) -> str | None:
    return None if value is None else money_str(value)
