"""The consultant portfolio and the client home."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentRun
from portal.models import Membership, Role
from portal.people import selectors
from tests.factories.assessments import LatencySampleSetFactory, WorkloadFactory
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db


def finished_run(organization, *, verdict, share, gates=("pass", "not_evaluated", "fail"), ago=0):
    return AssessmentRun.objects.create(
        organization=organization,
        status="succeeded",
        progress=100,
        created_at=timezone.now() - timedelta(hours=ago),
        finished_at=timezone.now(),
        results={
            "portfolio": {
                "workload_count": 4,
                "candidate_viable_count": 1,
                "candidate_viable_share": share,
                "verdict": verdict,
            },
            "gates": [
                {"gate": i + 1, "name": n, "outcome": o, "explanation": f"gate {i + 1} says {o}"}
                for i, (n, o) in enumerate(zip(("legal", "latency", "tco"), gates, strict=True))
            ],
            "workloads": [],
        },
    )


@pytest.fixture
def portfolio(triangle):
    WorkloadFactory(organization=triangle.org_a, name="Docs helper")
    WorkloadFactory(organization=triangle.org_a, name="Draft", daily_input_tokens=None)
    WorkloadFactory(organization=triangle.org_b, name="Claims triage")
    finished_run(triangle.org_a, verdict="do_not_adopt", share="0.10", ago=5)
    finished_run(triangle.org_a, verdict="adopt_for_subset", share="0.25")
    finished_run(triangle.org_b, verdict="adopt", share="1.00", gates=("pass", "pass", "pass"))
    return triangle


def test_portfolio_lists_each_client_with_its_latest_run(client, portfolio):
    client.force_login(portfolio.consultant)
    response = client.get(reverse("consultant-portfolio"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Acme Analytics" in body and "Globex Health" in body
    assert "1 of 2 complete (50%)" in body
    assert "Adopt for a subset" in body  # the latest run, not the older one
    assert "Do not adopt" not in body.split("<tbody>")[1]
    assert "25%" in body and "100%" in body
    assert "Gate 2: not evaluated" in body


def test_portfolio_sorts_and_filters_from_the_query_string(client, portfolio):
    client.force_login(portfolio.consultant)
    body = client.get(reverse("consultant-portfolio"), {"sort": "-share"}).content.decode()
    body = body.split("<tbody>")[1]
    assert body.index("Globex Health") < body.index("Acme Analytics")
    body = client.get(reverse("consultant-portfolio"), {"sort": "share"}).content.decode()
    assert 'aria-sort="ascending"' in body
    body = body.split("<tbody>")[1]
    assert body.index("Acme Analytics") < body.index("Globex Health")
    body = client.get(reverse("consultant-portfolio"), {"verdict": "adopt"}).content.decode()
    table = body.split("<tbody>")[1]
    assert "Globex Health" in table and "Acme Analytics" not in table
    body = client.get(reverse("consultant-portfolio"), {"sector": "healthcare"}).content.decode()
    assert "Acme Analytics" not in body.split("<tbody>")[1]
    # Unknown values are ignored, never an error.
    assert (
        client.get(reverse("consultant-portfolio"), {"sort": "nope", "verdict": "x"}).status_code
        == 200
    )


def test_portfolio_queries_do_not_grow_with_organizations(portfolio):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            rows = selectors.consultant_portfolio(portfolio.consultant, sort="completeness")
        assert rows
        return len(ctx.captured_queries)

    before = count()
    for n in range(6):
        org = OrganizationFactory(name=f"Extra {n}", slug=f"extra-{n}")
        Membership.objects.create(user=portfolio.consultant, organization=org, role=Role.CONSULTANT)
        WorkloadFactory(organization=org, name=f"W{n}")
        finished_run(org, verdict="adopt", share="0.5")
    assert count() == before <= 3


def test_portfolio_is_for_firm_staff_and_shows_only_their_clients(client, portfolio):
    client.force_login(portfolio.member_a)
    assert client.get(reverse("consultant-portfolio")).status_code == 403
    client.logout()
    assert client.get(reverse("consultant-portfolio")).status_code == 302
    other = OrganizationFactory(name="Not Mine Corp", slug="not-mine")
    client.force_login(portfolio.consultant)
    assert "Not Mine Corp" not in client.get(reverse("consultant-portfolio")).content.decode()
    assert other.pk


def test_client_home_shows_next_steps_verdict_gates_and_reports(client, portfolio):
    LatencySampleSetFactory(
        workload=WorkloadFactory(
            organization=portfolio.org_a,
            name="Fast one",
            latency_sensitive=True,
            p99_latency_sla_ms=900,
        )
    )
    WorkloadFactory(
        organization=portfolio.org_a, name="Chat", latency_sensitive=True, p99_latency_sla_ms=1500
    )
    client.force_login(portfolio.viewer_a)
    body = client.get(reverse("organization-home", args=["acme"])).content.decode()
    assert "Finish “Draft”" in body
    assert "Attach latency evidence to “Chat”" in body
    assert "Fast one”" not in body  # it has its evidence
    assert "Adopt for a subset of workloads" in body
    assert "gate 3 says fail" in body
    assert "(PDF)" in body
    assert "Claims triage" not in body


def test_home_of_a_new_organization_suggests_the_first_workload(client, triangle):
    client.force_login(triangle.member_b)
    body = client.get(reverse("organization-home", args=["globex"])).content.decode()
    assert "Describe your first AI workload" in body
    assert "No assessment has finished yet" in body
