"""REST routes of workloads under /api/v1/."""

from django.urls import path

from assessments.workloads import api

urlpatterns = [
    path(
        "organizations/<slug:org_slug>/workloads/",
        api.WorkloadListCreate.as_view(),
        name="api-workloads",
    ),
    path(
        "organizations/<slug:org_slug>/workloads/import/",
        api.WorkloadImport.as_view(),
        name="api-workloads-import",
    ),
    path(
        "organizations/<slug:org_slug>/workloads/<int:pk>/",
        api.WorkloadDetail.as_view(),
        name="api-workload-detail",
    ),
    path(
        "organizations/<slug:org_slug>/workloads/<int:pk>/latency-samples/",
        api.LatencySamples.as_view(),
        name="api-workload-latency-samples",
    ),
]
