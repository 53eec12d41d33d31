"""The catalog contract the assessment engine reads: offering_facts and friends."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.errors import ValidationFailed
from tests.factories.vendors import (
    OfferingCertificationFactory,
    OfferingFactory,
    OfferingPriceFactory,
    OfferingRegionFactory,
    RestrictionFactory,
    VendorFactory,
)
from vendors import selectors

pytestmark = pytest.mark.django_db

FACT_FIELDS = {
    "key", "name", "vendor", "vendor_hq_country", "weights_origin_country", "host_provider",
    "deployment_mode", "processing_regions", "storage_jurisdictions", "architecture",
    "total_params_b", "active_params_b", "context_window", "max_output_tokens",
    "supports_streaming", "is_reasoning", "open_weights", "licence", "retirement_date",
    "successor_key", "certifications", "restrictions", "censored_topics", "gpu_count",
    "gpu_type", "gpu_memory_gb", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok",
    "batch_input_per_mtok", "batch_output_per_mtok", "currency", "price_effective_from",
    "price_source", "sources",
}  # fmt: skip


def test_builtin_deepseek_v3_facts_match_the_article():
    facts = selectors.offering_facts(["deepseek/deepseek-v3"], as_of=date(2026, 2, 1))
    v3 = facts["deepseek/deepseek-v3"]
    assert set(v3) == FACT_FIELDS
    assert v3["vendor"] == "DeepSeek"
    assert v3["vendor_hq_country"] == "cn"
    assert v3["weights_origin_country"] == "cn"
    assert v3["storage_jurisdictions"] == ["cn"]
    assert v3["architecture"] == "moe"
    assert (v3["total_params_b"], v3["active_params_b"]) == ("671", "37")
    assert (v3["input_per_mtok"], v3["output_per_mtok"]) == ("0.27", "1.10")
    assert v3["price_effective_from"] == "2026-01-23"
    assert "analyst article" in v3["price_source"]
    kinds = {r["kind"] for r in v3["restrictions"]}
    assert kinds == {"regulatory_ban", "export_control_investigation", "censored_topics"}
    assert v3["sources"]


def test_self_hosted_v3_has_hardware_and_no_token_price():
    facts = selectors.offering_facts(["self-hosted/deepseek-v3"], as_of=date(2026, 2, 1))
    sh = facts["self-hosted/deepseek-v3"]
    assert sh["deployment_mode"] == "self_hosted"
    assert (sh["open_weights"], sh["licence"]) == (True, "MIT")
    assert (sh["gpu_count"], sh["gpu_memory_gb"]) == (8, 640)
    assert "A100 80GB" in sh["gpu_type"]
    assert sh["input_per_mtok"] is None and sh["price_effective_from"] is None


def test_us_cloud_deepseek_in_eu_region_is_not_prc_storage():
    facts = selectors.offering_facts(["bedrock/eu-north-1/deepseek.v3.2"], as_of=date(2026, 2, 1))
    hosted = facts["bedrock/eu-north-1/deepseek.v3.2"]
    assert hosted["storage_jurisdictions"] == ["eu_eea"]
    assert "cn" not in hosted["processing_regions"]
    assert hosted["weights_origin_country"] == "cn"
    assert hosted["host_provider"] == "Amazon Bedrock"


def test_every_domain_offering_is_built_in():
    keys = [
        "deepseek/deepseek-v3", "deepseek/deepseek-r1", "deepseek/deepseek-v4-pro",
        "self-hosted/deepseek-v3", "gpt-4", "gpt-4o", "gpt-4.5-preview", "o1", "o1-pro",
        "claude-opus-4-20250514", "claude-opus-4-5", "gemini/gemini-2.0-flash",
        "gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash-lite",
    ]  # fmt: skip
    facts = selectors.offering_facts(keys, as_of=date(2026, 1, 23))
    assert list(facts) == keys
    assert facts["o1-pro"]["supports_streaming"] is False
    assert facts["gpt-4"]["output_per_mtok"] == "60.00"
    assert "hipaa_baa" in facts["gpt-4"]["certifications"]
    assert facts["gemini/gemini-2.0-flash"]["successor_key"] == "gemini/gemini-2.5-flash"
    assert facts["deepseek/deepseek-v4-pro"]["input_per_mtok"] is None


def test_price_as_of_a_date_before_the_first_price_is_none():
    facts = selectors.offering_facts(["gpt-4o"], as_of=date(2025, 12, 31))
    assert facts["gpt-4o"]["input_per_mtok"] is None


def test_price_history_answers_by_date():
    offering = OfferingFactory(key="acme/model:v1")
    OfferingPriceFactory(
        offering=offering, effective_from=date(2026, 1, 1), effective_to=date(2026, 3, 1)
    )
    OfferingPriceFactory(
        offering=offering,
        effective_from=date(2026, 3, 1),
        input_per_mtok=Decimal("0.5"),
        cached_input_per_mtok=Decimal("0.125"),
    )
    early = selectors.offering_facts([offering.key], as_of=date(2026, 2, 28))[offering.key]
    late = selectors.offering_facts([offering.key], as_of=date(2026, 3, 1))[offering.key]
    assert early["input_per_mtok"] == "1.00"
    assert late["input_per_mtok"] == "0.50"
    assert late["cached_input_per_mtok"] == "0.125"
    assert late["price_effective_from"] == "2026-03-01"


def test_unknown_keys_are_named():
    with pytest.raises(ValidationFailed) as exc:
        selectors.offering_facts(["gpt-4o", "nope/one", "nope:two"], as_of=date(2026, 2, 1))
    message = " ".join(exc.value.fields["offerings"])
    assert "nope/one" in message and "nope:two" in message and "gpt-4o" not in message


def _offering_with_everything(n):
    vendor = VendorFactory(name=f"V{n}", slug=f"v{n}")
    offering = OfferingFactory(key=f"q/{n}", vendor=vendor)
    OfferingRegionFactory(offering=offering, kind="storage", region="eu_eea")
    OfferingCertificationFactory(offering=offering, code="iso27001")
    RestrictionFactory(offering=offering)
    OfferingPriceFactory(offering=offering)
    return offering.key


def test_query_count_does_not_grow_with_keys():
    keys = [_offering_with_everything(n) for n in range(6)]
    with CaptureQueriesContext(connection) as one:
        selectors.offering_facts(keys[:1], as_of=date(2026, 2, 1))
    with CaptureQueriesContext(connection) as six:
        result = selectors.offering_facts(keys, as_of=date(2026, 2, 1))
    assert len(six) == len(one)
    assert all(f["certifications"] == ["iso27001"] for f in result.values())
    assert all(f["storage_jurisdictions"] == ["eu_eea"] for f in result.values())


def test_facts_are_json_serialisable():
    import json

    facts = selectors.offering_facts(["gpt-4o", "deepseek/deepseek-v3"], as_of=date(2026, 2, 1))
    assert json.loads(json.dumps(facts)) == facts


def test_vendor_names_and_offering_choices():
    assert {"DeepSeek", "OpenAI", "Anthropic", "Google"} <= set(selectors.vendor_names())
    choices = dict(selectors.offering_choices())
    assert "self-hosted/deepseek-v3" in choices
    assert "DeepSeek" in choices["deepseek/deepseek-v3"]


def test_catalog_version_names_the_builtin_file():
    from vendors.catalog import builtin_version

    assert selectors.catalog_version() == builtin_version()
