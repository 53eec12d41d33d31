"""Reads of workloads. ``workload_inputs`` is what an assessment run snapshots."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from assessments.models import LatencySampleSet, Workload, WorkloadChange
from assessments.workloads import fields as spec
from assessments.workloads.validation import missing_required, to_json_value
from portal.models import Organization
from portal.tenancy import scope


def workload_as_dict(workload: Workload) -> dict[str, Any]:
    """Every QUESTIONNAIRE.md answer as plain JSON values, plus id and completeness.

    Decimals are strings ("1.50"); a blank current_offering is None; latency
    samples are {offering_key: [ms, ...]} (needs ``latency_sample_sets`` prefetched
    to stay at one query).
    """
    answers = workload.answers()
    data: dict[str, Any] = {"id": workload.pk}
    for name in spec.FIELD_NAMES:
        data[name] = to_json_value(answers[name])
    data["current_offering"] = data["current_offering"] or None
    missing = missing_required(answers)
    data["is_complete"] = not missing
    data["missing_fields"] = missing
    data["latency_samples"] = {
        s.offering: [int(v) for v in s.samples] for s in workload.latency_sample_sets.all()
    }
    return data


def workload_inputs(organization: Organization) -> list[dict[str, Any]]:
    """Every workload of the organization as a JSON-serialisable dict (see
    :func:`workload_as_dict`), in name order. Two queries whatever the count."""
    with scope(organization=organization):
        workloads = list(
            Workload.objects.filter(organization=organization)
            .prefetch_related(
                Prefetch(
                    "latency_sample_sets",
                    queryset=LatencySampleSet.objects.filter(organization=organization),
                )
            )
            .order_by("name", "pk")
        )
        return [workload_as_dict(w) for w in workloads]


def workload_queryset(organization: Organization) -> QuerySet[Workload]:
    return Workload.objects.filter(organization=organization)


def workload_get(organization: Organization, pk: Any) -> Workload:
    """One workload of this organization, or Http404 (also for other tenants' ids)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No workload matches the given query.") from None
    workload = workload_queryset(organization).filter(pk=pk).first()
    if workload is None:
        raise Http404("No workload matches the given query.")
    return workload


def workload_list(
    organization: Organization,
    *,
    status: str = "",
    use_case: str = "",
    completeness: str = "",
    search: str = "",
) -> list[Workload]:
    """Workloads filtered as on the list page; completeness is ``complete`` /
    ``incomplete`` / empty (all)."""
    qs = workload_queryset(organization).select_related("updated_by")
    if status:
        qs = qs.filter(status=status)
    if use_case:
        qs = qs.filter(use_case=use_case)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(description__icontains=search))
    workloads = list(qs.order_by("name", "pk"))
    if completeness == "complete":
        workloads = [w for w in workloads if w.is_complete]
    elif completeness == "incomplete":
        workloads = [w for w in workloads if not w.is_complete]
    return workloads


def workload_changes(workload: Workload, limit: int = 50) -> list[WorkloadChange]:
    return list(workload.changes.select_related("actor").order_by("-created_at", "-pk")[:limit])


def latency_sets(workload: Workload) -> list[LatencySampleSet]:
    return list(workload.latency_sample_sets.order_by("offering"))


def latency_set_get(workload: Workload, offering: str) -> LatencySampleSet:
    found = workload.latency_sample_sets.filter(offering=offering).first()
    if found is None:
        raise Http404("No latency samples for this offering.")
    return found
