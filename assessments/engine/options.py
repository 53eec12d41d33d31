"""One option = one workload on one offering: compliance, cost, risk figures, latency.

The cost model is built here from catalog facts (the API rates in force each
month, switching to the successor's prices after a retirement date) and
evaluated by :mod:`costing`. The *risk-adjusted TCO* used to rank options is
the Monte Carlo P50 of the horizon total (equal to the deterministic total,
which already includes expected overheads and probability-weighted exit costs,
when the simulation is off or every range is collapsed).
"""

from __future__ import annotations

import calendar as _calendar
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from assessments.engine.inputs import (
    OfferingFacts,
    OrganizationProfile,
    RunParameters,
    WorkloadInput,
)
from assessments.engine.latency import LatencyAssessment, assess_latency
from assessments.engine.rules import (
    BLOCKING,
    Finding,
    RuleContext,
    Ruleset,
    compliance_status,
)
from assessments.engine.rules import evaluate_option as evaluate_rules
from costing import api_cost, self_hosting
from costing.api_cost import ApiPrices, ApiUsage, EffectiveRates, effective_rates
from costing.assumptions import Assumptions
from costing.calendars import CalendarBasis, calendar_basis
from costing.growth import GROWTH_CURVE
from costing.money import ZERO, money_str
from costing.montecarlo import (
    FloatArray,
    SelfHostingFixed,
    api_deviation,
    generator,
    percentiles_around,
    self_hosting_deviation,
)
from costing.options import ApiOptionModel, OptionModel, SelfHostedOptionModel
from costing.self_hosting import recurring_annual_cost
from costing.sensitivity import SensitivityRow, tornado
from costing.series import break_even_month, yearly_totals


def add_months(start: date, months: int) -> date:
    year = start.year + (start.month - 1 + months) // 12
    month = (start.month - 1 + months) % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return date(year, month, day)


def stream_id(text: str) -> int:
    """A stable stream number for the random generator (order-independent)."""
    return zlib.crc32(text.encode("utf-8"))


def prices_of(offering: OfferingFacts) -> ApiPrices | None:
    if offering.input_per_mtok is None or offering.output_per_mtok is None:
        return None
    return ApiPrices(
        input_per_mtok=offering.input_per_mtok,
        output_per_mtok=offering.output_per_mtok,
        cached_input_per_mtok=offering.cached_input_per_mtok,
        batch_input_per_mtok=offering.batch_input_per_mtok,
        batch_output_per_mtok=offering.batch_output_per_mtok,
    )


def usage_of(workload: WorkloadInput) -> ApiUsage:
    return ApiUsage(
        daily_input_tokens=Decimal(workload.daily_input_tokens),
        daily_output_tokens=Decimal(workload.daily_output_tokens),
        reasoning_multiplier=workload.reasoning_multiplier,
        cached_input_share=workload.cached_input_share,
        batch_eligible=workload.batch_eligible,
    )


@dataclass(frozen=True)
class RunContext:
    organization: OrganizationProfile
    offerings: Mapping[str, OfferingFacts]
    parameters: RunParameters
    assumptions: Assumptions
    ruleset: Ruleset
    self_hosting_fixed: SelfHostingFixed = field(init=False, repr=False)

    def __post_init__(self) -> None:
        fixed = SelfHostingFixed.from_assumptions(self.assumptions, self.parameters.accounting)
        object.__setattr__(self, "self_hosting_fixed", fixed)

    @property
    def horizon_end(self) -> date:
        return add_months(self.parameters.prices_as_of, self.parameters.months)


def _rates(ctx: RunContext, offering: OfferingFacts, workload: WorkloadInput) -> EffectiveRates:
    prices = prices_of(offering)
    assert prices is not None
    return effective_rates(
        prices,
        batch_eligible=workload.batch_eligible,
        discount_pct=ctx.organization.discount_for(offering.vendor),
    )


def api_model(
    ctx: RunContext, offering: OfferingFacts, workload: WorkloadInput, basis: CalendarBasis
) -> tuple[ApiOptionModel, int | None] | None:
    """The API cost model, and the first month priced at the successor (1-based) if any."""
    if prices_of(offering) is None:
        return None
    own = _rates(ctx, offering, workload)
    successor_rates: EffectiveRates | None = None
    succ = ctx.offerings.get(offering.successor_key or "")
    if offering.retirement_date is not None and succ is not None and succ.priced:
        successor_rates = _rates(ctx, succ, workload)
    rates: list[EffectiveRates] = []
    switch: int | None = None
    for i in range(ctx.parameters.months):
        start = add_months(ctx.parameters.prices_as_of, i)
        retired = offering.retirement_date is not None and start >= offering.retirement_date
        if retired and successor_rates is not None:
            rates.append(successor_rates)
            switch = i + 1 if switch is None else switch
        else:
            rates.append(own)
    model = ApiOptionModel(usage_of(workload), basis, workload.expected_growth_12m, tuple(rates))
    return model, switch


@dataclass
class OptionResult:
    offering: OfferingFacts
    is_candidate: bool
    is_baseline: bool
    findings: list[Finding]
    latency: LatencyAssessment
    model: OptionModel | None = None
    basis: CalendarBasis | None = None
    monthly: list[Decimal] = field(default_factory=list)
    total: Decimal = ZERO
    p10: Decimal = ZERO
    p50: Decimal = ZERO
    p90: Decimal = ZERO
    deviation: FloatArray | None = None
    daily: Decimal = ZERO
    monthly_rate: Decimal = ZERO
    annual: Decimal = ZERO
    explanation: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    sensitivity: list[SensitivityRow] = field(default_factory=list)
    break_even: int | None = None

    @property
    def key(self) -> str:
        return self.offering.key

    @property
    def status(self) -> str:
        return compliance_status(self.findings)

    @property
    def blocked(self) -> bool:
        return any(f.severity == BLOCKING for f in self.findings)

    @property
    def costed(self) -> bool:
        return self.model is not None

    @property
    def risk_adjusted(self) -> Decimal:
        return self.p50

    def viable(self, workload: WorkloadInput) -> bool:
        return not self.blocked and self.costed and self.latency.meets_need(workload)


def _cost_api(
    ctx: RunContext, result: OptionResult, workload: WorkloadInput, basis: CalendarBasis
) -> None:
    built = api_model(ctx, result.offering, workload, basis)
    if built is None:
        return
    model, switch = built
    result.model = model
    result.monthly = model.monthly_series()
    daily = model.base_daily_cost()
    result.daily, result.monthly_rate, result.annual = (
        daily,
        basis.monthly(daily),
        basis.annual(daily),
    )
    rates = model.rates_by_month[0]
    result.explanation = {
        "formula": api_cost.FORMULA,
        "description": (
            "daily = (uncached input x input rate + cached input x cached rate + output x "
            "reasoning_multiplier x output rate) / 1,000,000; month and year by the calendar; "
            "each month x growth factor"
        ),
        "inputs": {
            "daily_input_tokens": workload.daily_input_tokens,
            "daily_output_tokens": workload.daily_output_tokens,
            "reasoning_multiplier": str(workload.reasoning_multiplier),
            "billed_output_tokens": str(model.usage.billed_output_tokens),
            "cached_input_share": str(workload.cached_input_share),
            "rates_usd_per_mtok": rates.as_json(),
            "price_effective_from": (
                result.offering.price_effective_from.isoformat()
                if result.offering.price_effective_from
                else None
            ),
            "price_source": result.offering.price_source,
            "calendar": basis.describe(),
            "expected_growth_12m": str(workload.expected_growth_12m),
            "growth_curve": GROWTH_CURVE,
            "successor_prices_from_month": switch,
            "successor_offering": result.offering.successor_key if switch else None,
        },
    }


def _cost_self_hosted(
    ctx: RunContext, result: OptionResult, workload: WorkloadInput, basis: CalendarBasis
) -> None:
    usage = usage_of(workload)
    model = SelfHostedOptionModel(
        daily_tokens=usage.billed_tokens,
        growth_12m=workload.expected_growth_12m,
        months=ctx.parameters.months,
        assumptions=ctx.assumptions,
        accounting=ctx.parameters.accounting,
    )
    series = model.series()
    result.model = model
    result.monthly = series.monthly_totals
    point = model.point()
    annual = recurring_annual_cost(point, series.clusters[0] if series.clusters else 1)
    result.annual, result.monthly_rate = annual, annual / 12
    result.daily = basis.daily_from_annual(annual)
    result.extra = {
        "accounting": ctx.parameters.accounting,
        "clusters": {
            "initial": series.clusters[0] if series.clusters else 0,
            "peak": max(series.clusters) if series.clusters else 0,
        },
        "components": {k: money_str(v) for k, v in series.component_totals().items()},
    }
    a = ctx.assumptions
    result.explanation = {
        "formula": self_hosting.FORMULA,
        "description": (
            "clusters = max(1, ceil(daily tokens incl. growth / capacity)); hardware "
            + (
                "paid when bought and at each replacement (cash)"
                if ctx.parameters.accounting == "cash"
                else "depreciated straight-line over its life (accrual)"
            )
            + "; + staff + infrastructure per cluster"
            + (" + hidden overheads" if a.flag("include_hidden_overheads") else "")
            + (" + probability-weighted exit scenarios" if a.flag("include_exit_costs") else "")
            + "; daily/monthly/annual figures are today's recurring run-rate"
        ),
        "inputs": {
            "daily_tokens": str(usage.billed_tokens),
            "expected_growth_12m": str(workload.expected_growth_12m),
            "growth_curve": GROWTH_CURVE,
            "gpu": {
                "count": result.offering.gpu_count,
                "type": result.offering.gpu_type,
                "memory_gb": result.offering.gpu_memory_gb,
            },
            "assumptions": {
                name: str(a.values[name])
                for name in (
                    "hardware_capex_usd",
                    "hardware_life_years",
                    "ml_fte_count",
                    "ml_fte_cost_usd",
                    "infrastructure_usd_per_year",
                    "cluster_capacity_tokens_per_day",
                    "include_hidden_overheads",
                    "include_exit_costs",
                )
            },
        },
    }


def _simulate(
    ctx: RunContext,
    result: OptionResult,
    workload_stream: int,
    volume: FloatArray,
) -> None:
    n = ctx.parameters.simulations
    result.p10 = result.p50 = result.p90 = result.total
    if n == 0 or result.model is None:
        return
    rng = generator(ctx.parameters.seed, workload_stream, stream_id(result.key))
    if isinstance(result.model, ApiOptionModel):
        deviation = api_deviation(float(result.total), volume, rng, ctx.assumptions)
    else:
        model = result.model
        tokens = np.array([float(t) for t in model.daily_tokens_by_month()], dtype=np.float64)
        deviation = self_hosting_deviation(
            tokens, volume, rng, ctx.assumptions, ctx.self_hosting_fixed
        )
    result.deviation = deviation
    result.p10, result.p50, result.p90 = percentiles_around(result.total, deviation)


def evaluate_option(
    ctx: RunContext,
    workload: WorkloadInput,
    offering: OfferingFacts,
    *,
    is_candidate: bool,
    is_baseline: bool,
    workload_stream: int,
    volume: FloatArray,
) -> OptionResult:
    rule_ctx = RuleContext(
        organization=ctx.organization,
        workload=workload,
        offering=offering,
        prices_as_of=ctx.parameters.prices_as_of,
        horizon_end=ctx.horizon_end,
        offerings=ctx.offerings,
    )
    findings = evaluate_rules(rule_ctx, ctx.ruleset)
    latency = assess_latency(workload, offering, ctx.parameters.gate2_threshold)
    result = OptionResult(offering, is_candidate, is_baseline, findings, latency)
    basis = calendar_basis(ctx.parameters.calendar, workload.active_days_per_month)
    result.basis = basis
    if offering.self_hosted:
        _cost_self_hosted(ctx, result, workload, basis)
    else:
        _cost_api(ctx, result, workload, basis)
    if result.model is not None:
        result.total = sum(result.monthly, ZERO)
        _simulate(ctx, result, workload_stream, volume)
        swing = ctx.assumptions.dec("sensitivity_swing_pct")
        result.sensitivity = tornado(result.model, swing, result.total)
    return result


def option_json(result: OptionResult, baseline_key: str, simulations: int) -> dict[str, Any]:
    cost: dict[str, Any] | None = None
    if result.model is not None and result.basis is not None:
        basis = result.basis
        cost = {
            "calendar": basis.calendar,
            "active_days_per_month": basis.active_days_per_month,
            "days_per_year": 365 if basis.active_days_per_month is None else None,
            "calendar_basis": basis.describe(),
            "daily_usd": money_str(result.daily),
            "monthly_usd": money_str(result.monthly_rate),
            "annual_usd": money_str(result.annual),
            "tco_usd": {
                "years": [money_str(y) for y in yearly_totals(result.monthly)],
                "total": money_str(result.total),
                "p10": money_str(result.p10),
                "p50": money_str(result.p50),
                "p90": money_str(result.p90),
                "method": "monte_carlo"
                if simulations and result.deviation is not None
                else "deterministic",
                "simulations": simulations if result.deviation is not None else 0,
            },
            "risk_adjusted_tco_usd": money_str(result.risk_adjusted),
            "monthly_series": [money_str(m) for m in result.monthly],
            "break_even_month": result.break_even,
            "break_even_vs": None if result.is_baseline else baseline_key,
            "explanation": result.explanation,
            **result.extra,
        }
    return {
        "offering": result.key,
        "offering_name": result.offering.name,
        "vendor": result.offering.vendor,
        "deployment_mode": result.offering.deployment_mode,
        "role": "baseline"
        if result.is_baseline
        else ("candidate" if result.is_candidate else "current"),
        "compliance": {
            "status": result.status,
            "findings": [f.as_json() for f in result.findings],
        },
        "cost": cost,
        "latency": result.latency.as_json(),
        "sensitivity": [row.as_json() for row in result.sensitivity],
    }


def compute_break_even(result: OptionResult, baseline: OptionResult | None) -> None:
    if baseline is None or result.is_baseline or not result.costed or not baseline.costed:
        return
    result.break_even = break_even_month(result.monthly, baseline.monthly)
