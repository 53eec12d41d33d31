"""HTML pages of assessment runs: list, new, run (live progress, then results),
one workload's options, and the comparison of two runs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessments.runs import compare, presentation, selectors, services
from assessments.runs.forms import RunForm
from portal.errors import ValidationFailed
from portal.models import Role
from portal.tenancy import organization_view


def _org(request: HttpRequest) -> Any:
    return request.organization  # type: ignore[attr-defined]


def _can_start(request: HttpRequest) -> bool:
    return bool(request.membership.has_role(Role.EDITOR))  # type: ignore[attr-defined]


def _offering_choices() -> list[tuple[str, str]]:
    from vendors.selectors import offering_choices

    return list(offering_choices())


@require_GET
@organization_view(Role.VIEWER)
def run_list(request: HttpRequest) -> HttpResponse:
    runs = list(selectors.run_list(_org(request))[:200])
    finished = [r for r in runs if r.status == "succeeded"]
    context = {"runs": runs, "can_start": _can_start(request), "finished": finished}
    return render(request, "runs/list.html", context)


@require_http_methods(["GET", "POST"])
@organization_view(Role.EDITOR)
def run_new(request: HttpRequest) -> HttpResponse:
    organization = _org(request)
    form = RunForm(request.POST or None, offering_choices=_offering_choices())
    if request.method == "POST" and form.is_valid():
        try:
            run = services.assessment_run_start(
                organization=organization, user=request.user, parameters=form.parameters()
            )
        except ValidationFailed as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "The assessment is queued. This page follows its progress.")
            return redirect("run-detail", organization.slug, run.pk)
    return render(request, "runs/new.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@organization_view(Role.VIEWER)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.run_get(organization=_org(request), run_id=run_id)
    names = selectors.snapshot_offering_names(run)
    context: dict[str, Any] = {"run": run, "names": names}
    if run.results:
        context["view"] = presentation.results_view(run.results, names)
    succeeded = selectors.run_list(_org(request)).filter(status="succeeded")[:50]
    context["others"] = [r for r in succeeded if r.pk != run.pk]
    if run.status == "succeeded":
        from assessments.reports.services import report_for_run

        context["report"] = report_for_run(run)
    return render(request, "runs/detail.html", context)


@require_GET
@organization_view(Role.VIEWER)
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    """The progress fragment htmx polls every second; once the run has finished the
    fragment stops polling and asks htmx to reload the page with the results."""
    row = selectors.run_status(organization=_org(request), run_id=run_id)
    finished = row["status"] in ("succeeded", "failed")
    context = {"status": row, "run_id": row["pk"], "finished": finished}
    response = render(request, "runs/_progress.html", context)
    if finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_GET
@organization_view(Role.VIEWER)
def run_workload(request: HttpRequest, run_id: int, workload_pk: int) -> HttpResponse:
    run = selectors.run_get(organization=_org(request), run_id=run_id)
    row = selectors.workload_result(run, workload_pk)
    names = selectors.snapshot_offering_names(run)
    context = {"run": run, "w": presentation.workload_view(row, names)}
    return render(request, "runs/workload.html", context)


@require_GET
@organization_view(Role.VIEWER)
def run_compare(request: HttpRequest) -> HttpResponse:
    organization = _org(request)
    a = selectors.run_get(organization=organization, run_id=request.GET.get("a"))
    b = selectors.run_get(organization=organization, run_id=request.GET.get("b"))
    if (a.created_at, a.pk) > (b.created_at, b.pk):
        a, b = b, a
    context = {"a": a, "b": b, "diff": compare.compare_runs(a, b)}
    return render(request, "runs/compare.html", context)
