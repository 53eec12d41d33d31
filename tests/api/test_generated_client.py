"""An OpenAPI client generated from the live schema by a standard generator
(openapi-python-client) runs the main integration flow against a real server and a
real worker: list organizations, create a workload, start a run, poll it, fetch
the PDF report."""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django_scopes import scope

from portal.models import Membership, Role
from tests.factories.assessments import WorkloadFactory
from tests.factories.integrations import issue_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.integration]


def _generate_client(schema_url: str, where: Path):
    schema = where / "openapi.yaml"
    with urllib.request.urlopen(schema_url, timeout=30) as response:
        schema.write_bytes(response.read())
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            str(where / "tollgate_client"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (where / "tollgate_client" / "client.py").exists(), result.stdout + result.stderr
    sys.path.insert(0, str(where))
    for name in [m for m in sys.modules if m.startswith("tollgate_client")]:
        del sys.modules[name]
    return importlib.import_module("tollgate_client")


def test_generated_client_runs_the_main_flow(api_server, celery_worker, triangle, tmp_path):
    from vendors.services import catalog_load_builtin

    catalog_load_builtin()  # transactional tests flush what the data migration loaded
    with scope(organization=triangle.org_a):
        WorkloadFactory(organization=triangle.org_a, name="Existing workload")
    Membership.objects.filter(user=triangle.member_a).update(role=Role.EDITOR)
    token = issue_token(triangle.member_a, organization=triangle.org_a, name="client").secret

    tollgate = _generate_client(f"{api_server}/api/schema/", tmp_path)
    from tollgate_client.api.assessments import organizations_assessments_report_pdf_retrieve
    from tollgate_client.api.organizations import (
        organizations_assessments_create,
        organizations_assessments_retrieve,
        organizations_list,
        organizations_workloads_create,
        organizations_workloads_list,
    )
    from tollgate_client.models import RunStartRequest, WorkloadInputRequest

    client = tollgate.AuthenticatedClient(base_url=api_server, token=token, timeout=60)

    organizations = organizations_list.sync(client=client)
    assert [o.slug for o in organizations.results] == ["acme"]

    created = organizations_workloads_create.sync_detailed(
        "acme",
        client=client,
        body=WorkloadInputRequest.from_dict(
            {
                "name": "Contract summaries",
                "description": "Summarises supplier contracts for the legal team.",
                "status": "pilot",
                "use_case": "internal_tooling",
                "data_categories": ["internal"],
                "daily_input_tokens": 1_500_000,
                "daily_output_tokens": 200_000,
            }
        ),
    )
    assert created.status_code == 201, created.content
    workloads = organizations_workloads_list.sync("acme", client=client)
    assert {w.name for w in workloads.results} == {"Existing workload", "Contract summaries"}

    started = organizations_assessments_create.sync_detailed(
        "acme",
        client=client,
        body=RunStartRequest.from_dict({"simulations": 200, "seed": 7}),
    )
    assert started.status_code == 202, started.content
    run_id = started.parsed.id

    deadline = time.monotonic() + 240
    while True:
        run = organizations_assessments_retrieve.sync("acme", run_id, client=client)
        if run.status.value in ("succeeded", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert run.status.value == "succeeded", (run.status, run.error)
    assert run.results is not None

    while True:
        report = organizations_assessments_report_pdf_retrieve.sync_detailed(
            "acme", run_id, client=client
        )
        if report.status_code != 409 or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert report.status_code == 200, report.content[:500]
    assert report.content.startswith(b"%PDF")
    print(f"generated client: run {run_id} succeeded, report {len(report.content)} bytes")
