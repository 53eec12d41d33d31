"""REST API: an organization's members and open invitations; invite by POST."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from portal.models import Membership, Role
from portal.models.people import Invitation
from portal.people import selectors, services
from portal.tenancy import OrganizationScopedAPIMixin


class MemberSerializer(serializers.Serializer):
    """A member (``kind`` "member") or an open invitation (``kind`` "invitation")."""

    kind = serializers.CharField(help_text='"member" or "invitation".')
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(choices=Role.choices)
    status = serializers.CharField(
        help_text='"active" (a member), "pending" or "expired" (an invitation).'
    )
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)


class InvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=Role.choices)


def member_row(m: Membership) -> dict[str, Any]:
    return {
        "kind": "member",
        "id": m.pk,
        "email": m.user.email,
        "full_name": m.user.full_name,
        "role": m.role,
        "status": "active",
        "created_at": m.created_at,
        "expires_at": None,
    }


def invitation_row(inv: Invitation) -> dict[str, Any]:
    return {
        "kind": "invitation",
        "id": inv.pk,
        "email": inv.email,
        "full_name": "",
        "role": inv.role,
        "status": inv.status,
        "created_at": inv.sent_at,
        "expires_at": inv.expires_at,
    }


class MemberListCreate(OrganizationScopedAPIMixin, generics.GenericAPIView):
    serializer_class = MemberSerializer
    default_role = Role.CLIENT_ADMIN
    required_roles = {"GET": Role.CLIENT_ADMIN, "POST": Role.CLIENT_ADMIN}

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return Membership.objects.none()

    @extend_schema(
        summary="Members and open invitations (consultant, client admin)",
        responses=MemberSerializer(many=True),
    )
    def get(self, request: Request, org_slug: str) -> Response:
        rows = [member_row(m) for m in selectors.members_of(self.organization)]
        rows += [invitation_row(i) for i in selectors.open_invitations_of(self.organization)]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(MemberSerializer(page, many=True).data)

    @extend_schema(
        summary="Invite someone by e-mail with a role (consultant, client admin)",
        request=InvitationInputSerializer,
        responses={201: MemberSerializer},
    )
    def post(self, request: Request, org_slug: str) -> Response:
        serializer = InvitationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invitation_create(
            organization=self.organization,
            inviter=request.user,
            email=serializer.validated_data["email"],
            role=serializer.validated_data["role"],
            base_url=request.build_absolute_uri("/"),
        )
        return Response(
            MemberSerializer(invitation_row(invitation)).data, status=status.HTTP_201_CREATED
        )
