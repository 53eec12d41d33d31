"""Writes about people: invitations, memberships and roles, client onboarding.

Every function runs in one transaction, checks who acts, validates fully and
records an activity entry. Invitation links carry a random token of which only
the SHA-256 digest is stored (see ``portal.people.tokens``); a link is
single-use, expires after ``INVITATION_TTL`` and can be revoked.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from portal.errors import Conflict, ValidationFailed
from portal.models import ROLE_RANK, Membership, Organization, Role, User
from portal.models.people import ClientOnboarding, Invitation, RespondentLink, WorkloadIntake
from portal.people import emails
from portal.people.tokens import new_token, token_digest
from portal.services import activity_record, organization_create

INVITATION_TTL = timedelta(days=7)
MANAGER_ROLES = (Role.CONSULTANT, Role.CLIENT_ADMIN)


class LinkUnusable(Exception):
    """An invitation or respondent link that is unknown, expired, revoked or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _manager(organization: Organization, actor: User) -> Membership:
    membership = Membership.objects.filter(organization=organization, user=actor).first()
    if membership is None or not membership.has_role(Role.CLIENT_ADMIN):
        raise PermissionDenied("Only a consultant or a client admin may manage members.")
    return membership


def grantable_roles(actor_membership: Membership) -> list[str]:
    """Roles the actor may give: a client admin never grants consultant."""
    if actor_membership.role == Role.CONSULTANT:
        return [Role.CONSULTANT, Role.CLIENT_ADMIN, Role.EDITOR, Role.VIEWER]
    if actor_membership.role == Role.CLIENT_ADMIN:
        return [Role.CLIENT_ADMIN, Role.EDITOR, Role.VIEWER]
    return []


def _check_role(actor_membership: Membership, role: str) -> None:
    if role not in Role.values:
        raise ValidationFailed.for_fields({"role": f"Choose one of: {', '.join(Role.values)}."})
    if role not in grantable_roles(actor_membership):
        raise ValidationFailed.for_fields(
            {
                "role": f"As {actor_membership.get_role_display().lower()} you cannot grant "
                f"the {Role(role).label.lower()} role."
            }
        )


def _clean_email(email: Any) -> str:
    text = str(email or "").strip().lower()
    try:
        validate_email(text)
    except DjangoValidationError:
        raise ValidationFailed.for_fields({"email": "Enter a valid e-mail address."}) from None
    return text


def _accept_url(token: str) -> str:
    return reverse("invitation-accept", kwargs={"token": token})


def _send_invitation(invitation: Invitation, token: str, base_url: str | None) -> None:
    emails.send(
        to=invitation.email,
        template="invitation",
        context={
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "accept_url": emails.absolute(base_url, _accept_url(token)),
            "expires_at": invitation.expires_at,
        },
    )


@transaction.atomic
def invitation_create(
    *,
    organization: Organization,
    inviter: User,
    email: str,
    role: str,
    base_url: str | None = None,
) -> Invitation:
    """Invite ``email`` to ``organization`` with ``role`` and e-mail the link."""
    actor = _manager(organization, inviter)
    errors: dict[str, list[str]] = {}
    try:
        email = _clean_email(email)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    try:
        _check_role(actor, role)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed.for_fields(errors)
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationFailed.for_fields({"email": "This person is already a member."})
    pending = [
        inv
        for inv in Invitation.objects.with_scope(organization=organization).filter(
            email=email, accepted_at=None, revoked_at=None
        )
        if inv.is_usable
    ]
    if pending:
        raise ValidationFailed.for_fields(
            {"email": "An invitation to this address is already waiting; resend it instead."}
        )
    if role == Role.CONSULTANT:
        invitee = User.objects.filter(email__iexact=email).first()
        if invitee is None or not invitee.is_consulting_staff:
            raise ValidationFailed.for_fields(
                {"role": "Only members of the consulting firm's staff can be consultants."}
            )
    token, digest = new_token()
    now = timezone.now()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=digest,
        invited_by=inviter,
        created_at=now,
        sent_at=now,
        expires_at=now + INVITATION_TTL,
    )
    _send_invitation(invitation, token, base_url)
    activity_record(
        organization=organization,
        verb="invitation.sent",
        summary=f"Invited {email} as {Role(role).label.lower()}",
        actor=inviter,
        details={"email": email, "role": role, "invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def invitation_resend(
    *, invitation: Invitation, actor: User, base_url: str | None = None
) -> Invitation:
    """A fresh link (the old one stops working) and a new expiry."""
    _manager(invitation.organization, actor)
    if invitation.accepted_at or invitation.revoked_at:
        raise Conflict("This invitation was already used or revoked; send a new one.")
    token, digest = new_token()
    now = timezone.now()
    invitation.token_hash = digest
    invitation.sent_at = now
    invitation.expires_at = now + INVITATION_TTL
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _send_invitation(invitation, token, base_url)
    activity_record(
        organization=invitation.organization,
        verb="invitation.resent",
        summary=f"Resent the invitation to {invitation.email}",
        actor=actor,
        details={"email": invitation.email, "invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    _manager(invitation.organization, actor)
    if invitation.accepted_at:
        raise Conflict("This invitation was already accepted; remove the member instead.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        activity_record(
            organization=invitation.organization,
            verb="invitation.revoked",
            summary=f"Revoked the invitation to {invitation.email}",
            actor=actor,
            details={"email": invitation.email, "invitation": invitation.pk},
        )
    return invitation


def invitation_for_token(token: str, *, for_update: bool = False) -> Invitation:
    """The usable invitation behind ``token``, or LinkUnusable (with a reason code:
    ``unknown``, ``expired``, ``revoked``, ``used``)."""
    with scopes_disabled():
        queryset = Invitation.objects.select_related("organization", "invited_by")
        if for_update:
            queryset = queryset.select_for_update(of=("self",))
        invitation = queryset.filter(token_hash=token_digest(token or "")).first()
    if invitation is None:
        raise LinkUnusable("unknown")
    status = invitation.status
    if status == "accepted":
        raise LinkUnusable("used")
    if status != "pending":
        raise LinkUnusable(status)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Use the invitation for the signed-in ``user`` (whose e-mail it names)."""
    invitation = invitation_for_token(token, for_update=True)
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            "This invitation was sent to another e-mail address. Sign out and open the link "
            "again, or ask for an invitation to your own address."
        )
    organization = invitation.organization
    membership = Membership.objects.filter(organization=organization, user=user).first()
    if membership is None:
        membership = Membership.objects.create(
            organization=organization, user=user, role=invitation.role
        )
    elif ROLE_RANK[Role(invitation.role)] > ROLE_RANK[Role(membership.role)]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    activity_record(
        organization=organization,
        verb="invitation.accepted",
        summary=f"{user.email} joined as {membership.get_role_display().lower()}",
        actor=user,
        details={"email": user.email, "role": membership.role, "invitation": invitation.pk},
    )
    return membership


@transaction.atomic
def account_create_from_invitation(
    *, token: str, full_name: str, password: str, password_again: str
) -> User:
    """Create the account an invitation names, then accept the invitation with it."""
    invitation = invitation_for_token(token, for_update=True)
    errors: dict[str, list[str]] = {}
    full_name = (full_name or "").strip()
    if not full_name:
        errors["full_name"] = ["Tell us your name."]
    elif len(full_name) > 150:
        errors["full_name"] = ["Keep the name under 150 characters."]
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise Conflict("An account with this e-mail address exists already: sign in to accept.")
    candidate = User(email=invitation.email, full_name=full_name)
    if password != password_again:
        errors["password_again"] = ["The two passwords differ."]
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed.for_fields(errors)
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    invitation_accept(token=token, user=user)
    return user


def _other_managers(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organization_id=membership.organization_id, role__in=MANAGER_ROLES
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _check_may_manage(actor: Membership, target: Membership) -> None:
    if target.role == Role.CONSULTANT and actor.role != Role.CONSULTANT:
        raise PermissionDenied("Only a consultant may change or remove a consultant.")


@transaction.atomic
def membership_change_role(*, membership: Membership, actor: User, role: str) -> Membership:
    actor_membership = _manager(membership.organization, actor)
    _check_may_manage(actor_membership, membership)
    _check_role(actor_membership, role)
    if role == membership.role:
        return membership
    if role == Role.CONSULTANT and not membership.user.is_consulting_staff:
        raise ValidationFailed.for_fields(
            {"role": "Only members of the consulting firm's staff can be consultants."}
        )
    demoting = membership.role in MANAGER_ROLES and role not in MANAGER_ROLES
    if demoting and not _other_managers(membership):
        raise ValidationFailed.for_fields(
            {"role": "The organization needs at least one client admin or consultant."}
        )
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    activity_record(
        organization=membership.organization,
        verb="member.role_changed",
        summary=f"{membership.user.email}: {Role(previous).label.lower()} → "
        f"{Role(role).label.lower()}",
        actor=actor,
        details={"email": membership.user.email, "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    actor_membership = _manager(membership.organization, actor)
    _check_may_manage(actor_membership, membership)
    if membership.role in MANAGER_ROLES and not _other_managers(membership):
        who = "yourself" if membership.user_id == actor.pk else "the last admin"
        raise Conflict(
            f"You cannot remove {who}: the organization needs at least one client admin "
            "or consultant."
        )
    email = membership.user.email
    organization = membership.organization
    membership.delete()
    activity_record(
        organization=organization,
        verb="member.removed",
        summary=f"Removed {email}",
        actor=actor,
        details={"email": email},
    )


# Client onboarding -----------------------------------------------------------


@transaction.atomic
def client_onboarding_start(*, consultant: User, data: dict[str, Any]) -> Organization:
    """Create the client organization (its profile) and its onboarding record."""
    organization = organization_create(creator=consultant, data=data)
    ClientOnboarding.objects.with_scopes_disabled().create(
        organization=organization, started_by=consultant
    )
    activity_record(
        organization=organization,
        verb="organization.created",
        summary=f"Onboarding of {organization.name} started",
        actor=consultant,
    )
    return organization


@transaction.atomic
def client_onboarding_set_intake(
    *, organization: Organization, actor: User, intake: str
) -> ClientOnboarding:
    _manager(organization, actor)
    if intake not in WorkloadIntake.values:
        raise ValidationFailed.for_fields({"workload_intake": "Choose how workloads will arrive."})
    onboarding, _ = ClientOnboarding.objects.with_scope(organization=organization).get_or_create(
        organization=organization, defaults={"started_by": actor}
    )
    if onboarding.workload_intake != intake:
        onboarding.workload_intake = intake
        onboarding.save(update_fields=["workload_intake", "updated_at"])
        activity_record(
            organization=organization,
            verb="onboarding.intake_chosen",
            summary=f"Workloads will arrive by: {WorkloadIntake(intake).label.lower()}",
            actor=actor,
            details={"workload_intake": intake},
        )
    return onboarding


# Respondent links -------------------------------------------------------------

RESPONDENT_LINK_TTL = timedelta(days=14)


def respondent_label(link: RespondentLink) -> str:
    """How a respondent's answers are attributed in the audit trail."""
    return f"respondent {link.email}"


@transaction.atomic
def respondent_link_create(
    *,
    organization: Organization,
    actor: User,
    email: str,
    workload_id: int | None = None,
    new_workload_name: str = "",
    days: int | None = None,
    base_url: str | None = None,
) -> RespondentLink:
    """Send ``email`` a link to answer one workload's questionnaire (an existing
    workload, or a new draft named ``new_workload_name``)."""
    from assessments.models import Workload
    from assessments.workloads.services import workload_create

    _manager(organization, actor)
    errors: dict[str, list[str]] = {}
    try:
        email = _clean_email(email)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    ttl = RESPONDENT_LINK_TTL if days is None else timedelta(days=days)
    if not timedelta(days=1) <= ttl <= timedelta(days=60):
        errors["days"] = ["Choose between 1 and 60 days."]
    new_workload_name = (new_workload_name or "").strip()
    workload = None
    if workload_id and new_workload_name:
        errors["workload"] = ["Choose an existing workload or name a new one, not both."]
    elif workload_id:
        workload = (
            Workload.objects.with_scope(organization=organization).filter(pk=workload_id).first()
        )
        if workload is None:
            errors["workload"] = ["Choose one of this organization's workloads."]
    elif not new_workload_name:
        errors["workload"] = ["Choose a workload or name a new one."]
    if errors:
        raise ValidationFailed.for_fields(errors)
    if workload is None:
        with scope(organization=organization):
            try:
                workload = workload_create(
                    organization=organization, data={"name": new_workload_name}, actor=actor
                )
            except ValidationFailed as exc:
                raise ValidationFailed.for_fields(
                    {"new_workload_name": exc.fields.get("name", [exc.message])}
                ) from None
    token, digest = new_token()
    now = timezone.now()
    link = RespondentLink.objects.create(
        organization=organization,
        workload=workload,
        email=email,
        token_hash=digest,
        created_by=actor,
        created_at=now,
        expires_at=now + ttl,
    )
    emails.send(
        to=email,
        template="respondent_link",
        context={
            "organization": organization,
            "workload": workload,
            "sender": actor,
            "answer_url": emails.absolute(
                base_url, reverse("respondent-answer", kwargs={"token": token})
            ),
            "expires_at": link.expires_at,
        },
    )
    activity_record(
        organization=organization,
        verb="respondent.link_sent",
        summary=f"Sent {email} a link to answer “{workload.name}”",
        actor=actor,
        details={"email": email, "workload_id": workload.pk, "link": link.pk},
    )
    link.token = token  # type: ignore[attr-defined]
    return link


@transaction.atomic
def respondent_link_revoke(*, link: RespondentLink, actor: User) -> RespondentLink:
    _manager(link.organization, actor)
    if link.revoked_at is None and link.completed_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        activity_record(
            organization=link.organization,
            verb="respondent.link_revoked",
            summary=f"Revoked the link of {link.email} for “{link.workload.name}”",
            actor=actor,
            details={"email": link.email, "workload_id": link.workload_id, "link": link.pk},
        )
    return link


def respondent_link_for_token(token: str, *, for_update: bool = False) -> RespondentLink:
    """The open link behind ``token`` or LinkUnusable (``unknown``, ``expired``,
    ``revoked``, ``used``)."""
    with scopes_disabled():
        queryset = RespondentLink.objects.select_related("organization", "workload")
        if for_update:
            queryset = queryset.select_for_update(of=("self",))
        link = queryset.filter(token_hash=token_digest(token or "")).first()
    if link is None:
        raise LinkUnusable("unknown")
    if link.status != "open":
        raise LinkUnusable(link.status)
    return link


@transaction.atomic
def respondent_answer(*, token: str, data: dict[str, Any], complete: bool) -> RespondentLink:
    """Save a respondent's answers to the link's workload (and nothing else).

    Uses the questionnaire's own service, so validation and the audit trail are
    the same as for a signed-in editor; the change is attributed to
    "respondent <email>". Submitting as complete closes the link.
    """
    from assessments.workloads.services import workload_update

    link = respondent_link_for_token(token, for_update=True)
    label = respondent_label(link)
    with scope(organization=link.organization):
        workload_update(
            workload=link.workload, data=data, actor=None, actor_label=label, complete=complete
        )
    now = timezone.now()
    link.last_used_at = now
    fields = ["last_used_at"]
    if complete:
        link.completed_at = now
        fields.append("completed_at")
    link.save(update_fields=fields)
    activity_record(
        organization=link.organization,
        verb="workload.answered",
        summary=f"{label} {'submitted' if complete else 'saved a draft of'} “{link.workload.name}”",
        actor_label=label,
        details={"workload_id": link.workload_id, "link": link.pk, "complete": complete},
    )
    return link
