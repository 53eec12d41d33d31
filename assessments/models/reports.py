"""Stored board reports of assessment runs.

One report per run. The PDF lives in the database row next to its run (a few
hundred kilobytes), so the web and worker machines need no shared volume and a
backup of the database keeps every delivered report. It is rendered from the
run's snapshot and results only, and rendered again only when someone asks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.models import Organization
from portal.tenancy import TenantManager

__all__ = ["AssessmentReport", "ReportStatus"]


class ReportStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be rendered"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class AssessmentReport(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="assessment_reports"
    )
    run = models.OneToOneField(
        "assessments.AssessmentRun", on_delete=models.CASCADE, related_name="report"
    )
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_bytes = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    render_seconds = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Render attempts since the last request."
    )
    error = models.TextField(blank=True)

    objects = TenantManager()

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Report of run {self.run_id} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY and self.pdf_bytes > 0
