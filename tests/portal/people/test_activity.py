"""The activity log page: consultants and client admins; sign-ins excluded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.models import Role
from portal.services import activity_record
from tests.factories.portal import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(triangle):
    activity_record(
        organization=triangle.org_a, verb="workload.created", summary="Created Support bot"
    )
    activity_record(
        organization=triangle.org_a, verb="user.signed_in", summary="Signed in secretly"
    )
    activity_record(
        organization=triangle.org_a,
        verb="workload.updated",
        summary="Answered Triage",
        actor_label="respondent owner@acme.example",
    )
    activity_record(organization=triangle.org_b, verb="workload.created", summary="Globex thing")


def test_consultant_sees_its_organizations_log_without_sign_ins(client, triangle, events):
    client.force_login(triangle.consultant)
    body = client.get(reverse("activity", args=["acme"])).content.decode()
    assert "Created Support bot" in body
    assert "respondent owner@acme.example" in body
    assert "Signed in secretly" not in body
    assert "Globex thing" not in body


def test_filter_by_kind_and_text(client, triangle, events):
    client.force_login(triangle.consultant)
    body = client.get(reverse("activity", args=["acme"]), {"q": "triage"}).content.decode()
    assert "Answered Triage" in body and "Created Support bot" not in body
    body = client.get(reverse("activity", args=["acme"]), {"kind": "nonsense"}).content.decode()
    assert "Created Support bot" in body


def test_client_admin_yes_editor_no_outsider_404(client, triangle, events):
    admin = UserFactory(email="admin@acme.example")
    MembershipFactory(user=admin, organization=triangle.org_a, role=Role.CLIENT_ADMIN)
    url = reverse("activity", args=["acme"])
    for user, status in (
        (admin, 200),
        (triangle.member_a, 403),
        (triangle.viewer_a, 403),
        (triangle.outsider, 404),
        (triangle.member_b, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
