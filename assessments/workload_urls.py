"""HTML routes of the workload questionnaire."""

from django.urls import path

from assessments.workloads import views

urlpatterns = [
    path("orgs/<slug:org_slug>/workloads/", views.workload_list, name="workload-list"),
    path("orgs/<slug:org_slug>/workloads/new/", views.workload_new, name="workload-new"),
    path(
        "orgs/<slug:org_slug>/workloads/validate/",
        views.workload_validate,
        name="workload-validate-new",
    ),
    path("orgs/<slug:org_slug>/workloads/import/", views.workload_import, name="workload-import"),
    path("orgs/<slug:org_slug>/workloads/export/", views.workload_export, name="workload-export"),
    path(
        "orgs/<slug:org_slug>/workloads/template/",
        views.workload_template,
        name="workload-template",
    ),
    path("orgs/<slug:org_slug>/workloads/<int:pk>/", views.workload_detail, name="workload-detail"),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/edit/", views.workload_edit, name="workload-edit"
    ),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/validate/",
        views.workload_validate,
        name="workload-validate",
    ),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/clone/",
        views.workload_clone,
        name="workload-clone",
    ),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/delete/",
        views.workload_delete,
        name="workload-delete",
    ),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/latency/",
        views.latency_upload,
        name="workload-latency",
    ),
    path(
        "orgs/<slug:org_slug>/workloads/<int:pk>/latency/delete/",
        views.latency_delete,
        name="workload-latency-delete",
    ),
]
