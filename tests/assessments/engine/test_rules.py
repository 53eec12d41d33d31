from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from assessments.engine import RULESET_VERSION, WorkloadInput
from assessments.engine.rules import (
    PREDICATES,
    RuleContext,
    compliance_status,
    evaluate_option,
    implied_regulations,
    load_ruleset,
)

from .catalog import AS_OF, BANK, OFFERINGS, SAAS, STARTUP, UNIVERSITY

END = date(2029, 1, 23)
W = WorkloadInput(id=1, name="w", daily_input_tokens=1, daily_output_tokens=1)


def rules_for(workload, key, org=STARTUP, as_of=AS_OF, end=END):
    ctx = RuleContext(org, workload, OFFERINGS[key], as_of, end, OFFERINGS)
    return {f.rule for f in evaluate_option(ctx)}


def test_ruleset_is_versioned_and_complete():
    rs = load_ruleset()
    assert RULESET_VERSION == rs.version == "2026.11.1"
    ids = {r.id for r in rs.rules}
    assert {
        "gdpr-prc-storage",
        "hipaa-no-baa",
        "finra-prc-storage",
        "contract-china-transfer",
        "contract-residency-mismatch",
        "natsec-prc-linked",
        "regulated-entity-prc-weights",
        "ccpa-prc-storage",
        "censored-topics",
        "code-review-systems-languages",
        "retiring-within-horizon",
        "retired-offering",
        "streaming-unsupported",
        "context-window-exceeded",
        "single-vendor-concentration",
    } <= ids
    assert {r.when for r in rs.rules} == set(PREDICATES)
    for r in rs.rules:
        assert r.source and r.message and r.severity in ("blocking", "warning")


def test_implied_regulations():
    w = replace(
        W, data_categories=("personal_data", "health_phi"), data_subject_regions=("eu_eea",)
    )
    assert implied_regulations(w) == ("gdpr", "hipaa")
    ctx = RuleContext(STARTUP, w, OFFERINGS["deepseek/deepseek-v3"], AS_OF, END, OFFERINGS)
    gdpr = next(f for f in evaluate_option(ctx) if f.rule == "gdpr-prc-storage")
    assert "was not ticked" in gdpr.message and gdpr.ruleset_version == "2026.11.1"
    assert "gdpr" in gdpr.implied_regulations
    declared = replace(w, regulations=("gdpr", "hipaa"))
    assert implied_regulations(declared) == ()


def test_prc_storage_follows_where_data_is_processed():
    w = replace(W, data_categories=("personal_data",), data_subject_regions=("eu_eea",))
    assert "gdpr-prc-storage" in rules_for(w, "deepseek/deepseek-v3")
    # DeepSeek weights on a US cloud in an EU region: no PRC storage
    assert "gdpr-prc-storage" not in rules_for(w, "uscloud/deepseek-v3-eu")
    # ...but PRC-origin weights still block regulated entities and national-security work
    assert "regulated-entity-prc-weights" in rules_for(w, "uscloud/deepseek-v3-eu", org=BANK)
    assert "regulated-entity-prc-weights" in rules_for(w, "self-hosted/deepseek-v3", org=BANK)
    assert "natsec-prc-linked" in rules_for(
        replace(W, data_categories=("export_controlled",)), "self-hosted/deepseek-v3"
    )
    assert rules_for(w, "gpt-4o", org=BANK) == set()


def test_hipaa_requires_baa():
    w = replace(W, data_categories=("health_phi",))
    assert "hipaa-no-baa" in rules_for(w, "gemini/gemini-2.5-flash")
    assert "hipaa-no-baa" not in rules_for(w, "gpt-4o")
    assert "hipaa-no-baa" not in rules_for(w, "self-hosted/deepseek-v3")


def test_contracts_and_residency():
    w = replace(W, contract_prohibits_china_transfer=True)
    assert "contract-china-transfer" in rules_for(w, "deepseek/deepseek-v3")
    assert "contract-china-transfer" not in rules_for(w, "uscloud/deepseek-v3-eu")
    eu_only = replace(W, contract_data_residency=("eu_eea",))
    # claude-opus-4-5 runs in the us only and offers no EU residency
    assert "contract-residency-mismatch" in rules_for(eu_only, "claude-opus-4-5")
    # gpt-4o runs in the us and eu_eea and offers EU residency: it can be pinned to the EU
    assert "contract-residency-mismatch" not in rules_for(eu_only, "gpt-4o")
    assert "contract-residency-mismatch" not in rules_for(eu_only, "uscloud/deepseek-v3-eu")
    # self-hosting runs where the client deploys it
    self_hosted = rules_for(eu_only, "self-hosted/deepseek-v3")
    assert not {"contract-residency-mismatch", "residency-unknown"} & self_hosted
    fin = replace(W, data_categories=("financial_records",))
    assert "finra-prc-storage" in rules_for(fin, "deepseek/deepseek-v3")


def test_warnings():
    ca = replace(W, data_categories=("personal_data",), data_subject_regions=("us_california",))
    assert "ccpa-prc-storage" in rules_for(ca, "deepseek/deepseek-v3")
    topics = replace(W, sensitive_topics=True)
    assert "censored-topics" in rules_for(topics, "deepseek/deepseek-v3")
    review = replace(W, use_case="code_review", programming_languages=("rust", "python"))
    assert "code-review-systems-languages" in rules_for(review, "self-hosted/deepseek-v3")
    assert "code-review-systems-languages" not in rules_for(review, "gpt-4o")
    ctx = RuleContext(STARTUP, review, OFFERINGS["deepseek/deepseek-v3"], AS_OF, END, OFFERINGS)
    finding = next(f for f in evaluate_option(ctx) if f.rule == "code-review-systems-languages")
    assert "67%" in finding.message and "Rust" in finding.message
    assert compliance_status(evaluate_option(ctx)) == "warning"


def test_capability_gates():
    assert "streaming-unsupported" in rules_for(replace(W, streaming=True), "o1-pro")
    assert "context-window-exceeded" in rules_for(replace(W, avg_context_tokens=200_000), "gpt-4o")
    assert "retiring-within-horizon" in rules_for(W, "gemini/gemini-2.0-flash")
    assert "retired-offering" in rules_for(W, "gemini/gemini-2.0-flash", as_of=date(2026, 3, 1))
    assert "price-unknown" in rules_for(W, "deepseek/deepseek-v4-pro")
    # Italy's ban concerns personal data of people in the EU
    eu_people = replace(W, data_categories=("personal_data",), data_subject_regions=("eu_eea",))
    assert "regulatory-ban" in rules_for(eu_people, "deepseek/deepseek-v3")
    eu_code = replace(W, data_categories=("source_code",), data_subject_regions=("eu_eea",))
    assert "regulatory-ban" not in rules_for(eu_code, "deepseek/deepseek-v3")
    assert "regulatory-ban" not in rules_for(W, "deepseek/deepseek-v3", org=UNIVERSITY)


CATEGORIES = st.sampled_from(
    [
        "public",
        "synthetic",
        "internal",
        "source_code",
        "personal_data",
        "special_category_data",
        "health_phi",
        "financial_records",
        "payment_card",
        "student_records",
        "export_controlled",
        "government_classified",
    ]
)


@given(
    st.lists(CATEGORIES, min_size=1, max_size=4, unique=True),
    CATEGORIES,
    st.lists(st.sampled_from(["eu_eea", "uk", "us", "us_california", "cn"]), unique=True),
    st.sampled_from(sorted(OFFERINGS)),
    st.sampled_from([STARTUP, SAAS, BANK, UNIVERSITY]),
)
def test_adding_a_data_category_never_unblocks(cats, extra, regions, key, org):
    w = replace(W, data_categories=tuple(cats), data_subject_regions=tuple(regions))
    before = RuleContext(org, w, OFFERINGS[key], AS_OF, END, OFFERINGS)
    wider = replace(w, data_categories=tuple(dict.fromkeys([*cats, extra])))
    after = RuleContext(org, wider, OFFERINGS[key], AS_OF, END, OFFERINGS)
    if compliance_status(evaluate_option(before)) == "blocked":
        assert compliance_status(evaluate_option(after)) == "blocked"


def test_findings_name_only_their_own_implied_regulation():
    w = replace(
        W, data_categories=("personal_data", "health_phi"), data_subject_regions=("eu_eea",)
    )
    ctx = RuleContext(STARTUP, w, OFFERINGS["deepseek/deepseek-v3"], AS_OF, END, OFFERINGS)
    by_rule = {f.rule: f for f in evaluate_option(ctx)}
    assert by_rule["gdpr-prc-storage"].implied_regulations == ("gdpr",)
    assert by_rule["hipaa-no-baa"].implied_regulations == ("hipaa",)
