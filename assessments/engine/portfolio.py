"""The organization-level picture: viable shares, savings, exposure, verdict.

* Viable: a workload whose verdict is not ``do_not_deploy``. Shares by count,
  by token volume (input + billed output on an active day) and by spend (the
  baseline's horizon TCO).
* Annual savings: ``sum over workloads (baseline TCO - recommended TCO) /
  horizon_years``; P10/P50/P90 from the same Monte Carlo draws as the options.
* Regulatory exposure: GDPR fines up to max(EUR 20M, 4% of global annual
  revenue), converted at the run's ``eur_usd_rate``; HIPAA civil penalties of
  100 to 50,000 USD per violation, capped at 1.5M USD a year per identical
  violation type. Listed when any workload is subject to the regulation.
* Verdict: ``do_not_adopt`` when gate 1, 2 or 3 fails or no workload is
  viable; ``adopt`` when every workload is viable with no scoping;
  ``adopt_for_subset`` otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import numpy as np

from assessments.engine.inputs import OrganizationProfile, RunParameters, WorkloadInput
from assessments.engine.options import OptionResult, usage_of
from assessments.engine.rules import concentration_finding, implied_regulations
from assessments.engine.verdicts import SCOPE_LIMITED, WorkloadDecision
from costing.assumptions import Assumptions
from costing.money import ZERO, money_str, share_str
from costing.montecarlo import FloatArray, percentiles_around

ADOPT = "adopt"
ADOPT_FOR_SUBSET = "adopt_for_subset"
DO_NOT_ADOPT = "do_not_adopt"
PORTFOLIO_VERDICTS = (ADOPT, ADOPT_FOR_SUBSET, DO_NOT_ADOPT)

GDPR_FLOOR_EUR = Decimal(20_000_000)
GDPR_REVENUE_SHARE = Decimal("0.04")
HIPAA_MIN, HIPAA_MAX, HIPAA_CAP = Decimal(100), Decimal(50_000), Decimal(1_500_000)


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole if whole else ZERO


def regulatory_exposure(
    organization: OrganizationProfile,
    workloads: list[WorkloadInput],
    params: RunParameters,
) -> dict[str, Any]:
    def subject(reg: str) -> list[int | str]:
        return [w.id for w in workloads if reg in set(w.regulations) | set(implied_regulations(w))]

    gdpr = subject("gdpr") + [i for i in subject("uk_gdpr") if i not in subject("gdpr")]
    hipaa = subject("hipaa")
    floor_usd = GDPR_FLOOR_EUR * params.eur_usd_rate
    revenue = organization.annual_revenue_usd
    by_revenue = revenue * GDPR_REVENUE_SHARE if revenue is not None else None
    gdpr_max = max(floor_usd, by_revenue) if by_revenue is not None else floor_usd
    return {
        "gdpr": {
            "applies": bool(gdpr),
            "workloads": gdpr,
            "max_fine_usd": money_str(gdpr_max),
            "floor_eur": money_str(GDPR_FLOOR_EUR),
            "eur_usd_rate": str(params.eur_usd_rate),
            "revenue_based_usd": None if by_revenue is None else money_str(by_revenue),
            "basis": "max(EUR 20,000,000 x eur_usd_rate, 4% of annual revenue); GDPR Art. 83(5)",
        },
        "hipaa": {
            "applies": bool(hipaa),
            "workloads": hipaa,
            "per_violation_min_usd": money_str(HIPAA_MIN),
            "per_violation_max_usd": money_str(HIPAA_MAX),
            "annual_cap_per_violation_type_usd": money_str(HIPAA_CAP),
            "basis": "HIPAA civil money penalties, 45 CFR 160.404 (bands as cited in DOMAIN.md)",
        },
    }


def _concentration(
    decisions: list[WorkloadDecision], assumptions: Assumptions
) -> list[dict[str, Any]]:
    spend: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for d in decisions:
        if d.recommended is not None:
            spend[d.recommended.offering.vendor] += d.recommended.total
    total = sum(spend.values(), ZERO)
    if total <= 0:
        return []
    vendor, top = max(spend.items(), key=lambda kv: (kv[1], kv[0]))
    share = top / total
    if share > assumptions.dec("single_vendor_spend_share_max"):
        return [concentration_finding(vendor, share).as_json()]
    return []


def portfolio_summary(
    organization: OrganizationProfile,
    workloads: list[WorkloadInput],
    option_sets: list[list[OptionResult]],
    decisions: list[WorkloadDecision],
    gates: list[dict[str, Any]],
    params: RunParameters,
    assumptions: Assumptions,
) -> dict[str, Any]:
    count = len(workloads)
    viable = [d.candidate_viable for d in decisions]
    viable_count = sum(viable)
    tokens = [usage_of(w).billed_tokens for w in workloads]
    baseline_totals = [
        next((o.total for o in opts if o.is_baseline and o.costed), ZERO) for opts in option_sets
    ]
    tokens_total = sum(tokens, ZERO)
    spend_total = sum(baseline_totals, ZERO)
    viable_tokens = sum((t for t, v in zip(tokens, viable, strict=True) if v), ZERO)
    viable_spend = sum((s for s, v in zip(baseline_totals, viable, strict=True) if v), ZERO)

    years = Decimal(params.horizon_years)
    savings = ZERO
    deviation: FloatArray | None = None
    if params.simulations:
        deviation = np.zeros(params.simulations, dtype=np.float64)
    for opts, decision in zip(option_sets, decisions, strict=True):
        baseline = next((o for o in opts if o.is_baseline and o.costed), None)
        rec = decision.recommended
        if baseline is None or rec is None or rec is baseline:
            continue
        savings += (baseline.total - rec.total) / years
        if deviation is not None and baseline.deviation is not None and rec.deviation is not None:
            deviation += (baseline.deviation - rec.deviation) / float(years)
    if deviation is None:
        p10 = p50 = p90 = savings
    else:
        p10, p50, p90 = percentiles_around(savings, deviation)

    outcomes = {g["gate"]: g["outcome"] for g in gates}
    scoped = outcomes.get(2) == "scope" or any(d.verdict == SCOPE_LIMITED for d in decisions)
    if viable_count == 0 or "fail" in outcomes.values():
        verdict = DO_NOT_ADOPT
    elif viable_count == count and not scoped:
        verdict = ADOPT
    else:
        verdict = ADOPT_FOR_SUBSET
    return {
        "workload_count": count,
        "candidate_viable_count": viable_count,
        "candidate_viable_share": share_str(_share(Decimal(viable_count), Decimal(count))),
        "candidate_viable_share_by_tokens": share_str(_share(viable_tokens, tokens_total)),
        "candidate_viable_share_by_spend": share_str(_share(viable_spend, spend_total)),
        "annual_savings_usd": {
            "expected": money_str(savings),
            "p10": money_str(p10),
            "p50": money_str(p50),
            "p90": money_str(p90),
            "basis": "sum of (baseline TCO - recommended TCO) / horizon_years",
        },
        "baseline_tco_usd": money_str(spend_total),
        "verdict": verdict,
        "regulatory_exposure": regulatory_exposure(organization, workloads, params),
        "findings": _concentration(decisions, assumptions),
    }
