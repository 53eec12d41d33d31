"""Writes of assessment runs: start, claim, heartbeat, finish, fail, reap.

The run row is the truth. Every write a worker makes is fenced on
``(status="running", attempts=<its attempt>)``: once the reaper has re-queued a
run, or another worker has claimed it, the old worker's writes match no row and
it stops. A claim is one compare-and-swap ``UPDATE``, so a message delivered
twice (or to two workers at once) is computed by exactly one of them.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from assessments.engine import RULESET_VERSION, EngineInputError, validate_parameters
from assessments.models.runs import AssessmentRun, RunStatus
from assessments.runs import snapshot as snap
from costing.calendars import CALENDARS
from costing.self_hosting import ACCOUNTING_BASES
from portal.errors import ValidationFailed
from portal.models import Organization, User
from portal.services import activity_record

logger = logging.getLogger(__name__)

DEFAULT_BASELINE = "gpt-4o"
PREFERRED_CANDIDATES = ("deepseek/deepseek-v3", "self-hosted/deepseek-v3")
DEFAULT_HORIZON_YEARS = 3
DEFAULT_SIMULATIONS = 10_000
MAX_SIMULATIONS = 100_000
MAX_SEED = 2**63 - 1
DEFAULT_MAX_ATTEMPTS = 3
PARAMETER_NAMES = (
    "candidate_offerings",
    "baseline_offering",
    "horizon_years",
    "calendar",
    "accounting",
    "assumptions",
    "prices_as_of",
    "simulations",
    "seed",
)


def stale_after() -> timedelta:
    """How old a running run's heartbeat may get before it is presumed dead."""
    return timedelta(seconds=settings.ASSESSMENT_RUN_STALE_SECONDS)


# --- the catalog and the questionnaire, behind two small seams --------------------------


def catalog_offering_keys() -> list[str]:
    from vendors.selectors import offering_choices

    return [key for key, _label in offering_choices()]


def catalog_facts(keys: list[str], *, as_of: date) -> dict[str, dict[str, Any]]:
    from vendors.selectors import offering_facts

    return dict(offering_facts(keys, as_of=as_of))


def catalog_version() -> str:
    from vendors.selectors import catalog_version as version

    return str(version())


def organization_workloads(organization: Organization) -> list[dict[str, Any]]:
    from assessments.workloads.selectors import workload_inputs

    return list(workload_inputs(organization))


def default_candidates(available: list[str]) -> list[str]:
    """The DeepSeek offerings to assess when the caller names none: the article's
    comparison (first-party API and self-hosted open weights) when the catalog has
    them, otherwise every DeepSeek offering it lists."""
    preferred = [k for k in PREFERRED_CANDIDATES if k in available]
    return preferred or [k for k in available if "deepseek" in k.lower()]


def default_parameters(*, available: list[str] | None = None) -> dict[str, Any]:
    """The parameters a run gets when the caller leaves them out (seed excluded)."""
    keys = catalog_offering_keys() if available is None else available
    return {
        "candidate_offerings": default_candidates(keys),
        "baseline_offering": DEFAULT_BASELINE,
        "horizon_years": DEFAULT_HORIZON_YEARS,
        "calendar": "business_days",
        "accounting": "cash",
        "assumptions": {},
        "prices_as_of": timezone.localdate().isoformat(),
        "simulations": DEFAULT_SIMULATIONS,
    }


# --- parameters -----------------------------------------------------------------------


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def clean_parameters(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """The run's parameters with defaults filled in; ``ValidationFailed`` per field.

    Checks shapes and ranges here; unknown offerings and assumption values are
    checked against the catalog and the engine in :func:`assessment_run_start`.
    """
    raw = dict(raw or {})
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(raw) - set(PARAMETER_NAMES))
    for name in unknown:
        errors[name] = ["Unknown parameter."]
    given = {k: v for k, v in raw.items() if v is not None and k in PARAMETER_NAMES}
    needs_catalog = "candidate_offerings" not in given or not given["candidate_offerings"]
    params = default_parameters(available=None if needs_catalog else [])
    if needs_catalog:
        given.pop("candidate_offerings", None)

    candidates = given.get("candidate_offerings", params["candidate_offerings"])
    if isinstance(candidates, str) or not isinstance(candidates, list | tuple):
        errors["candidate_offerings"] = ["Give a list of catalog offering keys."]
    else:
        params["candidate_offerings"] = [str(k).strip() for k in candidates if str(k).strip()]
        if not params["candidate_offerings"]:
            errors["candidate_offerings"] = [
                "Choose at least one candidate offering (the catalog lists no DeepSeek offering "
                "to default to)."
            ]
        elif len(set(params["candidate_offerings"])) != len(params["candidate_offerings"]):
            errors["candidate_offerings"] = ["An offering is listed twice."]

    baseline = given.get("baseline_offering", params["baseline_offering"])
    if not isinstance(baseline, str) or not baseline.strip():
        errors["baseline_offering"] = ["Name the baseline (incumbent) offering's catalog key."]
    else:
        params["baseline_offering"] = baseline.strip()
        if baseline.strip() in params["candidate_offerings"]:
            errors["baseline_offering"] = ["The baseline cannot also be a candidate."]

    horizon = _whole(given.get("horizon_years", params["horizon_years"]))
    if horizon is None or not 1 <= horizon <= 10:
        errors["horizon_years"] = ["Give a whole number of years between 1 and 10."]
    else:
        params["horizon_years"] = horizon

    for name, allowed in (("calendar", CALENDARS), ("accounting", ACCOUNTING_BASES)):
        value = given.get(name, params[name])
        if value not in allowed:
            errors[name] = [f"Choose one of: {', '.join(allowed)}."]
        else:
            params[name] = value

    assumptions = given.get("assumptions", {})
    if not isinstance(assumptions, Mapping):
        errors["assumptions"] = [
            'Give an object of assumption overrides, e.g. {"ml_fte_count": 3}.'
        ]
    else:
        params["assumptions"] = snap.jsonable(assumptions)

    as_of = given.get("prices_as_of", params["prices_as_of"])
    try:
        if isinstance(as_of, datetime):
            as_of = as_of.date()
        params["prices_as_of"] = (
            as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
        ).isoformat()
    except ValueError:
        errors["prices_as_of"] = ["Give a date as YYYY-MM-DD."]

    simulations = _whole(given.get("simulations", params["simulations"]))
    if simulations is None or not 0 <= simulations <= MAX_SIMULATIONS:
        errors["simulations"] = [
            f"Give a whole number of draws between 0 (off) and {MAX_SIMULATIONS:,}."
        ]
    else:
        params["simulations"] = simulations

    if "seed" in given:
        seed = _whole(given["seed"])
        if seed is None or not 0 <= seed <= MAX_SEED:
            errors["seed"] = ["Give a whole number of 0 or more, or leave it out for a random one."]
        else:
            params["seed"] = seed
    else:
        # Random, but recorded: the same seed and inputs reproduce the same figures.
        params["seed"] = secrets.randbelow(2**31)

    if errors:
        raise ValidationFailed.for_fields(errors)
    return params


def _offering_keys_needed(params: Mapping[str, Any], workloads: list[dict[str, Any]]) -> list[str]:
    keys = [*params["candidate_offerings"], params["baseline_offering"]]
    for workload in workloads:
        current = workload.get("current_offering")
        if current and current not in keys:
            keys.append(current)
    return keys


def _workload_problems(workloads: list[dict[str, Any]]) -> dict[str, list[str]]:
    if not workloads:
        return {
            "workloads": [
                "This organization has no workloads yet. Describe at least one workload in "
                "the questionnaire before starting an assessment."
            ]
        }
    incomplete = [w for w in workloads if not w.get("is_complete")]
    if not incomplete:
        return {}
    shown = "; ".join(
        f"{w.get('name') or w.get('id')} (missing: {', '.join(w.get('missing_fields') or [])})"
        for w in incomplete[:10]
    )
    more = f" and {len(incomplete) - 10} more" if len(incomplete) > 10 else ""
    return {
        "workloads": [
            f"{len(incomplete)} workload(s) have unanswered required questions: {shown}{more}. "
            "Complete them before starting an assessment."
        ]
    }


@transaction.atomic
def assessment_run_start(
    *, organization: Organization, user: User | None, parameters: Mapping[str, Any] | None
) -> AssessmentRun:
    """Validate, snapshot the inputs, create the run and enqueue it after commit.

    Raises ``ValidationFailed`` (nothing written, nothing queued) for unknown
    offerings, an organization without workloads, incomplete workloads, bad
    assumptions and out-of-range parameters.
    """
    params = clean_parameters(parameters)
    workloads = organization_workloads(organization)
    errors: dict[str, list[str]] = dict(_workload_problems(workloads))

    as_of = date.fromisoformat(params["prices_as_of"])
    known = set(catalog_offering_keys())
    missing = [k for k in params["candidate_offerings"] if k not in known]
    if missing:
        errors["candidate_offerings"] = [f"Not in the catalog: {', '.join(missing)}."]
    if params["baseline_offering"] not in known:
        errors["baseline_offering"] = [f"Not in the catalog: {params['baseline_offering']}."]
    # A workload's current offering that the catalog does not know is simply not compared.
    facts = catalog_facts(
        [k for k in _offering_keys_needed(params, workloads) if k in known], as_of=as_of
    )
    offerings = {k: snap.offering_input(v) for k, v in facts.items()}
    engine_params = snap.run_parameters(params, params["assumptions"])
    try:
        resolved = validate_parameters(engine_params, offerings)
    except EngineInputError as exc:
        for name, messages in exc.fields.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))
        resolved = None
    if errors or resolved is None:
        raise ValidationFailed.for_fields(errors)

    version = catalog_version()
    run = AssessmentRun.objects.create(
        organization=organization,
        started_by=user if user is not None and user.is_authenticated else None,
        parameters=params,
        max_attempts=DEFAULT_MAX_ATTEMPTS,
        ruleset_version=RULESET_VERSION,
        catalog_version=version,
        inputs_snapshot=snap.build_snapshot(
            organization=organization,
            workloads=workloads,
            offerings=facts,
            assumptions=resolved.as_json(),
            catalog_version=version,
            ruleset_version=RULESET_VERSION,
        ),
    )
    activity_record(
        organization=organization,
        verb="assessment.started",
        summary=f"Started assessment run {run.pk} of {len(workloads)} workload(s)",
        actor=user,
        details={"run_id": run.pk},
    )
    enqueue_on_commit(run.pk)
    return run


def enqueue_on_commit(run_id: int, *, countdown: int | None = None) -> None:
    """Send the run's task once the surrounding transaction commits (never before)."""
    from assessments.tasks.runs import run_assessment

    if countdown:
        transaction.on_commit(lambda: run_assessment.apply_async((run_id,), countdown=countdown))
    else:
        run_assessment.delay_on_commit(run_id)


# --- worker side: claim, heartbeat, finish --------------------------------------------


@dataclass(frozen=True)
class Claim:
    run_id: int
    attempt: int


def _fenced(claim: Claim) -> Any:
    with scopes_disabled():
        return AssessmentRun.objects.filter(
            pk=claim.run_id, status=RunStatus.RUNNING, attempts=claim.attempt
        )


def _claimable(now: datetime) -> Q:
    return Q(status=RunStatus.QUEUED) | Q(
        status=RunStatus.RUNNING, heartbeat_at__lt=now - stale_after()
    )


def assessment_run_claim(*, run_id: int, worker: str) -> Claim | None:
    """Compare-and-swap ``queued`` (or ``running`` with a stale heartbeat) -> ``running``.

    Returns the claim, or None when the run is not ours to compute: already
    claimed by a live worker, finished, missing, or out of attempts (in which case
    it is marked failed here).
    """
    now = timezone.now()
    with scopes_disabled():
        runs = AssessmentRun.objects.filter(pk=run_id)
        claimed = runs.filter(_claimable(now), attempts__lt=F("max_attempts")).update(
            status=RunStatus.RUNNING,
            attempts=F("attempts") + 1,
            heartbeat_at=now,
            started_at=now,
            claimed_by=worker[:255],
            progress=0,
            error="",
        )
        if claimed:
            attempt = runs.values_list("attempts", flat=True).get()
            return Claim(run_id=run_id, attempt=attempt)
        exhausted = runs.filter(_claimable(now), attempts__gte=F("max_attempts")).first()
    if exhausted is not None:
        _fail_exhausted(exhausted, now=now)
    return None


def _fail_exhausted(run: AssessmentRun, *, now: datetime) -> None:
    message = (
        f"The assessment was attempted {run.attempts} time(s) and no attempt finished "
        "(the worker crashed, was stopped or hit its time limit). It was not retried again; "
        "start a new run, and contact support if this repeats."
    )
    with transaction.atomic(), scopes_disabled():
        updated = (
            AssessmentRun.objects.filter(pk=run.pk, status=run.status, attempts=run.attempts)
            .filter(_claimable(now))
            .update(status=RunStatus.FAILED, error=message, finished_at=now, heartbeat_at=now)
        )
        if updated:
            _after_finish(run.pk)


def assessment_run_heartbeat(*, claim: Claim, progress: int | None = None) -> bool:
    """Record that the claim's worker is alive (and its progress); False when the
    claim was lost (re-queued by the reaper or taken over), so the worker stops."""
    values: dict[str, Any] = {"heartbeat_at": timezone.now()}
    if progress is not None:
        values["progress"] = max(0, min(99, int(progress)))
    return bool(_fenced(claim).update(**values))


def assessment_run_succeed(*, claim: Claim, results: dict[str, Any]) -> bool:
    """Store the results and mark the run succeeded, in one transaction; False when
    the claim was lost (nothing written)."""
    now = timezone.now()
    with transaction.atomic():
        updated = _fenced(claim).update(
            status=RunStatus.SUCCEEDED,
            results=results,
            progress=100,
            finished_at=now,
            heartbeat_at=now,
            error="",
            ruleset_version=str(results.get("ruleset_version") or RULESET_VERSION),
        )
        if updated:
            _after_finish(claim.run_id, results=results)
    return bool(updated)


def assessment_run_fail(*, claim: Claim, error: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        updated = _fenced(claim).update(
            status=RunStatus.FAILED, error=error[:4000], finished_at=now, heartbeat_at=now
        )
        if updated:
            _after_finish(claim.run_id)
    return bool(updated)


def assessment_run_retry(*, claim: Claim, error: str) -> bool:
    """Put a run whose attempt broke back in the queue (with a short back-off), or
    fail it when that was its last attempt."""
    with transaction.atomic(), scopes_disabled():
        run = _fenced(claim).select_for_update().first()
        if run is None:
            return False
        if run.attempts >= run.max_attempts:
            return assessment_run_fail(
                claim=claim,
                error=f"The assessment failed on all {run.attempts} attempts. Last error: {error}",
            )
        _fenced(claim).update(
            status=RunStatus.QUEUED, queued_at=timezone.now(), error=error[:4000], claimed_by=""
        )
        enqueue_on_commit(claim.run_id, countdown=min(60, 2**run.attempts))
    return True


def _after_finish(run_id: int, *, results: dict[str, Any] | None = None) -> None:
    """Inside the finishing transaction: the activity entry and the webhook deliveries
    (written with the result, sent after commit); after commit, the board report is
    queued. Report and webhooks are optional features: absent, they are skipped."""
    with scopes_disabled():
        run = (
            AssessmentRun.objects.select_related("organization", "started_by")
            .defer("inputs_snapshot", "results")
            .get(pk=run_id)
        )
    succeeded = run.status == RunStatus.SUCCEEDED
    portfolio = (results or {}).get("portfolio") or {}
    verb = "assessment.succeeded" if succeeded else "assessment.failed"
    if succeeded:
        summary = f"Assessment run {run.pk} finished: portfolio verdict {portfolio.get('verdict')}"
    else:
        summary = f"Assessment run {run.pk} failed: {run.error}"
    activity_record(
        organization=run.organization,
        verb=verb,
        summary=summary,
        actor=run.started_by,
        details={"run_id": run.pk},
    )
    payload: dict[str, Any] = {
        "run_id": run.pk,
        "organization": run.organization.slug,
        "status": run.status,
        "attempts": run.attempts,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }
    if succeeded:
        payload["portfolio_verdict"] = portfolio.get("verdict")
        payload["workload_count"] = portfolio.get("workload_count")
        payload["candidate_viable_share"] = portfolio.get("candidate_viable_share")
    else:
        payload["error"] = run.error
    _emit_webhook(run, verb, payload)
    if succeeded:
        transaction.on_commit(lambda: _queue_report(run_id))


def _emit_webhook(run: AssessmentRun, event: str, payload: dict[str, Any]) -> None:
    try:
        from portal.webhooks import webhook_emit
    except ImportError:
        return
    try:
        with transaction.atomic():  # a savepoint: a webhook problem never loses the result
            webhook_emit(organization=run.organization, event=event, payload=payload)
    except Exception:
        logger.exception("could not record the %s webhook of run %s", event, run.pk)


def _queue_report(run_id: int) -> None:
    try:
        from assessments.tasks.reports import render_report
    except ImportError:
        return
    try:
        render_report.delay(run_id)
    except Exception:  # the run stands; the report can be rendered again from its page
        logger.exception("could not queue the report of run %s", run_id)


# --- the reaper -----------------------------------------------------------------------


def assessment_runs_reap(*, now: datetime | None = None) -> dict[str, list[int]]:
    """Re-queue (or, out of attempts, fail) runs whose worker stopped heart-beating,
    and re-send runs that have sat in the queue far too long (a lost message)."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    outcome: dict[str, list[int]] = {"requeued": [], "failed": [], "resent": []}
    with scopes_disabled():
        stale = list(
            AssessmentRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=cutoff)
            .order_by("pk")
            .values_list("pk", "attempts", "max_attempts")
        )
        for run_id, attempts, max_attempts in stale:
            with transaction.atomic():
                fence = AssessmentRun.objects.filter(
                    pk=run_id, status=RunStatus.RUNNING, attempts=attempts, heartbeat_at__lt=cutoff
                )
                if attempts >= max_attempts:
                    run = fence.first()
                    if run is not None:
                        _fail_exhausted(run, now=now)
                        outcome["failed"].append(run_id)
                    continue
                if fence.update(
                    status=RunStatus.QUEUED,
                    queued_at=now,
                    claimed_by="",
                    error=f"Attempt {attempts} stopped responding; queued again.",
                ):
                    enqueue_on_commit(run_id)
                    outcome["requeued"].append(run_id)
        lost = list(
            AssessmentRun.objects.filter(
                status=RunStatus.QUEUED, queued_at__lt=now - 10 * stale_after()
            ).values_list("pk", flat=True)
        )
        for run_id in lost:
            with transaction.atomic():
                if AssessmentRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
                    queued_at=now
                ):
                    enqueue_on_commit(run_id)
                    outcome["resent"].append(run_id)
    if any(outcome.values()):
        logger.warning("assessment run reaper: %s", outcome)
    return outcome
