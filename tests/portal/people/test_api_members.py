"""GET/POST /api/v1/organizations/{slug}/members/."""

from __future__ import annotations

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from portal.models.people import Invitation

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/{}/members/"


def test_consultant_lists_members_and_invitations(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    api_client.post(
        URL.format("acme"), {"email": "new@acme.example", "role": "editor"}, format="json"
    )
    response = api_client.get(URL.format("acme"))
    assert response.status_code == 200
    rows = response.json()["results"]
    kinds = {(r["kind"], r["email"], r["status"]) for r in rows}
    assert ("member", triangle.member_a.email, "active") in kinds
    assert ("invitation", "new@acme.example", "pending") in kinds
    assert all(r["email"] != triangle.member_b.email for r in rows)
    assert response.json()["count"] == 4


def test_post_invites_and_sends_mail(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    response = api_client.post(
        URL.format("acme"), {"email": "boss@acme.example", "role": "client_admin"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "invitation"
    assert response.json()["status"] == "pending"
    assert "token" not in response.json()
    assert mail.outbox[0].to == ["boss@acme.example"]


def test_bad_input_is_400_in_the_one_shape_and_changes_nothing(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    for body in ({"email": "nope", "role": "editor"}, {"email": "a@b.example", "role": "king"}, {}):
        response = api_client.post(URL.format("acme"), body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "validation_error"
    response = api_client.post(
        URL.format("acme"), {"email": "client@acme.example", "role": "consultant"}, format="json"
    )
    assert response.status_code == 400
    assert "role" in response.json()["error"]["fields"]
    with scopes_disabled():
        assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("member_a", 403), ("viewer_a", 403), ("member_b", 404), ("outsider", 404)],
)
def test_others_cannot_list_or_invite(api_client, triangle, who, status):
    api_client.force_authenticate(getattr(triangle, who))
    assert api_client.get(URL.format("acme")).status_code == status
    response = api_client.post(
        URL.format("acme"), {"email": "x@acme.example", "role": "viewer"}, format="json"
    )
    assert response.status_code == status
    assert not mail.outbox


def test_anonymous_is_refused(api_client, triangle):
    assert api_client.get(URL.format("acme")).status_code in (401, 403)
