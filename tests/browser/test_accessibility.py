"""Automated accessibility check: axe-core (from npm, see package.json) is injected
into the main pages and must report no serious or critical violation."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = "axe-core is not installed: run `npm ci` (scripts/test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in found
        ],
        indent=2,
    )


@pytest.fixture
def site(triangle):
    """Acme with the catalog, a complete workload and a finished assessment."""
    call_command("load_catalog", stdout=io.StringIO())
    from assessments.runs.services import assessment_run_start
    from tests.factories.assessments import LatencySampleSetFactory, WorkloadFactory

    workload = WorkloadFactory(
        organization=triangle.org_a,
        name="Docs helper",
        latency_sensitive=True,
        p99_latency_sla_ms=1500,
    )
    LatencySampleSetFactory(workload=workload, offering="deepseek/deepseek-v3")
    with scopes_disabled():
        run = assessment_run_start(
            organization=triangle.org_a,
            user=triangle.consultant,
            parameters={"simulations": 200, "seed": 1},
        )
    return {"triangle": triangle, "workload": workload, "run": run}


def test_sign_in_page(page, axe_source, triangle):
    page.goto("/accounts/login/")
    found = violations(page, axe_source)
    assert not found, describe(found)


def test_main_pages_of_a_signed_in_consultant(page, sign_in, axe_source, site):
    triangle, workload, run = site["triangle"], site["workload"], site["run"]
    sign_in(triangle.consultant.email, triangle.password)
    pages = [
        "/dashboard/",
        "/portfolio/",
        "/onboarding/",
        "/orgs/acme/",
        "/orgs/acme/members/",
        "/orgs/acme/activity/",
        "/orgs/acme/respondent-links/",
        "/orgs/acme/onboarding/",
        "/orgs/acme/workloads/",
        "/orgs/acme/workloads/new/",
        f"/orgs/acme/workloads/{workload.pk}/edit/",
        f"/orgs/acme/workloads/{workload.pk}/",
        "/orgs/acme/assessments/",
        f"/orgs/acme/assessments/{run.pk}/",
        "/catalog/",
    ]
    problems = {}
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        found = violations(page, axe_source)
        if found:
            problems[path] = describe(found)
    assert not problems, "\n".join(f"{p}:\n{d}" for p, d in problems.items())


def test_pages_without_an_account(page, axe_source, site):
    from portal.people import services

    triangle, workload = site["triangle"], site["workload"]
    with scopes_disabled():
        link = services.respondent_link_create(
            organization=triangle.org_a,
            actor=triangle.consultant,
            email="owner@acme.example",
            workload_id=workload.pk,
        )
        invitation = services.invitation_create(
            organization=triangle.org_a,
            inviter=triangle.consultant,
            email="new@acme.example",
            role="editor",
        )
    assert invitation.pk
    from django.core import mail

    accept = mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]
    problems = {}
    for path in (
        f"/respond/{link.token}/",
        f"/invitations/{accept}/",
        "/invitations/not-a-token/",
    ):
        page.goto(path)
        found = violations(page, axe_source)
        if found:
            problems[path] = describe(found)
    assert not problems, "\n".join(f"{p}:\n{d}" for p, d in problems.items())
