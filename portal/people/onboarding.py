"""Onboarding a client, guided: profile -> client admin -> how workloads arrive -> checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal.errors import ValidationFailed
from portal.models import Role
from portal.models.people import ClientOnboarding
from portal.people import progress, selectors, services
from portal.people.forms import ClientProfileForm, IntakeForm, InvitationForm, apply_errors
from portal.people.views import base_url
from portal.tenancy import organization_view

STEPS = [
    ("profile", "Organization profile"),
    ("invite", "Invite the client admin"),
    ("intake", "How workloads arrive"),
    ("checklist", "Checklist"),
]


def _steps(current: str) -> list[dict[str, object]]:
    keys = [k for k, _ in STEPS]
    return [
        {
            "key": k,
            "label": label,
            "current": k == current,
            "done": keys.index(k) < keys.index(current),
        }
        for k, label in STEPS
    ]


@login_required
def onboarding_start(request: HttpRequest) -> HttpResponse:
    if not request.user.is_consulting_staff:  # type: ignore[union-attr]
        raise PermissionDenied("Only the consulting firm's staff may onboard clients.")
    form = ClientProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.client_onboarding_start(
                consultant=request.user,  # type: ignore[arg-type]
                data=form.profile_data(),
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{organization.name} created. Next: invite its admin.")
            return redirect("onboarding-invite", org_slug=organization.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/onboarding_profile.html",
        {"form": form, "steps": _steps("profile")},
        status=status,
    )


@organization_view(Role.CONSULTANT)
def onboarding_invite(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    roles = services.grantable_roles(request.membership)  # type: ignore[attr-defined]
    form = InvitationForm(request.POST or None, roles=roles, initial={"role": Role.CLIENT_ADMIN})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                organization=organization,
                inviter=request.user,  # type: ignore[arg-type]
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=base_url(request),
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("onboarding-intake", org_slug=organization.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/onboarding_invite.html",
        {
            "form": form,
            "steps": _steps("invite"),
            "invitations": list(selectors.open_invitations_of(organization)),
        },
        status=status,
    )


@organization_view(Role.CONSULTANT)
def onboarding_intake(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    current = ClientOnboarding.objects.filter(organization=organization).first()
    initial = {"workload_intake": current.workload_intake} if current else {}
    form = IntakeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.client_onboarding_set_intake(
            organization=organization,
            actor=request.user,  # type: ignore[arg-type]
            intake=form.cleaned_data["workload_intake"],
        )
        return redirect("onboarding-checklist", org_slug=organization.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/onboarding_intake.html",
        {"form": form, "steps": _steps("intake")},
        status=status,
    )


@organization_view(Role.CLIENT_ADMIN)
def onboarding_checklist(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    state = progress.organization_state(organization)
    checklist = progress.onboarding_checklist(state)
    return render(
        request,
        "people/onboarding_checklist.html",
        {
            "steps": _steps("checklist"),
            "checklist": checklist,
            "done": sum(1 for s in checklist if s.done),
            "state": state,
            "respondent_links_url": progress.url_or_none("respondent-links", organization.slug),
        },
    )
