"""Members and invitations, the invitation accept page and the activity log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.errors import Conflict, ValidationFailed
from portal.models import Membership, Role, User
from portal.models.people import Invitation
from portal.people import selectors, services
from portal.people.forms import InvitationForm, NewAccountForm, RoleForm, apply_errors
from portal.tenancy import organization_view

LINK_PROBLEMS = {
    "unknown": (
        "This link is not valid",
        "The link may be mistyped or incomplete, or a newer invitation may have replaced it.",
    ),
    "expired": (
        "This link has expired",
        "Invitation links work for a limited time. Ask the person who invited you to send a "
        "new one.",
    ),
    "revoked": (
        "This link was withdrawn",
        "The invitation was revoked. Ask the person who invited you if you still need access.",
    ),
    "used": (
        "This link was already used",
        "Each invitation link works once. If you already accepted it, sign in as usual.",
    ),
}


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def link_unusable(request: HttpRequest, reason: str, *, kind: str = "invitation") -> HttpResponse:
    """The one page for a bad link: says why, and nothing about any organization."""
    title, explanation = LINK_PROBLEMS.get(reason, LINK_PROBLEMS["unknown"])
    return render(
        request,
        "people/link_unusable.html",
        {"title": title, "explanation": explanation, "kind": kind},
        status=404 if reason == "unknown" else 410,
    )


# Members ----------------------------------------------------------------------


def _members_page(request: HttpRequest, form: InvitationForm, status: int = 200) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    actor = request.membership  # type: ignore[attr-defined]
    roles = services.grantable_roles(actor)
    members = list(selectors.members_of(organization))
    rows = [
        {
            "membership": m,
            "manageable": m.role != Role.CONSULTANT or actor.role == Role.CONSULTANT,
            "is_self": m.user_id == request.user.pk,
        }
        for m in members
    ]
    return render(
        request,
        "people/members.html",
        {
            "rows": rows,
            "invitations": list(selectors.open_invitations_of(organization)),
            "form": form,
            "roles": [(r, Role(r).label) for r in roles],
        },
        status=status,
    )


@organization_view(Role.CLIENT_ADMIN)
def members(request: HttpRequest) -> HttpResponse:
    roles = services.grantable_roles(request.membership)  # type: ignore[attr-defined]
    if request.method == "POST":
        form = InvitationForm(request.POST, roles=roles)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    organization=request.organization,  # type: ignore[attr-defined]
                    inviter=request.user,  # type: ignore[arg-type]
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    base_url=base_url(request),
                )
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Invitation sent to {invitation.email}.")
                return redirect("members", org_slug=request.organization.slug)  # type: ignore[attr-defined]
        return _members_page(request, form, status=400)
    return _members_page(request, InvitationForm(roles=roles))


def _membership(request: HttpRequest, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        pk=pk,
        organization=request.organization,  # type: ignore[attr-defined]
    )


def _back_to_members(request: HttpRequest) -> HttpResponse:
    return redirect("members", org_slug=request.organization.slug)  # type: ignore[attr-defined]


@require_POST
@organization_view(Role.CLIENT_ADMIN)
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role.")
        return _back_to_members(request)
    try:
        services.membership_change_role(
            membership=membership,
            actor=request.user,  # type: ignore[arg-type]
            role=form.cleaned_data["role"],
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for ms in exc.fields.values() for m in ms))
    else:
        messages.success(
            request, f"{membership.user.email} is now {membership.get_role_display().lower()}."
        )
    return _back_to_members(request)


@require_POST
@organization_view(Role.CLIENT_ADMIN)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    leaving = membership.user_id == request.user.pk
    try:
        services.membership_remove(membership=membership, actor=request.user)  # type: ignore[arg-type]
    except Conflict as exc:
        messages.error(request, exc.message)
        return _back_to_members(request)
    messages.success(request, f"Removed {membership.user.email}.")
    if leaving:
        return redirect("dashboard")
    return _back_to_members(request)


def _invitation(request: HttpRequest, pk: int) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("organization"), pk=pk)


@require_POST
@organization_view(Role.CLIENT_ADMIN)
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        services.invitation_resend(
            invitation=invitation,
            actor=request.user,  # type: ignore[arg-type]
            base_url=base_url(request),
        )
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Sent a new link to {invitation.email}.")
    return _back_to_members(request)


@require_POST
@organization_view(Role.CLIENT_ADMIN)
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)  # type: ignore[arg-type]
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The invitation to {invitation.email} no longer works.")
    return _back_to_members(request)


# Accepting an invitation ------------------------------------------------------


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.LinkUnusable as exc:
        return link_unusable(request, exc.reason)
    accept_path = reverse("invitation-accept", kwargs={"token": token})
    context: dict[str, object] = {"invitation": invitation, "organization": invitation.organization}

    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():  # type: ignore[union-attr]
            return render(request, "people/invitation_wrong_account.html", {}, status=403)
        if request.method == "POST":
            try:
                membership = services.invitation_accept(token=token, user=request.user)  # type: ignore[arg-type]
            except services.LinkUnusable as exc:
                return link_unusable(request, exc.reason)
            except PermissionDenied:
                return render(request, "people/invitation_wrong_account.html", {}, status=403)
            messages.success(request, f"Welcome to {membership.organization.name}.")
            return redirect("organization-home", org_slug=membership.organization.slug)
        return render(request, "people/invitation_confirm.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        context["login_url"] = f"{reverse('login')}?{urlencode({'next': accept_path})}"
        return render(request, "people/invitation_sign_in.html", context)

    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create_from_invitation(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                password_again=form.cleaned_data["password_again"],
            )
        except services.LinkUnusable as exc:
            return link_unusable(request, exc.reason)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except Conflict:
            context["login_url"] = f"{reverse('login')}?{urlencode({'next': accept_path})}"
            return render(request, "people/invitation_sign_in.html", context)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invitation.organization.name}.")
            return redirect("organization-home", org_slug=invitation.organization.slug)
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "people/invitation_new_account.html", context, status=status)


# Activity log -----------------------------------------------------------------


@organization_view(Role.CLIENT_ADMIN)
def activity(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    kind = request.GET.get("kind", "").strip()
    query = request.GET.get("q", "").strip()[:100]
    groups = selectors.activity_verb_groups(organization)
    if kind not in groups:
        kind = ""
    events = selectors.activity_of(
        organization, verb_prefix=f"{kind}." if kind else "", query=query
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    params = {k: v for k, v in {"kind": kind, "q": query}.items() if v}
    return render(
        request,
        "people/activity.html",
        {
            "page": page,
            "groups": groups,
            "kind": kind,
            "query": query,
            "querystring": urlencode(params),
        },
    )
