"""The board report through a real worker: a run finishes on the default queue,
its report renders on the reports queue, and the PDF is stored with the run."""

from __future__ import annotations

import io
import time

import pytest
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from assessments.models import AssessmentReport, AssessmentRun, ReportStatus, RunStatus
from assessments.reports import services
from assessments.runs.services import assessment_run_start
from tests.factories.assessments import WorkloadFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_for(predicate, timeout: float, worker) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out; worker log:\n{worker.log()[-4000:]}")


def report_status(run_id: int) -> str | None:
    with scopes_disabled():
        return (
            AssessmentReport.objects.filter(run_id=run_id).values_list("status", flat=True).first()
        )


def test_a_finished_run_gets_its_pdf_from_the_reports_queue(celery_worker, triangle):
    from vendors.services import catalog_load_builtin

    catalog_load_builtin()  # transactional tests flush what the data migration loaded
    org = triangle.org_a
    with scope(organization=org):
        WorkloadFactory(organization=org, name="Release notes writer", use_case="documentation")
        WorkloadFactory(organization=org, name="Code review bot", use_case="code_review")
        run = assessment_run_start(
            organization=org,
            user=triangle.member_a,
            parameters={"simulations": 200, "seed": 9},
        )
    wait_for(lambda: report_status(run.pk) == ReportStatus.READY, 180, celery_worker)

    with scopes_disabled():
        run = AssessmentRun.objects.get(pk=run.pk)
        report = AssessmentReport.objects.get(run=run)
    assert run.status == RunStatus.SUCCEEDED
    assert report.page_count == len(PdfReader(io.BytesIO(bytes(report.pdf))).pages)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(report.pdf))).pages)
    assert "Acme Analytics" in text and "Release notes writer" in text
    assert "Globex" not in text
    assert "assessments.render_report" in celery_worker.log()
    rendered_at = report.rendered_at

    # A duplicate delivery of the same message finds nothing to do.
    from assessments.tasks.reports import render_report

    render_report.apply_async(args=[run.pk])
    time.sleep(3)
    with scopes_disabled():
        assert AssessmentReport.objects.get(run=run).rendered_at == rendered_at

    # Asking again renders again, on the worker.
    with scope(organization=org):
        services.report_request(run=run, user=triangle.member_a)
    wait_for(
        lambda: (
            AssessmentReport.objects.with_scopes_disabled()
            .filter(run=run, status=ReportStatus.READY)
            .exclude(rendered_at=rendered_at)
            .exists()
        ),
        120,
        celery_worker,
    )
