"""The organization profile page (QUESTIONNAIRE.md, organization fields).

Every member may read it; consultants and client admins may change it. The rules
are ``portal.services.clean_organization_profile``; this view only translates.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import services
from portal.errors import ValidationFailed
from portal.models import Certification, Region, Role, Sector
from portal.tenancy import organization_view

EMPTY_DISCOUNT_ROWS = 3


def _vendor_names() -> list[str]:
    try:
        from vendors.selectors import vendor_names
    except ImportError:
        return []
    try:
        return list(vendor_names())
    except Exception:  # the catalog may not be set up yet; free text still works
        return []


def _data_from_post(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    discounts = []
    for vendor, percent in zip(
        post.getlist("discount_vendor"), post.getlist("discount_percent"), strict=False
    ):
        if vendor.strip() or percent.strip():
            discounts.append({"vendor": vendor.strip(), "percent": percent.strip()})
    return {
        "name": post.get("name", ""),
        "sector": post.get("sector", ""),
        "headcount": post.get("headcount", ""),
        "annual_revenue_usd": post.get("annual_revenue_usd", ""),
        "headquarters_region": post.get("headquarters_region", ""),
        "regulated_entity": "regulated_entity" in post,
        "certifications_held": post.getlist("certifications_held"),
        "national_security_funding": "national_security_funding" in post,
        "negotiated_discounts": discounts,
    }


@organization_view()
def organization_profile(request: HttpRequest) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    can_edit = request.membership.has_role(Role.CLIENT_ADMIN)  # type: ignore[attr-defined]
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {
        "name": org.name,
        "sector": org.sector,
        "headcount": org.headcount or "",
        "annual_revenue_usd": org.annual_revenue_usd if org.annual_revenue_usd is not None else "",
        "headquarters_region": org.headquarters_region,
        "regulated_entity": org.regulated_entity,
        "certifications_held": list(org.certifications_held or []),
        "national_security_funding": org.national_security_funding,
        "negotiated_discounts": list(org.negotiated_discounts or []),
    }
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only consultants and client admins may change the profile.")
        data = _data_from_post(request)
        try:
            services.organization_update(organization=org, data=data)
        except ValidationFailed as exc:
            errors, values, status = exc.fields, data, 400
            messages.error(request, "Nothing was saved: " + exc.message)
        else:
            services.activity_record(
                organization=org,
                verb="organization.profile_updated",
                summary="Organization profile updated",
                actor=request.user,
            )
            messages.success(request, "Profile saved.")
            return redirect("organization-profile", org.slug)
    discounts = list(values["negotiated_discounts"]) + [{"vendor": "", "percent": ""}] * (
        EMPTY_DISCOUNT_ROWS
    )
    return render(
        request,
        "portal/profile.html",
        {
            "values": values,
            "errors": errors,
            "can_edit": can_edit,
            "sectors": Sector.choices,
            "regions": Region.choices,
            "certifications": Certification.choices,
            "discount_rows": discounts,
            "vendor_names": _vendor_names(),
        },
        status=status,
    )
