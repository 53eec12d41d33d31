"""The assessment-run API: start (202), list, detail, errors and tenancy."""

from __future__ import annotations

import pytest
from django_scopes import scope

from assessments.models import AssessmentRun
from assessments.runs.services import assessment_run_start

URL = "/api/v1/organizations/{slug}/assessments/"


def url(slug="acme", run_id=None):
    base = URL.format(slug=slug)
    return f"{base}{run_id}/" if run_id is not None else base


def test_an_editor_starts_a_run_and_gets_202(
    api_client, triangle, acme_workloads, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(triangle.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            url(),
            {"candidate_offerings": ["deepseek/deepseek-v3"], "simulations": 0, "seed": 42},
            format="json",
        )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued"
    assert body["parameters"]["seed"] == 42
    assert body["parameters"]["baseline_offering"] == "gpt-4o"
    assert response["Location"].endswith(f"/assessments/{body['id']}/")

    detail = api_client.get(url(run_id=body["id"])).json()
    assert detail["status"] == "succeeded"
    assert detail["progress"] == 100
    results = detail["results"]
    assert results["portfolio"]["workload_count"] == 2
    assert {g["name"] for g in results["gates"]} == {"legal", "latency", "tco"}
    option = results["workloads"][0]["options"][0]
    assert {"offering", "compliance", "cost", "latency"} <= set(option)


def test_the_list_is_paginated_and_light(api_client, triangle, acme_workloads):
    with scope(organization=triangle.org_a):
        assessment_run_start(organization=triangle.org_a, user=None, parameters={})
    api_client.force_authenticate(triangle.viewer_a)
    body = api_client.get(url()).json()
    assert body["count"] == 1
    assert "results" not in body["results"][0]
    assert body["results"][0]["status"] == "queued"


def test_bad_input_is_400_in_the_one_shape_and_starts_nothing(api_client, triangle, acme_workloads):
    api_client.force_authenticate(triangle.member_a)
    response = api_client.post(
        url(),
        {
            "candidate_offerings": ["no/such-model"],
            "calendar": "lunar",
            "assumptions": {"ml_fte_count": "many"},
        },
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "calendar" in error["fields"]
    response = api_client.post(
        url(),
        {"candidate_offerings": ["no/such-model"], "assumptions": {"ml_fte_count": "many"}},
        format="json",
    )
    fields = response.json()["error"]["fields"]
    assert "candidate_offerings" in fields and "assumptions.ml_fte_count" in fields
    with scope(organization=triangle.org_a):
        assert not AssessmentRun.objects.exists()


def test_an_empty_organization_gets_a_clear_error(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    response = api_client.post(url(), {}, format="json")
    assert response.status_code == 400
    assert "no workloads" in response.json()["error"]["fields"]["workloads"][0]


def test_viewers_read_but_cannot_start(api_client, triangle, acme_workloads):
    api_client.force_authenticate(triangle.viewer_a)
    assert api_client.get(url()).status_code == 200
    assert api_client.post(url(), {}, format="json").status_code == 403


@pytest.mark.parametrize("who", ["outsider", "member_b"])
def test_outsiders_and_other_tenants_get_404(api_client, triangle, acme_workloads, who):
    with scope(organization=triangle.org_a):
        run = assessment_run_start(organization=triangle.org_a, user=None, parameters={})
    api_client.force_authenticate(getattr(triangle, who))
    assert api_client.get(url()).status_code == 404
    assert api_client.post(url(), {}, format="json").status_code == 404
    assert api_client.get(url(run_id=run.pk)).status_code == 404


def test_another_tenants_run_id_is_404_for_a_member(api_client, triangle, acme_workloads):
    with scope(organization=triangle.org_a):
        run = assessment_run_start(organization=triangle.org_a, user=None, parameters={})
    api_client.force_authenticate(triangle.member_b)
    assert api_client.get(url("globex", run.pk)).status_code == 404


def test_anonymous_callers_are_refused(api_client, triangle):
    assert api_client.get(url()).status_code in (401, 403)


def test_the_schema_documents_202_and_the_enums(client, triangle):
    client.force_login(triangle.member_a)
    schema = client.get("/api/schema/?format=json").json()
    post = schema["paths"]["/api/v1/organizations/{org_slug}/assessments/"]["post"]
    assert "202" in post["responses"]
    components = schema["components"]["schemas"]
    text = str(components)
    for value in ("queued", "running", "succeeded", "failed", "do_not_deploy", "not_evaluated"):
        assert value in text
