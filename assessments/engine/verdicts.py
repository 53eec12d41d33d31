"""Verdict, recommended offering, reasons and mitigations for one workload.

The verdict is about deploying a *candidate* offering for the workload:

* ``do_not_deploy``: every candidate is blocked (or cannot be costed), or the
  best usable candidate costs more (risk-adjusted) than the baseline, which is
  usable itself: there is nothing to gain.
* ``scope_limited``: a candidate is allowed but misses the latency need
  (measured P99 over the SLA, or high risk without evidence): use it only
  where latency does not matter.
* ``deploy_with_mitigations``: the best candidate has warnings or a medium or
  high latency risk.
* ``deploy``: the best candidate is allowed, meets the latency need, and is
  cheaper than the baseline.

The **recommended offering** is the option (candidate, baseline or current)
with the lowest risk-adjusted TCO among those not blocked, costed and meeting
the latency need; ``None`` when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessments.engine.inputs import OrganizationProfile, WorkloadInput
from assessments.engine.options import OptionResult
from assessments.engine.rules import BLOCKING, WARNING, prc_links
from costing.assumptions import Assumptions
from costing.money import money_str

DEPLOY = "deploy"
DEPLOY_WITH_MITIGATIONS = "deploy_with_mitigations"
SCOPE_LIMITED = "scope_limited"
DO_NOT_DEPLOY = "do_not_deploy"
VERDICTS = (DEPLOY, DEPLOY_WITH_MITIGATIONS, SCOPE_LIMITED, DO_NOT_DEPLOY)


@dataclass
class WorkloadDecision:
    verdict: str
    recommended: OptionResult | None
    best_candidate: OptionResult | None
    compliant_candidate: OptionResult | None  # best compliant, latency-fit candidate (gate 3)
    reasons: list[str] = field(default_factory=list)
    mitigations: list[dict[str, str]] = field(default_factory=list)

    @property
    def candidate_viable(self) -> bool:
        return self.verdict != DO_NOT_DEPLOY


def _cheapest(options: list[OptionResult]) -> OptionResult | None:
    return min(options, key=lambda o: (o.risk_adjusted, o.key)) if options else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def decide(
    workload: WorkloadInput,
    organization: OrganizationProfile,
    options: list[OptionResult],
    assumptions: Assumptions,
) -> WorkloadDecision:
    candidates = [o for o in options if o.is_candidate]
    baseline = next((o for o in options if o.is_baseline), None)
    usable = [o for o in options if o.viable(workload)]
    recommended = _cheapest(usable)

    compliant = [o for o in candidates if not o.blocked and o.costed]
    if not compliant:
        reasons = _unique(
            [f.rule for o in candidates for f in o.findings if f.severity == BLOCKING]
        )
        return WorkloadDecision(DO_NOT_DEPLOY, recommended, None, None, reasons or ["no-candidate"])

    on_time = [o for o in compliant if o.latency.meets_need(workload)]
    if not on_time:
        best = _cheapest(compliant)
        assert best is not None
        reasons = ["latency-sla"] + [f.rule for f in best.findings]
        decision = WorkloadDecision(SCOPE_LIMITED, recommended, best, None, _unique(reasons))
        decision.mitigations = mitigations_for(workload, organization, best, assumptions)
        return decision

    best = _cheapest(on_time)
    assert best is not None
    if (
        baseline is not None
        and not best.is_baseline
        and baseline.viable(workload)
        and best.risk_adjusted >= baseline.risk_adjusted
    ):
        reasons = ["cost-not-below-baseline"]
        if any(not o.latency.meets_need(workload) for o in compliant):
            reasons.insert(0, "latency-sla")
        return WorkloadDecision(DO_NOT_DEPLOY, recommended, best, best, reasons)

    warnings = [f.rule for f in best.findings if f.severity == WARNING]
    latency_flag = ["latency-risk-" + best.latency.risk] if best.latency.risk != "low" else []
    verdict = DEPLOY_WITH_MITIGATIONS if warnings or latency_flag else DEPLOY
    decision = WorkloadDecision(verdict, recommended, best, best, _unique(warnings + latency_flag))
    decision.mitigations = mitigations_for(workload, organization, best, assumptions)
    return decision


def mitigations_for(
    workload: WorkloadInput,
    organization: OrganizationProfile,
    best: OptionResult,
    assumptions: Assumptions,
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = [
        {
            "code": "abstraction_layer",
            "text": "Call the model through an abstraction layer so that the workload can "
            "switch offering without code changes.",
        }
    ]
    fallback = workload.current_offering or "the incumbent offering"
    out.append(
        {
            "code": "revert_triggers",
            "text": f"Revert to {fallback} if downtime exceeds "
            f"{workload.revert_max_downtime_pct.normalize():f}% or P99 latency exceeds "
            f"{workload.revert_max_p99_ms} ms.",
        }
    )
    if best.latency.risk != "low" or not best.latency.meets_need(workload):
        out.append(
            {
                "code": "speculative_decoding",
                "text": "Load-test in staging and consider speculative decoding (multi-token "
                "prediction) to bring P90/P99 down before relying on the SLA.",
            }
        )
    if prc_links(best.offering):
        low = money_str(assumptions.dec("exit_budget_usd_low"))
        high = money_str(assumptions.dec("exit_budget_usd_high"))
        out.append(
            {
                "code": "exit_budget",
                "text": f"Set aside an exit budget of {low}-{high} USD and 3-6 months in case "
                "compliance requirements appear.",
            }
        )
    if organization.sector == "academic" or workload.use_case == "research":
        out.append(
            {
                "code": "data_handling_policy",
                "text": "Adopt a written data-handling policy: no personal data, no proprietary "
                "research data and no export-controlled material in prompts.",
            }
        )
    for finding in best.findings:
        if finding.mitigation:
            out.append({"code": finding.rule, "text": finding.mitigation})
    return out


def decision_json(decision: WorkloadDecision) -> dict[str, Any]:
    return {
        "verdict": decision.verdict,
        "recommended_offering": decision.recommended.key if decision.recommended else None,
        "best_candidate": decision.best_candidate.key if decision.best_candidate else None,
        "reasons": decision.reasons,
        "mitigations": decision.mitigations,
    }
