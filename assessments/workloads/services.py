"""Writes of workloads, their latency evidence and their audit trail.

Each service runs in one transaction, validates through
``assessments.workloads.validation`` and raises ValidationFailed (nothing is
written then). Callers run inside the organization's scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from assessments.models import LatencySampleSet, Workload, WorkloadChange
from assessments.workloads import fields as spec
from assessments.workloads.latency import parse_samples, percentiles
from assessments.workloads.validation import (
    clean_offering_key,
    to_json_value,
    validate_workload,
)
from portal.errors import ValidationFailed
from portal.models import Organization, User
from portal.services import activity_record

NAME_TAKEN = "Another workload in this organization already has this name."


def _name_checker(organization: Organization, exclude_pk: int | None = None) -> Any:
    def taken(name: str) -> bool:
        qs = Workload.objects.filter(organization=organization, name__iexact=name)
        if exclude_pk is not None:
            qs = qs.exclude(pk=exclude_pk)
        return qs.exists()

    return taken


def _actor(user: User | None) -> User | None:
    return user if user is not None and user.is_authenticated else None


def _record(
    workload: Workload,
    action: str,
    changes: dict[str, Any],
    actor: User | None,
    actor_label: str = "",
) -> WorkloadChange:
    return WorkloadChange.objects.create(
        organization=workload.organization,
        workload=workload,
        action=action,
        actor=_actor(actor),
        actor_label=actor_label,
        changes=changes,
    )


def _save_new(workload: Workload) -> None:
    try:
        with transaction.atomic():
            workload.save()
    except IntegrityError:
        raise ValidationFailed.for_fields({"name": NAME_TAKEN}) from None


@transaction.atomic
def workload_create(
    *,
    organization: Organization,
    data: Mapping[str, Any],
    actor: User | None = None,
    actor_label: str = "",
    complete: bool = False,
    action: str = "created",
) -> Workload:
    """A new workload from questionnaire answers (a draft unless ``complete``)."""
    cleaned = validate_workload(data, complete=complete, name_taken=_name_checker(organization))
    answers = {**spec.defaults(), **cleaned}
    workload = Workload(
        organization=organization,
        created_by=_actor(actor),
        updated_by=_actor(actor),
        **answers,
    )
    _save_new(workload)
    changes = {
        name: {"old": None, "new": to_json_value(value)}
        for name, value in workload.answers().items()
        if value not in (None, "", [])
    }
    _record(workload, action, changes, actor, actor_label)
    if action != "imported":
        activity_record(
            organization=organization,
            verb=f"workload.{action}",
            summary=f"Workload \u201c{workload.name}\u201d {action}",
            actor=_actor(actor),
            actor_label=actor_label,
            details={"workload_id": workload.pk},
        )
    return workload


@transaction.atomic
def workload_update(
    *,
    workload: Workload,
    data: Mapping[str, Any],
    actor: User | None = None,
    actor_label: str = "",
    complete: bool = False,
) -> Workload:
    """Change some answers; records which fields changed (old -> new)."""
    before = workload.answers()
    cleaned = validate_workload(
        data,
        existing=before,
        complete=complete,
        name_taken=_name_checker(workload.organization, exclude_pk=workload.pk),
    )
    changes = {
        name: {"old": to_json_value(before[name]), "new": to_json_value(value)}
        for name, value in cleaned.items()
        if before[name] != value
    }
    if not changes:
        return workload
    for name, value in cleaned.items():
        setattr(workload, name, value)
    workload.updated_by = _actor(actor)
    try:
        with transaction.atomic():
            workload.save()
    except IntegrityError:
        raise ValidationFailed.for_fields({"name": NAME_TAKEN}) from None
    _record(workload, "updated", changes, actor, actor_label)
    return workload


@transaction.atomic
def workload_delete(*, workload: Workload, actor: User | None = None) -> None:
    name, organization, pk = workload.name, workload.organization, workload.pk
    workload.delete()
    activity_record(
        organization=organization,
        verb="workload.deleted",
        summary=f"Workload \u201c{name}\u201d deleted",
        actor=_actor(actor),
        details={"workload_id": pk},
    )


def _copy_name(organization: Organization, name: str) -> str:
    taken = _name_checker(organization)
    base = f"{name} (copy)"[:190]
    candidate, n = base, 2
    while taken(candidate):
        candidate = f"{base} {n}"
        n += 1
    return candidate


@transaction.atomic
def workload_clone(*, workload: Workload, actor: User | None = None) -> Workload:
    """A copy of the answers under a new name (latency evidence is not copied)."""
    answers = workload.answers()
    answers["name"] = _copy_name(workload.organization, workload.name)
    return workload_create(
        organization=workload.organization,
        data={k: to_json_value(v) for k, v in answers.items()},
        actor=actor,
        action="cloned",
    )


@transaction.atomic
def workloads_import(
    *,
    organization: Organization,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    actor: User | None = None,
) -> list[Workload]:
    """Create one workload per row: every row or none.

    ``rows`` pairs each row's number in the file with its answers. Errors are
    keyed ``row N`` and name the column: "daily_input_tokens: cannot be negative".
    """
    errors: dict[str, list[str]] = {}
    cleaned_rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    taken = _name_checker(organization)
    for number, data in rows:
        key = f"row {number}"
        try:
            cleaned = validate_workload(data, name_taken=taken)
        except ValidationFailed as exc:
            errors[key] = [f"{col}: {msg}" for col, msgs in exc.fields.items() for msg in msgs]
            continue
        lowered = cleaned["name"].lower()
        if lowered in seen:
            errors[key] = [
                f"name: \u201c{cleaned['name']}\u201d is also used in row {seen[lowered]}."
            ]
            continue
        seen[lowered] = number
        cleaned_rows.append(cleaned)
    if not rows:
        raise ValidationFailed.for_fields({"file": "The file has no workload rows."})
    if errors:
        count = len(errors)
        raise ValidationFailed(
            f"{count} row{'s' if count != 1 else ''} need attention; nothing was imported.",
            fields=errors,
        )
    created = [
        workload_create(organization=organization, data=row, actor=actor, action="imported")
        for row in cleaned_rows
    ]
    activity_record(
        organization=organization,
        verb="workload.imported",
        summary=f"{len(created)} workload(s) imported from a spreadsheet",
        actor=_actor(actor),
        details={"workload_ids": [w.pk for w in created]},
    )
    return created


@transaction.atomic
def latency_samples_upload(
    *,
    workload: Workload,
    offering: Any,
    samples: Any,
    actor: User | None = None,
    samples_field: str = "samples",
) -> LatencySampleSet:
    """Store staging latencies (ms) for one offering, replacing an earlier upload."""
    errors: dict[str, str] = {}
    key = ""
    values: list[int] = []
    try:
        key = clean_offering_key(offering)
    except ValueError as exc:
        errors["offering"] = str(exc)
    try:
        values = parse_samples(samples)
    except ValueError as exc:
        errors[samples_field] = str(exc)
    if errors:
        raise ValidationFailed.for_fields(dict(errors))
    stats = percentiles(values)
    sample_set, _ = LatencySampleSet.objects.update_or_create(
        workload=workload,
        offering=key,
        defaults={
            "organization": workload.organization,
            "samples": values,
            "count": stats["count"],
            "p50": stats["p50"],
            "p90": stats["p90"],
            "p99": stats["p99"],
            "uploaded_by": _actor(actor),
        },
    )
    _record(
        workload,
        "latency",
        {
            f"latency:{key}": {
                "old": None,
                "new": f"{stats['count']} samples, P50 {stats['p50']} ms, "
                f"P90 {stats['p90']} ms, P99 {stats['p99']} ms",
            }
        },
        actor,
    )
    return sample_set


@transaction.atomic
def latency_samples_delete(*, sample_set: LatencySampleSet, actor: User | None = None) -> None:
    workload, key = sample_set.workload, sample_set.offering
    sample_set.delete()
    _record(workload, "latency", {f"latency:{key}": {"old": "samples", "new": None}}, actor)
