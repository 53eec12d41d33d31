"""DOMAIN.md section 7 scenarios with their expected verdicts."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

from assessments.engine import assess

from .catalog import (
    BANK,
    BANK_WORKLOAD,
    NATSEC_UNIVERSITY,
    OFFERINGS,
    RESEARCH_WORKLOAD,
    SAAS,
    SAAS_WORKLOAD,
    STARTUP,
    STARTUP_WORKLOAD,
    UNIVERSITY,
    params,
)

ALL_DEEPSEEK = ("deepseek/deepseek-v3", "self-hosted/deepseek-v3", "uscloud/deepseek-v3-eu")


def run(org, workloads, **kw):
    result = assess(
        organization=org, workloads=workloads, offerings=OFFERINGS, parameters=params(**kw)
    )
    json.dumps(result)  # JSON-serialisable
    return result


def option(workload_result, key):
    return next(o for o in workload_result["options"] if o["offering"] == key)


def test_startup_deploys_the_cheap_api():
    r = run(STARTUP, [STARTUP_WORKLOAD])
    w = r["workloads"][0]
    assert w["verdict"] == "deploy"
    assert w["recommended_offering"] == "deepseek/deepseek-v3"
    assert {m["code"] for m in w["mitigations"]} >= {
        "abstraction_layer",
        "revert_triggers",
        "exit_budget",
    }
    # 20M x 0.27 + 4M x 1.10 = 9.80 a day; x 22 = 215.60; x 12 = 2587.20; 3 years 7761.60
    cost = option(w, "deepseek/deepseek-v3")["cost"]
    assert (cost["daily_usd"], cost["monthly_usd"], cost["annual_usd"]) == (
        "9.80",
        "215.60",
        "2587.20",
    )
    assert cost["tco_usd"]["total"] == "7761.60"
    # gpt-4o: 20 x 2.50 + 4 x 10 = 90 a day -> 23,760 a year; savings 1 - 7761.60/71280 = 0.8911
    gate3 = r["gates"][2]
    assert (gate3["outcome"], gate3["value"]) == ("pass", "0.8911")
    assert r["portfolio"]["verdict"] == "adopt"
    # annual savings: (71,280 - 7,761.60) / 3 = 21,172.80
    assert r["portfolio"]["annual_savings_usd"]["p50"] == "21172.80"


def test_midmarket_saas_gets_no_prc_api():
    r = run(SAAS, [SAAS_WORKLOAD], candidate_offerings=ALL_DEEPSEEK[:2])
    w = r["workloads"][0]
    api = option(w, "deepseek/deepseek-v3")
    assert api["compliance"]["status"] == "blocked"
    rules = {f["rule"] for f in api["compliance"]["findings"]}
    assert {"gdpr-prc-storage", "contract-sovereignty-prc"} <= rules
    # air-gapped self-hosting is allowed, but one workload does not justify a cluster
    assert option(w, "self-hosted/deepseek-v3")["compliance"]["status"] != "blocked"
    assert w["verdict"] == "do_not_deploy"
    assert w["reasons"] == ["cost-not-below-baseline"]
    assert w["recommended_offering"] == "gpt-4o"


def test_financial_services_does_not_deploy_in_any_mode():
    r = run(BANK, [BANK_WORKLOAD], candidate_offerings=ALL_DEEPSEEK)
    w = r["workloads"][0]
    assert w["verdict"] == "do_not_deploy"
    for key in ALL_DEEPSEEK:
        assert option(w, key)["compliance"]["status"] == "blocked"
    assert "regulated-entity-prc-weights" in {
        f["rule"] for f in option(w, "self-hosted/deepseek-v3")["compliance"]["findings"]
    }
    assert w["recommended_offering"] == "gpt-4o"
    assert set(w["implied_regulations"]) == {"gdpr", "hipaa"}
    assert r["gates"][0]["outcome"] == "fail"
    assert r["portfolio"]["verdict"] == "do_not_adopt"
    # GDPR exposure: max(20M EUR x 1.08 = 21.6M USD, 4% x 2,000M = 80M) = 80M
    exposure = r["portfolio"]["regulatory_exposure"]
    assert exposure["gdpr"]["max_fine_usd"] == "80000000.00"
    assert exposure["hipaa"]["applies"] is True
    # gpt-4o with the 15% OpenAI discount: (10 x 2.50 + 1 x 10) x 0.85 = 29.75 a day
    assert option(w, "gpt-4o")["cost"]["daily_usd"] == "29.75"


def test_university_research_deploys():
    r = run(UNIVERSITY, [RESEARCH_WORKLOAD])
    w = r["workloads"][0]
    assert w["verdict"] == "deploy"
    assert w["recommended_offering"] == "deepseek/deepseek-v3"
    assert "data_handling_policy" in {m["code"] for m in w["mitigations"]}


def test_national_security_funded_research_does_not_deploy():
    r = run(NATSEC_UNIVERSITY, [RESEARCH_WORKLOAD], candidate_offerings=ALL_DEEPSEEK)
    w = r["workloads"][0]
    assert w["verdict"] == "do_not_deploy"
    for key in ALL_DEEPSEEK:
        assert "natsec-prc-linked" in {f["rule"] for f in option(w, key)["compliance"]["findings"]}
    assert r["portfolio"]["verdict"] == "do_not_adopt"


def test_portfolio_subset_and_shares():
    workloads = [STARTUP_WORKLOAD, replace(BANK_WORKLOAD, id=9), replace(RESEARCH_WORKLOAD, id=10)]
    r = run(STARTUP, workloads)
    p = r["portfolio"]
    assert (p["workload_count"], p["candidate_viable_count"]) == (3, 2)
    assert p["candidate_viable_share"] == "0.6667"
    # tokens: viable 24M + 2.5M of 24M + 11M + 2.5M = 26.5 / 37.5
    assert p["candidate_viable_share_by_tokens"] == "0.7067"
    assert p["verdict"] == "adopt_for_subset"
    assert r["gates"][0]["value"] == "0.3333"


def test_same_seed_same_figures_and_monte_carlo_order():
    a = run(STARTUP, [STARTUP_WORKLOAD, RESEARCH_WORKLOAD], simulations=2000, seed=11)
    b = run(STARTUP, [STARTUP_WORKLOAD, RESEARCH_WORKLOAD], simulations=2000, seed=11)
    c = run(STARTUP, [STARTUP_WORKLOAD, RESEARCH_WORKLOAD], simulations=2000, seed=12)
    assert a == b
    assert a != c
    for w in a["workloads"]:
        for o in w["options"]:
            t = o["cost"]["tco_usd"]
            assert D(t["p10"]) <= D(t["p50"]) <= D(t["p90"])
    s = a["portfolio"]["annual_savings_usd"]
    assert D(s["p10"]) <= D(s["p50"]) <= D(s["p90"])


def test_collapsed_ranges_monte_carlo_equals_deterministic():
    from costing.assumptions import RANGE_NAMES, resolve_assumptions

    base = resolve_assumptions()
    flat = {}
    for name in RANGE_NAMES:
        flat[name + "_low"] = flat[name + "_high"] = str(base.range(name).expected)
    r = run(
        SAAS,
        [SAAS_WORKLOAD],
        candidate_offerings=ALL_DEEPSEEK[:2],
        simulations=500,
        assumptions=flat,
    )
    for o in r["workloads"][0]["options"]:
        t = o["cost"]["tco_usd"]
        assert t["p10"] == t["p50"] == t["p90"] == t["total"]


def test_progress_reports_to_100():
    seen: list[int] = []
    assess(
        organization=STARTUP,
        workloads=[STARTUP_WORKLOAD, RESEARCH_WORKLOAD],
        offerings=OFFERINGS,
        parameters=params(),
        progress=seen.append,
    )
    assert seen == sorted(seen) and seen[-1] == 100
