"""How figures read in the report: one formatter per kind of figure.

Results store money as decimal strings with two decimals; the report prints them
with thousands separators and the cents kept, so that any figure in the PDF can
be found verbatim (after removing separators) in the run's results.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def usd(value: Any) -> str:
    """``"23525.04"`` -> ``"$23,525.04"``; ``None`` -> an em dash."""
    number = to_decimal(value)
    if number is None:
        return "—"
    sign = "-" if number < 0 else ""
    return f"{sign}${abs(number):,.2f}"


def percent(value: Any, places: int = 1) -> str:
    """A share 0-1 as a percentage: ``"0.25"`` -> ``"25.0%"``."""
    number = to_decimal(value)
    if number is None:
        return "—"
    return f"{number * 100:,.{places}f}%"


def number(value: Any) -> str:
    figure = to_decimal(value)
    if figure is None:
        return "—"
    if figure == figure.to_integral_value():
        return f"{int(figure):,}"
    return f"{figure:,}"


def label(code: Any) -> str:
    """A choice code for people: ``"health_phi"`` -> ``"health phi"``."""
    if code is None or code == "":
        return "—"
    return str(code).replace("_", " ")
