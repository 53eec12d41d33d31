"""Routes of the integration pages: API tokens and webhooks."""

from django.urls import path

from portal import views_integrations as views

urlpatterns = [
    path("settings/tokens/", views.token_settings, name="token-settings"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("orgs/<slug:org_slug>/webhooks/", views.webhook_list, name="webhooks"),
    path("orgs/<slug:org_slug>/webhooks/<int:pk>/", views.webhook_detail, name="webhook-detail"),
    path(
        "orgs/<slug:org_slug>/webhooks/<int:pk>/secret/",
        views.webhook_rotate_secret,
        name="webhook-rotate-secret",
    ),
    path(
        "orgs/<slug:org_slug>/webhooks/<int:pk>/delete/",
        views.webhook_delete,
        name="webhook-delete",
    ),
    path(
        "orgs/<slug:org_slug>/webhooks/<int:pk>/deliveries/<int:delivery_pk>/resend/",
        views.webhook_resend,
        name="webhook-resend",
    ),
]
