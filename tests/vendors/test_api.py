"""Catalog API: read-only for every signed-in caller, keys with slashes and colons."""

from pathlib import Path

import pytest

from vendors.importer import catalog_import_litellm

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "litellm-prices-sample.json"


@pytest.fixture
def signed_in(api_client, triangle):
    api_client.force_authenticate(triangle.viewer_a)
    return api_client


@pytest.mark.parametrize("who", ["member_a", "viewer_a", "consultant", "outsider"])
def test_every_signed_in_caller_reads_the_catalog(api_client, triangle, who):
    api_client.force_authenticate(getattr(triangle, who))
    response = api_client.get("/api/v1/offerings/")
    assert response.status_code == 200
    body = response.json()
    assert {"count", "next", "previous", "results", "stale", "catalog_last_imported_at"} <= set(
        body
    )
    assert body["count"] == 16
    assert api_client.get("/api/v1/vendors/").status_code == 200


def test_anonymous_gets_the_error_shape(api_client, db):
    for url in ("/api/v1/offerings/", "/api/v1/vendors/", "/api/v1/offerings/gpt-4o/"):
        response = api_client.get(url)
        assert response.status_code in (401, 403)
        assert response.json()["error"]["code"] == "not_authenticated"


def test_writes_are_refused(signed_in):
    response = signed_in.post("/api/v1/offerings/", {"key": "x"}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert signed_in.delete("/api/v1/offerings/gpt-4o/").status_code == 405


def test_vendors_list(signed_in):
    body = signed_in.get("/api/v1/vendors/").json()
    deepseek = next(v for v in body["results"] if v["name"] == "DeepSeek")
    assert deepseek["hq_country"] == "cn" and deepseek["offering_count"] == 6
    assert deepseek["sources"]


def test_filters(signed_in):
    def keys(**params):
        return {o["key"] for o in signed_in.get("/api/v1/offerings/", params).json()["results"]}

    assert keys(vendor="deepseek") >= {"deepseek/deepseek-v3", "self-hosted/deepseek-v3"}
    assert "gpt-4o" not in keys(vendor="deepseek")
    assert keys(mode="self_hosted") == {"self-hosted/deepseek-v3"}
    assert keys(region="eu_eea") == {"bedrock/eu-north-1/deepseek.v3.2"}
    assert "gpt-4" in keys(certification="soc2") and "claude-opus-4-5" not in keys(
        certification="soc2"
    )
    assert keys(search="flash-lite") == {"gemini/gemini-2.5-flash-lite"}


def test_bad_filters_are_a_400_in_the_error_shape(signed_in):
    response = signed_in.get("/api/v1/offerings/", {"region": "mars", "as_of": "yesterday"})
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"region", "as_of"}


def test_as_of_selects_the_price(signed_in):
    raw = b'{"gpt-4o": {"litellm_provider": "openai", "mode": "chat", '
    raw += b'"input_cost_per_token": 5e-06, "output_cost_per_token": 1.5e-05}}'
    from datetime import date

    catalog_import_litellm(raw=raw, file_name="p.json", effective_from=date(2026, 6, 1))

    def price(as_of):
        results = signed_in.get("/api/v1/offerings/", {"search": "gpt-4o", "as_of": as_of})
        row = next(o for o in results.json()["results"] if o["key"] == "gpt-4o")
        return row["input_per_mtok"]

    assert price("2026-05-31") == "2.50"
    assert price("2026-06-01") == "5.00"
    detail = signed_in.get("/api/v1/offerings/gpt-4o/", {"as_of": "2026-02-01"}).json()
    assert detail["input_per_mtok"] == "2.50"
    history = detail["price_history"]
    assert [(p["effective_from"], p["effective_to"]) for p in history] == [
        ("2026-01-23", "2026-06-01"),
        ("2026-06-01", None),
    ]
    assert "analyst article" in history[0]["source"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/offerings/deepseek/deepseek-chat/",
        "/api/v1/offerings/deepseek%2Fdeepseek-chat/",
        "/api/v1/offerings/anthropic.claude-opus-4-5-20251101-v1:0/",
        "/api/v1/offerings/anthropic.claude-opus-4-5-20251101-v1%3A0/",
        "/api/v1/offerings/fireworks_ai/accounts/fireworks/models/deepseek-r1/",
    ],
)
def test_detail_resolves_keys_raw_and_percent_encoded(signed_in, path):
    catalog_import_litellm(raw=SAMPLE.read_bytes(), file_name="sample.json")
    response = signed_in.get(path)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["key"] in path.replace("%2F", "/").replace("%3A", ":")
    assert body["catalog"]["stale"] is False
    assert body["price_history"]


def test_detail_of_unknown_key_is_404_in_the_error_shape(signed_in):
    response = signed_in.get("/api/v1/offerings/no/such:thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_builtin_detail_has_facts_sources_and_benchmarks(signed_in):
    body = signed_in.get("/api/v1/offerings/deepseek/deepseek-v3/").json()
    assert body["storage_jurisdictions"] == ["cn"]
    assert {b["benchmark"] for b in body["benchmarks"]} >= {"MATH-500"}
    assert body["catalog"]["stale"] is True
    assert body["catalog"]["catalog_version"]


def test_schema_documents_the_catalog(signed_in):
    response = signed_in.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/offerings/{key}/" in text and "as_of" in text
    assert "catalog_last_imported_at" in text
