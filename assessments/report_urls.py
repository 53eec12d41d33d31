"""Board report pages under /orgs/<slug>/assessments/<id>/."""

from django.urls import path

from assessments.reports import views

urlpatterns = [
    path(
        "orgs/<slug:org_slug>/assessments/<int:run_id>/report/",
        views.report_preview,
        name="run-report",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:run_id>/report.pdf",
        views.report_pdf,
        name="run-report-pdf",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:run_id>/report/render/",
        views.report_render,
        name="run-report-render",
    ),
]
