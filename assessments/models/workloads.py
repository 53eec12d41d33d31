"""Workloads: the questionnaire answers, their latency evidence and their audit trail.

Field names follow QUESTIONNAIRE.md exactly. Multi-choices are JSON lists of codes.
A workload may be stored as a draft with answers missing; completeness is computed
by :func:`assessments.workloads.validation.missing_required` (never stored), and all
rules live in ``assessments.workloads.validation``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models

from assessments.workloads import fields as spec
from portal.models import Organization
from portal.tenancy import TenantManager

__all__ = ["LatencySampleSet", "Workload", "WorkloadChange"]


def _choices(name: str) -> list[tuple[str, str]]:
    return list(spec.BY_NAME[name].choices)


class Workload(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="workloads"
    )
    # Identity
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    status = models.CharField(max_length=16, choices=_choices("status"), default="planned")
    use_case = models.CharField(max_length=32, choices=_choices("use_case"), blank=True, default="")
    customer_facing = models.BooleanField(default=False)
    # Data and obligations
    data_categories = models.JSONField(default=list, blank=True)
    data_subject_regions = models.JSONField(default=list, blank=True)
    regulations = models.JSONField(default=list, blank=True)
    contract_prohibits_china_transfer = models.BooleanField(default=False)
    contract_data_residency = models.JSONField(default=list, blank=True)
    contracts_with_sovereignty_share = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0")
    )
    sensitive_topics = models.BooleanField(default=False)
    programming_languages = models.JSONField(default=list, blank=True)
    # Traffic and performance
    daily_input_tokens = models.BigIntegerField(null=True, blank=True)
    daily_output_tokens = models.BigIntegerField(null=True, blank=True)
    reasoning_multiplier = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("1"))
    cached_input_share = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0"))
    batch_eligible = models.BooleanField(default=False)
    active_days_per_month = models.PositiveSmallIntegerField(null=True, blank=True)
    avg_context_tokens = models.PositiveBigIntegerField(default=0)
    streaming = models.BooleanField(default=False)
    latency_sensitive = models.BooleanField(default=False)
    p99_latency_sla_ms = models.PositiveIntegerField(null=True, blank=True)
    expected_growth_12m = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("1"))
    # Current state
    current_offering = models.CharField(max_length=200, blank=True, default="")
    current_monthly_spend_usd = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )
    revert_max_downtime_pct = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("5")
    )
    revert_max_p99_ms = models.PositiveIntegerField(default=2000)
    # Bookkeeping
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantManager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="workload_name_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def answers(self) -> dict[str, Any]:
        """Every questionnaire answer, keyed by field name."""
        return {name: getattr(self, name) for name in spec.FIELD_NAMES}

    @property
    def missing_fields(self) -> list[str]:
        from assessments.workloads.validation import missing_required

        return missing_required(self.answers())

    @property
    def is_complete(self) -> bool:
        return not self.missing_fields

    @property
    def completion_percent(self) -> int:
        from assessments.workloads.validation import completion_percent

        return completion_percent(self.answers())


class LatencySampleSet(models.Model):
    """Staging load-test latencies (ms) of one workload on one catalog offering.

    One set per workload and offering: a new upload replaces the previous one.
    count and the percentiles are computed at upload (nearest rank) and stored.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="latency_sample_sets"
    )
    workload = models.ForeignKey(
        Workload, on_delete=models.CASCADE, related_name="latency_sample_sets"
    )
    offering = models.CharField(max_length=200)
    samples = models.JSONField(default=list)
    count = models.PositiveIntegerField(default=0)
    p50 = models.PositiveIntegerField(null=True, blank=True)
    p90 = models.PositiveIntegerField(null=True, blank=True)
    p99 = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()

    class Meta:
        ordering = ["offering"]
        constraints = [
            models.UniqueConstraint(
                fields=["workload", "offering"], name="one_latency_set_per_offering"
            )
        ]

    def __str__(self) -> str:
        return f"{self.workload} on {self.offering}: {self.count} samples"


class WorkloadChange(models.Model):
    """One entry of a workload's audit trail: who changed which answers, and when."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="workload_changes"
    )
    workload = models.ForeignKey(Workload, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=32)  # created, updated, imported, cloned, latency
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(
        max_length=200, blank=True, default="", help_text="Who acted when there is no account."
    )
    # {"field": {"old": ..., "new": ...}} with JSON-friendly values
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = TenantManager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.workload_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def who(self) -> str:
        if self.actor_id is not None and self.actor is not None:
            return self.actor.get_full_name()
        return self.actor_label or "someone"
