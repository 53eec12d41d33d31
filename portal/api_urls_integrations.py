"""API routes of integrations: webhook endpoints and deliveries."""

from django.urls import path

from portal import api_integrations as api

urlpatterns = [
    path(
        "organizations/<slug:org_slug>/webhooks/",
        api.WebhookEndpointListCreate.as_view(),
        name="api-webhooks",
    ),
    path(
        "organizations/<slug:org_slug>/webhooks/<int:pk>/",
        api.WebhookEndpointDetail.as_view(),
        name="api-webhook-detail",
    ),
    path(
        "organizations/<slug:org_slug>/webhooks/<int:pk>/deliveries/",
        api.WebhookDeliveryList.as_view(),
        name="api-webhook-deliveries",
    ),
    path(
        "organizations/<slug:org_slug>/webhooks/<int:pk>/deliveries/<int:delivery_pk>/resend/",
        api.WebhookDeliveryResend.as_view(),
        name="api-webhook-delivery-resend",
    ),
]
