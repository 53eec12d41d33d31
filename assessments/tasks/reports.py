"""Report rendering tasks (queue: reports, by CELERY_TASK_ROUTES).

Rendering is CPU-bound and slow next to everything else, so it has its own queue
and workers. Late acknowledgement: a worker that dies mid-render leaves the
message to be redelivered; the claim on the report row makes any duplicate
delivery a no-op, and a claim older than the time limit can be taken over.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from assessments.reports import services

__all__ = ["render_report"]


@shared_task(
    bind=True,
    name="assessments.render_report",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=services.MAX_ATTEMPTS - 1,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def render_report(self, run_id: int) -> str:  # type: ignore[no-untyped-def]
    try:
        report = services.report_render(run_id=int(run_id))
    except Exception as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
        raise
    return "skipped" if report is None else report.status
