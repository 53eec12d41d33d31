"""Report pages: the browser preview, the PDF download and the re-render button."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from assessments.models import AssessmentRun
from assessments.reports import services
from portal.errors import Conflict
from portal.models import Role
from portal.tenancy import organization_view


def _run(request: HttpRequest, run_id: int) -> AssessmentRun:
    return get_object_or_404(
        AssessmentRun.objects.select_related("organization"),
        pk=run_id,
        organization=request.organization,  # type: ignore[attr-defined]
    )


def _run_page(slug: str, run_id: int) -> str:
    try:
        return reverse("run-detail", args=[slug, run_id])
    except NoReverseMatch:
        return reverse("organization-home", args=[slug])


@organization_view(Role.VIEWER)
def report_preview(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    slug = run.organization.slug
    if run.status != "succeeded":
        return render(
            request,
            "reports/not_ready.html",
            {"run": run, "back_url": _run_page(slug, run.pk), "reason": "run"},
            status=409,
        )
    report = services.report_for_run(run)
    preview = {
        "back_url": _run_page(slug, run.pk),
        "pdf_url": reverse("run-report-pdf", args=[slug, run.pk])
        if report is not None and report.is_ready
        else "",
    }
    return HttpResponse(services.report_html(run, preview=preview))


@organization_view(Role.VIEWER)
def report_pdf(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    try:
        report = services.report_pdf_of(run)
    except Conflict as exc:
        return render(
            request,
            "reports/not_ready.html",
            {
                "run": run,
                "back_url": _run_page(run.organization.slug, run.pk),
                "message": exc.message,
                "report": services.report_for_run(run),
            },
            status=409,
        )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{services.report_filename(run)}"'
    response["Content-Length"] = str(report.pdf_bytes)
    return response


@require_POST
@organization_view(Role.EDITOR)
def report_render(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    try:
        services.report_request(run=run, user=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The report is being rendered again; it will be ready shortly.")
    next_url = request.POST.get("next") or ""
    if not next_url.startswith(f"/orgs/{run.organization.slug}/"):
        next_url = _run_page(run.organization.slug, run.pk)
    return redirect(next_url)
