"""Assessment models: workloads (the questionnaire), assessment runs and their reports."""

from assessments.models.reports import *  # noqa: F403
from assessments.models.runs import *  # noqa: F403
from assessments.models.workloads import *  # noqa: F403
