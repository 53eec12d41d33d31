"""Workloads API: CRUD, import, latency samples, one error shape, roles and tenancy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from assessments.models import Workload
from tests.factories.assessments import WorkloadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workload(triangle):
    with scope(organization=triangle.org_a):
        return WorkloadFactory(organization=triangle.org_a, name="Existing")


def _urls(slug, pk):
    return {
        "list": reverse("api-workloads", args=[slug]),
        "detail": reverse("api-workload-detail", args=[slug, pk]),
        "import": reverse("api-workloads-import", args=[slug]),
        "latency": reverse("api-workload-latency-samples", args=[slug, pk]),
    }


def test_create_read_update_delete(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    urls = _urls("acme", 0)
    r = api_client.post(
        urls["list"],
        {
            "name": "Bot",
            "use_case": "customer_chat",
            "data_categories": ["personal_data"],
            "data_subject_regions": ["eu_eea"],
            "daily_input_tokens": "10M",
            "daily_output_tokens": 250000,
            "reasoning_multiplier": "2.5",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["daily_input_tokens"] == 10_000_000
    assert body["reasoning_multiplier"] == "2.50"
    assert body["is_complete"] is True and body["missing_fields"] == []
    assert body["implied_regulations"][0]["regulation"] == "gdpr"
    assert body["current_offering"] is None
    detail = reverse("api-workload-detail", args=["acme", body["id"]])
    r = api_client.patch(detail, {"latency_sensitive": True}, format="json")
    assert r.json()["is_complete"] is False
    assert r.json()["missing_fields"] == ["p99_latency_sla_ms"]
    r = api_client.patch(detail + "?complete=true", {"description": "x"}, format="json")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "validation_error"
    assert "p99_latency_sla_ms" in r.json()["error"]["fields"]
    listing = api_client.get(urls["list"]).json()
    assert listing["count"] == 1 and listing["results"][0]["name"] == "Bot"
    assert api_client.delete(detail).status_code == 204
    assert api_client.get(detail).status_code == 404


def test_bad_input_is_400_in_one_shape_and_changes_nothing(api_client, triangle, workload):
    api_client.force_authenticate(triangle.member_a)
    urls = _urls("acme", workload.pk)
    r = api_client.patch(
        urls["detail"], {"daily_input_tokens": -1, "status": "gone", "colour": 1}, format="json"
    )
    assert r.status_code == 400
    fields = r.json()["error"]["fields"]
    assert "colour" in fields
    r = api_client.patch(
        urls["detail"], {"daily_input_tokens": -1, "status": "gone"}, format="json"
    )
    assert set(r.json()["error"]["fields"]) == {"daily_input_tokens", "status"}
    r = api_client.post(urls["list"], {"name": "Existing"}, format="json")
    assert "name" in r.json()["error"]["fields"]
    r = api_client.post(urls["list"], ["not", "an", "object"], format="json")
    assert r.status_code == 400
    with scope(organization=triangle.org_a):
        workload.refresh_from_db()
        assert workload.status == "production" and Workload.objects.count() == 1


def test_import_all_or_nothing(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    url = _urls("acme", 0)["import"]
    bad = b"name,daily_input_tokens\r\nA,1M\r\nB,-1\r\n"
    r = api_client.post(url, {"file": SimpleUploadedFile("w.csv", bad)}, format="multipart")
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {
        "row 3": ["daily_input_tokens: Token volumes cannot be negative."]
    }
    good = bad.replace(b"-1", b"2k")
    r = api_client.post(url, {"file": SimpleUploadedFile("w.csv", good)}, format="multipart")
    assert r.status_code == 201 and r.json()["created"] == 2


def test_latency_samples_json_and_csv(api_client, triangle, workload):
    api_client.force_authenticate(triangle.member_a)
    url = _urls("acme", workload.pk)["latency"]
    r = api_client.post(url, {"offering": "gpt-4o", "samples": list(range(1, 101))}, format="json")
    assert r.status_code == 201
    assert r.json() == {"offering": "gpt-4o", "count": 100, "p50": 50, "p90": 90, "p99": 99}
    csv = SimpleUploadedFile("l.csv", b"latency_ms\n300\n100\n200\n")
    r = api_client.post(url, {"offering": "o1", "file": csv}, format="multipart")
    assert r.json() == {"offering": "o1", "count": 3, "p50": 200, "p90": 300, "p99": 300}
    r = api_client.post(url, {"offering": "o1", "samples": []}, format="json")
    assert r.status_code == 400 and "empty" in r.json()["error"]["fields"]["samples"][0]
    r = api_client.post(url, {"offering": "o1", "samples": ["x", -1]}, format="json")
    assert r.status_code == 400
    detail = api_client.get(_urls("acme", workload.pk)["detail"]).json()
    assert {e["offering"] for e in detail["latency_evidence"]} == {"gpt-4o", "o1"}


@pytest.mark.parametrize("who", ["member_b", "outsider"])
def test_other_organizations_get_404(api_client, triangle, workload, who):
    api_client.force_authenticate(getattr(triangle, who))
    urls = _urls("acme", workload.pk)
    assert api_client.get(urls["list"]).status_code == 404
    assert api_client.post(urls["list"], {"name": "x"}, format="json").status_code == 404
    assert api_client.get(urls["detail"]).status_code == 404
    assert api_client.patch(urls["detail"], {"name": "x"}, format="json").status_code == 404
    assert api_client.delete(urls["detail"]).status_code == 404
    assert api_client.post(urls["import"], {}, format="multipart").status_code == 404
    assert api_client.post(urls["latency"], {}, format="json").status_code == 404
    if who == "member_b":
        mine = _urls("globex", workload.pk)
        assert api_client.get(mine["detail"]).status_code == 404
        assert api_client.patch(mine["detail"], {}, format="json").status_code == 404
        assert api_client.delete(mine["detail"]).status_code == 404
        assert api_client.post(mine["latency"], {}, format="json").status_code == 404


def test_viewer_reads_but_gets_403_on_writes(api_client, triangle, workload):
    api_client.force_authenticate(triangle.viewer_a)
    urls = _urls("acme", workload.pk)
    assert api_client.get(urls["list"]).status_code == 200
    assert api_client.get(urls["detail"]).status_code == 200
    assert api_client.post(urls["list"], {"name": "x"}, format="json").status_code == 403
    assert api_client.patch(urls["detail"], {"name": "x"}, format="json").status_code == 403
    assert api_client.delete(urls["detail"]).status_code == 403
    assert api_client.post(urls["import"], {}, format="multipart").status_code == 403
    assert api_client.post(urls["latency"], {}, format="json").status_code == 403


def test_the_schema_documents_the_workload_endpoints(client, triangle):
    client.force_login(triangle.member_a)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/organizations/{org_slug}/workloads/" in paths
    assert "/api/v1/organizations/{org_slug}/workloads/{id}/latency-samples/" in paths or any(
        p.endswith("/latency-samples/") for p in paths
    )
    out = schema["components"]["schemas"]["Workload"]["properties"]
    refs = [o["$ref"].rsplit("/", 1)[1] for o in out["status"]["oneOf"] if "$ref" in o]
    enums = [schema["components"]["schemas"][r].get("enum") for r in refs]
    assert ["planned", "pilot", "production"] in enums
    assert out["p99_latency_sla_ms"]["nullable"] is True
    assert "is_complete" in out and "missing_fields" in out
