"""Assessment models: workloads (the questionnaire) and assessment runs."""

from assessments.models.runs import *  # noqa: F403
from assessments.models.workloads import *  # noqa: F403
