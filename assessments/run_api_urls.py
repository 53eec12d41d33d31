"""REST routes of assessment runs under /api/v1/."""

from django.urls import path

from assessments.runs import api

urlpatterns = [
    path(
        "organizations/<slug:org_slug>/assessments/",
        api.RunListCreate.as_view(),
        name="api-runs",
    ),
    path(
        "organizations/<slug:org_slug>/assessments/<int:run_id>/",
        api.RunDetail.as_view(),
        name="api-run-detail",
    ),
]
