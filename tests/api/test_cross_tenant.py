"""The cross-tenant matrix: every organization-scoped route (found by walking the URL
resolver, so new endpoints are covered without editing this file), every method.

- a caller of organization A on organization B's objects gets 404;
- an organization-bound token cannot reach another organization, even one its user
  belongs to;
- a member of both organizations addressing B's objects under A's slug gets 404;
- nothing of B changes on the way.
"""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from tests.api.routes import object_kind, organization_routes, seed_objects
from tests.factories.integrations import bearer, issue_token

pytestmark = pytest.mark.django_db

ROUTES = organization_routes()


def _assert_hidden(client, method, route, url, extra, reference_slug="no-such-org"):
    """404, or exactly what a missing object answers: a view refusing the method or the
    input before it looks anything up (405, 400) says nothing about the tenant."""
    response = _call(client, method, url, **extra)
    if response.status_code in (400, 405):
        missing = route.url(reference_slug, {k: 987654321 for k in route.object_kwargs})
        reference = _call(client, method, missing, **extra)
        assert reference.status_code == response.status_code, (
            method.upper(),
            url,
            response.status_code,
            reference.status_code,
        )
        return response
    assert response.status_code == 404, (method.upper(), url, response.status_code)
    return response


def _ids(route, objects):
    ids = {}
    for kwarg in route.object_kwargs:
        kind = object_kind(route, kwarg)
        assert kind is not None, (
            f"No seeded object for <{kwarg}> of route {route.name!r} ({route.pattern}): "
            "teach tests/api/routes.py which object it addresses."
        )
        ids[kwarg] = objects[kind]
    return ids


def _call(client, method, url, **extra):
    if method == "get":
        return client.get(url, **extra)
    return getattr(client, method)(url, data={}, format="json", **extra)


def _snapshot_of_b(org):
    from assessments.models import AssessmentRun, Workload
    from portal.models import Membership, WebhookDelivery, WebhookEndpoint
    from portal.models.people import Invitation, RespondentLink

    with scopes_disabled():
        return {
            model.__name__: sorted(
                (str(row) for row in model.objects.filter(organization=org).values()), key=str
            )
            for model in (
                Workload,
                WebhookEndpoint,
                WebhookDelivery,
                Invitation,
                AssessmentRun,
                Membership,
                RespondentLink,
            )
        }


def test_the_matrix_covers_the_api_and_the_pages():
    names = {r.name for r in ROUTES}
    assert {"api-organization-detail", "api-webhooks", "api-workloads", "webhooks"} <= names
    assert sum(r.is_api for r in ROUTES) >= 5 and sum(not r.is_api for r in ROUTES) >= 5
    print(f"{len(ROUTES)} organization-scoped routes in the matrix")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_member_of_a_gets_404_on_organization_b(triangle, route):
    from rest_framework.test import APIClient

    objects = seed_objects(triangle.org_b, triangle.member_b)
    before = _snapshot_of_b(triangle.org_b)
    url = route.url("globex", _ids(route, objects))
    client = APIClient()
    if route.is_api:
        extra = bearer(issue_token(triangle.member_a))
    else:
        client.force_login(triangle.member_a)
        extra = {}
    for method in route.methods():
        response = _assert_hidden(client, method, route, url, extra)
        if route.is_api:
            assert response.json()["error"]["code"] == "not_found"
    assert _snapshot_of_b(triangle.org_b) == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.is_api], ids=lambda r: r.name)
def test_organization_bound_token_cannot_reach_another_organization(api_client, triangle, route):
    objects = seed_objects(triangle.org_b, triangle.member_b)
    before = _snapshot_of_b(triangle.org_b)
    # the consultant belongs to both organizations; this token is bound to Acme
    bound = bearer(issue_token(triangle.consultant, organization=triangle.org_a))
    url = route.url("globex", _ids(route, objects))
    for method in route.methods():
        response = _call(api_client, method, url, **bound)
        assert response.status_code == 404, (method.upper(), url, response.status_code)
    assert _snapshot_of_b(triangle.org_b) == before
    # the same call with a personal token of the same user is not a 404 on GET
    if "get" in route.methods():
        personal = bearer(issue_token(triangle.consultant))
        assert api_client.get(url, **personal).status_code != 404, url


@pytest.mark.parametrize("route", [r for r in ROUTES if r.object_kwargs], ids=lambda r: r.name)
def test_objects_of_b_under_the_slug_of_a_are_404(triangle, route):
    from rest_framework.test import APIClient

    objects = seed_objects(triangle.org_b, triangle.member_b)
    before = _snapshot_of_b(triangle.org_b)
    url = route.url("acme", _ids(route, objects))
    client = APIClient()
    if route.is_api:
        extra = bearer(issue_token(triangle.consultant))
    else:
        client.force_login(triangle.consultant)
        extra = {}
    for method in route.methods():
        _assert_hidden(client, method, route, url, extra, reference_slug="acme")
    assert _snapshot_of_b(triangle.org_b) == before
