from django.urls import path

from portal import api

urlpatterns = [
    path("organizations/", api.OrganizationListCreate.as_view(), name="api-organizations"),
    path(
        "organizations/<slug:org_slug>/",
        api.OrganizationDetail.as_view(),
        name="api-organization-detail",
    ),
]
