"""Writes to the catalog: the built-in data file and price history.

The LiteLLM importer lives in ``vendors.importers``; both record a CatalogImport.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from vendors.catalog import BUILTIN_PATH, builtin_data

OFFERING_FIELDS = (
    "name",
    "model_family",
    "weights_origin_country",
    "host_provider",
    "litellm_provider",
    "mode",
    "deployment_mode",
    "architecture",
    "total_params_b",
    "active_params_b",
    "context_window",
    "max_output_tokens",
    "supports_streaming",
    "is_reasoning",
    "open_weights",
    "licence",
    "retirement_date",
    "successor_key",
    "censored_topics",
    "gpu_count",
    "gpu_type",
    "gpu_memory_gb",
    "notes",
)
OFFERING_DEFAULTS: dict[str, Any] = {
    "model_family": "",
    "weights_origin_country": "",
    "host_provider": "",
    "litellm_provider": "",
    "mode": "chat",
    "deployment_mode": "api",
    "architecture": "unknown",
    "total_params_b": None,
    "active_params_b": None,
    "context_window": None,
    "max_output_tokens": None,
    "supports_streaming": None,
    "is_reasoning": False,
    "open_weights": False,
    "licence": "",
    "retirement_date": None,
    "successor_key": "",
    "censored_topics": False,
    "gpu_count": None,
    "gpu_type": "",
    "gpu_memory_gb": None,
    "notes": "",
}
PRICE_FIELDS = (
    "input_per_mtok",
    "output_per_mtok",
    "cached_input_per_mtok",
    "batch_input_per_mtok",
    "batch_output_per_mtok",
)
_PRICE_KEYS = {
    "input": "input_per_mtok",
    "output": "output_per_mtok",
    "cached_input": "cached_input_per_mtok",
    "batch_input": "batch_input_per_mtok",
    "batch_output": "batch_output_per_mtok",
}


@dataclass
class LoadSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    prices_added: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.prices_added or self.changes)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        if a is None or b is None:
            return a is b
        return Decimal(a) == Decimal(b)
    return bool(a == b)


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set changed attributes; True when anything differed."""
    dirty = False
    for name, value in values.items():
        if not _same(getattr(obj, name), value):
            setattr(obj, name, value)
            dirty = True
    return dirty


def _offering_values(entry: dict[str, Any], *, with_defaults: bool) -> dict[str, Any]:
    """The offering fields the data file states (plus defaults for a new offering).

    Facts the file leaves out are not reset on a reload, so values an import
    filled in (context limits, retirement dates) survive ``load_catalog``.
    """
    values = {
        name: entry.get(name, OFFERING_DEFAULTS[name])
        for name in OFFERING_FIELDS[1:]
        if with_defaults or name in entry
    }
    values["name"] = entry["name"]
    for name in ("total_params_b", "active_params_b"):
        if values.get(name) is not None:
            values[name] = Decimal(str(values[name]))
    return values


def price_record(
    *,
    offering: Any,
    values: dict[str, Decimal | None],
    effective_from: date,
    currency: str = "USD",
    source: Any = None,
    catalog_import: Any = None,
    apps: Any = None,
) -> bool:
    """Make ``values`` the offering's price from ``effective_from``.

    A row already starting that day is corrected in place only when it has no
    successor; otherwise the current row is closed the day the new one starts, and
    a row inserted into the past is closed where the next one starts. Returns True
    when a row was added or changed.
    """
    OfferingPrice = (apps or global_apps).get_model("vendors", "OfferingPrice")
    rows = list(OfferingPrice.objects.filter(offering=offering).order_by("effective_from", "pk"))
    same_day = [r for r in rows if r.effective_from == effective_from]
    if same_day:
        row = same_day[-1]
        wanted = {**values, "currency": currency}
        if not _assign(row, wanted) and (source is None or row.source_id == source.pk):
            return False
        if source is not None:
            row.source = source
        row.save()
        return True
    later = [r for r in rows if r.effective_from > effective_from]
    earlier_open = [
        r
        for r in rows
        if r.effective_from < effective_from
        and (r.effective_to is None or r.effective_to > effective_from)
    ]
    for row in earlier_open:
        row.effective_to = effective_from
        row.save(update_fields=["effective_to"])
    OfferingPrice.objects.create(
        offering=offering,
        currency=currency,
        effective_from=effective_from,
        effective_to=later[0].effective_from if later else None,
        source=source,
        catalog_import=catalog_import,
        **values,
    )
    return True


def _sync_set(
    manager: Any, existing_key: Any, wanted: dict[Any, dict[str, Any]], rows: Any = None
) -> bool:
    """Make the related rows of ``manager`` (or its subset ``rows``) exactly ``wanted``."""
    changed = False
    current = {existing_key(row): row for row in (manager.all() if rows is None else rows)}
    for key, row in current.items():
        if key not in wanted:
            row.delete()
            changed = True
    for key, values in wanted.items():
        row = current.get(key)
        if row is None:
            manager.create(**values)
            changed = True
        elif _assign(row, values):
            row.save()
            changed = True
    return changed


@transaction.atomic
def catalog_load_builtin(*, apps: Any = None, data: dict[str, Any] | None = None) -> LoadSummary:
    """Load the built-in catalog file. Idempotent: a second load changes nothing.

    ``apps`` lets the data migration run this with its historical models.
    """
    registry = apps or global_apps
    Source = registry.get_model("vendors", "Source")
    Vendor = registry.get_model("vendors", "Vendor")
    Offering = registry.get_model("vendors", "Offering")
    CatalogImport = registry.get_model("vendors", "CatalogImport")
    data = data or builtin_data()
    summary = LoadSummary()
    started = timezone.now()
    prices_as_of: date = data["prices_as_of"]

    sources: dict[str, Any] = {}
    for ref, spec in data.get("sources", {}).items():
        values = {
            "citation": spec["citation"],
            "url": spec.get("url", ""),
            "retrieved_on": spec.get("retrieved_on"),
        }
        source, created = Source.objects.get_or_create(ref=f"builtin:{ref}", defaults=values)
        if not created and _assign(source, values):
            source.save()
            summary.changes.append(f"source {ref}")
        elif created:
            summary.changes.append(f"source {ref}")
        sources[ref] = source

    vendors: dict[str, Any] = {}
    for spec in data.get("vendors", []):
        values = {
            "slug": spec.get("slug") or slugify(spec["name"]),
            "hq_country": spec.get("hq_country", ""),
            "website": spec.get("website", ""),
            "notes": spec.get("notes", ""),
        }
        vendor, created = Vendor.objects.get_or_create(name=spec["name"], defaults=values)
        if created:
            summary.changes.append(f"vendor {vendor.name}")
        elif _assign(vendor, values):
            vendor.save()
            summary.changes.append(f"vendor {vendor.name}")
        wanted_sources = {sources[r].pk for r in spec.get("sources", [])}
        if set(vendor.sources.values_list("pk", flat=True)) != wanted_sources:
            vendor.sources.set(wanted_sources)
            summary.changes.append(f"vendor sources {vendor.name}")
        vendors[vendor.name] = vendor

    restriction_specs = data.get("restrictions", {})
    pending_prices: list[tuple[Any, dict[str, Any]]] = []
    for spec in data.get("offerings", []):
        offering = Offering.objects.filter(key=spec["key"]).first()
        values = _offering_values(spec, with_defaults=offering is None)
        values["vendor"] = vendors[spec["vendor"]]
        values["origin"] = "builtin"
        if offering is None:
            offering = Offering.objects.create(key=spec["key"], **values)
            summary.created += 1
            dirty = True
        else:
            dirty = _assign(offering, values)
            if dirty:
                offering.save()
        dirty |= _sync_offering_children(offering, spec, sources, restriction_specs)
        if spec.get("price"):
            pending_prices.append((offering, spec["price"]))
        if dirty and offering.created_at < started:
            summary.updated += 1
        elif not dirty:
            summary.unchanged += 1

    record = None
    existing = CatalogImport.objects.filter(kind="builtin", data_version=str(data["version"]))
    sha = hashlib.sha256(BUILTIN_PATH.read_bytes()).hexdigest() if data is builtin_data() else ""
    for offering, price in pending_prices:
        values = {
            field_name: (Decimal(str(price[k])) if price.get(k) is not None else None)
            for k, field_name in _PRICE_KEYS.items()
        }
        if price_record(
            offering=offering,
            values=values,
            effective_from=prices_as_of,
            currency=price.get("currency", "USD"),
            source=sources[price["source"]],
            apps=registry,
        ):
            summary.prices_added += 1
    if summary.changed or not existing.exists():
        record = CatalogImport.objects.create(
            kind="builtin",
            file_name=BUILTIN_PATH.name,
            sha256=sha,
            data_version=str(data["version"]),
            prices_as_of=prices_as_of,
            started_at=started,
            finished_at=timezone.now(),
            entries=len(data.get("offerings", [])),
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            prices_added=summary.prices_added,
        )
        OfferingPrice = registry.get_model("vendors", "OfferingPrice")
        OfferingPrice.objects.filter(
            offering__origin="builtin", effective_from=prices_as_of, catalog_import__isnull=True
        ).update(catalog_import=record)
    return summary


def _sync_offering_children(
    offering: Any, spec: dict[str, Any], sources: dict[str, Any], restriction_specs: dict[str, Any]
) -> bool:
    changed = False
    regions = {
        ("processing", r): {"kind": "processing", "region": r}
        for r in spec.get("processing_regions", [])
    } | {
        ("storage", r): {"kind": "storage", "region": r}
        for r in spec.get("storage_jurisdictions", [])
    }
    changed |= _sync_set(offering.regions, lambda row: (row.kind, row.region), regions)

    cert_source = sources.get(spec.get("certification_source", "article"))
    certs = {
        code: {"code": code, "note": spec.get("certification_note", ""), "source": cert_source}
        for code in spec.get("certifications", [])
    }
    changed |= _sync_set(offering.certifications, lambda row: row.code, certs)

    restrictions = {}
    for ref in spec.get("restrictions", []):
        r = restriction_specs[ref]
        restrictions[(r["kind"], r.get("jurisdiction", ""))] = {
            "kind": r["kind"],
            "jurisdiction": r.get("jurisdiction", ""),
            "date": r.get("date"),
            "note": r.get("note", ""),
            "source": sources[r["source"]],
        }
    changed |= _sync_set(
        offering.restrictions, lambda row: (row.kind, row.jurisdiction), restrictions
    )

    benchmarks = {
        b["benchmark"]: {
            "benchmark": b["benchmark"],
            "score": Decimal(str(b["score"])) if b.get("score") is not None else None,
            "unit": b.get("unit", "%"),
            "note": b.get("note", ""),
            "source": sources[b["source"]],
        }
        for b in spec.get("benchmarks", [])
    }
    changed |= _sync_set(offering.benchmarks, lambda row: row.benchmark, benchmarks)

    fact_sources = {
        (fact, sources[ref].pk): {"fact": fact, "source": sources[ref]}
        for fact, refs in spec.get("sources", {}).items()
        for ref in refs
    }
    # Only the data file's own sources: links an import added stay.
    changed |= _sync_set(
        offering.fact_sources,
        lambda row: (row.fact, row.source_id),
        fact_sources,
        rows=offering.fact_sources.filter(source__ref__startswith="builtin:"),
    )
    return changed
