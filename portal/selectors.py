"""Reads for users and organizations."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.models import Membership, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's memberships, organization loaded, in display order."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name")
    )
