"""Latency evidence and latency risk.

Percentiles use the **nearest-rank** method: the p-th percentile of n sorted
samples is the value at rank ``ceil(p / 100 x n)`` (1-based). It always
returns an observed latency and never interpolates below the slowest requests
that were actually measured, which is the conservative reading for a P99
checked against an SLA. :func:`percentiles` is pure and importable by the
questionnaire code that stores uploaded samples.

Risk: evidence beats heuristics. With staging samples and an SLA, the measured
P99 decides: above the SLA by more than the gate-2 tolerance is ``high``,
above the SLA ``medium``, within it ``low``. Without samples a heuristic score
counts MoE architecture, long prompts (10K+ tokens, prefill dominates, worse
with MoE), a non-streaming product and a tight SLA.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assessments.engine.inputs import OfferingFacts, WorkloadInput

PERCENTILE_METHOD = "nearest-rank: value at rank ceil(p/100 x n) of the sorted samples"
LONG_CONTEXT_TOKENS = 10_000
TIGHT_SLA_MS = 1_000


def percentile(samples: Sequence[int | float], p: float) -> int | float:
    """Nearest-rank percentile of a non-empty sequence (0 < p <= 100)."""
    if not samples:
        raise ValueError("no samples")
    if not (0 < p <= 100):
        raise ValueError("p must be in (0, 100]")
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def percentiles(samples: Iterable[int | float]) -> dict[str, int | float | None]:
    """P50, P90 and P99 (nearest rank) of latency samples in ms; ``None`` when empty."""
    values = list(samples)
    if not values:
        return {"count": 0, "p50": None, "p90": None, "p99": None}
    return {
        "count": len(values),
        "p50": percentile(values, 50),
        "p90": percentile(values, 90),
        "p99": percentile(values, 99),
    }


@dataclass(frozen=True)
class LatencyAssessment:
    risk: str  # low | medium | high
    sla_ms: int | None
    measured: dict[str, int | float | None]
    reasons: tuple[str, ...] = field(default_factory=tuple)
    overshoot: Decimal | None = None  # measured P99 / SLA - 1

    @property
    def measured_p99(self) -> int | float | None:
        return self.measured.get("p99")

    def meets_need(self, workload: WorkloadInput) -> bool:
        """False when a latency-sensitive workload is (or is likely to be) out of SLA."""
        if not workload.latency_sensitive:
            return True
        if self.overshoot is not None:
            return self.overshoot <= 0
        return self.risk != "high"

    def as_json(self) -> dict[str, Any]:
        return {
            "risk": self.risk,
            "measured_p99_ms": self.measured.get("p99"),
            "measured_p50_ms": self.measured.get("p50"),
            "measured_p90_ms": self.measured.get("p90"),
            "sample_count": self.measured.get("count", 0),
            "sla_ms": self.sla_ms,
            "overshoot": None
            if self.overshoot is None
            else str(self.overshoot.quantize(Decimal("0.0001"))),
            "reasons": list(self.reasons),
            "percentile_method": PERCENTILE_METHOD,
        }


def heuristic_reasons(workload: WorkloadInput, offering: OfferingFacts) -> list[str]:
    reasons: list[str] = []
    moe = offering.architecture == "moe"
    long_context = workload.avg_context_tokens >= LONG_CONTEXT_TOKENS
    if moe:
        reasons.append(
            "mixture-of-experts model: expert routing adds unpredictable memory traffic, "
            "and replicas improve the mean more than P99 under sustained load"
        )
    if long_context:
        extra = " (made worse by MoE routing)" if moe else ""
        reasons.append(
            f"long prompts ({workload.avg_context_tokens} tokens): prefill dominates{extra}"
        )
    if not workload.streaming and workload.latency_sensitive:
        reasons.append("non-streaming product: users wait for the whole response")
    sla = workload.p99_latency_sla_ms
    if workload.latency_sensitive and sla is not None and sla < TIGHT_SLA_MS:
        reasons.append(f"tight SLA: P99 under {sla} ms")
    if offering.is_reasoning and workload.latency_sensitive:
        reasons.append("reasoning model: hidden reasoning tokens lengthen every response")
    return reasons


def assess_latency(
    workload: WorkloadInput, offering: OfferingFacts, tolerance: Decimal
) -> LatencyAssessment:
    samples = tuple(workload.latency_samples.get(offering.key, ()))
    measured = percentiles(samples)
    sla = workload.p99_latency_sla_ms
    reasons = heuristic_reasons(workload, offering)
    p99 = measured["p99"]
    if p99 is not None and sla:
        overshoot = Decimal(str(p99)) / Decimal(sla) - 1
        if overshoot > tolerance:
            risk = "high"
            reasons.insert(
                0,
                f"measured P99 {p99} ms exceeds the {sla} ms SLA by more than "
                f"{(tolerance * 100).normalize():f}%",
            )
        elif overshoot > 0:
            risk = "medium"
            reasons.insert(0, f"measured P99 {p99} ms is above the {sla} ms SLA")
        else:
            risk = "low"
            reasons.insert(0, f"measured P99 {p99} ms meets the {sla} ms SLA")
        return LatencyAssessment(risk, sla, measured, tuple(reasons), overshoot)
    score = len(reasons)
    if not workload.latency_sensitive:
        risk = "low" if score <= 1 else "medium"
        reasons.append("workload is not latency-sensitive")
    elif score >= 3:
        risk = "high"
    elif score >= 1:
        risk = "medium"
    else:
        risk = "low"
    if p99 is None and workload.latency_sensitive:
        reasons.append("no staging latency samples: risk estimated from known factors")
    return LatencyAssessment(risk, sla, measured, tuple(reasons), None)
