"""The Celery application.

Tasks are Django-aware (``delay_on_commit`` enqueues only after the surrounding
transaction commits) and their results are ignored: the state of long work lives
on database rows, never in the result backend.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("tollgate")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
