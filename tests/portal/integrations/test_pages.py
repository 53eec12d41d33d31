"""The API token settings page and the webhook pages."""

from __future__ import annotations

import pytest
from django_scopes import scope, scopes_disabled

from portal.models import ApiToken, Membership, Role, WebhookDelivery, WebhookEndpoint
from portal.tokens import api_token_authenticate
from portal.webhooks import webhook_endpoint_create
from tests.factories.integrations import issue_token

pytestmark = pytest.mark.django_db


def test_tokens_page_needs_sign_in(client):
    response = client.get("/settings/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_create_list_and_revoke_a_token(client, triangle):
    client.force_login(triangle.member_a)
    response = client.post(
        "/settings/tokens/", {"name": "ERP sync", "organization": "acme", "expires_in": "30"}
    )
    assert response.status_code == 200
    secret = response.context["issued"].secret
    assert secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = api_token_authenticate(secret)
    assert token is not None and token.organization == triangle.org_a
    assert token.expires_at is not None

    listing = client.get("/settings/tokens/").content.decode()
    assert token.prefix in listing and "ERP sync" in listing and "Acme Analytics" in listing
    assert secret not in listing  # shown once only

    response = client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_token_authenticate(secret) is None
    assert "Revoked" in client.get("/settings/tokens/").content.decode()


def test_token_form_errors(client, triangle):
    client.force_login(triangle.member_a)
    response = client.post("/settings/tokens/", {"name": "", "organization": "globex"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "organization"}
    assert not ApiToken.objects.exists()


def test_cannot_revoke_someone_elses_token(client, triangle):
    issued = issue_token(triangle.member_b)
    client.force_login(triangle.member_a)
    assert client.post(f"/settings/tokens/{issued.token.pk}/revoke/").status_code == 404
    assert api_token_authenticate(issued.secret) is not None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("consultant", 200),
        ("client_admin", 200),
        ("member_a", 403),
        ("viewer_a", 403),
        ("outsider", 404),
        ("member_b", 404),
    ],
)
def test_webhooks_page_access(client, triangle, who, status):
    if who == "client_admin":
        Membership.objects.filter(user=triangle.member_a).update(role=Role.CLIENT_ADMIN)
        user = triangle.member_a
    else:
        user = getattr(triangle, who)
    client.force_login(user)
    assert client.get("/orgs/acme/webhooks/").status_code == status


def test_add_endpoint_shows_secret_once_and_manages_it(client, triangle, settings):
    client.force_login(triangle.consultant)
    response = client.post(
        "/orgs/acme/webhooks/",
        {"url": "https://hooks.acme.example/tollgate", "events": ["assessment.succeeded"]},
    )
    assert response.status_code == 200
    with scope(organization=triangle.org_a):
        endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    detail = client.get(f"/orgs/acme/webhooks/{endpoint.pk}/").content.decode()
    assert endpoint.secret not in detail and "hooks.acme.example" in detail

    response = client.post(
        f"/orgs/acme/webhooks/{endpoint.pk}/",
        {"events": ["assessment.failed", "report.ready"], "description": "ops"},
    )
    assert response.status_code == 302
    with scope(organization=triangle.org_a):
        endpoint.refresh_from_db()
    assert endpoint.events == ["assessment.failed", "report.ready"]
    assert endpoint.is_active is False  # the unchecked box

    old = endpoint.secret
    response = client.post(f"/orgs/acme/webhooks/{endpoint.pk}/secret/")
    with scope(organization=triangle.org_a):
        endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in response.content.decode()

    assert client.post(f"/orgs/acme/webhooks/{endpoint.pk}/delete/").status_code == 302
    with scopes_disabled():
        assert not WebhookEndpoint.objects.exists()


def test_plain_http_endpoint_is_refused_in_the_form(client, triangle, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    client.force_login(triangle.consultant)
    response = client.post(
        "/orgs/acme/webhooks/", {"url": "http://hooks.acme.example/", "events": ["report.ready"]}
    )
    assert response.status_code == 400
    assert "https" in str(response.context["form"].errors["url"])


def test_another_organizations_endpoint_is_404(client, triangle):
    endpoint = webhook_endpoint_create(
        organization=triangle.org_b,
        data={"url": "https://globex.example/h", "events": ["report.ready"]},
    )
    client.force_login(triangle.consultant)  # a consultant of both, on the wrong slug
    assert client.get(f"/orgs/acme/webhooks/{endpoint.pk}/").status_code == 404
    assert client.post(f"/orgs/acme/webhooks/{endpoint.pk}/delete/").status_code == 404
    assert client.get(f"/orgs/globex/webhooks/{endpoint.pk}/").status_code == 200


def test_resend_from_the_page(client, triangle, django_capture_on_commit_callbacks):
    endpoint = webhook_endpoint_create(
        organization=triangle.org_a,
        data={"url": "https://hooks.acme.example/h", "events": ["report.ready"]},
    )
    with scope(organization=triangle.org_a):
        delivery = WebhookDelivery.objects.create(
            organization=triangle.org_a,
            endpoint=endpoint,
            event="report.ready",
            status="failed",
            attempts=6,
            last_error="HTTP 500",
        )
    client.force_login(triangle.consultant)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            f"/orgs/acme/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/resend/"
        )
    assert response.status_code == 302
    assert len(callbacks) == 1  # the delivery task is enqueued after commit
    with scope(organization=triangle.org_a):
        delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 0
