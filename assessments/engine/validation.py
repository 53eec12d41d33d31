"""Validation of run parameters and engine inputs, reported per field.

Raises :class:`costing.errors.EngineInputError` (a ``ValueError`` with a
``fields`` dict); the API maps it to its one error shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from assessments.engine.inputs import OfferingFacts, RunParameters, WorkloadInput
from costing.assumptions import Assumptions, resolve_assumptions
from costing.calendars import CALENDARS
from costing.errors import EngineInputError
from costing.self_hosting import ACCOUNTING_BASES

MAX_SIMULATIONS = 100_000


def validate_parameters(
    parameters: RunParameters, offerings: Mapping[str, OfferingFacts] | None = None
) -> Assumptions:
    """Check a run's parameters; returns the resolved assumptions."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    p = parameters
    if not p.candidate_offerings:
        add("candidate_offerings", "name at least one candidate offering")
    if len(set(p.candidate_offerings)) != len(p.candidate_offerings):
        add("candidate_offerings", "a candidate offering is listed twice")
    if not p.baseline_offering:
        add("baseline_offering", "name the baseline (incumbent) offering")
    if offerings is not None:
        missing = [k for k in p.candidate_offerings if k not in offerings]
        if missing:
            add("candidate_offerings", f"unknown offerings: {', '.join(missing)}")
        if p.baseline_offering and p.baseline_offering not in offerings:
            add("baseline_offering", f"unknown offering: {p.baseline_offering}")
    if isinstance(p.horizon_years, bool) or not isinstance(p.horizon_years, int):
        add("horizon_years", "must be a whole number of years")
    elif not (1 <= p.horizon_years <= 10):
        add("horizon_years", "must be between 1 and 10")
    if p.calendar not in CALENDARS:
        add("calendar", f"must be one of: {', '.join(CALENDARS)}")
    if p.accounting not in ACCOUNTING_BASES:
        add("accounting", f"must be one of: {', '.join(ACCOUNTING_BASES)}")
    if isinstance(p.simulations, bool) or not isinstance(p.simulations, int):
        add("simulations", "must be a whole number")
    elif not (0 <= p.simulations <= MAX_SIMULATIONS):
        add("simulations", f"must be between 0 (off) and {MAX_SIMULATIONS}")
    if isinstance(p.seed, bool) or not isinstance(p.seed, int) or p.seed < 0:
        add("seed", "must be a whole number >= 0")
    for name in ("gate1_threshold", "gate2_threshold", "gate3_threshold"):
        value = getattr(p, name)
        if not isinstance(value, Decimal) or not (0 <= value <= 1):
            add(name, "must be a decimal between 0 and 1")
    if not isinstance(p.eur_usd_rate, Decimal) or p.eur_usd_rate <= 0:
        add("eur_usd_rate", "must be a positive decimal")
    assumptions: Assumptions | None = None
    try:
        assumptions = resolve_assumptions(p.assumptions)
    except EngineInputError as exc:
        errors.update(exc.fields)
    if errors or assumptions is None:
        raise EngineInputError(errors)
    return assumptions


def validate_workloads(workloads: list[WorkloadInput]) -> None:
    errors: dict[str, list[str]] = {}
    seen: set[object] = set()
    for i, w in enumerate(workloads):
        prefix = f"workloads[{i}]"

        def add(name: str, message: str, prefix: str = prefix) -> None:
            errors.setdefault(f"{prefix}.{name}", []).append(message)

        if w.id in seen:
            add("id", "duplicate workload id")
        seen.add(w.id)
        if w.daily_input_tokens < 0:
            add("daily_input_tokens", "must be >= 0")
        if w.daily_output_tokens < 0:
            add("daily_output_tokens", "must be >= 0")
        if w.reasoning_multiplier < 1:
            add("reasoning_multiplier", "must be >= 1")
        if not (0 <= w.cached_input_share <= 1):
            add("cached_input_share", "must be between 0 and 1")
        if w.expected_growth_12m <= 0:
            add("expected_growth_12m", "must be > 0")
        if w.active_days_per_month is not None and not (1 <= w.active_days_per_month <= 31):
            add("active_days_per_month", "must be between 1 and 31")
        if not (0 <= w.contracts_with_sovereignty_share <= 100):
            add("contracts_with_sovereignty_share", "must be between 0 and 100")
        if w.p99_latency_sla_ms is not None and w.p99_latency_sla_ms <= 0:
            add("p99_latency_sla_ms", "must be > 0")
        if not w.data_categories:
            add("data_categories", "choose at least one data category")
    if errors:
        raise EngineInputError(errors)


def validate_discounts(discounts: Mapping[str, Decimal]) -> None:
    bad = {
        f"negotiated_discounts.{vendor}": ["must be a percent between 0 and 100"]
        for vendor, pct in discounts.items()
        if not (0 <= Decimal(pct) <= 100)
    }
    if bad:
        raise EngineInputError(bad)
