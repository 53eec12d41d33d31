"""Test catalog: DOMAIN.md section 2 list prices (USD per million tokens), as of 2026-01-23."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from assessments.engine import OfferingFacts, OrganizationProfile, RunParameters, WorkloadInput

AS_OF = date(2026, 1, 23)
ARTICLE = "DeepSeek V4 deployment verdict (analyst article, 2026-01-23)"

ITALY_BAN = {
    "kind": "regulatory_ban",
    "jurisdiction": "it",
    "date": "2026-01-30",
    "note": "Italy's Garante banned the service for GDPR violations",
    "source": ARTICLE,
}
EXPORT_PROBE = {
    "kind": "export_control_investigation",
    "jurisdiction": "us",
    "date": "2025-06-01",
    "note": "US export-control investigation of GPU procurement",
    "source": ARTICLE,
}


def _api(
    key: str, name: str, vendor: str, hq: str, inp: str, out: str, **kw: object
) -> OfferingFacts:
    base: dict[str, object] = {
        "key": key,
        "name": name,
        "vendor": vendor,
        "vendor_hq_country": hq,
        "weights_origin_country": hq,
        "deployment_mode": "api",
        "processing_regions": (hq,),
        "storage_jurisdictions": (hq,),
        "architecture": "dense",
        "context_window": 128_000,
        "supports_streaming": True,
        "input_per_mtok": D(inp),
        "output_per_mtok": D(out),
        "price_effective_from": AS_OF,
        "price_source": ARTICLE,
    }
    base.update(kw)
    return OfferingFacts(**base)  # type: ignore[arg-type]


OPENAI_CERTS = ("soc2", "iso27001", "hipaa_baa", "gdpr_dpa", "eu_residency")

OFFERINGS: dict[str, OfferingFacts] = {
    o.key: o
    for o in (
        _api(
            "deepseek/deepseek-v3",
            "DeepSeek V3",
            "DeepSeek",
            "cn",
            "0.27",
            "1.10",
            architecture="moe",
            total_params_b=D(671),
            active_params_b=D(37),
            open_weights=True,
            licence="MIT",
            censored_topics=True,
            restrictions=(ITALY_BAN, EXPORT_PROBE),
        ),
        _api(
            "deepseek/deepseek-r1",
            "DeepSeek R1",
            "DeepSeek",
            "cn",
            "0.55",
            "2.19",
            architecture="moe",
            is_reasoning=True,
            open_weights=True,
            licence="MIT",
            censored_topics=True,
            restrictions=(ITALY_BAN, EXPORT_PROBE),
        ),
        OfferingFacts(
            key="deepseek/deepseek-v4-pro",
            name="DeepSeek V4",
            vendor="DeepSeek",
            vendor_hq_country="cn",
            weights_origin_country="cn",
            processing_regions=("cn",),
            storage_jurisdictions=("cn",),
            architecture="moe",
            context_window=1_000_000,
            supports_streaming=True,
        ),
        OfferingFacts(
            key="self-hosted/deepseek-v3",
            name="DeepSeek V3 (self-hosted open weights)",
            vendor="DeepSeek",
            vendor_hq_country="cn",
            weights_origin_country="cn",
            host_provider="client",
            deployment_mode="self_hosted",
            processing_regions=("us",),
            storage_jurisdictions=("us",),
            architecture="moe",
            context_window=128_000,
            supports_streaming=True,
            open_weights=True,
            licence="MIT",
            censored_topics=True,
            gpu_count=8,
            gpu_type="A100 80GB",
            gpu_memory_gb=640,
        ),
        _api(
            "uscloud/deepseek-v3-eu",
            "DeepSeek V3 on a US cloud (EU region)",
            "US Cloud",
            "us",
            "0.58",
            "1.68",
            weights_origin_country="cn",
            architecture="moe",
            processing_regions=("eu_eea",),
            storage_jurisdictions=("eu_eea",),
            certifications=("soc2", "iso27001", "gdpr_dpa", "eu_residency"),
        ),
        _api("gpt-4", "GPT-4", "OpenAI", "us", "30", "60", certifications=OPENAI_CERTS),
        _api(
            "gpt-4o",
            "GPT-4o",
            "OpenAI",
            "us",
            "2.50",
            "10",
            cached_input_per_mtok=D("1.25"),
            certifications=OPENAI_CERTS,
            processing_regions=("us", "eu_eea"),
            storage_jurisdictions=("us", "eu_eea"),
        ),
        _api(
            "o1", "o1", "OpenAI", "us", "15", "60", is_reasoning=True, certifications=OPENAI_CERTS
        ),
        _api(
            "o1-pro",
            "o1-pro",
            "OpenAI",
            "us",
            "150",
            "600",
            is_reasoning=True,
            supports_streaming=False,
            certifications=OPENAI_CERTS,
        ),
        _api(
            "claude-opus-4-5",
            "Claude Opus 4.5",
            "Anthropic",
            "us",
            "5",
            "25",
            certifications=("soc2", "iso27001", "hipaa_baa"),
        ),
        _api(
            "gemini/gemini-2.0-flash",
            "Gemini 2.0 Flash",
            "Google",
            "us",
            "0.10",
            "0.40",
            retirement_date=date(2026, 2, 28),
            successor_key="gemini/gemini-2.5-flash",
        ),
        _api("gemini/gemini-2.5-flash", "Gemini 2.5 Flash", "Google", "us", "0.30", "2.50"),
    )
}


def params(**kw: object) -> RunParameters:
    base: dict[str, object] = {
        "candidate_offerings": ("deepseek/deepseek-v3",),
        "baseline_offering": "gpt-4o",
        "prices_as_of": AS_OF,
        "simulations": 0,
        "seed": 7,
    }
    base.update(kw)
    return RunParameters(**base)  # type: ignore[arg-type]


# --- DOMAIN.md section 7 scenarios --------------------------------------------------

STARTUP = OrganizationProfile(name="Devtools Startup", sector="startup", headcount=50)
STARTUP_WORKLOAD = WorkloadInput(
    id=1,
    name="Code assistant",
    use_case="code_assistance",
    data_categories=("source_code", "public"),
    programming_languages=("python", "typescript"),
    daily_input_tokens=20_000_000,
    daily_output_tokens=4_000_000,
)

SAAS = OrganizationProfile(
    name="Mid-market SaaS",
    sector="saas",
    headcount=500,
    annual_revenue_usd=D(50_000_000),
    certifications_held=("soc2", "iso27001"),
)
SAAS_WORKLOAD = WorkloadInput(
    id=2,
    name="Customer support assistant",
    use_case="customer_support",
    customer_facing=True,
    data_categories=("personal_data", "internal"),
    data_subject_regions=("us", "eu_eea"),
    contracts_with_sovereignty_share=D(60),
    daily_input_tokens=5_000_000,
    daily_output_tokens=1_000_000,
)

BANK = OrganizationProfile(
    name="Regulated bank",
    sector="financial_services",
    headcount=5000,
    annual_revenue_usd=D(2_000_000_000),
    regulated_entity=True,
    negotiated_discounts={"OpenAI": D(15)},
)
BANK_WORKLOAD = WorkloadInput(
    id=3,
    name="Claims and transactions triage",
    use_case="data_extraction",
    data_categories=("personal_data", "financial_records", "health_phi"),
    data_subject_regions=("eu_eea", "us"),
    regulations=("finra",),
    daily_input_tokens=10_000_000,
    daily_output_tokens=1_000_000,
)

UNIVERSITY = OrganizationProfile(name="Public university", sector="academic", headcount=8000)
NATSEC_UNIVERSITY = OrganizationProfile(
    name="Public university (defense-funded lab)",
    sector="academic",
    headcount=8000,
    national_security_funding=True,
)
RESEARCH_WORKLOAD = WorkloadInput(
    id=4,
    name="Research assistant",
    use_case="research",
    data_categories=("public", "synthetic"),
    daily_input_tokens=2_000_000,
    daily_output_tokens=500_000,
)
