"""Shared pieces of the assessment-run tests."""

from __future__ import annotations

import pytest
from django_scopes import scope

from assessments.models import AssessmentRun
from tests.factories.assessments import WorkloadFactory


@pytest.fixture
def acme_workloads(triangle):
    """Two complete workloads of Acme: internal tooling and an EU customer chat."""
    org = triangle.org_a
    with scope(organization=org):
        return [
            WorkloadFactory(organization=org, name="Docs assistant"),
            WorkloadFactory(
                organization=org,
                name="Customer chat",
                use_case="customer_chat",
                customer_facing=True,
                data_categories=["personal_data"],
                data_subject_regions=["eu_eea"],
                latency_sensitive=True,
                p99_latency_sla_ms=1500,
            ),
        ]


def get_run(run_id: int) -> AssessmentRun:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return AssessmentRun.objects.get(pk=run_id)
