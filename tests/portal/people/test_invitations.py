"""Invitations: sending, accepting (new and existing accounts), and bad links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from portal.models import ActivityEvent, Membership, Role, User
from portal.models.people import Invitation
from portal.people import services
from portal.people.tokens import token_digest
from tests.factories.people import make_invitation
from tests.factories.portal import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def admin_a(triangle):
    user = UserFactory(email="admin@acme.example")
    MembershipFactory(user=user, organization=triangle.org_a, role=Role.CLIENT_ADMIN)
    return user


def test_consultant_invites_by_email_and_the_link_holds_a_token_stored_hashed(client, triangle):
    client.force_login(triangle.consultant)
    response = client.post(
        reverse("members", args=["acme"]),
        {"email": "New.Admin@Acme.example", "role": "client_admin"},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.admin@acme.example"]
    assert "Acme Analytics" in message.subject
    path = link_path(message)
    token = path.split("/")[2]
    with scopes_disabled():
        invitation = Invitation.objects.get()
    assert invitation.token_hash == token_digest(token)
    assert token not in invitation.token_hash
    assert invitation.role == Role.CLIENT_ADMIN
    assert invitation.expires_at - timezone.now() > timedelta(days=6)
    with scopes_disabled():
        assert ActivityEvent.objects.filter(
            organization=triangle.org_a, verb="invitation.sent"
        ).exists()


def test_new_person_accepts_sets_a_password_and_lands_in_the_organization(client, triangle):
    invitation = make_invitation(organization=triangle.org_a, email="fresh@acme.example")
    url = reverse("invitation-accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Acme Analytics" in page.content
    response = client.post(
        url,
        {
            "full_name": "Fresh Person",
            "password": "a-long-unusual-passphrase",
            "password_again": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organization-home", args=["acme"])
    user = User.objects.get(email="fresh@acme.example")
    assert user.check_password("a-long-unusual-passphrase")
    assert Membership.objects.get(user=user, organization=triangle.org_a).role == Role.EDITOR
    # Signed in straight away.
    assert client.get(reverse("organization-home", args=["acme"])).status_code == 200
    with scopes_disabled():
        assert ActivityEvent.objects.filter(verb="invitation.accepted").count() == 1


def test_weak_or_mismatched_password_is_refused_and_nothing_is_created(client, triangle):
    invitation = make_invitation(organization=triangle.org_a, email="fresh@acme.example")
    url = reverse("invitation-accept", args=[invitation.token])
    response = client.post(url, {"full_name": "F", "password": "123", "password_again": "124"})
    assert response.status_code == 400
    assert b"The two passwords differ" in response.content
    assert not User.objects.filter(email="fresh@acme.example").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_account_is_asked_to_sign_in_then_accepts(client, triangle):
    invitation = make_invitation(organization=triangle.org_b, email=triangle.member_a.email)
    url = reverse("invitation-accept", args=[invitation.token])
    page = client.get(url)
    assert b"Sign in to accept" in page.content
    client.force_login(triangle.member_a)
    assert b"Accept and continue" in client.get(url).content
    response = client.post(url)
    assert response["Location"] == reverse("organization-home", args=["globex"])
    assert Membership.objects.filter(user=triangle.member_a, organization=triangle.org_b).exists()


def test_signed_in_as_someone_else_is_refused_without_organization_details(client, triangle):
    invitation = make_invitation(organization=triangle.org_b, email="someone@globex.example")
    client.force_login(triangle.outsider)
    url = reverse("invitation-accept", args=[invitation.token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert b"Globex" not in response.content
    assert not Membership.objects.filter(user=triangle.outsider).exists()


@pytest.mark.parametrize("state", ["expired", "revoked", "used", "unknown"])
def test_bad_links_show_a_clear_page_revealing_no_organization(client, triangle, state):
    invitation = make_invitation(organization=triangle.org_b, email="x@globex.example")
    token = invitation.token
    if state == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
    elif state == "revoked":
        services.invitation_revoke(invitation=invitation, actor=triangle.consultant)
    elif state == "used":
        services.account_create_from_invitation(
            token=token,
            full_name="X",
            password="a-long-unusual-passphrase",
            password_again="a-long-unusual-passphrase",
        )
    else:
        token = "not-a-real-token"
    before = Membership.objects.count()
    for method in (client.get, client.post):
        response = method(
            reverse("invitation-accept", args=[token]),
            {
                "full_name": "Y",
                "password": "a-long-unusual-pass",
                "password_again": "a-long-unusual-pass",
            },
        )
        assert response.status_code in (404, 410)
        body = response.content.decode()
        assert "Globex" not in body and "globex" not in body
        assert {
            "expired": "expired",
            "revoked": "withdrawn",
            "used": "already used",
            "unknown": "not valid",
        }[state] in body
    assert Membership.objects.count() == before


def test_resend_replaces_the_link_and_revoke_stops_it(client, triangle, admin_a):
    client.force_login(admin_a)
    client.post(reverse("members", args=["acme"]), {"email": "late@acme.example", "role": "viewer"})
    first = link_path(mail.outbox[0])
    with scopes_disabled():
        invitation = Invitation.objects.get()
    client.post(reverse("invitation-resend", args=["acme", invitation.pk]))
    second = link_path(mail.outbox[1])
    assert first != second
    client.logout()
    assert client.get(first).status_code == 404  # the old link no longer works
    assert client.get(second).status_code == 200
    client.force_login(admin_a)
    client.post(reverse("invitation-revoke", args=["acme", invitation.pk]))
    client.logout()
    assert client.get(second).status_code == 410
    with scopes_disabled():
        verbs = set(ActivityEvent.objects.values_list("verb", flat=True))
    assert {"invitation.sent", "invitation.resent", "invitation.revoked"} <= verbs


def test_a_link_works_once_even_when_used_twice(triangle):
    invitation = make_invitation(organization=triangle.org_a, email=triangle.member_b.email)
    services.invitation_accept(token=invitation.token, user=triangle.member_b)
    with pytest.raises(services.LinkUnusable) as exc:
        services.invitation_accept(token=invitation.token, user=triangle.member_b)
    assert exc.value.reason == "used"


def test_client_admin_cannot_grant_consultant(client, triangle, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("members", args=["acme"]), {"email": "c@acme.example", "role": "consultant"}
    )
    assert response.status_code == 400
    assert not mail.outbox
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_consultant_role_only_for_firm_staff(triangle):
    from portal.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        services.invitation_create(
            organization=triangle.org_a,
            inviter=triangle.consultant,
            email="client.person@acme.example",
            role=Role.CONSULTANT,
        )
    assert "role" in exc.value.fields


def test_duplicate_and_member_invitations_are_refused(triangle):
    from portal.errors import ValidationFailed

    services.invitation_create(
        organization=triangle.org_a, inviter=triangle.consultant, email="d@x.example", role="viewer"
    )
    for email in ("d@x.example", triangle.member_a.email):
        with pytest.raises(ValidationFailed) as exc:
            services.invitation_create(
                organization=triangle.org_a, inviter=triangle.consultant, email=email, role="viewer"
            )
        assert "email" in exc.value.fields


def test_editors_viewers_and_outsiders_cannot_invite(client, triangle):
    url = reverse("members", args=["acme"])
    for user, expected in (
        (triangle.member_a, 403),
        (triangle.viewer_a, 403),
        (triangle.outsider, 404),
        (triangle.member_b, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == expected
        assert client.post(url, {"email": "z@z.example", "role": "viewer"}).status_code == expected
    assert not mail.outbox
