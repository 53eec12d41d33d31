"""The real-worker harness itself: a task sent after commit is consumed by a worker
process that shares the test database."""

import time

import pytest

from portal.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_consumes_a_task_on_the_test_database(celery_worker, triangle):
    from portal.tasks import record_activity_probe

    record_activity_probe.delay(triangle.org_a.pk, "probe from the test")
    deadline = time.monotonic() + 30
    from django_scopes import scope

    from portal.models import ActivityEvent

    while time.monotonic() < deadline:
        with scope(organization=triangle.org_a):
            if ActivityEvent.objects.filter(summary="probe from the test").exists():
                break
        time.sleep(0.2)
    else:
        pytest.fail(f"the worker never ran the task:\n{celery_worker.log()}")
    assert Organization.objects.count() == 2


def test_healthz_sees_the_broker_and_the_worker(client, celery_worker):
    body = client.get("/healthz").json()
    assert body["broker"] == "ok"
    assert body["workers"] >= 1
