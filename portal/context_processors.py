from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from portal.selectors import memberships_of


def portal(request: HttpRequest) -> dict[str, Any]:
    """Branding and the organization switcher for every page."""
    context: dict[str, Any] = {
        "firm_name": settings.FIRM_NAME,
        "firm_primary_color": settings.FIRM_PRIMARY_COLOR,
        "firm_accent_color": settings.FIRM_ACCENT_COLOR,
        "current_organization": getattr(request, "organization", None),
        "current_membership": getattr(request, "membership", None),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["switcher_memberships"] = memberships_of(user)
    return context
