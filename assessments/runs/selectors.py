"""Reads of assessment runs (UI, API and the report renderer use these)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from assessments.models.runs import AssessmentRun, RunStatus
from portal.models import Organization

NOT_FOUND = "No assessment run matches the given query."


def run_list(organization: Organization) -> QuerySet[AssessmentRun]:
    """The organization's runs, newest first, without the heavy JSON columns."""
    return (
        AssessmentRun.objects.filter(organization=organization)
        .select_related("started_by")
        .defer("inputs_snapshot", "results")
        .order_by("-created_at", "-pk")
    )


def run_get(*, organization: Organization, run_id: Any) -> AssessmentRun:
    """One run of this organization, or Http404 (also for another tenant's run)."""
    try:
        pk = int(run_id)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    run = (
        AssessmentRun.objects.filter(organization=organization, pk=pk)
        .select_related("started_by", "organization")
        .first()
    )
    if run is None:
        raise Http404(NOT_FOUND)
    return run


def run_status(*, organization: Organization, run_id: Any) -> dict[str, Any]:
    """Status and progress only (what the progress bar polls): one small query."""
    try:
        pk = int(run_id)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    row = (
        AssessmentRun.objects.filter(organization=organization, pk=pk)
        .values("pk", "status", "progress", "error", "attempts", "max_attempts")
        .first()
    )
    if row is None:
        raise Http404(NOT_FOUND)
    return row


def latest_succeeded_run(organization: Organization) -> AssessmentRun | None:
    return (
        AssessmentRun.objects.filter(organization=organization, status=RunStatus.SUCCEEDED)
        .order_by("-finished_at", "-pk")
        .first()
    )


def workload_result(run: AssessmentRun, workload_id: Any) -> dict[str, Any]:
    """The stored results of one workload of a finished run, or Http404."""
    for row in (run.results or {}).get("workloads", []):
        if str(row.get("workload_id")) == str(workload_id):
            return dict(row)
    raise Http404("This run has no such workload.")


def snapshot_offering_names(run: AssessmentRun) -> dict[str, str]:
    """Offering key -> display name, as the catalog named it when the run started."""
    offerings = (run.inputs_snapshot or {}).get("offerings", {})
    return {key: str(facts.get("name") or key) for key, facts in offerings.items()}
