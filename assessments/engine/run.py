"""The top-level entry point: :func:`assess`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from assessments.engine.gates import gate_latency, gate_legal, gate_tco
from assessments.engine.inputs import (
    OfferingFacts,
    OrganizationProfile,
    RunParameters,
    WorkloadInput,
)
from assessments.engine.latency import PERCENTILE_METHOD
from assessments.engine.options import (
    OptionResult,
    RunContext,
    compute_break_even,
    evaluate_option,
    option_json,
    stream_id,
)
from assessments.engine.portfolio import portfolio_summary
from assessments.engine.rules import implied_regulations, load_ruleset
from assessments.engine.validation import (
    validate_discounts,
    validate_parameters,
    validate_workloads,
)
from assessments.engine.verdicts import WorkloadDecision, decide, decision_json
from costing.growth import GROWTH_CURVE
from costing.montecarlo import generator, volume_draws

RISK_ADJUSTED = "Monte Carlo P50 of the horizon TCO (the deterministic total when off)"


def _option_keys(
    workload: WorkloadInput, parameters: RunParameters, offerings: Mapping[str, OfferingFacts]
) -> list[str]:
    keys = list(parameters.candidate_offerings)
    if parameters.baseline_offering not in keys:
        keys.append(parameters.baseline_offering)
    current = workload.current_offering
    if current and current in offerings and current not in keys:
        keys.append(current)
    return keys


def assess(
    *,
    organization: OrganizationProfile,
    workloads: Sequence[WorkloadInput],
    offerings: Mapping[str, OfferingFacts],
    parameters: RunParameters,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Assess every workload on every candidate and the baseline; JSON-ready results.

    Raises :class:`costing.errors.EngineInputError` for invalid input.
    """
    assumptions = validate_parameters(parameters, offerings)
    workload_list = list(workloads)
    validate_workloads(workload_list)
    validate_discounts(organization.negotiated_discounts)
    ruleset = load_ruleset()
    ctx = RunContext(organization, offerings, parameters, assumptions, ruleset)
    n = parameters.simulations

    rows: list[tuple[WorkloadInput, list[OptionResult]]] = []
    decisions: list[WorkloadDecision] = []
    total = len(workload_list)
    for index, workload in enumerate(workload_list):
        w_stream = stream_id(f"workload:{workload.id}")
        volume = (
            volume_draws(generator(parameters.seed, w_stream), assumptions, n)
            if n
            else np.ones(1, dtype=np.float64)
        )
        options: list[OptionResult] = []
        for key in _option_keys(workload, parameters, offerings):
            options.append(
                evaluate_option(
                    ctx,
                    workload,
                    offerings[key],
                    is_candidate=key in parameters.candidate_offerings,
                    is_baseline=key == parameters.baseline_offering,
                    workload_stream=w_stream,
                    volume=volume,
                )
            )
        baseline = next((o for o in options if o.is_baseline), None)
        for option in options:
            compute_break_even(option, baseline)
        rows.append((workload, options))
        decisions.append(decide(workload, organization, options, assumptions))
        if progress is not None:
            progress(int((index + 1) * 95 / total) if total else 95)

    gates = [
        gate_legal(rows, parameters),
        gate_latency(rows, parameters),
        gate_tco(rows, decisions, parameters),
    ]
    portfolio = portfolio_summary(
        organization,
        workload_list,
        [opts for _, opts in rows],
        decisions,
        gates,
        parameters,
        assumptions,
    )
    workloads_out = []
    for (workload, options), decision in zip(rows, decisions, strict=True):
        workloads_out.append(
            {
                "workload_id": workload.id,
                "name": workload.name,
                **decision_json(decision),
                "implied_regulations": list(implied_regulations(workload)),
                "options": [option_json(o, parameters.baseline_offering, n) for o in options],
            }
        )
    if progress is not None:
        progress(100)
    return {
        "ruleset_version": ruleset.version,
        "method": {
            "calendar": parameters.calendar,
            "accounting": parameters.accounting,
            "horizon_years": parameters.horizon_years,
            "prices_as_of": parameters.prices_as_of.isoformat(),
            "growth_curve": GROWTH_CURVE,
            "percentile_method": PERCENTILE_METHOD,
            "risk_adjusted_tco": RISK_ADJUSTED,
            "simulations": n,
            "seed": parameters.seed,
            "ranges": "triangular, mode at the midpoint of low and high",
            "eur_usd_rate": str(parameters.eur_usd_rate),
            "rounding": "exact decimals throughout; rounded half-up to cents for presentation",
        },
        "assumptions": assumptions.as_json(),
        "portfolio": portfolio,
        "gates": gates,
        "workloads": workloads_out,
    }
