"""Assessment runs: one row per assessment, the single source of truth for its state.

Celery results are ignored. Status, progress, attempts and the heartbeat live
here; the inputs are snapshotted when the run starts, so the results and any
later report depend only on this row, never on today's catalog or answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.models import Organization
from portal.tenancy import TenantManager

__all__ = ["AssessmentRun", "RunStatus"]


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


FINISHED_STATUSES = (RunStatus.SUCCEEDED, RunStatus.FAILED)


class AssessmentRun(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="assessment_runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parameters = models.JSONField(
        default=dict, help_text="The run's parameters as requested, with defaults filled in."
    )
    status = models.CharField(
        max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    error = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker has claimed this run."
    )
    max_attempts = models.PositiveSmallIntegerField(default=3)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ruleset_version = models.CharField(max_length=40, blank=True)
    catalog_version = models.CharField(max_length=80, blank=True)
    inputs_snapshot = models.JSONField(
        default=dict,
        help_text="Organization profile, workloads, offering facts and prices, and the "
        "assumptions, as they were when the run started.",
    )
    results = models.JSONField(null=True, blank=True)

    objects = TenantManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="run_org_created"),
            models.Index(fields=["status", "heartbeat_at"], name="run_status_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100), name="run_progress_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment run {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def workload_count(self) -> int:
        return len(self.inputs_snapshot.get("workloads", []))
