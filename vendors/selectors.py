"""Reads of the catalog. ``offering_facts`` is the contract the assessment engine uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from portal.errors import ValidationFailed
from vendors.catalog import builtin_version
from vendors.models import (
    CatalogImport,
    Offering,
    OfferingCertification,
    OfferingPrice,
    OfferingSource,
    Origin,
    RegionKind,
    Restriction,
    Vendor,
)

CERTIFICATION_ORDER = ("soc2", "iso27001", "hipaa_baa", "gdpr_dpa", "eu_residency", "fedramp")
REGION_ORDER = ("eu_eea", "uk", "us", "cn", "other")


def prices_on(as_of: date) -> QuerySet[OfferingPrice]:
    """Price rows in force on ``as_of`` (from inclusive, to exclusive)."""
    return OfferingPrice.objects.filter(effective_from__lte=as_of).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gt=as_of)
    )


def price_on(offering: Offering, as_of: date) -> OfferingPrice | None:
    """The offering's price on ``as_of``: one query."""
    return prices_on(as_of).filter(offering=offering).select_related("source").first()


def _decimal_str(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def _money_str(value: Decimal | None) -> str | None:
    """Per-million prices: at least two decimals, no trailing noise."""
    if value is None:
        return None
    normalised = value.normalize()
    exponent = normalised.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        normalised = normalised.quantize(Decimal("0.01"))
    return format(normalised, "f")


def facts_queryset(as_of: date) -> QuerySet[Offering]:
    """Offerings with everything ``facts_of`` reads prefetched (a fixed number of queries)."""
    return Offering.objects.select_related("vendor").prefetch_related(
        "regions",
        Prefetch(
            "certifications",
            queryset=OfferingCertification.objects.select_related("source"),
        ),
        Prefetch("restrictions", queryset=Restriction.objects.select_related("source")),
        Prefetch("fact_sources", queryset=OfferingSource.objects.select_related("source")),
        Prefetch(
            "prices",
            queryset=prices_on(as_of).select_related("source"),
            to_attr="prices_in_force",
        ),
    )


def facts_of(offering: Offering) -> dict[str, Any]:
    """The engine's OfferingFacts of one offering from ``facts_queryset`` (plain JSON)."""
    regions = list(offering.regions.all())
    certs = sorted({c.code for c in offering.certifications.all()}, key=CERTIFICATION_ORDER.index)
    price: OfferingPrice | None = (getattr(offering, "prices_in_force", None) or [None])[0]
    sources: list[str] = []

    def add_source(label: str | None) -> None:
        if label and label not in sources:
            sources.append(label)

    for fact_source in offering.fact_sources.all():
        add_source(fact_source.source.label)
    for cert in offering.certifications.all():
        add_source(cert.source.label if cert.source else None)
    restrictions = []
    for r in offering.restrictions.all():
        add_source(r.source.label if r.source else None)
        restrictions.append(
            {
                "kind": r.kind,
                "jurisdiction": r.jurisdiction,
                "date": r.date.isoformat() if r.date else None,
                "note": r.note,
                "source": r.source.label if r.source else "",
            }
        )
    if price is not None and price.source is not None:
        add_source(price.source.label)

    def region_list(kind: str) -> list[str]:
        return sorted({r.region for r in regions if r.kind == kind}, key=REGION_ORDER.index)

    return {
        "key": offering.key,
        "name": offering.name,
        "vendor": offering.vendor.name,
        "vendor_hq_country": offering.vendor.hq_country,
        "weights_origin_country": offering.weights_origin_country or None,
        "host_provider": offering.host_provider or None,
        "deployment_mode": offering.deployment_mode,
        "processing_regions": region_list(RegionKind.PROCESSING),
        "storage_jurisdictions": region_list(RegionKind.STORAGE),
        "architecture": offering.architecture,
        "total_params_b": _decimal_str(offering.total_params_b),
        "active_params_b": _decimal_str(offering.active_params_b),
        "context_window": offering.context_window,
        "max_output_tokens": offering.max_output_tokens,
        "supports_streaming": offering.supports_streaming,
        "is_reasoning": offering.is_reasoning,
        "open_weights": offering.open_weights,
        "licence": offering.licence,
        "retirement_date": offering.retirement_date.isoformat()
        if offering.retirement_date
        else None,
        "successor_key": offering.successor_key or None,
        "certifications": certs,
        "restrictions": restrictions,
        "censored_topics": offering.censored_topics,
        "gpu_count": offering.gpu_count,
        "gpu_type": offering.gpu_type or None,
        "gpu_memory_gb": offering.gpu_memory_gb,
        "input_per_mtok": _money_str(price.input_per_mtok) if price else None,
        "output_per_mtok": _money_str(price.output_per_mtok) if price else None,
        "cached_input_per_mtok": _money_str(price.cached_input_per_mtok) if price else None,
        "batch_input_per_mtok": _money_str(price.batch_input_per_mtok) if price else None,
        "batch_output_per_mtok": _money_str(price.batch_output_per_mtok) if price else None,
        "currency": price.currency if price else "USD",
        "price_effective_from": price.effective_from.isoformat() if price else None,
        "price_source": price.source.label if price and price.source else "",
        "sources": sources,
    }


def offering_facts(keys: Iterable[str], *, as_of: date) -> dict[str, dict[str, Any]]:
    """Facts and the price in force on ``as_of`` for each key, as plain JSON dicts.

    Raises ValidationFailed naming unknown keys. The number of queries does not
    depend on the number of keys.
    """
    wanted = list(dict.fromkeys(str(k) for k in keys))
    if not wanted:
        return {}
    found = {o.key: o for o in facts_queryset(as_of).filter(key__in=wanted)}
    missing = [k for k in wanted if k not in found]
    if missing:
        raise ValidationFailed.for_fields(
            {"offerings": f"Not in the catalog: {', '.join(missing)}."}
        )
    return {key: facts_of(found[key]) for key in wanted}


def vendor_names() -> list[str]:
    """Vendor display names, for the negotiated-discount choices."""
    return list(Vendor.objects.order_by("name").values_list("name", flat=True))


def offering_choices() -> list[tuple[str, str]]:
    """(key, label) pairs for forms, vendors' own offerings first by name."""
    rows = Offering.objects.select_related("vendor").order_by("vendor__name", "name", "key")
    return [
        (o.key, f"{o.vendor.name} · {o.name} ({o.key})")
        for o in rows.only("key", "name", "vendor__name")
    ]


def offering_exists(key: str) -> bool:
    return Offering.objects.filter(key=key).exists()


def latest_import() -> CatalogImport | None:
    return CatalogImport.objects.order_by("-finished_at", "-pk").first()


def catalog_version() -> str:
    """The built-in data version plus the latest LiteLLM import, e.g. ``2026.01.23-1+import.7``.

    An assessment run stores this with its snapshot, so a report can say which
    catalog its prices came from.
    """
    version = builtin_version()
    last = (
        CatalogImport.objects.filter(kind=Origin.LITELLM)
        .order_by("-finished_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"{version}+import.{last}" if last else version


@dataclass(frozen=True)
class CatalogStatus:
    last_imported_at: datetime | None
    prices_as_of: date | None
    stale: bool
    stale_after_days: int
    version: str

    @property
    def age_days(self) -> int | None:
        if self.prices_as_of is None:
            return None
        return (timezone.localdate() - self.prices_as_of).days


def catalog_status(*, today: date | None = None) -> CatalogStatus:
    """When prices were last imported and whether that is older than the configured age."""
    today = today or timezone.localdate()
    days = settings.CATALOG_STALE_AFTER_DAYS
    last = latest_import()
    newest = (
        CatalogImport.objects.order_by("-prices_as_of")
        .values_list("prices_as_of", flat=True)
        .first()
    )
    stale = newest is None or today - newest > timedelta(days=days)
    return CatalogStatus(
        last_imported_at=last.finished_at if last else None,
        prices_as_of=newest,
        stale=stale,
        stale_after_days=days,
        version=catalog_version(),
    )


def offering_list(
    *,
    search: str = "",
    vendor: str = "",
    host: str = "",
    mode: str = "",
    deployment_mode: str = "",
    region: str = "",
    certification: str = "",
    open_weights: bool | None = None,
    retired: bool | None = None,
    today: date | None = None,
) -> QuerySet[Offering]:
    """Offerings matching the catalog filters (each filter optional)."""
    today = today or timezone.localdate()
    qs = Offering.objects.select_related("vendor")
    if search:
        qs = qs.filter(
            Q(key__icontains=search)
            | Q(name__icontains=search)
            | Q(vendor__name__icontains=search)
            | Q(host_provider__icontains=search)
            | Q(model_family__icontains=search)
        )
    if vendor:
        qs = qs.filter(Q(vendor__slug=vendor) | Q(vendor__name__iexact=vendor))
    if host:
        qs = qs.filter(host_provider__iexact=host)
    if mode:
        qs = qs.filter(Q(deployment_mode=mode) | Q(mode=mode))
    if deployment_mode:
        qs = qs.filter(deployment_mode=deployment_mode)
    if region:
        qs = qs.filter(regions__region=region)
    if certification:
        qs = qs.filter(certifications__code=certification)
    if open_weights is not None:
        qs = qs.filter(open_weights=open_weights)
    if retired is True:
        qs = qs.filter(retirement_date__lte=today)
    elif retired is False:
        qs = qs.filter(Q(retirement_date__isnull=True) | Q(retirement_date__gt=today))
    return qs.distinct().order_by("vendor__name", "name", "key")


def host_names() -> list[str]:
    return list(
        Offering.objects.exclude(host_provider="")
        .order_by("host_provider")
        .values_list("host_provider", flat=True)
        .distinct()
    )


def offering_detail(key: str) -> Offering | None:
    return (
        Offering.objects.select_related("vendor")
        .prefetch_related(
            "regions",
            Prefetch(
                "certifications", queryset=OfferingCertification.objects.select_related("source")
            ),
            Prefetch("restrictions", queryset=Restriction.objects.select_related("source")),
            Prefetch("fact_sources", queryset=OfferingSource.objects.select_related("source")),
            "benchmarks__source",
            Prefetch(
                "prices",
                queryset=OfferingPrice.objects.select_related("source").order_by(
                    "effective_from", "pk"
                ),
                to_attr="price_history",
            ),
        )
        .filter(key=key)
        .first()
    )


def recent_imports(limit: int = 10) -> list[CatalogImport]:
    return list(
        CatalogImport.objects.select_related("imported_by").order_by("-finished_at")[:limit]
    )
