"""One-at-a-time sensitivity of an option's horizon TCO (tornado chart).

Each driver is moved by ``-swing`` and ``+swing`` (``sensitivity_swing_pct``,
20% by default) with every other input at its base value, and the horizon
total recomputed with the same deterministic formulas. Drivers: token volume
and prices (API options); token volume, staff cost, cluster capacity and the
hidden overheads (self-hosted options). Sorted by spread, widest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costing.money import ONE, ZERO, money_str
from costing.options import BASE, ApiOptionModel, OptionModel, SelfHostedOptionModel, scaled

API_DRIVERS = ("volume", "price")
SELF_HOSTED_DRIVERS = ("volume", "staff", "capacity", "overheads")
DRIVER_LABELS = {
    "volume": "token volume",
    "price": "API prices",
    "staff": "ML staff cost",
    "capacity": "cluster capacity",
    "overheads": "hidden overheads",
}


@dataclass(frozen=True)
class SensitivityRow:
    driver: str
    swing: Decimal
    base: Decimal
    at_low: Decimal
    at_high: Decimal

    @property
    def spread(self) -> Decimal:
        return abs(self.at_high - self.at_low)

    def as_json(self) -> dict[str, str]:
        return {
            "driver": self.driver,
            "label": DRIVER_LABELS[self.driver],
            "swing_pct": str(self.swing),
            "base_usd": money_str(self.base),
            "low_input_usd": money_str(self.at_low),
            "high_input_usd": money_str(self.at_high),
            "spread_usd": money_str(self.spread),
        }


def tornado(
    model: OptionModel, swing: Decimal, base_total: Decimal | None = None
) -> list[SensitivityRow]:
    base = base_total if base_total is not None else sum(model.monthly_series(BASE), ZERO)
    drivers: tuple[str, ...]
    if isinstance(model, ApiOptionModel):
        drivers = API_DRIVERS
    else:
        assert isinstance(model, SelfHostedOptionModel)
        drivers = SELF_HOSTED_DRIVERS
        if not model.assumptions.flag("include_hidden_overheads"):
            drivers = tuple(d for d in drivers if d != "overheads")
    rows: list[SensitivityRow] = []
    for driver in drivers:
        if isinstance(model, ApiOptionModel):
            # API cost is linear in volume and price: scale the base total.
            low, high = base * (ONE - swing), base * (ONE + swing)
        else:
            low = sum(model.monthly_series(scaled(BASE, driver, ONE - swing)), ZERO)
            high = sum(model.monthly_series(scaled(BASE, driver, ONE + swing)), ZERO)
        rows.append(SensitivityRow(driver, swing, base, low, high))
    rows.sort(key=lambda r: r.spread, reverse=True)
    return rows
