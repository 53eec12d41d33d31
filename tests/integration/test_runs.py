"""Assessment runs through a real worker process, PostgreSQL and Redis.

Workers are started with ``TOLLGATE_RUN_TEST_HOOKS=1`` so a test can hold a claimed
run at a checkpoint (to kill the worker mid-run) or make every attempt crash, by
setting a per-run key in the shared Redis cache. A short heartbeat staleness lets
the reaper act within seconds.
"""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_scopes import scope, scopes_disabled

from assessments.engine import assess
from assessments.models import AssessmentRun, RunStatus
from assessments.runs.services import assessment_run_start, assessment_runs_reap
from assessments.runs.snapshot import engine_inputs
from assessments.runs.worker import CHECKPOINT_HOOKS_ENV, checkpoint_key
from assessments.tasks.runs import reap_assessment_runs, run_assessment
from portal.models import ActivityEvent
from tests.factories.assessments import WorkloadFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STALE_SECONDS = 3
HOOK_ENV = {CHECKPOINT_HOOKS_ENV: "1", "ASSESSMENT_RUN_STALE_SECONDS": str(STALE_SECONDS)}


@pytest.fixture(autouse=True)
def short_staleness(settings):
    settings.ASSESSMENT_RUN_STALE_SECONDS = STALE_SECONDS


@pytest.fixture
def workloads(triangle):
    from vendors.services import catalog_load_builtin

    # Transactional tests flush the tables the data migration filled: load it again.
    catalog_load_builtin()
    org = triangle.org_a
    with scope(organization=org):
        return [
            WorkloadFactory(organization=org, name=f"Workload {i:02d}", use_case="documentation")
            for i in range(6)
        ]


@pytest.fixture
def hooks():
    keys: list[str] = []

    def set_hook(run_id: int, action: str | None) -> None:
        key = checkpoint_key(run_id)
        keys.append(key)
        if action is None:
            cache.delete(key)
        else:
            cache.set(key, action, timeout=600)

    yield set_hook
    for key in keys:
        cache.delete(key)


def start_run(triangle, **parameters):
    parameters.setdefault("simulations", 500)
    parameters.setdefault("seed", 11)
    with scope(organization=triangle.org_a):
        return assessment_run_start(
            organization=triangle.org_a, user=triangle.member_a, parameters=parameters
        )


def load(run_id: int) -> AssessmentRun:
    with scopes_disabled():
        return AssessmentRun.objects.get(pk=run_id)


def wait_for(predicate, *, timeout: float = 60, workers=(), what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    logs = "\n".join(w.log()[-4000:] for w in workers)
    pytest.fail(f"timed out waiting for {what}\n{logs}")


def broker() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


def unacked_tags() -> set[bytes]:
    return set(broker().hkeys("unacked"))


def drained(baseline: set[bytes]):
    """Nothing waiting and nothing delivered-but-unacknowledged beyond ``baseline``
    (messages of workers killed in earlier tests stay unacknowledged for the
    broker's visibility timeout)."""

    def check() -> bool:
        return broker().llen("default") == 0 and unacked_tags() <= baseline

    return check


def redeliver(celery_app, tags: set[bytes]) -> None:
    """What the broker does once the visibility timeout of a dead consumer's
    unacknowledged messages expires: put them back in their queue."""
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        with channel.conn_or_acquire() as client:
            for tag in tags:
                channel.qos.restore_by_tag(tag.decode(), client)


def succeeded_events(triangle) -> int:
    with scope(organization=triangle.org_a):
        return ActivityEvent.objects.filter(verb="assessment.succeeded").count()


def test_lifecycle_queued_running_with_progress_succeeded(
    triangle, workloads, worker_factory, hooks, celery_broker
):
    worker = worker_factory(extra_env=HOOK_ENV).start()
    with transaction.atomic():
        run = start_run(triangle)
        hooks(run.pk, "hold")
        assert load(run.pk).status == RunStatus.QUEUED
    running = wait_for(
        lambda: (r := load(run.pk)).status == RunStatus.RUNNING and r.progress > 0 and r,
        workers=[worker],
        what="running with progress",
    )
    assert running.attempts == 1 and running.heartbeat_at is not None
    first_beat = running.heartbeat_at
    wait_for(lambda: load(run.pk).heartbeat_at > first_beat, workers=[worker], what="a heartbeat")
    hooks(run.pk, None)
    done = wait_for(
        lambda: (r := load(run.pk)).is_finished and r, workers=[worker], what="the run to finish"
    )
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.progress == 100 and done.attempts == 1
    assert done.results["portfolio"]["workload_count"] == 6
    assert len(done.results["workloads"]) == 6
    assert done.finished_at >= done.started_at
    assert succeeded_events(triangle) == 1


def test_kill_9_mid_run_then_a_new_worker_finishes_it_exactly_once(
    triangle, workloads, worker_factory, hooks, celery_broker
):
    baseline = unacked_tags()
    first = worker_factory(extra_env=HOOK_ENV).start()
    with transaction.atomic():
        run = start_run(triangle)
        hooks(run.pk, "hold")
    wait_for(
        lambda: load(run.pk).status == RunStatus.RUNNING, workers=[first], what="the first claim"
    )
    first.kill()
    dead_workers_messages = unacked_tags() - baseline
    assert len(dead_workers_messages) == 1  # late acknowledgement: still the broker's
    assert load(run.pk).status == RunStatus.RUNNING  # nobody wrote a result
    hooks(run.pk, None)

    second = worker_factory(extra_env=HOOK_ENV).start()
    # The dead worker's heartbeat goes stale; the reaper (run by the worker) re-queues.
    time.sleep(STALE_SECONDS + 0.5)
    reap_assessment_runs.delay()
    done = wait_for(
        lambda: (r := load(run.pk)).is_finished and r,
        workers=[first, second],
        what="the run to finish on the second worker",
    )
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.attempts == 2
    assert done.results["portfolio"]["workload_count"] == 6
    wait_for(
        lambda: f"run {run.pk}: succeeded on attempt 2" in second.log(),
        workers=[second],
        what="the second worker's log",
    )
    assert "succeeded" not in first.log().split("claimed, computing attempt 1", 1)[1]

    # The broker eventually redelivers the dead worker's message: it changes nothing.
    redeliver(celery_broker, dead_workers_messages)
    wait_for(
        lambda: second.log().count(f"run {run.pk}: not claimed") == 1,
        workers=[second],
        what="the redelivered message",
    )
    wait_for(drained(baseline), workers=[second], what="the queue to drain")
    after = load(run.pk)
    assert after.attempts == 2 and after.results == done.results
    assert succeeded_events(triangle) == 1


def test_the_same_run_delivered_twice_concurrently_is_computed_once(
    triangle, workloads, worker_factory, hooks, celery_broker
):
    baseline = unacked_tags()
    workers = [worker_factory(extra_env=HOOK_ENV).start() for _ in range(2)]
    with transaction.atomic():
        run = start_run(triangle)
        hooks(run.pk, "hold")
        run_assessment.delay_on_commit(run.pk)  # a duplicate of the start's message
    wait_for(
        lambda: "not claimed" in "".join(w.log() for w in workers),
        workers=workers,
        what="the second delivery",
    )
    assert load(run.pk).status == RunStatus.RUNNING
    hooks(run.pk, None)
    done = wait_for(lambda: (r := load(run.pk)).is_finished and r, workers=workers, what="finish")
    assert done.status == RunStatus.SUCCEEDED and done.attempts == 1
    wait_for(
        lambda: f"run {run.pk}: succeeded" in "".join(w.log() for w in workers),
        workers=workers,
        what="the log line",
    )
    logs = "".join(w.log() for w in workers)
    assert logs.count(f"run {run.pk}: claimed, computing") == 1
    assert logs.count(f"run {run.pk}: succeeded") == 1
    assert succeeded_events(triangle) == 1
    wait_for(drained(baseline), workers=workers, what="the queue to drain")


def test_a_rolled_back_transaction_enqueues_nothing_a_committed_one_exactly_one(
    triangle, workloads, celery_broker
):
    assert broker().llen("default") == 0
    with pytest.raises(RuntimeError), transaction.atomic():
        start_run(triangle)
        raise RuntimeError("the request failed after starting the run")
    with scopes_disabled():
        assert not AssessmentRun.objects.exists()
    assert broker().llen("default") == 0

    with transaction.atomic():
        run = start_run(triangle)
        assert broker().llen("default") == 0  # not before commit
    assert broker().llen("default") == 1
    assert load(run.pk).status == RunStatus.QUEUED


def test_a_run_that_always_crashes_fails_after_the_cap_and_the_queue_drains(
    triangle, workloads, worker_factory, hooks, celery_broker
):
    baseline = unacked_tags()
    worker = worker_factory(extra_env=HOOK_ENV).start()
    with transaction.atomic():
        run = start_run(triangle)
        hooks(run.pk, "crash")
    done = wait_for(
        lambda: (r := load(run.pk)).is_finished and r,
        timeout=90,
        workers=[worker],
        what="the run to fail",
    )
    assert done.status == RunStatus.FAILED
    assert done.attempts == done.max_attempts == 3
    assert "failed on all 3 attempts" in done.error and "simulated crash" in done.error
    wait_for(drained(baseline), workers=[worker], what="the queue to drain")
    assert worker.log().count(f"run {run.pk}: claimed, computing") == 3


def test_a_worker_process_that_dies_every_attempt_ends_failed_via_the_reaper(
    triangle, workloads, worker_factory, hooks, celery_broker
):
    baseline = unacked_tags()
    worker = worker_factory(extra_env=HOOK_ENV).start()
    with transaction.atomic():
        run = start_run(triangle)
        hooks(run.pk, "exit")

    def finished_after_reaping():
        r = load(run.pk)
        if r.is_finished:
            return r
        assessment_runs_reap()
        time.sleep(0.5)
        return None

    done = wait_for(finished_after_reaping, timeout=120, workers=[worker], what="failure")
    assert done.status == RunStatus.FAILED
    assert done.attempts == 3
    assert "attempted 3 time(s)" in done.error
    wait_for(drained(baseline), workers=[worker], what="the queue to drain")


def test_a_price_change_after_a_run_leaves_its_results_identical(
    triangle, workloads, worker_factory, celery_broker
):
    from vendors.models import Offering
    from vendors.services import price_record

    worker = worker_factory().start()
    run = start_run(triangle, simulations=200, seed=5)
    done = wait_for(lambda: (r := load(run.pk)).is_finished and r, workers=[worker], what="run")
    assert done.status == RunStatus.SUCCEEDED, done.error
    before = done.results

    gpt4o = Offering.objects.get(key="gpt-4o")
    current = gpt4o.prices.order_by("-effective_from").first()
    price_record(
        offering=gpt4o,
        values={"input_per_mtok": Decimal("9.00"), "output_per_mtok": Decimal("30.00")},
        effective_from=current.effective_from,
    )
    # A redelivered message changes nothing, and the stored snapshot still computes
    # the very same results.
    run_assessment.delay(run.pk)
    time.sleep(1.5)
    again = load(run.pk)
    assert again.results == before and again.attempts == 1
    recomputed = assess(**engine_inputs(again.parameters, again.inputs_snapshot).as_kwargs())
    assert recomputed == before

    # A new run with the same parameters sees the new price.
    newer = start_run(triangle, simulations=200, seed=5)
    newer_done = wait_for(
        lambda: (r := load(newer.pk)).is_finished and r, workers=[worker], what="second run"
    )
    assert newer_done.inputs_snapshot["offerings"]["gpt-4o"]["input_per_mtok"] == "9.00"
    assert again.inputs_snapshot["offerings"]["gpt-4o"]["input_per_mtok"] == "2.50"
    assert newer_done.results["portfolio"] != before["portfolio"]
