import pytest

from portal.models import Membership, Organization, Role

pytestmark = pytest.mark.django_db


def test_list_shows_only_callers_organizations(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    body = api_client.get("/api/v1/organizations/").json()
    assert body["count"] == 1
    assert [o["slug"] for o in body["results"]] == ["acme"]
    assert body["results"][0]["role"] == "editor"


def test_consultant_lists_both(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    body = api_client.get("/api/v1/organizations/").json()
    assert sorted(o["slug"] for o in body["results"]) == ["acme", "globex"]


@pytest.mark.parametrize("slug", ["globex", "nope"])
def test_other_or_missing_organization_is_the_same_404(api_client, triangle, slug):
    api_client.force_authenticate(triangle.member_a)
    response = api_client.get(f"/api/v1/organizations/{slug}/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


def test_outsider_gets_404_for_every_organization(api_client, triangle):
    api_client.force_authenticate(triangle.outsider)
    for slug in ("acme", "globex"):
        assert api_client.get(f"/api/v1/organizations/{slug}/").status_code == 404
        assert (
            api_client.patch(
                f"/api/v1/organizations/{slug}/", {"headcount": 3}, format="json"
            ).status_code
            == 404
        )


def test_editor_cannot_patch_profile(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    response = api_client.patch("/api/v1/organizations/acme/", {"headcount": 7}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    triangle.org_a.refresh_from_db()
    assert triangle.org_a.headcount == 500


def test_viewer_gets_403_where_an_editor_is_needed(api_client, triangle):
    api_client.force_authenticate(triangle.viewer_a)
    assert (
        api_client.patch("/api/v1/organizations/acme/", {"name": "x"}, format="json").status_code
        == 403
    )


def test_client_admin_patches_profile(api_client, triangle):
    Membership.objects.filter(user=triangle.member_a).update(role=Role.CLIENT_ADMIN)
    api_client.force_authenticate(triangle.member_a)
    response = api_client.patch(
        "/api/v1/organizations/acme/",
        {"headcount": 42, "negotiated_discounts": [{"vendor": "OpenAI", "percent": "15"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["headcount"] == 42
    assert response.json()["negotiated_discounts"] == [{"vendor": "OpenAI", "percent": "15.00"}]


def test_bad_input_gets_field_errors_and_changes_nothing(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    response = api_client.patch(
        "/api/v1/organizations/acme/",
        {"headcount": 0, "sector": "pirates", "name": "Renamed"},
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"headcount", "sector"}
    triangle.org_a.refresh_from_db()
    assert triangle.org_a.name == "Acme Analytics"


def test_duplicate_discount_vendor_is_rejected(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    response = api_client.patch(
        "/api/v1/organizations/acme/",
        {
            "negotiated_discounts": [
                {"vendor": "OpenAI", "percent": "5"},
                {"vendor": "openai", "percent": "6"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert "negotiated_discounts" in response.json()["error"]["fields"]


def test_only_firm_staff_create_organizations(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    response = api_client.post("/api/v1/organizations/", {"name": "Initech"}, format="json")
    assert response.status_code == 403
    assert not Organization.objects.filter(name="Initech").exists()


def test_consultant_creates_organization_and_becomes_its_consultant(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    response = api_client.post(
        "/api/v1/organizations/", {"name": "Initech Systems", "sector": "saas"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "initech-systems"
    assert body["role"] == "consultant"
    org = Organization.objects.get(slug="initech-systems")
    assert Membership.objects.get(organization=org).user == triangle.consultant


def test_unauthenticated_calls_are_rejected_in_the_error_shape(api_client, triangle):
    response = api_client.get("/api/v1/organizations/")
    assert response.status_code == 403 or response.status_code == 401
    assert response.json()["error"]["code"] in {"not_authenticated", "authentication_failed"}


def test_unknown_api_path_is_json_404(client, triangle):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_malformed_json_is_a_400_not_a_500(api_client, triangle):
    api_client.force_authenticate(triangle.consultant)
    response = api_client.generic(
        "PATCH", "/api/v1/organizations/acme/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
