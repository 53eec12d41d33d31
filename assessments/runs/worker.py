"""What a worker does with one delivery of a run: claim, compute, store.

The task in :mod:`assessments.tasks.runs` only calls :func:`execute_run`. A
background thread keeps the heartbeat fresh while the engine computes (so a
long single step never looks like a dead worker); the engine's progress
callback writes progress at most every ``PROGRESS_WRITE_INTERVAL`` seconds, so
the number of writes depends on time, not on the number of workloads.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django_scopes import scopes_disabled

from assessments.engine import EngineInputError, assess
from assessments.models.runs import AssessmentRun
from assessments.runs import services
from assessments.runs.snapshot import engine_inputs

logger = logging.getLogger(__name__)

PROGRESS_WRITE_INTERVAL = 0.5
# Share of the bar reached once the snapshot has been turned into engine inputs.
PREPARED_PROGRESS = 5


class ClaimLost(Exception):
    """Another worker (or the reaper) took the run over; stop without writing."""


# --- test checkpoint ------------------------------------------------------------------
# Integration tests start workers with TOLLGATE_RUN_TEST_HOOKS=1 and set a cache key
# per run to hold a claimed run at a checkpoint (so it can be killed mid-run), or to
# make every attempt crash. Workers started without that variable never look.

CHECKPOINT_HOOKS_ENV = "TOLLGATE_RUN_TEST_HOOKS"


def checkpoint_key(run_id: int) -> str:
    return f"tollgate:test-run-hook:{run_id}"


def _checkpoint(claim: services.Claim, stage: str) -> None:
    if os.environ.get(CHECKPOINT_HOOKS_ENV) != "1":
        return
    while True:
        action = cache.get(checkpoint_key(claim.run_id))
        if action == "hold":
            logger.info("run %s attempt %s held at %s", claim.run_id, claim.attempt, stage)
            time.sleep(0.1)
            continue
        if action == "crash":
            raise RuntimeError(f"simulated crash at {stage}")
        if action == "exit":
            os._exit(1)
        return


# --- heartbeat ------------------------------------------------------------------------


class Heartbeat(threading.Thread):
    """Refreshes the claim's heartbeat every ``interval`` seconds until stopped."""

    def __init__(self, claim: services.Claim, interval: float) -> None:
        super().__init__(name=f"heartbeat-run-{claim.run_id}", daemon=True)
        self.claim = claim
        self.interval = interval
        self.stopped = threading.Event()
        self.lost = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    if not services.assessment_run_heartbeat(claim=self.claim):
                        self.lost.set()
                        return
                except Exception:  # a blip: the next beat tries again
                    logger.exception("heartbeat of run %s failed", self.claim.run_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


class ProgressWriter:
    """The engine's progress callback: throttled, fenced writes."""

    def __init__(self, claim: services.Claim, heartbeat: Heartbeat) -> None:
        self.claim = claim
        self.heartbeat = heartbeat
        self.last_write = 0.0
        self.last_value = -1

    def __call__(self, percent: int, *, force: bool = False) -> None:
        if self.heartbeat.lost.is_set():
            raise ClaimLost()
        value = PREPARED_PROGRESS + int(percent * (99 - PREPARED_PROGRESS) / 100)
        now = time.monotonic()
        if value == self.last_value or (
            not force and now - self.last_write < PROGRESS_WRITE_INTERVAL
        ):
            return
        if not services.assessment_run_heartbeat(claim=self.claim, progress=value):
            raise ClaimLost()
        self.last_write, self.last_value = now, value


def heartbeat_interval() -> float:
    return max(0.2, min(5.0, settings.ASSESSMENT_RUN_STALE_SECONDS / 4))


def worker_name(task_id: str | None) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{task_id or '-'}"


def execute_run(run_id: int, *, task_id: str | None = None) -> str:
    """Claim and compute one run; returns what happened (for the log)."""
    claim = services.assessment_run_claim(run_id=run_id, worker=worker_name(task_id))
    if claim is None:
        logger.info("run %s: not claimed (finished, taken by a live worker or gone)", run_id)
        return "skipped"
    logger.info("run %s: claimed, computing attempt %s", run_id, claim.attempt)
    heartbeat = Heartbeat(claim, heartbeat_interval())
    heartbeat.start()
    try:
        return _compute(claim, heartbeat)
    finally:
        heartbeat.stop()


def _compute(claim: services.Claim, heartbeat: Heartbeat) -> str:
    run_id = claim.run_id
    try:
        with scopes_disabled():
            run = AssessmentRun.objects.only("parameters", "inputs_snapshot").get(pk=run_id)
        inputs = engine_inputs(run.parameters, run.inputs_snapshot)
        del run
        progress = ProgressWriter(claim, heartbeat)
        progress(0, force=True)
        _checkpoint(claim, "prepared")
        results = assess(**inputs.as_kwargs(), progress=progress)
        _checkpoint(claim, "computed")
        if heartbeat.lost.is_set():
            raise ClaimLost()
        if services.assessment_run_succeed(claim=claim, results=results):
            logger.info("run %s: succeeded on attempt %s", run_id, claim.attempt)
            return "succeeded"
        raise ClaimLost()
    except ClaimLost:
        logger.warning(
            "run %s: attempt %s lost its claim; results discarded", run_id, claim.attempt
        )
        return "lost"
    except EngineInputError as exc:
        services.assessment_run_fail(claim=claim, error=_input_error_text(exc))
        return "failed"
    except SoftTimeLimitExceeded:
        services.assessment_run_fail(
            claim=claim,
            error=(
                f"The assessment took longer than its {settings.CELERY_TASK_SOFT_TIME_LIMIT}-second"
                " time limit and was stopped. Fewer simulations or fewer workloads per run help."
            ),
        )
        return "failed"
    except Exception as exc:
        logger.exception("run %s: attempt %s crashed", run_id, claim.attempt)
        _reset_broken_connection()
        services.assessment_run_retry(claim=claim, error=f"{exc.__class__.__name__}: {exc}")
        return "retried"


def _reset_broken_connection() -> None:
    """After a crash the database connection may be dead; reconnect before writing."""
    idle = not connection.in_atomic_block and connection.connection is not None
    if idle and not connection.is_usable():
        connection.close()


def _input_error_text(exc: EngineInputError) -> str:
    lines = [f"{field}: {'; '.join(messages)}" for field, messages in exc.fields.items()]
    return "The engine rejected this run's inputs. " + " | ".join(lines)
