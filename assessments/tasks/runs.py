"""Assessment run tasks: compute a run, and reap runs whose worker died.

Late acknowledgement: a message is acknowledged only after the task returns, so
a worker killed mid-run leaves it to be redelivered; the compare-and-swap claim
on the run row makes any duplicate delivery a no-op. The time limits come from
settings, which keep them below the broker's visibility timeout.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from assessments.runs import services
from assessments.runs.worker import execute_run

__all__ = ["reap_assessment_runs", "run_assessment"]


@shared_task(
    bind=True,
    name="assessments.run_assessment",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def run_assessment(self, run_id: int) -> str:  # type: ignore[no-untyped-def]
    return execute_run(int(run_id), task_id=self.request.id)


@shared_task(name="assessments.reap_assessment_runs", ignore_result=True)
def reap_assessment_runs() -> dict[str, list[int]]:
    return services.assessment_runs_reap()
