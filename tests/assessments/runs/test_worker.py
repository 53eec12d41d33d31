"""The worker machinery without a worker process: claims, fencing, retries, the reaper."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from assessments.models import AssessmentRun, RunStatus
from assessments.runs import services, worker
from assessments.runs.services import assessment_run_start
from tests.assessments.runs.conftest import get_run
from tests.factories.assessments import WorkloadFactory


@pytest.fixture
def queued_run(triangle, acme_workloads):
    with scope(organization=triangle.org_a):
        return assessment_run_start(
            organization=triangle.org_a,
            user=triangle.member_a,
            parameters={"simulations": 50, "seed": 3},
        )


def age_heartbeat(run_id, seconds):
    with scopes_disabled():
        AssessmentRun.objects.filter(pk=run_id).update(
            heartbeat_at=timezone.now() - timedelta(seconds=seconds)
        )


def test_a_claim_is_a_compare_and_swap(queued_run):
    first = services.assessment_run_claim(run_id=queued_run.pk, worker="w1")
    second = services.assessment_run_claim(run_id=queued_run.pk, worker="w2")
    assert first is not None and first.attempt == 1
    assert second is None
    run = get_run(queued_run.pk)
    assert (run.status, run.attempts, run.claimed_by) == (RunStatus.RUNNING, 1, "w1")


def test_a_stale_claim_can_be_taken_over_and_the_old_worker_is_fenced_out(queued_run, settings):
    old = services.assessment_run_claim(run_id=queued_run.pk, worker="w1")
    age_heartbeat(queued_run.pk, settings.ASSESSMENT_RUN_STALE_SECONDS + 5)
    new = services.assessment_run_claim(run_id=queued_run.pk, worker="w2")
    assert new is not None and new.attempt == 2
    assert services.assessment_run_heartbeat(claim=old, progress=50) is False
    assert services.assessment_run_succeed(claim=old, results={"x": 1}) is False
    assert services.assessment_run_succeed(claim=new, results={"portfolio": {}}) is True
    run = get_run(queued_run.pk)
    assert run.status == RunStatus.SUCCEEDED and run.results == {"portfolio": {}}


def test_a_finished_run_is_never_claimed_again(queued_run):
    assert worker.execute_run(queued_run.pk) == "succeeded"
    results = get_run(queued_run.pk).results
    assert worker.execute_run(queued_run.pk) == "skipped"
    run = get_run(queued_run.pk)
    assert run.attempts == 1 and run.results == results


def test_a_stale_run_out_of_attempts_fails_with_a_readable_error(queued_run, settings):
    with scopes_disabled():
        AssessmentRun.objects.filter(pk=queued_run.pk).update(
            status=RunStatus.RUNNING, attempts=3, heartbeat_at=timezone.now() - timedelta(hours=1)
        )
    assert services.assessment_run_claim(run_id=queued_run.pk, worker="w") is None
    run = get_run(queued_run.pk)
    assert run.status == RunStatus.FAILED
    assert "attempted 3 time(s)" in run.error


def test_a_crashing_attempt_is_retried_then_fails_after_the_cap(
    queued_run, monkeypatch, django_capture_on_commit_callbacks
):
    def boom(**kwargs):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(worker, "assess", boom)
    for attempt in (1, 2):
        with django_capture_on_commit_callbacks() as callbacks:
            assert worker.execute_run(queued_run.pk) == "retried"
        run = get_run(queued_run.pk)
        assert (run.status, run.attempts) == (RunStatus.QUEUED, attempt)
        assert "engine exploded" in run.error
        assert len(callbacks) == 1  # re-enqueued after commit
    with django_capture_on_commit_callbacks() as callbacks:
        worker.execute_run(queued_run.pk)
    run = get_run(queued_run.pk)
    assert (run.status, run.attempts) == (RunStatus.FAILED, 3)
    assert "failed on all 3 attempts" in run.error and "engine exploded" in run.error
    assert worker.execute_run(queued_run.pk) == "skipped"


def test_the_reaper_requeues_stale_runs_and_fails_exhausted_ones(
    triangle, acme_workloads, settings, django_capture_on_commit_callbacks
):
    runs = []
    for _ in range(3):
        with scope(organization=triangle.org_a):
            runs.append(
                assessment_run_start(
                    organization=triangle.org_a, user=None, parameters={"simulations": 0}
                )
            )
    stale, exhausted, alive = runs
    for run in runs:
        services.assessment_run_claim(run_id=run.pk, worker="dead")
    with scopes_disabled():
        AssessmentRun.objects.filter(pk=exhausted.pk).update(attempts=3)
    age_heartbeat(stale.pk, settings.ASSESSMENT_RUN_STALE_SECONDS + 1)
    age_heartbeat(exhausted.pk, settings.ASSESSMENT_RUN_STALE_SECONDS + 1)

    with django_capture_on_commit_callbacks() as callbacks:
        outcome = services.assessment_runs_reap()
    assert outcome["requeued"] == [stale.pk]
    assert outcome["failed"] == [exhausted.pk]
    assert get_run(stale.pk).status == RunStatus.QUEUED
    assert get_run(exhausted.pk).status == RunStatus.FAILED
    assert get_run(alive.pk).status == RunStatus.RUNNING
    assert len(callbacks) == 1  # the re-queued run's task


def test_the_reaper_resends_runs_whose_message_was_lost(
    queued_run, settings, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        AssessmentRun.objects.filter(pk=queued_run.pk).update(
            queued_at=timezone.now() - timedelta(seconds=settings.ASSESSMENT_RUN_STALE_SECONDS * 11)
        )
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.assessment_runs_reap()["resent"] == [queued_run.pk]
    assert len(callbacks) == 1


def test_engine_input_errors_fail_at_once(queued_run):
    with scopes_disabled():
        run = AssessmentRun.objects.get(pk=queued_run.pk)
        run.inputs_snapshot["workloads"][0]["daily_input_tokens"] = -5
        run.save(update_fields=["inputs_snapshot"])
    assert worker.execute_run(queued_run.pk) == "failed"
    run = get_run(queued_run.pk)
    assert run.status == RunStatus.FAILED and run.attempts == 1
    assert "daily_input_tokens" in run.error


def _queries_to_execute(triangle, count):
    org = triangle.org_a
    with scope(organization=org):
        for i in range(count):
            WorkloadFactory(organization=org, name=f"Bulk {count}-{i}")
        run = assessment_run_start(
            organization=org, user=None, parameters={"simulations": 0, "seed": 1}
        )
    with CaptureQueriesContext(connection) as ctx:
        assert worker.execute_run(run.pk) == "succeeded"
    with scopes_disabled():
        AssessmentRun.objects.all().delete()
    from assessments.models import Workload

    with scope(organization=org):
        Workload.objects.filter(organization=org).delete()
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_workloads(triangle, monkeypatch):
    # Progress writes are time-throttled; make every call eligible so the test is strict.
    monkeypatch.setattr(worker, "PROGRESS_WRITE_INTERVAL", 10_000)
    assert _queries_to_execute(triangle, 2) == _queries_to_execute(triangle, 12)
