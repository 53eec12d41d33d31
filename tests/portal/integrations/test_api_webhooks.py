"""The webhooks API (an extension of the v1 contract)."""

from __future__ import annotations

import pytest
from django_scopes import scope, scopes_disabled

from portal.models import Membership, Role, WebhookDelivery, WebhookEndpoint
from tests.factories.integrations import bearer, issue_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/acme/webhooks/"


def test_create_list_patch_delete(api_client, triangle):
    headers = bearer(issue_token(triangle.consultant, organization=triangle.org_a))
    response = api_client.post(
        URL,
        {"url": "https://hooks.acme.example/t", "events": ["assessment.succeeded"]},
        format="json",
        **headers,
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["secret"].startswith("whsec_")
    listing = api_client.get(URL, **headers).json()
    assert listing["count"] == 1 and "secret" not in listing["results"][0]
    detail_url = f"{URL}{created['id']}/"
    response = api_client.patch(detail_url, {"is_active": False}, format="json", **headers)
    assert response.status_code == 200 and response.json()["is_active"] is False
    deliveries = api_client.get(f"{detail_url}deliveries/", **headers).json()
    assert deliveries["count"] == 0
    assert api_client.delete(detail_url, **headers).status_code == 204
    with scopes_disabled():
        assert not WebhookEndpoint.objects.exists()


def test_validation_errors_in_the_one_shape(api_client, triangle):
    headers = bearer(issue_token(triangle.consultant))
    response = api_client.post(
        URL, {"url": "http://insecure.example/", "events": ["nope"]}, format="json", **headers
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"events.0"} or "events" in str(error["fields"])


def test_plain_http_is_refused(api_client, triangle, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    headers = bearer(issue_token(triangle.consultant))
    response = api_client.post(
        URL,
        {"url": "http://insecure.example/", "events": ["report.ready"]},
        format="json",
        **headers,
    )
    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("consultant", 200),
        ("member_a", 403),
        ("viewer_a", 403),
        ("outsider", 404),
        ("member_b", 404),
    ],
)
def test_roles(api_client, triangle, who, status):
    headers = bearer(issue_token(getattr(triangle, who)))
    assert api_client.get(URL, **headers).status_code == status


def test_client_admin_may_manage(api_client, triangle):
    Membership.objects.filter(user=triangle.member_a).update(role=Role.CLIENT_ADMIN)
    headers = bearer(issue_token(triangle.member_a))
    response = api_client.post(
        URL, {"url": "https://a.example/h", "events": ["report.ready"]}, format="json", **headers
    )
    assert response.status_code == 201


def test_resend_via_api(api_client, triangle, django_capture_on_commit_callbacks):
    from portal.webhooks import webhook_endpoint_create

    endpoint = webhook_endpoint_create(
        organization=triangle.org_a,
        data={"url": "https://hooks.acme.example/h", "events": ["report.ready"]},
    )
    with scope(organization=triangle.org_a):
        delivery = WebhookDelivery.objects.create(
            organization=triangle.org_a, endpoint=endpoint, event="report.ready", status="failed"
        )
    headers = bearer(issue_token(triangle.consultant))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api_client.post(
            f"{URL}{endpoint.pk}/deliveries/{delivery.pk}/resend/", **headers
        )
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert len(callbacks) == 1
    # the same ids under the other organization: 404
    other = bearer(issue_token(triangle.consultant, organization=triangle.org_b))
    response = api_client.post(
        f"/api/v1/organizations/globex/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/resend/",
        **other,
    )
    assert response.status_code == 404
