"""Total cost of ownership of a self-hosted open-weights deployment.

Monthly components over the horizon (month i = 0 .. M-1):

* clusters in service: ``max(1, ceil(daily_tokens_i / capacity))`` where
  daily tokens are input plus billed output on an active day *including
  growth*; clusters are never decommissioned (running maximum).
* hardware: ``cash`` basis pays ``hardware_capex_usd`` per cluster in the
  month it is bought, and again every ``hardware_life_years`` (replacement);
  ``accrual`` basis books straight-line depreciation
  ``capex / (life x 12)`` per cluster in service each month. Never both.
* staff: ``ml_fte_count x ml_fte_cost_usd / 12`` a month (per deployment,
  not per cluster).
* infrastructure: ``infrastructure_usd_per_year / 12`` per cluster a month.
* hidden overheads (``include_hidden_overheads``): drift monitoring
  ``drift_pct x capex / 12`` per cluster a month; load-balancing incidents
  ``incidents_per_year x hours x engineer_hourly_usd / 12`` a month; latency
  optimisation and compliance remediation one-time in month 1; vendor
  concentration contingency ``vendor_concentration_pct x capex x clusters``
  one-time in month 1.
* exit scenarios (``include_exit_costs``), as expected losses (probability x
  cost) spread evenly over the horizon months: A regulatory exit
  ``p_A x exit_regulatory_usd``; B latency failure
  ``p_B x ((multiplier - 1) x infrastructure of the clusters in service
  + speculative decoding)``; C vendor leaves
  ``p_C x exit_vendor_leaves_usd_per_year`` a year.

With overheads and exit costs switched off the total is exactly
hardware + staff + infrastructure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from costing.money import ONE, ZERO

FORMULA = "self_hosting_tco"
CASH = "cash"
ACCRUAL = "accrual"
ACCOUNTING_BASES = (CASH, ACCRUAL)

COMPONENTS = (
    "hardware",
    "staff",
    "infrastructure",
    "drift_monitoring",
    "load_balancing_incidents",
    "latency_optimisation",
    "compliance_remediation",
    "vendor_concentration",
    "exit_regulatory",
    "exit_latency",
    "exit_vendor_leaves",
)


@dataclass(frozen=True)
class SelfHostingPoint:
    """One point of every self-hosting assumption (expected, low, high or a draw)."""

    hardware_capex_usd: Decimal
    hardware_life_years: int
    ml_fte_count: Decimal
    ml_fte_cost_usd: Decimal
    infrastructure_usd_per_year: Decimal
    cluster_capacity_tokens_per_day: Decimal
    include_hidden_overheads: bool
    include_exit_costs: bool
    drift_pct: Decimal = ZERO
    load_balancing_incidents_per_year: Decimal = ZERO
    load_balancing_incident_hours: Decimal = ZERO
    engineer_hourly_usd: Decimal = ZERO
    latency_optimisation_usd: Decimal = ZERO
    compliance_remediation_usd: Decimal = ZERO
    vendor_concentration_pct: Decimal = ZERO
    exit_regulatory_usd: Decimal = ZERO
    exit_regulatory_probability: Decimal = ZERO
    exit_latency_infra_multiplier: Decimal = ONE
    exit_latency_speculative_decoding_usd: Decimal = ZERO
    exit_latency_probability: Decimal = ZERO
    exit_vendor_leaves_usd_per_year: Decimal = ZERO
    exit_vendor_leaves_probability: Decimal = ZERO


@dataclass(frozen=True)
class SelfHostingSeries:
    clusters: tuple[int, ...]
    components: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)

    @property
    def monthly_totals(self) -> list[Decimal]:
        months = len(self.clusters)
        return [sum((self.components[c][i] for c in COMPONENTS), ZERO) for i in range(months)]

    def component_totals(self) -> dict[str, Decimal]:
        return {c: sum(v, ZERO) for c, v in self.components.items()}


def clusters_needed(daily_tokens: Decimal, capacity_tokens_per_day: Decimal) -> int:
    """``max(1, ceil(daily tokens / capacity))``: a deployment has at least one cluster."""
    if capacity_tokens_per_day <= 0:
        raise ValueError("cluster capacity must be > 0")
    ratio = (daily_tokens / capacity_tokens_per_day).to_integral_value(rounding=ROUND_CEILING)
    return max(1, int(ratio))


def clusters_in_service(daily_tokens_by_month: list[Decimal], capacity: Decimal) -> list[int]:
    out: list[int] = []
    current = 0
    for tokens in daily_tokens_by_month:
        current = max(current, clusters_needed(tokens, capacity))
        out.append(current)
    return out


def self_hosting_series(
    daily_tokens_by_month: list[Decimal], point: SelfHostingPoint, accounting: str
) -> SelfHostingSeries:
    if accounting not in ACCOUNTING_BASES:
        raise ValueError(f"unknown accounting basis {accounting!r}")
    months = len(daily_tokens_by_month)
    clusters = clusters_in_service(daily_tokens_by_month, point.cluster_capacity_tokens_per_day)
    life_months = point.hardware_life_years * 12
    capex = point.hardware_capex_usd

    hardware = [ZERO] * months
    if accounting == CASH:
        previous = 0
        for i, count in enumerate(clusters):
            bought = count - previous
            previous = count
            if bought:
                for when in range(i, months, life_months):
                    hardware[when] += capex * bought
    else:
        hardware = [capex * count / life_months for count in clusters]

    staff = [point.ml_fte_count * point.ml_fte_cost_usd / 12] * months
    infrastructure = [point.infrastructure_usd_per_year * c / 12 for c in clusters]

    zeros = [ZERO] * months
    drift, incidents, latency_opt, compliance, concentration = (list(zeros) for _ in range(5))
    if point.include_hidden_overheads:
        drift = [point.drift_pct * capex * c / 12 for c in clusters]
        per_month = (
            point.load_balancing_incidents_per_year
            * point.load_balancing_incident_hours
            * point.engineer_hourly_usd
            / 12
        )
        incidents = [per_month] * months
        if months:
            latency_opt[0] = point.latency_optimisation_usd
            compliance[0] = point.compliance_remediation_usd
            concentration[0] = point.vendor_concentration_pct * capex * clusters[0]

    exit_reg, exit_lat, exit_vendor = (list(zeros) for _ in range(3))
    if point.include_exit_costs and months:
        exit_reg = [point.exit_regulatory_probability * point.exit_regulatory_usd / months] * months
        extra_infra = (point.exit_latency_infra_multiplier - 1) * point.infrastructure_usd_per_year
        spec_share = point.exit_latency_speculative_decoding_usd / months
        exit_lat = [
            point.exit_latency_probability * (extra_infra * c / 12 + spec_share) for c in clusters
        ]
        exit_vendor = [
            point.exit_vendor_leaves_probability * point.exit_vendor_leaves_usd_per_year / 12
        ] * months

    components = {
        "hardware": tuple(hardware),
        "staff": tuple(staff),
        "infrastructure": tuple(infrastructure),
        "drift_monitoring": tuple(drift),
        "load_balancing_incidents": tuple(incidents),
        "latency_optimisation": tuple(latency_opt),
        "compliance_remediation": tuple(compliance),
        "vendor_concentration": tuple(concentration),
        "exit_regulatory": tuple(exit_reg),
        "exit_latency": tuple(exit_lat),
        "exit_vendor_leaves": tuple(exit_vendor),
    }
    return SelfHostingSeries(tuple(clusters), components)


def recurring_annual_cost(point: SelfHostingPoint, clusters: int) -> Decimal:
    """Run-rate a year at a fixed cluster count: annualised hardware, staff,
    infrastructure and recurring overheads (no one-time items, no exit costs)."""
    total = (
        point.hardware_capex_usd * clusters / point.hardware_life_years
        + point.ml_fte_count * point.ml_fte_cost_usd
        + point.infrastructure_usd_per_year * clusters
    )
    if point.include_hidden_overheads:
        total += point.drift_pct * point.hardware_capex_usd * clusters
        total += (
            point.load_balancing_incidents_per_year
            * point.load_balancing_incident_hours
            * point.engineer_hourly_usd
        )
    return total


def replacements_within(months: int, purchase_month: int, life_months: int) -> int:
    """How many times a cluster bought in ``purchase_month`` is paid for in ``months``."""
    return max(0, math.ceil((months - purchase_month) / life_months))
