from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from assessments.engine import EngineInputError, assess, percentiles, validate_parameters
from assessments.engine.latency import assess_latency

from .catalog import OFFERINGS, RESEARCH_WORKLOAD, STARTUP, STARTUP_WORKLOAD, params


def test_percentiles_nearest_rank():
    samples = list(range(1, 101))  # 1..100 ms
    assert percentiles(samples) == {"count": 100, "p50": 50, "p90": 90, "p99": 99}
    assert percentiles([700, 100, 300]) == {"count": 3, "p50": 300, "p90": 700, "p99": 700}
    assert percentiles([]) == {"count": 0, "p50": None, "p90": None, "p99": None}


def test_latency_risk_heuristics_and_evidence():
    w = replace(
        STARTUP_WORKLOAD, latency_sensitive=True, p99_latency_sla_ms=800, avg_context_tokens=20_000
    )
    risk = assess_latency(w, OFFERINGS["deepseek/deepseek-v3"], D("0.20"))
    assert risk.risk == "high" and len(risk.reasons) >= 3
    measured = replace(w, latency_samples={"deepseek/deepseek-v3": tuple([500] * 99 + [700])})
    ok = assess_latency(measured, OFFERINGS["deepseek/deepseek-v3"], D("0.20"))
    assert ok.risk == "low" and ok.measured_p99 == 500 and ok.meets_need(measured)


def _sla_workload(wid, p99, sensitive=True):
    return replace(
        STARTUP_WORKLOAD,
        id=wid,
        name=f"w{wid}",
        latency_sensitive=sensitive,
        p99_latency_sla_ms=1000,
        latency_samples={"deepseek/deepseek-v3": (p99,) * 10},
    )


def run(workloads):
    return assess(
        organization=STARTUP, workloads=workloads, offerings=OFFERINGS, parameters=params()
    )


def test_gate2_outcomes():
    assert run([STARTUP_WORKLOAD])["gates"][1]["outcome"] == "not_evaluated"
    assert run([_sla_workload(1, 1100)])["gates"][1]["outcome"] == "pass"  # 10% over
    scoped = run([_sla_workload(1, 1500), RESEARCH_WORKLOAD])
    assert scoped["gates"][1]["outcome"] == "scope"
    assert scoped["gates"][1]["value"] == "0.50"
    assert scoped["workloads"][0]["verdict"] == "scope_limited"
    assert scoped["portfolio"]["verdict"] == "adopt_for_subset"
    failed = run([_sla_workload(1, 1500)])
    assert failed["gates"][1]["outcome"] == "fail"
    assert failed["portfolio"]["verdict"] == "do_not_adopt"


def test_gate3_threshold_against_negotiated_pricing():
    # With 95% off OpenAI, gpt-4o: 90 x 0.05 = 4.50 a day vs DeepSeek 9.80: no savings
    from .catalog import STARTUP as ORG

    org = replace(ORG, negotiated_discounts={"OpenAI": D(95)})
    r = assess(
        organization=org, workloads=[STARTUP_WORKLOAD], offerings=OFFERINGS, parameters=params()
    )
    assert r["gates"][2]["outcome"] == "fail"
    assert r["workloads"][0]["recommended_offering"] == "gpt-4o"


def test_parameter_validation_field_errors():
    bad = params(
        horizon_years=11,
        calendar="lunar",
        accounting="magic",
        simulations=-1,
        assumptions={"nope": 1},
        candidate_offerings=("missing",),
    )
    with pytest.raises(EngineInputError) as err:
        validate_parameters(bad, OFFERINGS)
    assert {
        "horizon_years",
        "calendar",
        "accounting",
        "simulations",
        "assumptions.nope",
        "candidate_offerings",
    } <= set(err.value.fields)
    with pytest.raises(ValueError):
        assess(
            organization=STARTUP,
            workloads=[replace(STARTUP_WORKLOAD, reasoning_multiplier=D("0.5"))],
            offerings=OFFERINGS,
            parameters=params(),
        )


def test_retiring_offering_priced_at_successor():
    # gemini 2.0 flash retires 2026-02-28; months start 01-23, 02-23, 03-23 -> month 3 on 2.5 flash.
    # 1M in + 0.2M out: 2.0 flash 0.10 + 0.08 = 0.18/day; 2.5 flash 0.30 + 0.50 = 0.80/day.
    # one year: 2 x 0.18 x 22 + 10 x 0.80 x 22 = 7.92 + 176 = 183.92
    w = replace(STARTUP_WORKLOAD, daily_input_tokens=1_000_000, daily_output_tokens=200_000)
    r = assess(
        organization=STARTUP,
        workloads=[w],
        offerings=OFFERINGS,
        parameters=params(candidate_offerings=("gemini/gemini-2.0-flash",), horizon_years=1),
    )
    opt = r["workloads"][0]["options"][0]
    assert opt["cost"]["tco_usd"]["total"] == "183.92"
    assert opt["cost"]["explanation"]["inputs"]["successor_prices_from_month"] == 3
    assert opt["compliance"]["status"] == "warning"


def test_gate3_counts_only_workloads_that_move_to_the_candidate():
    # w2's cheap API misses its SLA (P99 1,500 ms against 1,000 ms); the only latency-fit
    # candidate is a self-hosted cluster, dearer than gpt-4o, so w2 stays on the baseline.
    # Gate 3 is then the startup workload's saving alone: 1 - 7,761.60 / 71,280 = 0.8911.
    r = assess(
        organization=STARTUP,
        workloads=[STARTUP_WORKLOAD, _sla_workload(2, 1500)],
        offerings=OFFERINGS,
        parameters=params(candidate_offerings=("deepseek/deepseek-v3", "self-hosted/deepseek-v3")),
    )
    stays = r["workloads"][1]
    assert stays["verdict"] == "do_not_deploy"
    assert stays["reasons"] == ["latency-sla", "cost-not-below-baseline"]
    gate3 = r["gates"][2]
    assert (gate3["outcome"], gate3["value"], gate3["workloads_counted"]) == ("pass", "0.8911", 1)
    assert r["portfolio"]["verdict"] == "adopt_for_subset"
