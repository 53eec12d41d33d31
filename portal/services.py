"""Writes for users, organizations and memberships (one transaction each)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from portal.errors import ValidationFailed
from portal.models import Certification, Membership, Organization, Region, Role, Sector, User

PROFILE_FIELDS = (
    "name",
    "slug",
    "sector",
    "headcount",
    "annual_revenue_usd",
    "headquarters_region",
    "regulated_entity",
    "certifications_held",
    "national_security_funding",
    "negotiated_discounts",
)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError("Enter a number.") from None
    if not number.is_finite():
        raise ValueError("Enter a finite number.")
    return number


def clean_negotiated_discounts(value: Any) -> list[dict[str, str]]:
    """``[{"vendor": name, "percent": "0-100"}]``, one entry per vendor."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValueError('Give a list of {"vendor": ..., "percent": ...} entries.')
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"Entry {index}: give a vendor and a percent.")
        vendor = str(entry.get("vendor") or "").strip()
        if not vendor:
            raise ValueError(f"Entry {index}: the vendor is missing.")
        if vendor.lower() in seen:
            raise ValueError(f"Entry {index}: {vendor} is listed twice.")
        seen.add(vendor.lower())
        try:
            percent = _decimal(entry.get("percent"))
        except ValueError:
            raise ValueError(f"Entry {index}: the percent must be a number.") from None
        if percent is None or not Decimal(0) <= percent <= Decimal(100):
            raise ValueError(f"Entry {index}: the percent must be between 0 and 100.")
        cleaned.append({"vendor": vendor, "percent": str(percent.quantize(Decimal("0.01")))})
    return cleaned


def clean_organization_profile(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate profile answers (QUESTIONNAIRE.md, organization profile).

    Returns the cleaned values; raises ValidationFailed naming every bad field.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    for name in unknown:
        errors[name] = ["This field is not part of the organization profile."]

    def check(name: str, fn: Any) -> None:
        if name not in data:
            return
        try:
            cleaned[name] = fn(data[name])
        except ValueError as exc:
            errors[name] = [str(exc)]

    def name_value(v: Any) -> str:
        text = str(v or "").strip()
        if not text:
            raise ValueError("Give the organization a name.")
        if len(text) > 200:
            raise ValueError("Keep the name under 200 characters.")
        return text

    def slug_value(v: Any) -> str:
        text = str(v or "").strip()
        slug = slugify(text)
        if not slug or slug != text:
            raise ValueError("Use lowercase letters, digits and hyphens only.")
        return slug[:80]

    def choice(choices: Any) -> Any:
        def inner(v: Any) -> str:
            if v not in choices.values:
                raise ValueError(f"Choose one of: {', '.join(choices.values)}.")
            return str(v)

        return inner

    def headcount_value(v: Any) -> int | None:
        if v in (None, ""):
            return None
        if isinstance(v, bool):
            raise ValueError("Enter a whole number of people.")
        try:
            number = int(str(v).replace(",", ""))
        except ValueError:
            raise ValueError("Enter a whole number of people.") from None
        if number < 1:
            raise ValueError("Headcount must be at least 1.")
        return number

    def revenue_value(v: Any) -> Decimal | None:
        number = _decimal(v)
        if number is not None and number < 0:
            raise ValueError("Revenue cannot be negative.")
        if number is not None and number >= Decimal("1e14"):
            raise ValueError("That revenue is too large.")
        return number

    def boolean(v: Any) -> bool:
        if isinstance(v, bool):
            return v
        raise ValueError("Answer true or false.")

    def certs(v: Any) -> list[str]:
        if v in (None, ""):
            return []
        if not isinstance(v, (list, tuple)):
            raise ValueError("Give a list of certification codes.")
        bad = [str(c) for c in v if c not in Certification.values]
        if bad:
            raise ValueError(
                f"Unknown certification(s): {', '.join(bad)}. "
                f"Choose from {', '.join(Certification.values)}."
            )
        return sorted(set(v), key=Certification.values.index)

    check("name", name_value)
    check("slug", slug_value)
    check("sector", choice(Sector))
    check("headcount", headcount_value)
    check("annual_revenue_usd", revenue_value)
    check("headquarters_region", choice(Region))
    check("regulated_entity", boolean)
    check("certifications_held", certs)
    check("national_security_funding", boolean)
    check("negotiated_discounts", clean_negotiated_discounts)
    if not partial and "name" not in data:
        errors["name"] = ["Give the organization a name."]
    if errors:
        raise ValidationFailed.for_fields(errors)
    return cleaned


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "organization")[:70]
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def organization_create(*, creator: User, data: dict[str, Any]) -> Organization:
    """Create a client organization; the creating firm member becomes its consultant."""
    if not creator.is_consulting_staff:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Only the consulting firm's staff may create organizations.")
    cleaned = clean_organization_profile(data, partial=False)
    if "slug" in cleaned and Organization.objects.filter(slug=cleaned["slug"]).exists():
        raise ValidationFailed.for_fields({"slug": "Another organization already uses this slug."})
    cleaned.setdefault("slug", _unique_slug(cleaned["name"]))
    try:
        with transaction.atomic():
            organization = Organization.objects.create(**cleaned)
    except IntegrityError:
        raise ValidationFailed.for_fields(
            {"slug": "Another organization already uses this slug."}
        ) from None
    Membership.objects.create(user=creator, organization=organization, role=Role.CONSULTANT)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, data: dict[str, Any]) -> Organization:
    cleaned = clean_organization_profile(data, partial=True)
    if "slug" in cleaned and (
        Organization.objects.exclude(pk=organization.pk).filter(slug=cleaned["slug"]).exists()
    ):
        raise ValidationFailed.for_fields({"slug": "Another organization already uses this slug."})
    for name, value in cleaned.items():
        setattr(organization, name, value)
    organization.save()
    return organization


@transaction.atomic
def membership_grant(*, organization: Organization, user: User, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationFailed.for_fields({"role": f"Choose one of: {', '.join(Role.values)}."})
    membership, _ = Membership.objects.update_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    return membership


def activity_record(
    *,
    organization: Organization,
    verb: str,
    summary: str,
    actor: User | None = None,
    actor_label: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Add an entry to the organization's activity log."""
    from portal.models import ActivityEvent

    ActivityEvent.objects.with_scopes_disabled().create(
        organization=organization,
        verb=verb,
        summary=summary[:300],
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label,
        details=details or {},
    )
