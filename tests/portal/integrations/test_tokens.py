"""API tokens: issued once, stored hashed, revocable, expiring, last use recorded."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from portal.errors import ValidationFailed
from portal.models import ActivityEvent, ApiToken
from portal.tokens import api_token_create, api_token_revoke
from tests.factories.integrations import bearer, issue_token

pytestmark = pytest.mark.django_db


def test_token_is_stored_hashed_and_shown_once(triangle):
    issued = issue_token(triangle.member_a, name="ERP sync")
    token = ApiToken.objects.get()
    assert issued.secret.startswith(token.prefix + "_")
    assert token.prefix.startswith("tg_") and len(token.prefix) == 11
    assert token.hashed_key == hashlib.sha256(issued.secret.encode()).hexdigest()
    # the secret is nowhere in the row
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(issued.secret not in str(value) for value in row.values())
    assert token.organization_id is None


def test_bearer_token_authenticates(api_client, triangle):
    issued = issue_token(triangle.member_a)
    response = api_client.get("/api/v1/organizations/", **bearer(issued))
    assert response.status_code == 200
    assert [o["slug"] for o in response.json()["results"]] == ["acme"]


@pytest.mark.parametrize("header", ["Bearer tg_nope_nope", "Bearer", "Bearer a b", "Bearer é"])
def test_unknown_or_malformed_token_is_401_in_the_error_shape(api_client, triangle, header):
    response = api_client.get("/api/v1/organizations/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_is_401_with_www_authenticate(api_client, triangle):
    response = api_client.get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_revoked_token_is_rejected(api_client, triangle):
    issued = issue_token(triangle.member_a, organization=triangle.org_a)
    assert api_client.get("/api/v1/organizations/", **bearer(issued)).status_code == 200
    api_token_revoke(token=issued.token, actor=triangle.member_a)
    response = api_client.get("/api/v1/organizations/", **bearer(issued))
    assert response.status_code == 401
    with scopes_disabled():
        verbs = list(ActivityEvent.objects.values_list("verb", flat=True))
    assert sorted(verbs) == ["api_token.created", "api_token.revoked"]


def test_expired_token_is_rejected(api_client, triangle):
    issued = issue_token(triangle.member_a, expires_at=timezone.now() + timedelta(days=1))
    assert api_client.get("/api/v1/organizations/", **bearer(issued)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_client.get("/api/v1/organizations/", **bearer(issued)).status_code == 401


def test_token_of_deactivated_user_is_rejected(api_client, triangle):
    issued = issue_token(triangle.member_a)
    triangle.member_a.is_active = False
    triangle.member_a.save()
    assert api_client.get("/api/v1/organizations/", **bearer(issued)).status_code == 401


def test_last_used_is_recorded_at_most_once_a_minute(api_client, triangle):
    issued = issue_token(triangle.member_a)
    assert ApiToken.objects.get().last_used_at is None
    api_client.get("/api/v1/organizations/", **bearer(issued))
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    api_client.get("/api/v1/organizations/", **bearer(issued))
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=5))
    api_client.get("/api/v1/organizations/", **bearer(issued))
    assert ApiToken.objects.get().last_used_at > first


def test_organization_bound_token_sees_only_its_organization(api_client, triangle):
    issued = issue_token(triangle.consultant, organization=triangle.org_a)
    listing = api_client.get("/api/v1/organizations/", **bearer(issued)).json()
    assert [o["slug"] for o in listing["results"]] == ["acme"]
    assert api_client.get("/api/v1/organizations/acme/", **bearer(issued)).status_code == 200
    # the consultant belongs to globex too, but this token does not reach it
    response = api_client.get("/api/v1/organizations/globex/", **bearer(issued))
    assert response.status_code == 404
    personal = issue_token(triangle.consultant)
    assert api_client.get("/api/v1/organizations/globex/", **bearer(personal)).status_code == 200


def test_token_cannot_be_bound_to_a_foreign_organization(triangle):
    with pytest.raises(ValidationFailed) as excinfo:
        api_token_create(user=triangle.outsider, name="x", organization=triangle.org_a)
    assert "organization" in excinfo.value.fields
    assert not ApiToken.objects.exists()


def test_token_needs_a_name_and_a_future_expiry(triangle):
    with pytest.raises(ValidationFailed) as excinfo:
        api_token_create(
            user=triangle.member_a, name=" ", expires_at=timezone.now() - timedelta(days=1)
        )
    assert set(excinfo.value.fields) == {"name", "expires_at"}


def test_session_api_calls_still_need_csrf(triangle):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(triangle.consultant)
    response = client.post("/api/v1/organizations/", {"name": "New Co"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]
    # a bearer token needs no CSRF token
    issued = issue_token(triangle.consultant)
    token_client = APIClient(enforce_csrf_checks=True)
    response = token_client.post(
        "/api/v1/organizations/", {"name": "New Co"}, format="json", **bearer(issued)
    )
    assert response.status_code == 201, response.content
