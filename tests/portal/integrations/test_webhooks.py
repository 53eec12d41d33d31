"""Webhooks: endpoints, emission, real signed deliveries, retries, resending."""

from __future__ import annotations

import json
import time

import pytest
from django_scopes import scope, scopes_disabled

from portal.errors import ValidationFailed
from portal.models import DeliveryStatus, WebhookDelivery
from portal.webhooks import (
    signature_header,
    verify_signature,
    webhook_delivery_resend,
    webhook_emit,
    webhook_endpoint_create,
)
from tests.portal.integrations.receiver import start_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    receiver, server = start_receiver()
    yield receiver
    server.shutdown()
    server.server_close()


def _endpoint(org, url, events=("assessment.succeeded", "assessment.failed")):
    return webhook_endpoint_create(organization=org, data={"url": url, "events": list(events)})


def test_signature_round_trip_and_rejections():
    body = b'{"event":"assessment.succeeded"}'
    header = signature_header("whsec_abc", body, timestamp=1_700_000_000)
    assert verify_signature(secret="whsec_abc", header=header, body=body, now=1_700_000_010)
    assert not verify_signature(secret="whsec_other", header=header, body=body, now=1_700_000_010)
    assert not verify_signature(secret="whsec_abc", header=header, body=body + b" ", now=1.7e9)
    # replayed long after it was signed
    assert not verify_signature(secret="whsec_abc", header=header, body=body, now=1_700_009_999)
    assert not verify_signature(secret="whsec_abc", header="garbage", body=body)


def test_real_delivery_is_signed_and_verifiable(
    receiver, triangle, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(triangle.org_a, receiver.url)
    other_org = _endpoint(triangle.org_b, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(
            organization=triangle.org_a,
            event="assessment.succeeded",
            payload={"run_id": 17, "status": "succeeded"},
        )
    assert len(receiver.received) == 1
    hit = receiver.received[0]
    assert verify_signature(
        secret=endpoint.secret, header=hit.headers["Tollgate-Signature"], body=hit.body
    )
    assert not verify_signature(
        secret=other_org.secret, header=hit.headers["Tollgate-Signature"], body=hit.body
    )
    document = json.loads(hit.body)
    assert document["event"] == "assessment.succeeded"
    assert document["organization"] == "acme"
    assert document["data"] == {"run_id": 17, "status": "succeeded"}
    assert hit.headers["Tollgate-Event"] == "assessment.succeeded"
    assert hit.headers["Content-Type"] == "application/json"
    with scope(organization=triangle.org_a):
        delivery = WebhookDelivery.objects.get()
    assert hit.headers["Tollgate-Delivery"] == str(delivery.delivery_id) == document["id"]
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 1 and delivery.response_code == 204
    assert delivery.delivered_at is not None


def test_only_subscribed_active_endpoints_receive(
    receiver, triangle, django_capture_on_commit_callbacks
):
    _endpoint(triangle.org_a, receiver.url, events=["assessment.failed"])
    inactive = _endpoint(triangle.org_a, receiver.url)
    with scope(organization=triangle.org_a):
        inactive.is_active = False
        inactive.save()
    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(organization=triangle.org_a, event="assessment.succeeded", payload={})
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(organization=triangle.org_a, event="assessment.failed", payload={"x": 1})
    assert [h.headers["Tollgate-Event"] for h in receiver.received] == ["assessment.failed"]


def test_failures_are_retried_then_given_up_and_resendable(
    receiver, triangle, django_capture_on_commit_callbacks
):
    _endpoint(triangle.org_a, receiver.url)
    receiver.answers = [500, 503, 502]  # three failures = WEBHOOK_MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(organization=triangle.org_a, event="assessment.failed", payload={"n": 1})
    with scopes_disabled():
        delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.response_code == 502
    assert delivery.last_error.startswith("HTTP 502")
    assert len(receiver.received) == 3
    ids = {h.headers["Tollgate-Delivery"] for h in receiver.received}
    assert ids == {str(delivery.delivery_id)}  # the same id on every retry

    with django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_resend(delivery=delivery, actor=triangle.consultant)
    with scopes_disabled():
        delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert len(receiver.received) == 4
    assert receiver.received[-1].body == receiver.received[0].body


def test_unreachable_endpoint_logs_the_error(
    settings, triangle, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    _endpoint(triangle.org_a, "http://127.0.0.1:9/nothing-listens-here")
    with django_capture_on_commit_callbacks(execute=True):
        webhook_emit(organization=triangle.org_a, event="assessment.failed", payload={})
    with scopes_disabled():
        delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 2
    assert delivery.response_code is None
    assert "ConnectionError" in delivery.last_error


def test_emit_writes_nothing_without_endpoints_and_rejects_unknown_events(triangle):
    webhook_emit(organization=triangle.org_a, event="report.ready", payload={})
    with scopes_disabled():
        assert not WebhookDelivery.objects.exists()
    with pytest.raises(ValueError):
        webhook_emit(organization=triangle.org_a, event="nope", payload={})


@pytest.mark.parametrize(
    ("url", "loopback_allowed", "ok"),
    [
        ("https://hooks.example.com/x", False, True),
        ("http://hooks.example.com/x", False, False),
        ("http://127.0.0.1:8080/x", False, False),
        ("http://127.0.0.1:8080/x", True, True),
        ("http://localhost/x", True, True),
        ("http://10.0.0.1/x", True, False),
        ("ftp://example.com/x", True, False),
        ("https://user:pw@example.com/x", False, False),
        ("not a url", False, False),
    ],
)
def test_endpoint_url_rules(settings, triangle, url, loopback_allowed, ok):
    settings.WEBHOOKS_ALLOW_LOOPBACK = loopback_allowed
    if ok:
        endpoint = _endpoint(triangle.org_a, url)
        assert endpoint.secret.startswith("whsec_")
    else:
        with pytest.raises(ValidationFailed) as excinfo:
            _endpoint(triangle.org_a, url)
        assert "url" in excinfo.value.fields


def test_endpoint_needs_known_events(triangle):
    with pytest.raises(ValidationFailed) as excinfo:
        webhook_endpoint_create(
            organization=triangle.org_a,
            data={"url": "https://example.com/h", "events": ["assessment.exploded"]},
        )
    assert "events" in excinfo.value.fields


def test_signature_header_uses_current_time():
    header = signature_header("s", b"{}")
    t = int(header.split(",")[0].removeprefix("t="))
    assert abs(t - time.time()) < 5
