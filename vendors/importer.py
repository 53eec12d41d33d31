"""Importing LiteLLM's price file into the catalog: one transaction, bulk writes.

Policy:
- New keys become offerings (origin ``litellm``) with the facts the file states.
- For offerings the file created, the file's facts are kept up to date. For
  built-in or staff-entered offerings, curated facts win: the import only fills
  facts that are empty, and always tracks retirement, successor and prices.
- A changed price closes the current price row on the import's effective date and
  adds one new row; an unchanged price adds nothing. Re-importing an unchanged file
  changes no offering and no price (it still records that the import happened,
  which is what the stale-data warning reads).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from portal.errors import ValidationFailed
from vendors.litellm import ParsedEntry, load_json, parse_document
from vendors.models import (
    CatalogImport,
    Offering,
    OfferingPrice,
    OfferingRegion,
    OfferingSource,
    Origin,
    RegionKind,
    Source,
    Vendor,
)

CHUNK = 900
LITELLM_SOURCE_REF = "litellm:price-file"
LITELLM_CITATION = "LiteLLM model price and context window file (BerriAI/litellm, MIT licence)"
LITELLM_URL = "https://github.com/BerriAI/litellm"
# Facts the file states, and which of them track the file even on curated offerings.
FILE_FACTS = (
    "mode",
    "litellm_provider",
    "context_window",
    "max_output_tokens",
    "supports_streaming",
    "is_reasoning",
    "retirement_date",
    "successor_key",
)
ALWAYS_TRACKED = ("retirement_date", "successor_key")
LITELLM_OWNED = (*FILE_FACTS, "vendor_id", "host_provider", "weights_origin_country")
PRICE_FIELDS = OfferingPrice.PRICE_FIELDS


@dataclass
class ImportSummary:
    file_name: str
    entries: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    prices_added: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    dry_run: bool = False
    record_id: int | None = None
    prices_as_of: date | None = None

    @property
    def skipped_by_reason(self) -> list[tuple[str, int]]:
        return sorted(self.skipped.items())

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def lines(self) -> list[str]:
        head = "Dry run (nothing saved): " if self.dry_run else ""
        out = [
            f"{head}{self.entries} entries in {self.file_name}: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged, "
            f"{self.prices_added} price rows added.",
        ]
        if self.skipped:
            reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
            out.append(f"Skipped {sum(self.skipped.values())} ({reasons}).")
        for error in self.errors[:50]:
            out.append(f"  malformed {error['key']}: {error['message']}")
        if len(self.errors) > 50:
            out.append(f"  ... and {len(self.errors) - 50} more malformed entries.")
        return out


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _same_price(row: OfferingPrice | None, prices: dict[str, Decimal | None]) -> bool:
    if row is None:
        return False
    for name in PRICE_FIELDS:
        current, new = getattr(row, name), prices[name]
        if (current is None) != (new is None):
            return False
        if current is not None and Decimal(current) != new:
            return False
    return True


def _vendors_for(entries: list[ParsedEntry]) -> dict[str, Vendor]:
    wanted = {e.vendor: e.vendor_hq_country for e in entries}
    existing = {v.name: v for v in Vendor.objects.filter(name__in=list(wanted))}
    taken = set(Vendor.objects.values_list("slug", flat=True))
    new = []
    for name, country in wanted.items():
        if name in existing:
            continue
        base = slugify(name)[:90] or "vendor"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        new.append(Vendor(name=name, slug=slug, hq_country=country))
    for vendor in Vendor.objects.bulk_create(new):
        existing[vendor.name] = vendor
    if new:  # bulk_create may not return primary keys on every backend
        existing.update({v.name: v for v in Vendor.objects.filter(name__in=[v.name for v in new])})
    return existing


def _url_sources(entries: list[ParsedEntry]) -> dict[str, Source]:
    urls = sorted({e.source_url for e in entries if e.source_url})
    refs = {f"url:{u}"[:300]: u for u in urls}
    existing = {s.ref: s for s in Source.objects.filter(ref__in=list(refs))}
    missing = [
        Source(ref=ref, citation=f"Price page cited by LiteLLM: {url}"[:500], url=url)
        for ref, url in refs.items()
        if ref not in existing
    ]
    if missing:
        Source.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {s.ref: s for s in Source.objects.filter(ref__in=list(refs))}
    return {url: existing[ref] for ref, url in refs.items()}


def _file_facts(entry: ParsedEntry) -> dict[str, Any]:
    return {
        "mode": entry.mode,
        "litellm_provider": entry.litellm_provider,
        "context_window": entry.context_window,
        "max_output_tokens": entry.max_output_tokens,
        "supports_streaming": entry.supports_streaming,
        "is_reasoning": entry.is_reasoning,
        "retirement_date": entry.retirement_date,
        "successor_key": entry.successor_key,
    }


def _updates_for(offering: Offering, entry: ParsedEntry, vendor: Vendor) -> set[str]:
    """Set the facts the import may change on ``offering``; the names changed."""
    changed: set[str] = set()
    facts = _file_facts(entry)
    if offering.origin == Origin.LITELLM:
        facts |= {
            "vendor_id": vendor.pk,
            "host_provider": entry.host_provider,
            "weights_origin_country": entry.weights_origin_country,
        }
    for name, value in facts.items():
        current = getattr(offering, name)
        if offering.origin != Origin.LITELLM and name not in ALWAYS_TRACKED:
            if current not in (None, "", False) or value in (None, ""):
                continue  # curated facts win; the file only fills gaps
        elif name in ALWAYS_TRACKED and value in (None, "") and offering.origin != Origin.LITELLM:
            continue
        if current != value:
            setattr(offering, name, value)
            changed.add(name)
    return changed


def catalog_import_litellm(
    *,
    raw: bytes,
    file_name: str,
    effective_from: date | None = None,
    user: Any = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import a LiteLLM price file. Raises ValidationFailed when nothing is importable."""
    try:
        data = load_json(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed.for_fields({"file": f"This is not a JSON file: {exc}"}) from None
    parsed = parse_document(data)
    effective = effective_from or timezone.localdate()
    summary = ImportSummary(
        file_name=file_name,
        entries=parsed.total,
        skipped=parsed.skipped,
        errors=parsed.errors,
        dry_run=dry_run,
        prices_as_of=effective,
    )
    if not parsed.entries:
        problems = [f"{e['key']}: {e['message']}" for e in parsed.errors[:20]]
        raise ValidationFailed.for_fields(
            {"file": ["No chat, completion or responses entry could be imported.", *problems]}
        )
    now = timezone.now()
    with transaction.atomic():
        record = None
        if not dry_run:
            record = CatalogImport.objects.create(
                kind=Origin.LITELLM,
                file_name=file_name[:255],
                sha256=hashlib.sha256(raw).hexdigest(),
                prices_as_of=effective,
                started_at=now,
                finished_at=now,
                imported_by=user if user is not None and user.is_authenticated else None,
            )
        _apply(parsed.entries, summary, effective, progress, record)
        if record is None:
            transaction.set_rollback(True)
            return summary
        record.finished_at = timezone.now()
        record.entries = summary.entries
        record.created = summary.created
        record.updated = summary.updated
        record.unchanged = summary.unchanged
        record.prices_added = summary.prices_added
        record.skipped = dict(summary.skipped)
        record.errors = summary.errors[:500]
        record.save()
        summary.record_id = record.pk
    return summary


def _apply(
    entries: list[ParsedEntry],
    summary: ImportSummary,
    effective: date,
    progress: Callable[[int, int], None] | None,
    record: CatalogImport | None,
) -> None:
    # Later duplicates of a key (not expected in the file) win.
    by_key = {e.key: e for e in entries}
    entries = list(by_key.values())
    vendors = _vendors_for(entries)
    url_sources = _url_sources(entries)
    file_source, _ = Source.objects.get_or_create(
        ref=LITELLM_SOURCE_REF, defaults={"citation": LITELLM_CITATION, "url": LITELLM_URL}
    )

    existing: dict[str, Offering] = {}
    for chunk in _chunks(list(by_key)):
        existing.update({o.key: o for o in Offering.objects.filter(key__in=chunk)})
    existing_ids = [o.pk for o in existing.values()]
    open_prices: dict[int, OfferingPrice] = {}
    regions: dict[int, set[tuple[str, str]]] = {}
    linked: set[tuple[int, int, str]] = set()
    for chunk in _chunks(existing_ids):
        for price in OfferingPrice.objects.filter(offering_id__in=chunk, effective_to__isnull=True):
            open_prices[price.offering_id] = price
        for r in OfferingRegion.objects.filter(offering_id__in=chunk):
            regions.setdefault(r.offering_id, set()).add((r.kind, r.region))
        linked.update(
            OfferingSource.objects.filter(offering_id__in=chunk).values_list(
                "offering_id", "source_id", "fact"
            )
        )

    to_create: list[Offering] = []
    to_update: list[Offering] = []
    update_fields: set[str] = set()
    changed_ids: set[int] = set()
    for index, entry in enumerate(entries, start=1):
        vendor = vendors[entry.vendor]
        offering = existing.get(entry.key)
        if offering is None:
            to_create.append(
                Offering(
                    key=entry.key,
                    name=entry.name,
                    vendor=vendor,
                    host_provider=entry.host_provider,
                    weights_origin_country=entry.weights_origin_country,
                    open_weights=entry.open_weights,
                    licence=entry.licence,
                    origin=Origin.LITELLM,
                    **_file_facts(entry),
                )
            )
        else:
            changed = _updates_for(offering, entry, vendor)
            if changed:
                to_update.append(offering)
                update_fields |= changed
                changed_ids.add(offering.pk)
        if progress and (index % 500 == 0 or index == len(entries)):
            progress(index, len(entries))

    for chunk in _chunks(to_create):
        Offering.objects.bulk_create(chunk)
    if to_create:
        created_keys = [o.key for o in to_create]
        for chunk in _chunks(created_keys):
            existing.update({o.key: o for o in Offering.objects.filter(key__in=chunk)})
    if to_update:
        fields = sorted(update_fields | {"updated_at"})
        now = timezone.now()
        for offering in to_update:
            offering.updated_at = now
        Offering.objects.bulk_update(to_update, fields, batch_size=500)
    summary.created = len(to_create)
    created_keys_set = {o.key for o in to_create}

    # Regions: the file's regions for offerings it owns; curated offerings keep theirs.
    new_regions: list[OfferingRegion] = []
    replace_ids: list[int] = []
    for entry in entries:
        offering = existing[entry.key]
        if offering.origin != Origin.LITELLM:
            continue
        wanted = {
            (kind, r) for r in entry.regions for kind in (RegionKind.PROCESSING, RegionKind.STORAGE)
        }
        current = regions.get(offering.pk, set())
        if wanted == {(str(k), r) for k, r in current}:
            continue
        if current:
            replace_ids.append(offering.pk)
        if entry.key not in created_keys_set:
            changed_ids.add(offering.pk)
        new_regions.extend(OfferingRegion(offering=offering, kind=k, region=r) for k, r in wanted)
    for chunk in _chunks(replace_ids):
        OfferingRegion.objects.filter(offering_id__in=chunk).delete()
    OfferingRegion.objects.bulk_create(new_regions, batch_size=1000)

    # Sources: the file for every imported offering, and the price page it cites.
    links: list[OfferingSource] = []
    for entry in entries:
        offering = existing[entry.key]
        wanted_links = []
        if offering.origin == Origin.LITELLM:
            wanted_links.append((file_source, "*"))
        if entry.source_url:
            wanted_links.append((url_sources[entry.source_url], "prices"))
        for source, fact in wanted_links:
            if (offering.pk, source.pk, fact) not in linked:
                links.append(OfferingSource(offering=offering, source=source, fact=fact))
    OfferingSource.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)

    # Prices: close and add only where the file's price differs from the current one.
    price_source: Source | None = None
    closing: list[OfferingPrice] = []
    adding: list[OfferingPrice] = []
    for entry in entries:
        offering = existing[entry.key]
        current = open_prices.get(offering.pk)
        if _same_price(current, entry.prices):
            continue
        if current is not None and current.effective_from > effective:
            summary.errors.append(
                {
                    "key": entry.key,
                    "message": f"price not changed: the current price starts later "
                    f"({current.effective_from.isoformat()}) than this import's date",
                }
            )
            continue
        if price_source is None:
            price_source, _ = Source.objects.get_or_create(
                ref=f"litellm:{effective.isoformat()}",
                defaults={
                    "citation": f"{LITELLM_CITATION}, imported {effective.isoformat()}",
                    "url": LITELLM_URL,
                    "retrieved_on": effective,
                },
            )
        if current is not None:
            current.effective_to = effective
            closing.append(current)
        adding.append(
            OfferingPrice(
                offering=offering,
                effective_from=effective,
                source=price_source,
                catalog_import=record,
                currency="USD",
                **entry.prices,
            )
        )
        if entry.key not in created_keys_set:
            changed_ids.add(offering.pk)
    OfferingPrice.objects.bulk_update(closing, ["effective_to"], batch_size=1000)
    OfferingPrice.objects.bulk_create(adding, batch_size=1000)
    summary.prices_added = len(adding)
    summary.updated = len(changed_ids)
    summary.unchanged = len(entries) - summary.created - summary.updated
