"""Cost of a workload on a vendor API, per active day.

    daily = (uncached_input x rate_in + cached_input x rate_cached
             + output x reasoning_multiplier x rate_out) / 1,000,000

* ``cached_input = input x cached_input_share``; it is billed at the cached
  price when the offering has one, otherwise at the ordinary input price.
* When the workload is ``batch_eligible`` and the offering publishes *both*
  batch prices, the batch input and output prices replace the ordinary ones
  (cached input still uses the cached price when there is one).
* A negotiated discount (percent off list, per vendor) scales every rate by
  ``1 - percent / 100``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costing.money import MILLION, ONE, ZERO

FORMULA = "api_daily_cost"


@dataclass(frozen=True)
class ApiPrices:
    """List prices in USD per million tokens."""

    input_per_mtok: Decimal
    output_per_mtok: Decimal
    cached_input_per_mtok: Decimal | None = None
    batch_input_per_mtok: Decimal | None = None
    batch_output_per_mtok: Decimal | None = None


@dataclass(frozen=True)
class ApiUsage:
    daily_input_tokens: Decimal
    daily_output_tokens: Decimal
    reasoning_multiplier: Decimal = ONE
    cached_input_share: Decimal = ZERO
    batch_eligible: bool = False

    @property
    def billed_output_tokens(self) -> Decimal:
        return self.daily_output_tokens * self.reasoning_multiplier

    @property
    def billed_tokens(self) -> Decimal:
        return self.daily_input_tokens + self.billed_output_tokens


@dataclass(frozen=True)
class EffectiveRates:
    """USD per million tokens after batch choice and discount."""

    input_rate: Decimal
    cached_input_rate: Decimal
    output_rate: Decimal
    batch_applied: bool
    cached_price_applied: bool
    discount_pct: Decimal

    def as_json(self) -> dict[str, str | bool]:
        return {
            "input_per_mtok": str(self.input_rate),
            "cached_input_per_mtok": str(self.cached_input_rate),
            "output_per_mtok": str(self.output_rate),
            "batch_prices_applied": self.batch_applied,
            "cached_price_applied": self.cached_price_applied,
            "discount_pct": str(self.discount_pct),
        }


def effective_rates(
    prices: ApiPrices, *, batch_eligible: bool, discount_pct: Decimal = ZERO
) -> EffectiveRates:
    if not (0 <= discount_pct <= 100):
        raise ValueError("discount percent must be between 0 and 100")
    use_batch = (
        batch_eligible
        and prices.batch_input_per_mtok is not None
        and prices.batch_output_per_mtok is not None
    )
    if use_batch:
        assert prices.batch_input_per_mtok is not None
        assert prices.batch_output_per_mtok is not None
        rate_in, rate_out = prices.batch_input_per_mtok, prices.batch_output_per_mtok
    else:
        rate_in, rate_out = prices.input_per_mtok, prices.output_per_mtok
    has_cached = prices.cached_input_per_mtok is not None
    rate_cached = (
        prices.cached_input_per_mtok if prices.cached_input_per_mtok is not None else rate_in
    )
    keep = ONE - discount_pct / 100
    return EffectiveRates(
        input_rate=rate_in * keep,
        cached_input_rate=rate_cached * keep,
        output_rate=rate_out * keep,
        batch_applied=use_batch,
        cached_price_applied=has_cached,
        discount_pct=discount_pct,
    )


def daily_api_cost(usage: ApiUsage, rates: EffectiveRates) -> Decimal:
    """USD for one active day at the given volume and rates (not rounded)."""
    cached = usage.daily_input_tokens * usage.cached_input_share
    uncached = usage.daily_input_tokens - cached
    total = (
        uncached * rates.input_rate
        + cached * rates.cached_input_rate
        + usage.billed_output_tokens * rates.output_rate
    )
    return total / MILLION
