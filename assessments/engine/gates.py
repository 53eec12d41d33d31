"""The three decision gates of the 12-week architecture review (DOMAIN.md section 6).

* Gate 1 (legal, week 4): share of workloads on which *every* candidate
  offering has a blocking finding. Above ``gate1_threshold`` (0.50): ``fail``.
* Gate 2 (latency, week 8): for each workload with an SLA and staging samples
  for a non-blocked candidate, the measured P99 overshoot ``P99 / SLA - 1`` of
  its best-measured candidate. ``not_evaluated`` without any such evidence;
  ``pass`` when no overshoot exceeds ``gate2_threshold`` (0.20); ``scope``
  when every workload that exceeds it is latency-sensitive and some workloads
  are not (scope the adoption to those); otherwise ``fail``.
* Gate 3 (TCO, week 12): ``1 - sum(candidate TCO) / sum(baseline TCO)``, both
  at negotiated prices (vendor discounts applied) over the horizon, over the
  workloads the candidate would actually take (compliant, meeting the latency
  need, and cheaper than the baseline): workloads that stay on the incumbent
  move no money. When no workload is cheaper on the candidate, the gate is
  computed over every workload with a compliant, latency-fit candidate, which
  shows by how much the candidate is dearer. ``not_evaluated`` when there is no
  such workload; below ``gate3_threshold`` (0.30): ``fail``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assessments.engine.inputs import RunParameters, WorkloadInput
from assessments.engine.options import OptionResult
from assessments.engine.verdicts import WorkloadDecision
from costing.money import ZERO, money_str, percent_text, share_str, usd_text

PASS, FAIL, SCOPE, NOT_EVALUATED = "pass", "fail", "scope", "not_evaluated"


def _gate(
    number: int,
    name: str,
    outcome: str,
    value: Decimal | None,
    threshold: Decimal,
    explanation: str,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "gate": number,
        "name": name,
        "outcome": outcome,
        "value": None if value is None else share_str(value),
        "threshold": share_str(threshold),
        "explanation": explanation,
        **extra,
    }


def gate_legal(
    rows: list[tuple[WorkloadInput, list[OptionResult]]], params: RunParameters
) -> dict[str, Any]:
    threshold = params.gate1_threshold
    if not rows:
        return _gate(1, "legal", NOT_EVALUATED, None, threshold, "no workloads")
    blocked = [w.id for w, opts in rows if all(o.blocked for o in opts if o.is_candidate)]
    share = Decimal(len(blocked)) / Decimal(len(rows))
    outcome = FAIL if share > threshold else PASS
    text = (
        f"{len(blocked)} of {len(rows)} workloads have a blocking compliance finding on every "
        f"candidate offering ({share_str(share)}); the evaluation "
        + ("stops here (more than the threshold)." if outcome == FAIL else "may continue.")
    )
    return _gate(1, "legal", outcome, share, threshold, text, workloads_blocked=blocked)


def gate_latency(
    rows: list[tuple[WorkloadInput, list[OptionResult]]], params: RunParameters
) -> dict[str, Any]:
    threshold = params.gate2_threshold
    measured: list[tuple[WorkloadInput, Decimal]] = []
    for workload, options in rows:
        overshoots = [
            o.latency.overshoot
            for o in options
            if o.is_candidate and not o.blocked and o.latency.overshoot is not None
        ]
        if overshoots:
            measured.append((workload, min(overshoots)))
    if not measured:
        return _gate(
            2,
            "latency",
            NOT_EVALUATED,
            None,
            threshold,
            "no staging latency samples with an SLA for any compliant candidate",
        )
    worst = max(v for _, v in measured)
    failing = [w for w, v in measured if v > threshold]
    if not failing:
        outcome = PASS
        text = (
            f"measured P99 stays within {share_str(threshold)} of the SLA on all "
            f"{len(measured)} measured workloads"
        )
    else:
        others = [w for w, _ in rows if not w.latency_sensitive]
        if all(w.latency_sensitive for w in failing) and others:
            outcome = SCOPE
            text = (
                f"{len(failing)} latency-sensitive workloads exceed their SLA by more than "
                f"{share_str(threshold)}; scope the candidate to the {len(others)} "
                "non-latency-sensitive workloads"
            )
        else:
            outcome = FAIL
            text = (
                f"{len(failing)} workloads exceed their SLA by more than {share_str(threshold)} "
                "and there is no non-latency-sensitive scope to fall back on"
            )
    return _gate(
        2,
        "latency",
        outcome,
        worst,
        threshold,
        text,
        workloads_failing=[w.id for w in failing],
        workloads_measured=len(measured),
    )


def gate_tco(
    rows: list[tuple[WorkloadInput, list[OptionResult]]],
    decisions: list[WorkloadDecision],
    params: RunParameters,
) -> dict[str, Any]:
    threshold = params.gate3_threshold
    pairs: list[tuple[OptionResult, OptionResult, bool]] = []
    for (_workload, options), decision in zip(rows, decisions, strict=True):
        baseline = next((o for o in options if o.is_baseline), None)
        cand = decision.compliant_candidate
        if cand is None or baseline is None or not baseline.costed:
            continue
        pairs.append((cand, baseline, decision.candidate_viable))
    scope = "workloads moving to the candidate"
    if any(moves for _, _, moves in pairs):
        pairs = [p for p in pairs if p[2]]
    elif pairs:
        scope = "workloads with a compliant candidate (none is cheaper than the baseline)"
    counted = len(pairs)
    candidate_total = sum((c.total for c, _, _ in pairs), ZERO)
    baseline_total = sum((b.total for _, b, _ in pairs), ZERO)
    if counted == 0 or baseline_total == 0:
        return _gate(
            3,
            "tco",
            NOT_EVALUATED,
            None,
            threshold,
            "no workload has a compliant candidate that meets its latency need",
        )
    savings = 1 - candidate_total / baseline_total
    outcome = FAIL if savings < threshold else PASS
    text = (
        f"Over {params.horizon_years} years and {counted} {scope}, the candidate costs "
        f"{usd_text(candidate_total)} against {usd_text(baseline_total)} for the baseline at "
        f"negotiated prices: a saving of {percent_text(savings)}"
        + (
            ", below the threshold: the ROI does not justify the operational risk."
            if outcome == FAIL
            else "."
        )
    )
    return _gate(
        3,
        "tco",
        outcome,
        savings,
        threshold,
        text,
        candidate_tco_usd=money_str(candidate_total),
        baseline_tco_usd=money_str(baseline_total),
        workloads_counted=counted,
    )
