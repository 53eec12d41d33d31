"""REST API: the caller's organizations and their profiles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from portal import services
from portal.models import Certification, Organization, Region, Role, Sector
from portal.selectors import memberships_of
from portal.tenancy import OrganizationScopedAPIMixin


class DiscountSerializer(serializers.Serializer):
    vendor = serializers.CharField(max_length=100)
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class OrganizationSerializer(serializers.ModelSerializer):
    """The organization profile (QUESTIONNAIRE.md); ``role`` is the caller's."""

    slug = serializers.SlugField(max_length=80, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    headcount = serializers.IntegerField(min_value=1, allow_null=True, required=False)
    annual_revenue_usd = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, allow_null=True, required=False
    )
    headquarters_region = serializers.ChoiceField(choices=Region.choices, required=False)
    certifications_held = serializers.ListField(
        child=serializers.ChoiceField(choices=Certification.choices), required=False
    )
    negotiated_discounts = DiscountSerializer(many=True, required=False)
    role = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
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
            "role",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at", "role"]

    def get_role(self, obj: Organization) -> str | None:
        roles: dict[int, str] = self.context.get("roles", {})
        return roles.get(obj.pk)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        values = super().to_internal_value(data)
        if "negotiated_discounts" in values:
            values["negotiated_discounts"] = [dict(d) for d in values["negotiated_discounts"]]
        return values


class OrganizationListCreate(generics.GenericAPIView):
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return Organization.objects.none()

    @extend_schema(
        summary="List the organizations the caller belongs to",
        responses=OrganizationSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        memberships = memberships_of(request.user)
        bound = getattr(request.auth, "organization_id", None)
        if bound is not None:
            memberships = memberships.filter(organization_id=bound)
        page = self.paginate_queryset(list(memberships))
        roles = {m.organization_id: m.role for m in page}
        data = OrganizationSerializer(
            [m.organization for m in page], many=True, context={"roles": roles}
        ).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="Create a client organization (consulting firm staff only)",
        request=OrganizationSerializer,
        responses={201: OrganizationSerializer},
    )
    def post(self, request: Request) -> Response:
        if getattr(request.auth, "organization_id", None) is not None:
            raise PermissionDenied("An organization-bound token cannot create organizations.")
        if not request.user.is_consulting_staff:
            raise PermissionDenied("Only the consulting firm's staff may create organizations.")
        serializer = OrganizationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = services.organization_create(
            creator=request.user, data=dict(serializer.validated_data)
        )
        body = OrganizationSerializer(
            organization, context={"roles": {organization.pk: Role.CONSULTANT}}
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class OrganizationDetail(OrganizationScopedAPIMixin, generics.GenericAPIView):
    serializer_class = OrganizationSerializer
    required_roles = {"PATCH": Role.CLIENT_ADMIN}

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return Organization.objects.none()

    def _body(self) -> dict[str, Any]:
        return OrganizationSerializer(
            self.organization, context={"roles": {self.organization.pk: self.membership.role}}
        ).data

    @extend_schema(summary="An organization's profile")
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(self._body())

    @extend_schema(
        summary="Change the profile (consultant or client admin)",
        request=OrganizationSerializer,
    )
    def patch(self, request: Request, org_slug: str) -> Response:
        serializer = OrganizationSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.organization_update(
            organization=self.organization, data=dict(serializer.validated_data)
        )
        return Response(self._body())
