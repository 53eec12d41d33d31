import re

import pytest
from django_scopes import ScopeError, scope

from portal.models import ActivityEvent
from portal.services import activity_record
from portal.tenancy import resolve_membership

pytestmark = pytest.mark.django_db


def test_unscoped_query_of_a_tenant_model_raises(triangle):
    activity_record(organization=triangle.org_a, verb="test", summary="a")
    with pytest.raises(ScopeError):
        list(ActivityEvent.objects.all())
    with pytest.raises(ScopeError):
        ActivityEvent.objects.filter(verb="test").count()


def test_scoped_query_sees_only_its_organization(triangle):
    activity_record(organization=triangle.org_a, verb="test", summary="for a")
    activity_record(organization=triangle.org_b, verb="test", summary="for b")
    with scope(organization=triangle.org_a):
        assert [e.summary for e in ActivityEvent.objects.all()] == ["for a"]
    with scope(organization=triangle.org_b):
        assert [e.summary for e in ActivityEvent.objects.all()] == ["for b"]


def test_membership_choke_point_answers_404_alike(triangle):
    from django.http import Http404

    with pytest.raises(Http404) as not_member:
        resolve_membership(triangle.member_a, "globex")
    with pytest.raises(Http404) as missing:
        resolve_membership(triangle.member_a, "no-such-org")
    assert str(not_member.value) == str(missing.value)
    assert resolve_membership(triangle.member_a, "acme").organization == triangle.org_a


def test_bound_credentials_cannot_reach_other_organizations(triangle):
    from django.http import Http404

    with pytest.raises(Http404):
        resolve_membership(triangle.consultant, "globex", bound_organization_id=triangle.org_a.pk)
    membership = resolve_membership(
        triangle.consultant, "acme", bound_organization_id=triangle.org_a.pk
    )
    assert membership.organization == triangle.org_a


@pytest.mark.parametrize("slug", ["globex", "does-not-exist"])
def test_other_organizations_pages_are_404_and_identical(client, triangle, slug):
    client.force_login(triangle.member_a)
    response = client.get(f"/orgs/{slug}/")
    assert response.status_code == 404
    assert b"Globex" not in response.content


def test_not_found_pages_do_not_differ(client, triangle):
    client.force_login(triangle.member_a)
    other = client.get("/orgs/globex/")
    missing = client.get("/orgs/does-not-exist/")
    assert other.status_code == missing.status_code == 404

    def without_csrf(body: bytes) -> str:
        text = re.sub(r'"X-CSRFToken": "[^"]+"', "", body.decode())
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert without_csrf(other.content) == without_csrf(missing.content)


def test_member_sees_own_organization_home(client, triangle):
    client.force_login(triangle.member_a)
    response = client.get("/orgs/acme/")
    assert response.status_code == 200
    assert b"Acme Analytics" in response.content


def test_outsider_sees_no_organization(client, triangle):
    client.force_login(triangle.outsider)
    assert client.get("/orgs/acme/").status_code == 404
    dashboard = client.get("/dashboard/")
    assert b"Acme" not in dashboard.content and b"Globex" not in dashboard.content


def test_anonymous_is_sent_to_sign_in(client, triangle):
    response = client.get("/orgs/acme/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dashboard_lists_only_own_organizations(client, triangle):
    client.force_login(triangle.member_a)
    body = client.get("/dashboard/").content.decode()
    assert "Acme Analytics" in body
    assert "Globex Health" not in body
