"""Board report routes under /api/v1/organizations/<slug>/assessments/<id>/."""

from django.urls import path

from assessments.reports import api

urlpatterns = [
    path(
        "organizations/<slug:org_slug>/assessments/<int:run_id>/report.pdf",
        api.ReportPDF.as_view(),
        name="api-run-report-pdf",
    ),
    path(
        "organizations/<slug:org_slug>/assessments/<int:run_id>/report/",
        api.ReportStatusView.as_view(),
        name="api-run-report",
    ),
]
