"""API tokens and webhooks."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from portal.models.core import Organization, User

__all__ = [
    "ApiToken",
    "DeliveryStatus",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]


class ApiToken(models.Model):
    """A bearer token for the REST API.

    Only the SHA-256 of the token is stored; the token itself is shown once, when
    it is created. ``prefix`` (``tg_`` and eight characters) is the visible part
    people use to recognise a token. A token bound to an ``organization`` reaches
    that organization only; a personal token (``organization`` empty) reaches what
    its user's memberships allow. Tokens belong to a person, not to a tenant, so
    the manager is not scoped.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        help_text="Empty for a personal token.",
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    hashed_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: object | None = None) -> bool:
        moment = now or timezone.now()
        return self.expires_at is not None and self.expires_at <= moment  # type: ignore[operator]

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired()


class WebhookEvent(models.TextChoices):
    ASSESSMENT_SUCCEEDED = "assessment.succeeded", "Assessment succeeded"
    ASSESSMENT_FAILED = "assessment.failed", "Assessment failed"
    REPORT_READY = "report.ready", "Report ready"


class WebhookEndpoint(models.Model):
    """An HTTPS URL of an organization that receives signed event deliveries."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="Event names this endpoint receives.")
    # The signing secret must be readable to sign deliveries, so it is stored as is.
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.url

    def receives(self, event: str) -> bool:
        return self.is_active and event in (self.events or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one endpoint, with the log of its delivery attempts."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=64, choices=WebhookEvent.choices)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} -> {self.endpoint_id} ({self.status})"
