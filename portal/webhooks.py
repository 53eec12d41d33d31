"""Webhooks: endpoints, event emission, signing and verification.

Other features announce events with ``webhook_emit(organization=..., event=...,
payload=...)``; a delivery row is written for every active endpoint of the
organization subscribed to the event, and a Celery task sends it once the
surrounding transaction commits.

Each delivery is a JSON POST with three headers:

- ``Tollgate-Event``: the event name, e.g. ``assessment.succeeded``;
- ``Tollgate-Delivery``: the delivery's UUID (the same on every retry, so a
  receiver can ignore duplicates);
- ``Tollgate-Signature``: ``t=<unix seconds>,v1=<hex HMAC-SHA256>``, the HMAC keyed
  with the endpoint's secret over ``f"{t}.{body}"`` (the raw request body).

``verify_signature`` is the reference check a receiver can copy.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import time
from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from portal.errors import ValidationFailed
from portal.models import (
    DeliveryStatus,
    Organization,
    User,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from portal.services import activity_record
from portal.tenancy import scope

SIGNATURE_HEADER = "Tollgate-Signature"
EVENT_HEADER = "Tollgate-Event"
DELIVERY_HEADER = "Tollgate-Delivery"
SECRET_PREFIX = "whsec_"  # noqa: S105 - not a secret
DEFAULT_TOLERANCE_SECONDS = 300
MAX_ENDPOINTS_PER_ORGANIZATION = 20


# --- signing -------------------------------------------------------------------------


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with ``secret``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={sign(secret, t, body)}"


def verify_signature(
    *,
    secret: str,
    header: str,
    body: bytes,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """True when ``header`` (the ``Tollgate-Signature`` value) signs ``body`` with
    ``secret`` and its timestamp is within ``tolerance`` seconds of now (replays of
    old deliveries fail). Compares in constant time."""
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if sep:
            parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in parts.get("v1", []))


# --- endpoints -----------------------------------------------------------------------

_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_webhook_url(url: Any) -> str:
    """An https URL (plain http to loopback only when WEBHOOKS_ALLOW_LOOPBACK is on)."""
    text = str(url or "").strip()
    if not text:
        raise ValueError("Give the URL that should receive the events.")
    if len(text) > 500:
        raise ValueError("Keep the URL under 500 characters.")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ValueError("Enter a valid URL.") from None
    if not host or parts.username or parts.password:
        raise ValueError("Enter a valid URL with a host name and no credentials in it.")
    if parts.scheme == "https":
        return text
    if parts.scheme == "http" and settings.WEBHOOKS_ALLOW_LOOPBACK and _is_loopback(host):
        return text
    raise ValueError("Use an https:// URL: deliveries are only sent over TLS.")


def clean_events(events: Any) -> list[str]:
    if not isinstance(events, (list, tuple)) or not events:
        raise ValueError("Choose at least one event.")
    bad = [str(e) for e in events if e not in WebhookEvent.values]
    if bad:
        raise ValueError(
            f"Unknown event(s): {', '.join(bad)}. Choose from {', '.join(WebhookEvent.values)}."
        )
    return [e for e in WebhookEvent.values if e in events]


def new_webhook_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _clean_endpoint(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name in sorted(set(data) - {"url", "events", "description", "is_active"}):
        errors[name] = ["This field is not part of a webhook endpoint."]
    checks = {
        "url": clean_webhook_url,
        "events": clean_events,
        "description": lambda v: _short_text(v, 200),
        "is_active": _boolean,
    }
    for name, check in checks.items():
        if name in data:
            try:
                cleaned[name] = check(data[name])
            except ValueError as exc:
                errors[name] = [str(exc)]
        elif not partial and name in ("url", "events"):
            errors[name] = ["This field is required."]
    if errors:
        raise ValidationFailed.for_fields(errors)
    return cleaned


def _short_text(value: Any, limit: int) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise ValueError(f"Keep this under {limit} characters.")
    return text


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("Answer true or false.")


@transaction.atomic
def webhook_endpoint_create(
    *, organization: Organization, data: dict[str, Any], actor: User | None = None
) -> WebhookEndpoint:
    """Register an endpoint; its ``secret`` is shown to the caller once."""
    cleaned = _clean_endpoint(data, partial=False)
    with scope(organization=organization):
        if (
            WebhookEndpoint.objects.filter(organization=organization).count()
            >= MAX_ENDPOINTS_PER_ORGANIZATION
        ):
            raise ValidationFailed.for_fields(
                {
                    "url": f"An organization can have at most {MAX_ENDPOINTS_PER_ORGANIZATION} "
                    "webhook endpoints."
                }
            )
        endpoint = WebhookEndpoint.objects.create(
            organization=organization,
            secret=new_webhook_secret(),
            created_by=actor if actor is not None and actor.is_authenticated else None,
            **cleaned,
        )
    activity_record(
        organization=organization,
        verb="webhook.created",
        summary=f"Webhook endpoint {endpoint.url} added",
        actor=actor,
        details={"endpoint": endpoint.pk, "events": endpoint.events},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, data: dict[str, Any], actor: User | None = None
) -> WebhookEndpoint:
    cleaned = _clean_endpoint(data, partial=True)
    for name, value in cleaned.items():
        setattr(endpoint, name, value)
    with scope(organization=endpoint.organization):
        endpoint.save()
    activity_record(
        organization=endpoint.organization,
        verb="webhook.updated",
        summary=f"Webhook endpoint {endpoint.url} changed",
        actor=actor,
        details={"endpoint": endpoint.pk, "changed": sorted(cleaned)},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor: User | None = None) -> None:
    organization, url = endpoint.organization, endpoint.url
    with scope(organization=organization):
        endpoint.delete()
    activity_record(
        organization=organization,
        verb="webhook.deleted",
        summary=f"Webhook endpoint {url} removed",
        actor=actor,
    )


@transaction.atomic
def webhook_secret_rotate(*, endpoint: WebhookEndpoint, actor: User | None = None) -> str:
    """Give the endpoint a new signing secret (returned once); the old one stops working."""
    endpoint.secret = new_webhook_secret()
    with scope(organization=endpoint.organization):
        endpoint.save(update_fields=["secret", "updated_at"])
    activity_record(
        organization=endpoint.organization,
        verb="webhook.secret_rotated",
        summary=f"Signing secret of webhook endpoint {endpoint.url} replaced",
        actor=actor,
    )
    return endpoint.secret


# --- deliveries ----------------------------------------------------------------------


def _enqueue(delivery_ids: list[int]) -> None:
    from portal.tasks_webhooks import deliver_webhook

    def send() -> None:
        for delivery_id in delivery_ids:
            deliver_webhook.delay(delivery_id)

    transaction.on_commit(send)


def webhook_emit(*, organization: Organization, event: str, payload: dict[str, Any]) -> None:
    """Announce ``event`` to the organization's subscribed endpoints.

    Writes one delivery per active endpoint that receives the event (inside the
    caller's transaction) and sends them after commit. ``payload`` must be JSON
    serialisable; it becomes the ``data`` of the delivered body.
    """
    if event not in WebhookEvent.values:
        raise ValueError(f"Unknown webhook event {event!r}.")
    json.dumps(payload)  # fail here, in the caller, rather than in the worker
    with transaction.atomic(), scope(organization=organization):
        endpoints = [
            e
            for e in WebhookEndpoint.objects.filter(organization=organization, is_active=True)
            if e.receives(event)
        ]
        deliveries = [
            WebhookDelivery.objects.create(
                organization=organization, endpoint=endpoint, event=event, payload=payload
            )
            for endpoint in endpoints
        ]
    if deliveries:
        _enqueue([d.pk for d in deliveries])


@transaction.atomic
def webhook_delivery_resend(*, delivery: WebhookDelivery, actor: User | None = None) -> None:
    """Send a delivery again (same delivery id, same body, a fresh signature)."""
    with scope(organization=delivery.organization):
        # A fresh budget of attempts; the activity log keeps the history of resends.
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, attempts=0, last_error="", response_code=None
        )
    delivery.refresh_from_db()
    activity_record(
        organization=delivery.organization,
        verb="webhook.resent",
        summary=f"Delivery of {delivery.event} to {delivery.endpoint.url} queued again",
        actor=actor,
        details={"delivery": str(delivery.delivery_id)},
    )
    _enqueue([delivery.pk])


def delivery_body(delivery: WebhookDelivery) -> bytes:
    """The exact bytes POSTed (and signed) for a delivery."""
    document = {
        "id": str(delivery.delivery_id),
        "event": delivery.event,
        "created_at": delivery.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "organization": delivery.organization.slug,
        "data": delivery.payload,
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode("utf-8")


def delivery_headers(delivery: WebhookDelivery, body: bytes, secret: str) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "Tollgate-Webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.delivery_id),
        SIGNATURE_HEADER: signature_header(secret, body),
    }


def retry_delay(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base, 2x base, 4x base... The cap stays
    below the broker's visibility timeout, so a waiting retry is never handed out twice."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    cap = max(settings.CELERY_VISIBILITY_TIMEOUT // 2, 1)
    return int(min(base * 2 ** max(attempt - 1, 0), cap))
