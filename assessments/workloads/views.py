"""HTML pages of the questionnaire: list, questionnaire, workload page, import/export,
latency evidence. Thin: they translate the request and call services/selectors."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from assessments.workloads import fields as spec
from assessments.workloads import selectors, services, spreadsheets
from assessments.workloads.forms import bind, data_from_post, implied_notes, understood
from assessments.workloads.latency import (
    PERCENTILE_METHOD,
    histogram,
    parse_samples_csv,
)
from assessments.workloads.validation import (
    completion_percent,
    known_offerings,
    missing_required,
    validate_workload,
)
from portal.errors import ValidationFailed
from portal.models import Role
from portal.tenancy import organization_view

STATUS_LABELS = dict(spec.STATUS_CHOICES)
USE_CASE_LABELS = dict(spec.USE_CASE_CHOICES)


def _can_edit(request: HttpRequest) -> bool:
    return bool(request.membership.has_role(Role.EDITOR))  # type: ignore[attr-defined]


def _completion(values: dict[str, Any]) -> dict[str, Any]:
    missing = missing_required(values)
    return {
        "percent": completion_percent(values),
        "missing": [{"name": m, "label": spec.BY_NAME[m].label} for m in missing],
        "complete": not missing,
    }


@organization_view()
def workload_list(request: HttpRequest) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    filters = {
        "status": request.GET.get("status", "")
        if request.GET.get("status") in STATUS_LABELS
        else "",
        "use_case": request.GET.get("use_case", "")
        if request.GET.get("use_case") in USE_CASE_LABELS
        else "",
        "completeness": request.GET.get("completeness", "")
        if request.GET.get("completeness") in ("complete", "incomplete")
        else "",
        "search": request.GET.get("q", "").strip()[:100],
    }
    workloads = selectors.workload_list(org, **filters)
    total = selectors.workload_queryset(org).count()
    return render(
        request,
        "workloads/list.html",
        {
            "workloads": workloads,
            "total": total,
            "filters": filters,
            "status_choices": spec.STATUS_CHOICES,
            "use_case_choices": spec.USE_CASE_CHOICES,
            "can_edit": _can_edit(request),
        },
    )


def _questionnaire(
    request: HttpRequest,
    *,
    values: dict[str, Any],
    workload: Any = None,
    errors: dict[str, list[str]] | None = None,
    raw: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "workloads/form.html",
        {
            "workload": workload,
            "sections": bind(values, errors=errors, raw=raw),
            "errors": errors or {},
            "completion": _completion(values),
            "implied": implied_notes(values),
        },
        status=status,
    )


def _save(request: HttpRequest, workload: Any) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    data = data_from_post(request.POST)
    complete = request.POST.get("action") == "complete"
    try:
        if workload is None:
            workload = services.workload_create(
                organization=org, data=data, actor=request.user, complete=complete
            )
        else:
            services.workload_update(
                workload=workload, data=data, actor=request.user, complete=complete
            )
    except ValidationFailed as exc:
        base = workload.answers() if workload is not None else spec.defaults()
        shown = {**base, **data}
        messages.error(request, "Nothing was saved: " + exc.message)
        return _questionnaire(
            request, values=shown, workload=workload, errors=exc.fields, raw=True, status=400
        )
    if complete:
        messages.success(request, f"\u201c{workload.name}\u201d is complete.")
        return redirect("workload-detail", org.slug, workload.pk)
    missing = len(workload.missing_fields)
    note = f" {missing} required answer(s) still missing." if missing else ""
    messages.success(request, "Draft saved." + note)
    return redirect("workload-edit", org.slug, workload.pk)


@organization_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def workload_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save(request, None)
    return _questionnaire(request, values=spec.defaults())


@organization_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def workload_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workload = selectors.workload_get(request.organization, pk)  # type: ignore[attr-defined]
    if request.method == "POST":
        return _save(request, workload)
    return _questionnaire(request, values=workload.answers(), workload=workload)


@organization_view(Role.EDITOR)
@require_POST
def workload_validate(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """htmx: the message fragment of one field, checked as for completion."""
    org = request.organization  # type: ignore[attr-defined]
    workload = selectors.workload_get(org, pk) if pk is not None else None
    name = request.GET.get("field", "")
    if name not in spec.BY_NAME:
        return HttpResponse("Unknown field.", status=400)
    data = data_from_post(request.POST)
    existing = workload.answers() if workload is not None else spec.defaults()
    errors: list[str] = []
    try:
        validate_workload(
            data,
            existing=existing,
            complete=True,
            only=[name],
            name_taken=services._name_checker(org, exclude_pk=getattr(workload, "pk", None)),
        )
    except ValidationFailed as exc:
        errors = exc.fields.get(name, [])
    f = spec.BY_NAME[name]
    return render(
        request,
        "workloads/_message.html",
        {
            "name": name,
            "errors": errors,
            "understood": "" if errors else understood(f, data.get(name)),
        },
    )


@organization_view()
def workload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workload = selectors.workload_get(request.organization, pk)  # type: ignore[attr-defined]
    values = workload.answers()
    sets = []
    for s in selectors.latency_sets(workload):
        bins = histogram([int(v) for v in s.samples])
        peak = max((b["count"] for b in bins), default=1) or 1
        sets.append(
            {
                "set": s,
                "bins": [
                    {
                        **b,
                        "x": i * 12,
                        "h": round(48 * b["count"] / peak),
                        "y": 50 - round(48 * b["count"] / peak),
                    }
                    for i, b in enumerate(bins)
                ],
                "width": 12 * len(bins),
            }
        )
    changes = []
    for c in selectors.workload_changes(workload):
        changes.append(
            {
                "change": c,
                "fields": [
                    {
                        "name": k,
                        "label": spec.BY_NAME[k].label if k in spec.BY_NAME else k,
                        "old": v.get("old"),
                        "new": v.get("new"),
                    }
                    for k, v in c.changes.items()
                ],
            }
        )
    return render(
        request,
        "workloads/detail.html",
        {
            "workload": workload,
            "sections": bind(values),
            "completion": _completion(values),
            "implied": implied_notes(values),
            "latency_sets": sets,
            "percentile_method": PERCENTILE_METHOD,
            "changes": changes,
            "can_edit": _can_edit(request),
            "offering_choices": sorted((known_offerings() or {}).items()),
        },
    )


@organization_view(Role.EDITOR)
@require_POST
def workload_clone(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    workload = selectors.workload_get(org, pk)
    copy = services.workload_clone(workload=workload, actor=request.user)
    messages.success(request, f"Copied to \u201c{copy.name}\u201d.")
    return redirect("workload-edit", org.slug, copy.pk)


@organization_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def workload_delete(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    workload = selectors.workload_get(org, pk)
    if request.method == "POST":
        name = workload.name
        services.workload_delete(workload=workload, actor=request.user)
        messages.success(request, f"\u201c{name}\u201d deleted.")
        return redirect("workload-list", org.slug)
    return render(request, "workloads/confirm_delete.html", {"workload": workload})


def _download(content: bytes, fmt: str, stem: str) -> HttpResponse:
    content_type = spreadsheets.XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@organization_view()
def workload_export(request: HttpRequest) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    rows = spreadsheets.export_rows(selectors.workload_inputs(org))
    content = spreadsheets.to_xlsx(rows) if fmt == "xlsx" else spreadsheets.to_csv(rows)
    return _download(content, fmt, f"{org.slug}-workloads")


@organization_view()
def workload_template(request: HttpRequest) -> HttpResponse:
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    content = spreadsheets.to_xlsx([]) if fmt == "xlsx" else spreadsheets.to_csv([])
    return _download(content, fmt, "workloads-template")


@organization_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def workload_import(request: HttpRequest) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    context: dict[str, Any] = {"allowed": spreadsheets.allowed_values_rows()[1:]}
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed.for_fields({"file": "Choose a CSV or XLSX file."})
            rows = spreadsheets.read_upload(upload.name or "", upload.read())
            created = services.workloads_import(organization=org, rows=rows, actor=request.user)
        except ValidationFailed as exc:
            context["error"] = exc.message
            context["problems"] = [
                f"{key}, {msg}" if key.startswith("row ") else f"{key}: {msg}"
                for key, msgs in exc.fields.items()
                for msg in msgs
            ]
            return render(request, "workloads/import.html", context, status=400)
        messages.success(request, f"{len(created)} workload(s) imported.")
        return redirect("workload-list", org.slug)
    return render(request, "workloads/import.html", context)


@organization_view(Role.EDITOR)
@require_POST
def latency_upload(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    workload = selectors.workload_get(org, pk)
    offering = request.POST.get("offering", "")
    upload = request.FILES.get("file")
    pasted = request.POST.get("samples", "").strip()
    try:
        if upload is not None:
            content = upload.read()
            try:
                samples: Any = parse_samples_csv(content)
            except ValueError:
                try:
                    samples = json.loads(content)
                except (ValueError, UnicodeDecodeError):
                    raise ValidationFailed.for_fields(
                        {"file": "Upload a CSV with a latency_ms column or a JSON list of numbers."}
                    ) from None
        elif pasted:
            try:
                samples = json.loads(pasted)
            except ValueError:
                raise ValidationFailed.for_fields(
                    {"samples": "Paste a JSON list of numbers, such as [812, 954, 1020]."}
                ) from None
        else:
            raise ValidationFailed.for_fields({"file": "Choose a file or paste the latencies."})
        result = services.latency_samples_upload(
            workload=workload, offering=offering, samples=samples, actor=request.user
        )
    except ValidationFailed as exc:
        for field, msgs in exc.fields.items():
            for msg in msgs:
                messages.error(request, f"Latency samples not saved ({field}): {msg}")
        return redirect(reverse("workload-detail", args=[org.slug, pk]) + "#latency")
    messages.success(
        request,
        f"{result.count} samples for {result.offering}: P50 {result.p50} ms, "
        f"P90 {result.p90} ms, P99 {result.p99} ms.",
    )
    return redirect(reverse("workload-detail", args=[org.slug, pk]) + "#latency")


@organization_view(Role.EDITOR)
@require_POST
def latency_delete(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization  # type: ignore[attr-defined]
    workload = selectors.workload_get(org, pk)
    sample_set = selectors.latency_set_get(workload, request.POST.get("offering", ""))
    services.latency_samples_delete(sample_set=sample_set, actor=request.user)
    messages.success(request, f"Latency samples for {sample_set.offering} removed.")
    return redirect(reverse("workload-detail", args=[org.slug, pk]) + "#latency")
