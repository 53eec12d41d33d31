"""Seeded, vectorised Monte Carlo over every assumption range.

Method
------
* Each range (``<name>_low`` / ``<name>_high``) is drawn from a triangular
  distribution with its midpoint as mode; a collapsed range yields its value.
* Draws are NumPy arrays of ``n`` samples plus one final *expected* row (every
  range at its midpoint). All arithmetic runs over whole arrays (no Python loop
  per draw). A sample's figure is reported as the exact deterministic Decimal
  total plus the float deviation ``sample - expected_row``; when every range is
  collapsed the deviation is exactly zero, so the percentiles equal the
  deterministic figure to the cent.
* Token volume uncertainty (``token_volume_multiplier``) is drawn once per
  workload and shared by all its options; price movement
  (``price_change_pct``) is drawn per API option; the self-hosting ranges per
  self-hosted option. Every workload and option has its own generator,
  ``numpy.random.default_rng([seed, workload_index, option_index])``, so a
  figure does not depend on the order of evaluation.
* Percentiles of samples use NumPy's default (linear interpolation).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from costing.assumptions import Assumptions, Range
from costing.self_hosting import CASH

FloatArray = npt.NDArray[np.float64]

SELF_HOSTING_RANGES = (
    "drift_pct",
    "load_balancing_incident_hours",
    "latency_optimisation_usd",
    "compliance_remediation_usd",
    "vendor_concentration_pct",
    "exit_regulatory_usd",
    "exit_latency_infra_multiplier",
    "exit_latency_speculative_decoding_usd",
)


def generator(seed: int, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, *stream])


def triangular_with_expected(rng: np.random.Generator, value: Range, n: int) -> FloatArray:
    """``n`` triangular draws (mode = midpoint) followed by the expected value."""
    low, high = float(value.low), float(value.high)
    mode = float(value.expected)
    out = np.empty(n + 1, dtype=np.float64)
    out[n] = mode
    if n == 0:
        return out
    u = rng.random(n)
    if high <= low:
        out[:n] = low
        return out
    width = high - low
    cut = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    out[:n] = np.where(u < cut, left, right)
    return out


def volume_draws(rng: np.random.Generator, assumptions: Assumptions, n: int) -> FloatArray:
    return triangular_with_expected(rng, assumptions.range("token_volume_multiplier"), n)


def api_deviation(
    deterministic_total: float,
    volume: FloatArray,
    rng: np.random.Generator,
    assumptions: Assumptions,
) -> FloatArray:
    """Sample minus expected for an API option (cost is linear in volume and price)."""
    n = volume.shape[0] - 1
    price = 1.0 + triangular_with_expected(rng, assumptions.range("price_change_pct"), n)
    totals = deterministic_total * volume * price
    deviation: FloatArray = totals[:n] - totals[n]
    return deviation


@dataclass(frozen=True)
class SelfHostingFixed:
    """The self-hosting inputs that are single values (floats for the vectorised pass)."""

    hardware_capex_usd: float
    life_months: int
    staff_per_month: float
    infrastructure_usd_per_year: float
    capacity: float
    include_hidden_overheads: bool
    include_exit_costs: bool
    incidents_per_year: float
    engineer_hourly_usd: float
    exit_regulatory_probability: float
    exit_latency_probability: float
    exit_vendor_leaves_usd_per_year: float
    exit_vendor_leaves_probability: float
    accounting: str

    @classmethod
    def from_assumptions(cls, a: Assumptions, accounting: str) -> SelfHostingFixed:
        return cls(
            hardware_capex_usd=float(a.dec("hardware_capex_usd")),
            life_months=int(a.dec("hardware_life_years")) * 12,
            staff_per_month=float(a.dec("ml_fte_count") * a.dec("ml_fte_cost_usd") / 12),
            infrastructure_usd_per_year=float(a.dec("infrastructure_usd_per_year")),
            capacity=float(a.dec("cluster_capacity_tokens_per_day")),
            include_hidden_overheads=a.flag("include_hidden_overheads"),
            include_exit_costs=a.flag("include_exit_costs"),
            incidents_per_year=float(a.dec("load_balancing_incidents_per_year")),
            engineer_hourly_usd=float(a.dec("engineer_hourly_usd")),
            exit_regulatory_probability=float(a.dec("exit_regulatory_probability")),
            exit_latency_probability=float(a.dec("exit_latency_probability")),
            exit_vendor_leaves_usd_per_year=float(a.dec("exit_vendor_leaves_usd_per_year")),
            exit_vendor_leaves_probability=float(a.dec("exit_vendor_leaves_probability")),
            accounting=accounting,
        )


def self_hosting_totals(
    daily_tokens_by_month: FloatArray,
    volume: FloatArray,
    draws: dict[str, FloatArray],
    fixed: SelfHostingFixed,
) -> FloatArray:
    """Horizon TCO for every draw (rows), the same formulas as
    :func:`costing.self_hosting.self_hosting_series`, over arrays."""
    months = daily_tokens_by_month.shape[0]
    # Clusters are never decommissioned: in service = running max of clusters needed.
    # ceil(v * t / c) is monotone in t, so the running max can be taken over the
    # token series first (a 1-D pass) instead of over the months x draws matrix.
    peak_share = np.maximum.accumulate(daily_tokens_by_month) / fixed.capacity
    in_service = np.multiply.outer(peak_share, volume)
    np.ceil(in_service, out=in_service)
    np.maximum(in_service, 1.0, out=in_service)
    cluster_months = in_service.sum(axis=0)
    capex = fixed.hardware_capex_usd

    if fixed.accounting == CASH:
        # a cluster bought in month p is paid ceil((M - p) / life) times; summing
        # purchases (in[p] - in[p-1]) x payments[p] equals in[p] x (payments[p] - payments[p+1])
        payments = np.ceil((months - np.arange(months)) / fixed.life_months)
        weights = payments - np.append(payments[1:], 0.0)
        hardware = capex * (weights @ in_service)
    else:
        hardware = capex * cluster_months / fixed.life_months
    total = hardware + fixed.staff_per_month * months
    total = total + fixed.infrastructure_usd_per_year * cluster_months / 12

    if fixed.include_hidden_overheads:
        total = total + draws["drift_pct"] * capex * cluster_months / 12
        total = total + (
            fixed.incidents_per_year
            * draws["load_balancing_incident_hours"]
            * fixed.engineer_hourly_usd
            * months
            / 12
        )
        total = total + draws["latency_optimisation_usd"] + draws["compliance_remediation_usd"]
        total = total + draws["vendor_concentration_pct"] * capex * in_service[0]
    if fixed.include_exit_costs:
        total = total + fixed.exit_regulatory_probability * draws["exit_regulatory_usd"]
        extra = (draws["exit_latency_infra_multiplier"] - 1.0) * fixed.infrastructure_usd_per_year
        total = total + fixed.exit_latency_probability * (
            extra * cluster_months / 12 + draws["exit_latency_speculative_decoding_usd"]
        )
        total = total + (
            fixed.exit_vendor_leaves_probability
            * fixed.exit_vendor_leaves_usd_per_year
            * months
            / 12
        )
    result: FloatArray = total
    return result


def self_hosting_deviation(
    daily_tokens_by_month: FloatArray,
    volume: FloatArray,
    rng: np.random.Generator,
    assumptions: Assumptions,
    fixed: SelfHostingFixed,
) -> FloatArray:
    n = volume.shape[0] - 1
    draws = {
        name: triangular_with_expected(rng, assumptions.range(name), n)
        for name in SELF_HOSTING_RANGES
    }
    totals = self_hosting_totals(daily_tokens_by_month, volume, draws, fixed)
    deviation: FloatArray = totals[:n] - totals[n]
    return deviation


def float_to_decimal(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def percentiles_around(
    deterministic: Decimal, deviation: FloatArray
) -> tuple[Decimal, Decimal, Decimal]:
    """P10 / P50 / P90 of ``deterministic + deviation`` (deviation in float USD)."""
    if deviation.shape[0] == 0:
        return deterministic, deterministic, deterministic
    p10, p50, p90 = np.percentile(deviation, [10.0, 50.0, 90.0])
    return (
        deterministic + float_to_decimal(p10),
        deterministic + float_to_decimal(p50),
        deterministic + float_to_decimal(p90),
    )
