"""Portal tasks."""

from __future__ import annotations

from celery import shared_task

from portal.models import Organization
from portal.services import activity_record


@shared_task(name="portal.record_activity_probe")
def record_activity_probe(organization_id: int, summary: str) -> None:
    """Write one activity entry: used by health probes and the worker harness tests."""
    organization = Organization.objects.get(pk=organization_id)
    activity_record(organization=organization, verb="probe", summary=summary)


# Registered here so the worker's autodiscovery finds it.
from portal.tasks_webhooks import deliver_webhook  # noqa: E402, F401
