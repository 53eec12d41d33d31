"""HTML routes of assessment runs under /orgs/<slug>/assessments/."""

from django.urls import path

from assessments.runs import views

urlpatterns = [
    path("orgs/<slug:org_slug>/assessments/", views.run_list, name="run-list"),
    path("orgs/<slug:org_slug>/assessments/new/", views.run_new, name="run-new"),
    path("orgs/<slug:org_slug>/assessments/compare/", views.run_compare, name="run-compare"),
    path("orgs/<slug:org_slug>/assessments/<int:run_id>/", views.run_detail, name="run-detail"),
    path(
        "orgs/<slug:org_slug>/assessments/<int:run_id>/progress/",
        views.run_progress,
        name="run-progress",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:run_id>/workloads/<int:workload_pk>/",
        views.run_workload,
        name="run-workload",
    ),
]
