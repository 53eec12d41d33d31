"""Reads about people: members, invitations and the activity log."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from portal.models import ActivityEvent, Membership, Organization
from portal.models.people import Invitation

# Verbs never shown in the activity log (sign-ins are not activity).
HIDDEN_VERBS = ("user.signed_in", "signed_in", "login")


def members_of(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__email")
    )


def open_invitations_of(organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked (pending or expired), newest first."""
    return (
        Invitation.objects.with_scope(organization=organization)
        .filter(accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-sent_at", "-pk")
    )


def activity_of(
    organization: Organization, *, verb_prefix: str = "", query: str = ""
) -> QuerySet[ActivityEvent]:
    events = (
        ActivityEvent.objects.with_scope(organization=organization)
        .exclude(verb__in=HIDDEN_VERBS)
        .select_related("actor")
    )
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    if query:
        events = events.filter(
            Q(summary__icontains=query)
            | Q(actor__email__icontains=query)
            | Q(actor_label__icontains=query)
        )
    return events.order_by("-created_at", "-pk")


def activity_verb_groups(organization: Organization) -> list[str]:
    """The verb families present in the log (``invitation``, ``workload`` ...)."""
    verbs = (
        ActivityEvent.objects.with_scope(organization=organization)
        .exclude(verb__in=HIDDEN_VERBS)
        .order_by()
        .values_list("verb", flat=True)
        .distinct()
    )
    return sorted({v.split(".", 1)[0] for v in verbs})
