"""Celery tasks of assessments (autodiscovered)."""

from assessments.tasks.reports import *  # noqa: F403
from assessments.tasks.runs import *  # noqa: F403
