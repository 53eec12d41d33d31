"""The vendor catalog: vendors, offerings, effective-dated prices and sourced facts.

The catalog is shared by every organization (it is not tenant-owned). An offering
is a model *as served by a host in a region*: DeepSeek V3 from DeepSeek's own API
and DeepSeek V3.2 from a US cloud in an EU region are different offerings, because
the compliance rules look at where data is processed and stored and by whom.

Prices are history, never one number: each ``OfferingPrice`` row is valid from
``effective_from`` (inclusive) to ``effective_to`` (exclusive, open when null).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from portal.models.core import Region


class DeploymentMode(models.TextChoices):
    API = "api", "Vendor or cloud API"
    SELF_HOSTED = "self_hosted", "Self-hosted open weights"


class Architecture(models.TextChoices):
    MOE = "moe", "Mixture of experts"
    DENSE = "dense", "Dense"
    UNKNOWN = "unknown", "Unknown"


# Offerings use the same region codes as the questionnaire.
CatalogRegion = Region


class CertificationCode(models.TextChoices):
    SOC2 = "soc2", "SOC 2"
    ISO27001 = "iso27001", "ISO 27001"
    HIPAA_BAA = "hipaa_baa", "HIPAA BAA"
    GDPR_DPA = "gdpr_dpa", "GDPR DPA"
    EU_RESIDENCY = "eu_residency", "EU data residency"
    FEDRAMP = "fedramp", "FedRAMP"


class RestrictionKind(models.TextChoices):
    REGULATORY_BAN = "regulatory_ban", "Regulatory ban"
    EXPORT_CONTROL = "export_control_investigation", "Export-control investigation"
    CENSORED_TOPICS = "censored_topics", "Censored topics"


class Origin(models.TextChoices):
    BUILTIN = "builtin", "Built-in catalog"
    LITELLM = "litellm", "LiteLLM price file"
    MANUAL = "manual", "Entered by staff"


class Source(models.Model):
    """Where a fact comes from: a citation or URL and the date it was read."""

    ref = models.CharField(
        max_length=300, unique=True, help_text="Stable identifier used by the data files."
    )
    citation = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    retrieved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["citation"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        text = self.citation
        if self.url and self.url not in text:
            text = f"{text} <{self.url}>"
        if self.retrieved_on:
            text = f"{text} (retrieved {self.retrieved_on.isoformat()})"
        return text


class Vendor(models.Model):
    """Who trained the model (or, for hosting-only entries, who serves it)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    hq_country = models.CharField(
        "headquarters country",
        max_length=2,
        blank=True,
        help_text="ISO 3166-1 alpha-2, lower case.",
    )
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="vendors")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Offering(models.Model):
    key = models.CharField(
        max_length=255, unique=True, help_text="Stable key; LiteLLM's key for imported entries."
    )
    name = models.CharField(max_length=200)
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="offerings")
    model_family = models.CharField(max_length=100, blank=True)
    weights_origin_country = models.CharField(max_length=2, blank=True)
    host_provider = models.CharField(max_length=100, blank=True)
    litellm_provider = models.CharField(max_length=100, blank=True)
    mode = models.CharField(max_length=20, default="chat")
    deployment_mode = models.CharField(
        max_length=16, choices=DeploymentMode.choices, default=DeploymentMode.API
    )
    architecture = models.CharField(
        max_length=10, choices=Architecture.choices, default=Architecture.UNKNOWN
    )
    total_params_b = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    active_params_b = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    context_window = models.PositiveIntegerField(null=True, blank=True)
    max_output_tokens = models.PositiveIntegerField(null=True, blank=True)
    supports_streaming = models.BooleanField(null=True, blank=True)
    is_reasoning = models.BooleanField(default=False)
    open_weights = models.BooleanField(default=False)
    licence = models.CharField(max_length=100, blank=True)
    retirement_date = models.DateField(null=True, blank=True)
    successor_key = models.CharField(max_length=255, blank=True)
    censored_topics = models.BooleanField(default=False)
    gpu_count = models.PositiveSmallIntegerField(null=True, blank=True)
    gpu_type = models.CharField(max_length=100, blank=True)
    gpu_memory_gb = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    sources = models.ManyToManyField(
        Source, through="OfferingSource", blank=True, related_name="offerings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor__name", "name", "key"]
        indexes = [models.Index(fields=["host_provider"]), models.Index(fields=["mode"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"


class OfferingSource(models.Model):
    """A source for one fact (``fact`` names the field, ``*`` for the whole entry)."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="fact_sources")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    fact = models.CharField(max_length=60, default="*")

    class Meta:
        ordering = ["fact", "source__citation"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "source", "fact"], name="one_source_per_offering_fact"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering.key} {self.fact}: {self.source}"


class RegionKind(models.TextChoices):
    PROCESSING = "processing", "Processing"
    STORAGE = "storage", "Data storage"


class OfferingRegion(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="regions")
    kind = models.CharField(max_length=10, choices=RegionKind.choices)
    region = models.CharField(max_length=8, choices=CatalogRegion.choices)

    class Meta:
        ordering = ["kind", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "kind", "region"], name="one_region_row_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering.key} {self.kind} {self.region}"


class OfferingCertification(models.Model):
    """A certification or contract instrument available for the offering."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="certifications")
    code = models.CharField(max_length=16, choices=CertificationCode.choices)
    note = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "code"], name="one_certification_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.offering.key} {self.code}"


class Restriction(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(max_length=32, choices=RestrictionKind.choices)
    jurisdiction = models.CharField(max_length=16, blank=True, help_text="ISO-2 country or 'eu'.")
    date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["date", "kind"]

    def __str__(self) -> str:
        return f"{self.offering.key} {self.kind} {self.jurisdiction}"


class BenchmarkNote(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="benchmarks")
    benchmark = models.CharField(max_length=100)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True, default="%")
    note = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["benchmark"]

    def __str__(self) -> str:
        return f"{self.offering.key} {self.benchmark} {self.score}{self.unit}"


class CatalogImport(models.Model):
    """One load of prices into the catalog (built-in data file or LiteLLM file)."""

    kind = models.CharField(max_length=10, choices=Origin.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    data_version = models.CharField(max_length=64, blank=True)
    prices_as_of = models.DateField(help_text="The date the imported prices are effective from.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    entries = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    prices_added = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=dict, blank=True, help_text="Reason -> count.")
    errors = models.JSONField(default=list, blank=True, help_text="[{key, message}] (first 500).")

    class Meta:
        ordering = ["-finished_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} at {self.finished_at:%Y-%m-%d %H:%M}"


class OfferingPrice(models.Model):
    """List prices in ``currency`` per million tokens, valid from/to a date."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="prices")
    input_per_mtok = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    output_per_mtok = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    cached_input_per_mtok = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True
    )
    batch_input_per_mtok = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True
    )
    batch_output_per_mtok = models.DecimalField(
        max_digits=16, decimal_places=8, null=True, blank=True
    )
    currency = models.CharField(max_length=3, default="USD")
    effective_from = models.DateField()
    effective_to = models.DateField(
        null=True, blank=True, help_text="Exclusive; empty while the price is current."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True)
    catalog_import = models.ForeignKey(
        CatalogImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="prices"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    PRICE_FIELDS = (
        "input_per_mtok",
        "output_per_mtok",
        "cached_input_per_mtok",
        "batch_input_per_mtok",
        "batch_output_per_mtok",
    )

    class Meta:
        ordering = ["offering", "effective_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering"],
                condition=Q(effective_to__isnull=True),
                name="one_open_price_per_offering",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="price_period_not_reversed",
            ),
        ]
        indexes = [models.Index(fields=["offering", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.offering.key} from {self.effective_from}"
