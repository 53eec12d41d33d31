"""The members page: roles, removal, the last admin, and who may do what."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from portal.models import ActivityEvent, Membership, Role
from tests.factories.portal import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(triangle):
    user = UserFactory(email="admin@acme.example")
    MembershipFactory(user=user, organization=triangle.org_a, role=Role.CLIENT_ADMIN)
    return user


def membership(user, org):
    return Membership.objects.get(user=user, organization=org)


def test_members_page_lists_members_and_invite_form(client, triangle, admin_a):
    client.force_login(admin_a)
    response = client.get(reverse("members", args=["acme"]))
    assert response.status_code == 200
    body = response.content.decode()
    for email in (triangle.member_a.email, triangle.viewer_a.email, triangle.consultant.email):
        assert email in body
    assert triangle.member_b.email not in body
    assert "Send invitation" in body
    # A client admin is not offered the consultant role.
    assert 'value="consultant"' not in body.split('id="invite-heading"')[1]


def test_client_admin_changes_a_role_and_it_is_logged(client, triangle, admin_a):
    client.force_login(admin_a)
    target = membership(triangle.viewer_a, triangle.org_a)
    client.post(reverse("member-role", args=["acme", target.pk]), {"role": "editor"})
    target.refresh_from_db()
    assert target.role == Role.EDITOR
    with scopes_disabled():
        event = ActivityEvent.objects.get(verb="member.role_changed")
    assert event.actor == admin_a and triangle.viewer_a.email in event.summary


def test_client_admin_cannot_promote_to_consultant_nor_touch_the_consultant(
    client, triangle, admin_a
):
    client.force_login(admin_a)
    target = membership(triangle.member_a, triangle.org_a)
    client.post(reverse("member-role", args=["acme", target.pk]), {"role": "consultant"})
    target.refresh_from_db()
    assert target.role == Role.EDITOR
    consultant = membership(triangle.consultant, triangle.org_a)
    response = client.post(reverse("member-remove", args=["acme", consultant.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=consultant.pk).exists()


def test_client_admin_removes_a_member(client, triangle, admin_a):
    client.force_login(admin_a)
    target = membership(triangle.viewer_a, triangle.org_a)
    client.post(reverse("member-remove", args=["acme", target.pk]))
    assert not Membership.objects.filter(pk=target.pk).exists()
    with scopes_disabled():
        assert ActivityEvent.objects.filter(verb="member.removed").count() == 1


def test_the_last_admin_cannot_remove_or_demote_itself(client, triangle):
    client.force_login(triangle.consultant)
    own = membership(triangle.consultant, triangle.org_a)
    response = client.post(reverse("member-remove", args=["acme", own.pk]), follow=True)
    assert "cannot remove yourself" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    client.post(reverse("member-role", args=["acme", own.pk]), {"role": "viewer"})
    own.refresh_from_db()
    assert own.role == Role.CONSULTANT


def test_an_admin_may_leave_when_another_admin_remains(client, triangle, admin_a):
    client.force_login(admin_a)
    own = membership(admin_a, triangle.org_a)
    response = client.post(reverse("member-remove", args=["acme", own.pk]))
    assert response["Location"] == reverse("dashboard")
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_membership_of_another_organization_is_404(client, triangle, admin_a):
    client.force_login(admin_a)
    other = membership(triangle.member_b, triangle.org_b)
    assert (
        client.post(reverse("member-role", args=["acme", other.pk]), {"role": "viewer"}).status_code
        == 404
    )
    assert client.post(reverse("member-remove", args=["acme", other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.role == Role.EDITOR


def test_role_and_remove_need_client_admin(client, triangle):
    target = membership(triangle.viewer_a, triangle.org_a)
    for user, expected in ((triangle.member_a, 403), (triangle.outsider, 404)):
        client.force_login(user)
        assert (
            client.post(
                reverse("member-role", args=["acme", target.pk]), {"role": "editor"}
            ).status_code
            == expected
        )
        assert (
            client.post(reverse("member-remove", args=["acme", target.pk])).status_code == expected
        )
    target.refresh_from_db()
    assert target.role == Role.VIEWER


def test_get_is_not_allowed_on_actions(client, triangle):
    client.force_login(triangle.consultant)
    target = membership(triangle.viewer_a, triangle.org_a)
    assert client.get(reverse("member-remove", args=["acme", target.pk])).status_code == 405
