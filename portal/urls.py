from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from portal import profile_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("orgs/<slug:org_slug>/", views.organization_home, name="organization-home"),
    path(
        "orgs/<slug:org_slug>/profile/",
        profile_views.organization_profile,
        name="organization-profile",
    ),
    path("", include("portal.urls_people")),
    path("", include("portal.urls_integrations")),
    path("", include("vendors.urls")),
    path("", include("assessments.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api_urls")),
    path("api/v1/", include("portal.api_urls_people")),
    path("api/v1/", include("portal.api_urls_integrations")),
    path("api/v1/", include("vendors.api_urls")),
    path("api/v1/", include("assessments.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

handler404 = "portal.handlers.not_found"
handler500 = "portal.handlers.server_error"
handler403 = "portal.handlers.permission_denied"
