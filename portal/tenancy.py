"""Tenancy: the one place that decides whether a caller may see an organization.

Tenant-owned models use django-scopes' ``ScopedManager(organization=...)``: any
query of them outside ``scope(organization=...)`` raises ``ScopeError`` instead of
returning every tenant's rows. We chose django-scopes (as pretix uses it) over a
hand-written manager because it fails closed for the default manager, related
managers and the admin alike, and it is small and well kept.

``resolve_membership`` is the choke point: organization slug + user -> membership.
A missing organization and one the caller is not a member of both raise the same
``Http404``; a member without the required role gets ``PermissionDenied`` (403).
HTML views use ``@organization_view``; API views use ``OrganizationScopedAPIMixin``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django_scopes import ScopedManager, scope, scopes_disabled

from portal.models import Membership, Organization, Role

__all__ = [
    "OrganizationScopedAPIMixin",
    "ScopedManager",
    "TenantManager",
    "organization_view",
    "require_role",
    "resolve_membership",
    "scope",
    "scopes_disabled",
]


def TenantManager() -> Any:
    """The manager every tenant-owned model uses: unscoped queries raise."""
    return ScopedManager(organization="organization")


NOT_FOUND_MESSAGE = "No organization matches the given query."


def resolve_membership(
    user: Any, slug: str, *, bound_organization_id: int | None = None
) -> Membership:
    """The caller's membership of the organization ``slug``, or Http404.

    ``bound_organization_id`` narrows the answer for credentials tied to one
    organization (an organization-bound API token): any other slug is a 404 too.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        raise Http404(NOT_FOUND_MESSAGE)
    membership = (
        Membership.objects.select_related("organization", "user")
        .filter(user=user, organization__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if bound_organization_id is not None and membership.organization_id != bound_organization_id:
        raise Http404(NOT_FOUND_MESSAGE)
    return membership


def require_role(membership: Membership, minimum: str) -> None:
    if not membership.has_role(minimum):
        raise PermissionDenied(
            f"This needs the {Role(minimum).label.lower()} role or higher in "
            f"{membership.organization.name}."
        )


def organization_view(
    minimum_role: str = Role.VIEWER,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate an HTML view taking ``org_slug``: resolves the membership, checks the
    role, sets ``request.organization`` / ``request.membership`` and runs the view
    inside the organization's scope. Views must render eagerly (``render``), so that
    templates evaluate their queries inside the scope."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            membership = resolve_membership(request.user, org_slug)
            require_role(membership, minimum_role)
            request.organization = membership.organization  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            with scope(organization=membership.organization):
                return view(request, *args, **kwargs)

        return wrapped

    return decorator


class OrganizationScopedAPIMixin:
    """For DRF views under ``organizations/{org_slug}/``.

    After authentication, resolves the membership (404 / 403) and keeps the
    organization's scope active until the response is finalised. ``required_roles``
    maps HTTP methods to the minimum role; unlisted methods need viewer.
    """

    required_roles: dict[str, str] = {}
    default_role: str = Role.VIEWER
    organization: Organization
    membership: Membership

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        bound = getattr(request.auth, "organization_id", None)
        self.membership = resolve_membership(
            request.user, kwargs["org_slug"], bound_organization_id=bound
        )
        self.organization = self.membership.organization
        require_role(self.membership, self.required_roles.get(request.method, self.default_role))
        self._scope_stack = contextlib.ExitStack()
        self._scope_stack.enter_context(scope(organization=self.organization))

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        stack = getattr(self, "_scope_stack", None)
        try:
            return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        finally:
            if stack is not None:
                stack.close()


class AdminScopeMiddleware:
    """The admin is the firm's staff tool and sees every tenant: scopes off there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/admin/"):
            with scopes_disabled():
                return self.get_response(request)
        return self.get_response(request)
