"""REST API: an organization's webhook endpoints and their deliveries (an extension
of the v1 contract; consultants and client admins only)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from portal import webhooks
from portal.models import DeliveryStatus, Role, WebhookDelivery, WebhookEndpoint, WebhookEvent
from portal.tenancy import OrganizationScopedAPIMixin


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "description", "events", "is_active", "created_at", "updated_at"]
        read_only_fields = fields


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        help_text="The signing secret. Shown only in this response: store it now."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=500, help_text="An https:// URL that accepts JSON POST requests."
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), min_length=1
    )
    is_active = serializers.BooleanField(required=False)


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event = serializers.ChoiceField(choices=WebhookEvent.choices)
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "delivery_id",
            "event",
            "status",
            "attempts",
            "response_code",
            "last_error",
            "created_at",
            "last_attempt_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


class _WebhookAPI(OrganizationScopedAPIMixin, generics.GenericAPIView):
    default_role = Role.CLIENT_ADMIN
    required_roles = {m: Role.CLIENT_ADMIN for m in ("GET", "POST", "PATCH", "DELETE")}

    def endpoint(self, pk: int) -> WebhookEndpoint:
        return generics.get_object_or_404(
            WebhookEndpoint.objects.filter(organization=self.organization), pk=pk
        )


class WebhookEndpointListCreate(_WebhookAPI):
    serializer_class = WebhookEndpointSerializer

    def get_queryset(self) -> Any:
        return WebhookEndpoint.objects.filter(organization=self.organization)

    @extend_schema(
        summary="Webhook endpoints of the organization (consultant, client admin)",
        responses=WebhookEndpointSerializer(many=True),
    )
    def get(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(list(self.get_queryset()))
        return self.get_paginated_response(WebhookEndpointSerializer(page, many=True).data)

    @extend_schema(
        summary="Register a webhook endpoint; the response carries its secret, once",
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointCreatedSerializer},
    )
    def post(self, request: Request, org_slug: str) -> Response:
        data = WebhookEndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = webhooks.webhook_endpoint_create(
            organization=self.organization, data=dict(data.validated_data), actor=request.user
        )
        return Response(
            WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED
        )


class WebhookEndpointDetail(_WebhookAPI):
    serializer_class = WebhookEndpointSerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return WebhookEndpoint.objects.none()

    @extend_schema(summary="One webhook endpoint")
    def get(self, request: Request, org_slug: str, pk: int) -> Response:
        return Response(WebhookEndpointSerializer(self.endpoint(pk)).data)

    @extend_schema(
        summary="Change a webhook endpoint (events, description, active)",
        request=WebhookEndpointInputSerializer(partial=True),
    )
    def patch(self, request: Request, org_slug: str, pk: int) -> Response:
        endpoint = self.endpoint(pk)
        data = WebhookEndpointInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        webhooks.webhook_endpoint_update(
            endpoint=endpoint, data=dict(data.validated_data), actor=request.user
        )
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(summary="Remove a webhook endpoint", responses={204: None})
    def delete(self, request: Request, org_slug: str, pk: int) -> Response:
        webhooks.webhook_endpoint_delete(endpoint=self.endpoint(pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryList(_WebhookAPI):
    serializer_class = WebhookDeliverySerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return WebhookDelivery.objects.none()

    @extend_schema(
        summary="Deliveries to a webhook endpoint, newest first",
        responses=WebhookDeliverySerializer(many=True),
    )
    def get(self, request: Request, org_slug: str, pk: int) -> Response:
        endpoint = self.endpoint(pk)
        deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).order_by(
            "-created_at", "-pk"
        )
        page = self.paginate_queryset(deliveries)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


class WebhookDeliveryResend(_WebhookAPI):
    serializer_class = WebhookDeliverySerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return WebhookDelivery.objects.none()

    @extend_schema(
        summary="Send a delivery again (same id and body, new signature): 202",
        request=None,
        responses={202: WebhookDeliverySerializer},
    )
    def post(self, request: Request, org_slug: str, pk: int, delivery_pk: int) -> Response:
        endpoint = self.endpoint(pk)
        delivery = generics.get_object_or_404(
            WebhookDelivery.objects.filter(endpoint=endpoint), pk=delivery_pk
        )
        webhooks.webhook_delivery_resend(delivery=delivery, actor=request.user)
        delivery.refresh_from_db()
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
