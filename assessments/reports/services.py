"""Writes and reads of board reports.

``report_render`` is what the Celery task runs: it claims the report with a
compare-and-swap update (a redelivered message finds nothing to claim), renders
from the run's stored record, and stores the PDF with its page count and render
time in one short transaction. ``report_request`` asks for a fresh rendering.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from assessments.models import AssessmentReport, AssessmentRun, ReportStatus
from assessments.models.runs import RunStatus
from assessments.reports.context import ReportSource, build_report_context
from assessments.reports.render import (
    branding_from_settings,
    render_report_html,
    render_report_pdf,
)
from portal.errors import Conflict
from portal.services import activity_record
from portal.tenancy import scopes_disabled

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def _stale_after() -> timedelta:
    """A claim older than the task's hard time limit belongs to a dead worker."""
    return timedelta(seconds=int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 1800)) + 60)


# --- reads ------------------------------------------------------------------------


def report_source(run: AssessmentRun) -> ReportSource:
    """The run's stored record as the report's input: never the live catalog."""
    snapshot = run.inputs_snapshot or {}
    profile = snapshot.get("organization") or {}
    return ReportSource(
        run_id=run.pk,
        client_name=str(profile.get("name") or run.organization.name),
        parameters=run.parameters or {},
        results=run.results or {},
        snapshot=snapshot,
        ruleset_version=run.ruleset_version or str(snapshot.get("ruleset_version") or ""),
        catalog_version=run.catalog_version or str(snapshot.get("catalog_version") or ""),
        created_at=run.created_at,
        finished_at=run.finished_at,
    )


def report_context(run: AssessmentRun) -> dict[str, Any]:
    return build_report_context(report_source(run), branding=branding_from_settings())


def report_html(run: AssessmentRun, *, preview: dict[str, str] | None = None) -> str:
    """The browser preview: the same template as the PDF."""
    return render_report_html(report_context(run), for_pdf=False, preview=preview)


def report_for_run(run: AssessmentRun) -> AssessmentReport | None:
    return AssessmentReport.objects.filter(run=run).defer("pdf").first()


def report_pdf_of(run: AssessmentRun) -> AssessmentReport:
    """The stored PDF of a run, or Conflict while there is none to give."""
    if run.status != RunStatus.SUCCEEDED:
        raise Conflict(
            f"The assessment run is {run.status}; its report exists once the run has succeeded."
        )
    report = AssessmentReport.objects.filter(run=run).first()
    if report is None or not report.is_ready:
        state = (
            "has not been rendered yet" if report is None else report.get_status_display().lower()
        )
        raise Conflict(f"The report of this run is not ready: {state}. Try again shortly.")
    return report


def report_filename(run: AssessmentRun) -> str:
    day = (run.finished_at or run.created_at).date().isoformat()
    return f"tollgate-report-{run.organization.slug}-run-{run.pk}-{day}.pdf"


# --- writes -----------------------------------------------------------------------


def report_request(*, run: AssessmentRun, user: Any = None) -> AssessmentReport:
    """Ask for the run's report to be rendered (again); the task runs after commit."""
    if run.status != RunStatus.SUCCEEDED:
        raise Conflict(f"The assessment run is {run.status}; only a succeeded run has a report.")
    with transaction.atomic():
        report, _ = AssessmentReport.objects.get_or_create(
            run=run, defaults={"organization": run.organization}
        )
        report = AssessmentReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.RENDERING:
            report.status = ReportStatus.PENDING
            report.error = ""
        report.attempts = 0
        report.requested_at = timezone.now()
        report.requested_by = user if getattr(user, "is_authenticated", False) else None
        report.save(update_fields=["status", "error", "attempts", "requested_at", "requested_by"])
        if user is not None and getattr(user, "is_authenticated", False):
            activity_record(
                organization=run.organization,
                verb="report.requested",
                summary=f"Asked for the board report of assessment run {run.pk} to be rendered",
                actor=user,
                details={"run_id": run.pk},
            )
        run_id = run.pk
        transaction.on_commit(lambda: _enqueue(run_id))
    return report


def _enqueue(run_id: int) -> None:
    from assessments.tasks.reports import render_report

    render_report.delay(run_id)


def _claim(run: AssessmentRun) -> AssessmentReport | None:
    """Take the report for rendering, or None when there is nothing to do."""
    with transaction.atomic():
        report, _ = AssessmentReport.objects.get_or_create(
            run=run, defaults={"organization": run.organization}
        )
    now = timezone.now()
    claimable = Q(status__in=[ReportStatus.PENDING, ReportStatus.FAILED], attempts__lt=MAX_ATTEMPTS)
    claimable |= Q(status=ReportStatus.RENDERING, claimed_at__lt=now - _stale_after())
    claimed = (
        AssessmentReport.objects.filter(pk=report.pk)
        .filter(claimable)
        .update(status=ReportStatus.RENDERING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return AssessmentReport.objects.defer("pdf").get(pk=report.pk)


def report_render(*, run_id: int) -> AssessmentReport | None:
    """Render and store the PDF of a succeeded run. Idempotent: a ready report, a
    report another worker is rendering, or a run that has not succeeded is left alone."""
    with scopes_disabled():
        run = AssessmentRun.objects.select_related("organization").filter(pk=run_id).first()
        if run is None or run.status != RunStatus.SUCCEEDED:
            return None
        report = _claim(run)
        if report is None:
            return None
        try:
            html = render_report_html(report_context(run), for_pdf=True)
            rendered = render_report_pdf(html)
        except Exception as exc:
            logger.exception("rendering the report of run %s failed", run_id)
            AssessmentReport.objects.filter(pk=report.pk, status=ReportStatus.RENDERING).update(
                status=ReportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            raise
        with transaction.atomic():
            updated = AssessmentReport.objects.filter(
                pk=report.pk, status=ReportStatus.RENDERING, claimed_at=report.claimed_at
            ).update(
                status=ReportStatus.READY,
                pdf=rendered.pdf,
                pdf_bytes=len(rendered.pdf),
                page_count=rendered.page_count,
                render_seconds=Decimal(f"{rendered.seconds:.3f}"),
                rendered_at=timezone.now(),
                error="",
                attempts=0,
            )
            if updated:
                activity_record(
                    organization=run.organization,
                    verb="report.ready",
                    summary=f"Board report of assessment run {run.pk} rendered: "
                    f"{rendered.page_count} pages in {rendered.seconds:.1f} s",
                    details={"run_id": run.pk, "pages": rendered.page_count},
                )
                payload = {
                    "run_id": run.pk,
                    "organization": run.organization.slug,
                    "page_count": rendered.page_count,
                    "bytes": len(rendered.pdf),
                    "download": f"/api/v1/organizations/{run.organization.slug}/assessments/"
                    f"{run.pk}/report.pdf",
                }
                organization = run.organization
                transaction.on_commit(lambda: _emit_ready(organization, payload))
        return AssessmentReport.objects.defer("pdf").get(pk=report.pk)


def _emit_ready(organization: Any, payload: dict[str, Any]) -> None:
    try:
        from portal.webhooks import webhook_emit  # type: ignore[attr-defined]
    except ImportError:
        return
    try:
        webhook_emit(organization=organization, event="report.ready", payload=payload)
    except Exception:  # the report stands even when a webhook cannot be queued
        logger.exception("could not emit report.ready for run %s", payload.get("run_id"))
