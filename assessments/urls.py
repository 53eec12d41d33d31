"""HTML routes of assessments, one module per feature."""

from django.urls import include, path

urlpatterns = [
    path("", include("assessments.workload_urls")),
    path("", include("assessments.run_urls")),
    path("", include("assessments.report_urls")),
]
