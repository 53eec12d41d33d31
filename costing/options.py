"""Deterministic horizon cost of one option (API or self-hosted), month by month.

An option's cost is a monthly series over ``horizon_years x 12`` months. The
figures use the *expected* value of every range (the midpoint); the Monte Carlo
in :mod:`costing.montecarlo` varies them. :class:`CostFactors` scales the main
drivers for the one-at-a-time sensitivity; all factors are 1 for the base case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from costing.api_cost import ApiUsage, EffectiveRates, daily_api_cost
from costing.assumptions import Assumptions
from costing.calendars import CalendarBasis
from costing.growth import growth_factors
from costing.money import ONE
from costing.self_hosting import SelfHostingPoint, SelfHostingSeries, self_hosting_series

Point = Literal["expected", "low", "high"]


@dataclass(frozen=True)
class CostFactors:
    volume: Decimal = ONE
    price: Decimal = ONE
    staff: Decimal = ONE
    capacity: Decimal = ONE
    overheads: Decimal = ONE


BASE = CostFactors()


@dataclass(frozen=True)
class ApiOptionModel:
    """An API option: the rates in force each month (list, successor after retirement)."""

    usage: ApiUsage
    basis: CalendarBasis
    growth_12m: Decimal
    rates_by_month: tuple[EffectiveRates, ...]

    @property
    def months(self) -> int:
        return len(self.rates_by_month)

    def base_daily_cost(self) -> Decimal:
        """Cost of one active day at today's volume and the rates of month 1."""
        return daily_api_cost(self.usage, self.rates_by_month[0])

    def monthly_series(self, factors: CostFactors = BASE) -> list[Decimal]:
        growth = growth_factors(self.growth_12m, self.months)
        daily_by_rates: dict[int, Decimal] = {}
        out: list[Decimal] = []
        for i, rates in enumerate(self.rates_by_month):
            key = id(rates)
            if key not in daily_by_rates:
                daily_by_rates[key] = daily_api_cost(self.usage, rates)
            daily = daily_by_rates[key] * factors.volume * factors.price * growth[i]
            out.append(self.basis.monthly(daily))
        return out

    def priced_by_successor(self) -> list[bool]:
        first = self.rates_by_month[0] if self.rates_by_month else None
        return [r is not first for r in self.rates_by_month]


def self_hosting_point(
    assumptions: Assumptions, which: Point = "expected", factors: CostFactors = BASE
) -> SelfHostingPoint:
    """The self-hosting assumptions at one point of their ranges, scaled by ``factors``."""

    def pick(name: str) -> Decimal:
        rng = assumptions.range(name)
        if which == "low":
            return rng.low
        if which == "high":
            return rng.high
        return rng.expected

    o = factors.overheads
    return SelfHostingPoint(
        hardware_capex_usd=assumptions.dec("hardware_capex_usd"),
        hardware_life_years=int(assumptions.dec("hardware_life_years")),
        ml_fte_count=assumptions.dec("ml_fte_count"),
        ml_fte_cost_usd=assumptions.dec("ml_fte_cost_usd") * factors.staff,
        infrastructure_usd_per_year=assumptions.dec("infrastructure_usd_per_year"),
        cluster_capacity_tokens_per_day=assumptions.dec("cluster_capacity_tokens_per_day")
        * factors.capacity,
        include_hidden_overheads=assumptions.flag("include_hidden_overheads"),
        include_exit_costs=assumptions.flag("include_exit_costs"),
        drift_pct=pick("drift_pct") * o,
        load_balancing_incidents_per_year=assumptions.dec("load_balancing_incidents_per_year"),
        load_balancing_incident_hours=pick("load_balancing_incident_hours") * o,
        engineer_hourly_usd=assumptions.dec("engineer_hourly_usd"),
        latency_optimisation_usd=pick("latency_optimisation_usd") * o,
        compliance_remediation_usd=pick("compliance_remediation_usd") * o,
        vendor_concentration_pct=pick("vendor_concentration_pct") * o,
        exit_regulatory_usd=pick("exit_regulatory_usd"),
        exit_regulatory_probability=assumptions.dec("exit_regulatory_probability"),
        exit_latency_infra_multiplier=pick("exit_latency_infra_multiplier"),
        exit_latency_speculative_decoding_usd=pick("exit_latency_speculative_decoding_usd"),
        exit_latency_probability=assumptions.dec("exit_latency_probability"),
        exit_vendor_leaves_usd_per_year=assumptions.dec("exit_vendor_leaves_usd_per_year"),
        exit_vendor_leaves_probability=assumptions.dec("exit_vendor_leaves_probability"),
    )


@dataclass(frozen=True)
class SelfHostedOptionModel:
    """A self-hosted option: daily tokens (input + billed output) on an active day today."""

    daily_tokens: Decimal
    growth_12m: Decimal
    months: int
    assumptions: Assumptions
    accounting: str

    def daily_tokens_by_month(self, factors: CostFactors = BASE) -> list[Decimal]:
        growth = growth_factors(self.growth_12m, self.months)
        return [self.daily_tokens * factors.volume * g for g in growth]

    def point(self, factors: CostFactors = BASE) -> SelfHostingPoint:
        return self_hosting_point(self.assumptions, "expected", factors)

    def series(self, factors: CostFactors = BASE) -> SelfHostingSeries:
        return self_hosting_series(
            self.daily_tokens_by_month(factors), self.point(factors), self.accounting
        )

    def monthly_series(self, factors: CostFactors = BASE) -> list[Decimal]:
        return self.series(factors).monthly_totals


OptionModel = ApiOptionModel | SelfHostedOptionModel


def scaled(factors: CostFactors, driver: str, multiple: Decimal) -> CostFactors:
    return replace(factors, **{driver: multiple})
