"""Rate limits (429 + Retry-After) and the one error shape across failure kinds."""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from tests.factories.integrations import bearer, issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def apply(**rates: str):
        config = copy.deepcopy(django_settings.REST_FRAMEWORK)
        config["DEFAULT_THROTTLE_RATES"].update(rates)
        settings.REST_FRAMEWORK = config

    yield apply


def _forget(*keys: str) -> None:
    cache.delete_many(list(keys))


def test_token_rate_limit_answers_429_with_retry_after(api_client, triangle, rates):
    rates(token="3/minute")
    first = issue_token(triangle.member_a)
    second = issue_token(triangle.member_a)
    _forget(f"throttle_token_{first.token.pk}", f"throttle_token_{second.token.pk}")
    codes = [
        api_client.get("/api/v1/organizations/", **bearer(first)).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    response = api_client.get("/api/v1/organizations/", **bearer(first))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"
    # another token of the same user has its own budget
    assert api_client.get("/api/v1/organizations/", **bearer(second)).status_code == 200


def test_user_rate_limit_spans_tokens_and_sessions(api_client, triangle, rates):
    rates(user="2/minute")
    _forget(f"throttle_user_{triangle.member_b.pk}")
    one, two = issue_token(triangle.member_b), issue_token(triangle.member_b)
    assert api_client.get("/api/v1/organizations/", **bearer(one)).status_code == 200
    assert api_client.get("/api/v1/organizations/", **bearer(two)).status_code == 200
    assert api_client.get("/api/v1/organizations/", **bearer(one)).status_code == 429
    api_client.force_login(triangle.member_b)
    response = api_client.get("/api/v1/organizations/")
    assert response.status_code == 429 and "Retry-After" in response


def test_bad_rate_stops_start_up(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import portal.settings

    monkeypatch.setenv("API_RATE_TOKEN", "lots")
    with pytest.raises(ImproperlyConfigured, match="API_RATE_TOKEN"):
        importlib.reload(portal.settings)
    monkeypatch.delenv("API_RATE_TOKEN")
    importlib.reload(portal.settings)


def _shape(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_error_shapes(api_client, triangle):
    headers = bearer(issue_token(triangle.consultant))
    # 404 outside DRF (no route)
    response = api_client.get("/api/v1/no-such-thing/", **headers)
    assert response.status_code == 404 and _shape(response)["code"] == "not_found"
    # 405
    response = api_client.delete("/api/v1/organizations/", **headers)
    assert response.status_code == 405 and _shape(response)["code"] == "method_not_allowed"
    # 415
    response = api_client.post(
        "/api/v1/organizations/", data="<x/>", content_type="application/xml", **headers
    )
    assert response.status_code == 415 and _shape(response)["code"] == "unsupported_media_type"
    # malformed JSON
    response = api_client.post(
        "/api/v1/organizations/", data="{nope", content_type="application/json", **headers
    )
    assert response.status_code == 400 and _shape(response)["code"] == "parse_error"
    # validation
    response = api_client.post("/api/v1/organizations/", {}, format="json", **headers)
    assert response.status_code == 400
    assert "name" in _shape(response)["fields"]
    # 403
    viewer = bearer(issue_token(triangle.viewer_a))
    response = api_client.patch("/api/v1/organizations/acme/", {}, format="json", **viewer)
    assert response.status_code == 403 and _shape(response)["code"] == "permission_denied"
    # 401
    response = api_client.get("/api/v1/organizations/")
    assert response.status_code == 401 and _shape(response)["code"] == "not_authenticated"


def test_conflict_is_409_in_the_shape():
    from rest_framework.test import APIRequestFactory

    from portal.errors import Conflict, api_exception_handler

    request = APIRequestFactory().get("/")
    response = api_exception_handler(Conflict("The run is not finished."), {"request": request})
    assert response.status_code == 409
    assert json.loads(json.dumps(response.data)) == {
        "error": {"code": "conflict", "message": "The run is not finished.", "fields": {}}
    }


def test_server_error_under_api_is_json(client, triangle):
    from django.test import RequestFactory

    from portal.handlers import server_error

    response = server_error(RequestFactory().get("/api/v1/organizations/"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"
