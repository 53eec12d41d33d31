"""The engine's input contract: frozen dataclasses built by the adapters.

Field names follow QUESTIONNAIRE.md exactly; multi-choices are tuples of codes
and decimals are :class:`~decimal.Decimal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

SECTORS = (
    "startup",
    "saas",
    "financial_services",
    "healthcare",
    "academic",
    "government",
    "defense",
    "critical_infrastructure",
    "other",
)
REGIONS = ("eu_eea", "uk", "us", "cn", "other")

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class OrganizationProfile:
    name: str
    sector: str = "other"
    headcount: int = 1
    annual_revenue_usd: Decimal | None = None
    headquarters_region: str = "us"
    regulated_entity: bool = False
    certifications_held: tuple[str, ...] = ()
    national_security_funding: bool = False
    negotiated_discounts: Mapping[str, Decimal] = field(default_factory=lambda: _EMPTY)

    def discount_for(self, vendor: str) -> Decimal:
        value = self.negotiated_discounts.get(vendor)
        if value is None:
            # vendor names are display names; compare case-insensitively
            lowered = {k.lower(): v for k, v in self.negotiated_discounts.items()}
            value = lowered.get(vendor.lower(), Decimal(0))
        return Decimal(value)


@dataclass(frozen=True)
class WorkloadInput:
    id: int | str
    name: str
    daily_input_tokens: int
    daily_output_tokens: int
    description: str = ""
    status: str = "planned"
    use_case: str = "other"
    customer_facing: bool = False
    data_categories: tuple[str, ...] = ("internal",)
    data_subject_regions: tuple[str, ...] = ()
    regulations: tuple[str, ...] = ()
    contract_prohibits_china_transfer: bool = False
    contract_data_residency: tuple[str, ...] = ()
    contracts_with_sovereignty_share: Decimal = Decimal(0)
    sensitive_topics: bool = False
    programming_languages: tuple[str, ...] = ()
    reasoning_multiplier: Decimal = Decimal(1)
    cached_input_share: Decimal = Decimal(0)
    batch_eligible: bool = False
    active_days_per_month: int | None = None
    avg_context_tokens: int = 0
    streaming: bool = False
    latency_sensitive: bool = False
    p99_latency_sla_ms: int | None = None
    expected_growth_12m: Decimal = Decimal(1)
    current_offering: str | None = None
    current_monthly_spend_usd: Decimal | None = None
    revert_max_downtime_pct: Decimal = Decimal(5)
    revert_max_p99_ms: int = 2000
    latency_samples: Mapping[str, tuple[int, ...]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class OfferingFacts:
    key: str
    name: str
    vendor: str
    vendor_hq_country: str
    weights_origin_country: str | None = None
    host_provider: str | None = None
    deployment_mode: str = "api"
    processing_regions: tuple[str, ...] = ()
    storage_jurisdictions: tuple[str, ...] = ()
    architecture: str = "unknown"
    total_params_b: Decimal | None = None
    active_params_b: Decimal | None = None
    context_window: int | None = None
    max_output_tokens: int | None = None
    supports_streaming: bool | None = None
    is_reasoning: bool = False
    open_weights: bool = False
    licence: str = ""
    retirement_date: date | None = None
    successor_key: str | None = None
    certifications: tuple[str, ...] = ()
    restrictions: tuple[Mapping[str, Any], ...] = ()
    censored_topics: bool = False
    gpu_count: int | None = None
    gpu_type: str | None = None
    gpu_memory_gb: int | None = None
    input_per_mtok: Decimal | None = None
    output_per_mtok: Decimal | None = None
    cached_input_per_mtok: Decimal | None = None
    batch_input_per_mtok: Decimal | None = None
    batch_output_per_mtok: Decimal | None = None
    currency: str = "USD"
    price_effective_from: date | None = None
    price_source: str = ""
    sources: tuple[str, ...] = ()

    @property
    def self_hosted(self) -> bool:
        return self.deployment_mode == "self_hosted"

    @property
    def priced(self) -> bool:
        return self.input_per_mtok is not None and self.output_per_mtok is not None


@dataclass(frozen=True)
class RunParameters:
    candidate_offerings: tuple[str, ...]
    baseline_offering: str
    prices_as_of: date
    horizon_years: int = 3
    calendar: str = "business_days"
    accounting: str = "cash"
    assumptions: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    simulations: int = 10000
    seed: int = 0
    gate1_threshold: Decimal = Decimal("0.50")
    gate2_threshold: Decimal = Decimal("0.20")
    gate3_threshold: Decimal = Decimal("0.30")
    eur_usd_rate: Decimal = Decimal("1.08")

    @property
    def months(self) -> int:
        return self.horizon_years * 12
