"""Sending webhook deliveries (Celery), with retries and exponential backoff.

The delivery row is the truth: attempts, the last response code and error, and the
final status are written there after every attempt.
"""

from __future__ import annotations

import requests
from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_scopes import scopes_disabled

from portal.models import DeliveryStatus, WebhookDelivery
from portal.webhooks import delivery_body, delivery_headers, retry_delay


def _attempt(delivery: WebhookDelivery) -> tuple[bool, int | None, str]:
    body = delivery_body(delivery)
    headers = delivery_headers(delivery, body, delivery.endpoint.secret)
    try:
        response = requests.post(
            delivery.endpoint.url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return False, None, f"{exc.__class__.__name__}: {exc}"[:1000]
    if 200 <= response.status_code < 300:
        return True, response.status_code, ""
    snippet = response.text[:300] if response.text else ""
    return False, response.status_code, f"HTTP {response.status_code} {snippet}".strip()


@shared_task(name="portal.deliver_webhook", acks_late=True, ignore_result=True)
def deliver_webhook(delivery_id: int) -> None:
    """One attempt at sending a delivery; schedules the next attempt on failure."""
    with scopes_disabled():
        delivery = (
            WebhookDelivery.objects.select_related("endpoint", "organization")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return
        if not delivery.endpoint.is_active:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.FAILED, last_error="The endpoint is disabled."
            )
            return
        ok, code, error = _attempt(delivery)
        now = timezone.now()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=F("attempts") + 1, last_attempt_at=now, response_code=code, last_error=error
        )
        delivery.refresh_from_db(fields=["attempts"])
        if ok:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SUCCEEDED, delivered_at=now
            )
            return
        if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED)
            return
    deliver_webhook.apply_async((delivery_id,), countdown=retry_delay(delivery.attempts))
