"""Invitations, client onboarding and respondent links.

Links sent by e-mail carry a random token (``secrets.token_urlsafe``, 256 bits);
only its SHA-256 digest is stored, so a database leak gives no usable links. A
link is good until it expires, is revoked, or (invitations) has been used once.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from portal.models.core import Organization, Role, User

__all__ = ["ClientOnboarding", "Invitation", "RespondentLink", "WorkloadIntake"]


class Invitation(models.Model):
    """An e-mailed invitation to join an organization with a role."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("e-mail address")
    role = models.CharField(max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "email"])]

    def __str__(self) -> str:
        return f"{self.email} to {self.organization_id} as {self.role}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        return self.status == "pending"


class WorkloadIntake(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", "Client staff fill in the online questionnaire"
    SPREADSHEET = "spreadsheet", "Import a spreadsheet (CSV or XLSX)"
    RESPONDENT_LINKS = "respondent_links", "Send each workload's owner a questionnaire link"


class ClientOnboarding(models.Model):
    """Where a consultant is in onboarding a client, and how workloads will arrive."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="onboarding"
    )
    workload_intake = models.CharField(max_length=24, choices=WorkloadIntake.choices, blank=True)
    started_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organization="organization")

    def __str__(self) -> str:
        return f"onboarding of {self.organization_id}"


class RespondentLink(models.Model):
    """A link for someone without an account to answer one workload's questionnaire.

    Scoped to that workload only; closes when the answers are submitted as
    complete, when it expires, or when it is revoked.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="respondent_links"
    )
    workload = models.ForeignKey(
        "assessments.Workload", on_delete=models.CASCADE, related_name="respondent_links"
    )
    email = models.EmailField("respondent's e-mail address")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"respondent link for workload {self.workload_id} to {self.email}"

    @property
    def status(self) -> str:
        if self.completed_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
