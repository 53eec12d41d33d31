"""REST routes of assessments under /api/v1/, one module per feature."""

from django.urls import include, path

urlpatterns = [
    path("", include("assessments.workload_api_urls")),
    path("", include("assessments.run_api_urls")),
    path("", include("assessments.report_api_urls")),
]
