"""Factories for invitations (the token is kept on the instance as ``token``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from portal.models import Organization, Role, User
from portal.models.people import Invitation
from portal.people.tokens import new_token


def make_invitation(
    *,
    organization: Organization,
    email: str = "new.person@example.com",
    role: str = Role.EDITOR,
    invited_by: User | None = None,
    expires_in: timedelta = timedelta(days=7),
    **extra: object,
) -> Invitation:
    token, digest = new_token()
    now = timezone.now()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=digest,
        invited_by=invited_by,
        sent_at=now,
        expires_at=now + expires_in,
        **extra,
    )
    invitation.token = token  # type: ignore[attr-defined]
    return invitation
