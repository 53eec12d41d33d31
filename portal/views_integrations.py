"""HTML pages for integrations: the user's API tokens and an organization's webhooks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal import tokens, webhooks
from portal.errors import ValidationFailed
from portal.forms_integrations import ApiTokenForm, WebhookEndpointEditForm, WebhookEndpointForm
from portal.models import ApiToken, Role, WebhookDelivery, WebhookEndpoint
from portal.selectors import memberships_of
from portal.tenancy import organization_view


def _apply_errors(form: Any, exc: ValidationFailed) -> None:
    for name, problems in exc.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


# --- API tokens ----------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_settings(request: HttpRequest) -> HttpResponse:
    """List the user's tokens and create new ones (the secret is shown once, here)."""
    memberships = list(memberships_of(request.user))
    form = ApiTokenForm(request.POST or None, memberships=memberships)
    issued = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            slug = form.cleaned_data["organization"]
            organization = next(
                (m.organization for m in memberships if m.organization.slug == slug), None
            )
            days = form.cleaned_data["expires_in"]
            expires_at = timezone.now() + timedelta(days=int(days)) if days else None
            try:
                issued = tokens.api_token_create(
                    user=request.user,  # type: ignore[arg-type]
                    name=form.cleaned_data["name"],
                    organization=organization,
                    expires_at=expires_at,
                )
            except ValidationFailed as exc:
                _apply_errors(form, exc)
            else:
                form = ApiTokenForm(memberships=memberships)
        if not issued:
            status = 400
    context = {
        "form": form,
        "issued": issued,
        "tokens": tokens.tokens_of(request.user),  # type: ignore[arg-type]
        "now": timezone.now(),
    }
    return render(request, "integrations/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.api_token_revoke(token=token, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"Token {token.prefix}… ({token.name}) revoked.")
    return redirect("token-settings")


# --- webhooks ------------------------------------------------------------------------


@never_cache
@organization_view(Role.CLIENT_ADMIN)
@require_http_methods(["GET", "POST"])
def webhook_list(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    form = WebhookEndpointForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = webhooks.webhook_endpoint_create(
                    organization=organization,
                    data=dict(form.cleaned_data),
                    actor=request.user,  # type: ignore[arg-type]
                )
            except ValidationFailed as exc:
                _apply_errors(form, exc)
            else:
                form = WebhookEndpointForm()
        if created is None:
            status = 400
    endpoints = list(WebhookEndpoint.objects.filter(organization=organization))
    return render(
        request,
        "integrations/webhooks.html",
        {"form": form, "created": created, "endpoints": endpoints},
        status=status,
    )


def _endpoint(request: HttpRequest, pk: int) -> WebhookEndpoint:
    return get_object_or_404(
        WebhookEndpoint,
        pk=pk,
        organization=request.organization,  # type: ignore[attr-defined]
    )


@never_cache
@organization_view(Role.CLIENT_ADMIN)
@require_http_methods(["GET", "POST"])
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    initial = {
        "description": endpoint.description,
        "events": endpoint.events,
        "is_active": endpoint.is_active,
    }
    form = WebhookEndpointEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.webhook_endpoint_update(
                endpoint=endpoint,
                data=dict(form.cleaned_data),
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationFailed as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Webhook endpoint saved.")
            return redirect("webhook-detail", request.organization.slug, endpoint.pk)  # type: ignore[attr-defined]
    deliveries = list(
        WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-pk")[:50]
    )
    return render(
        request,
        "integrations/webhook_detail.html",
        {"endpoint": endpoint, "form": form, "deliveries": deliveries, "new_secret": None},
        status=400 if form.errors else 200,
    )


@never_cache
@organization_view(Role.CLIENT_ADMIN)
@require_POST
def webhook_rotate_secret(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    secret = webhooks.webhook_secret_rotate(endpoint=endpoint, actor=request.user)  # type: ignore[arg-type]
    deliveries = list(WebhookDelivery.objects.filter(endpoint=endpoint)[:50])
    form = WebhookEndpointEditForm(
        initial={
            "description": endpoint.description,
            "events": endpoint.events,
            "is_active": endpoint.is_active,
        }
    )
    return render(
        request,
        "integrations/webhook_detail.html",
        {"endpoint": endpoint, "form": form, "deliveries": deliveries, "new_secret": secret},
    )


@organization_view(Role.CLIENT_ADMIN)
@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    url = endpoint.url
    webhooks.webhook_endpoint_delete(endpoint=endpoint, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"Webhook endpoint {url} removed.")
    return redirect("webhooks", request.organization.slug)  # type: ignore[attr-defined]


@organization_view(Role.CLIENT_ADMIN)
@require_POST
def webhook_resend(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    endpoint = _endpoint(request, pk)
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint=endpoint)
    webhooks.webhook_delivery_resend(delivery=delivery, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"Delivery {delivery.delivery_id} queued again.")
    return redirect("webhook-detail", request.organization.slug, endpoint.pk)  # type: ignore[attr-defined]
