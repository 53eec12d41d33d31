"""The organization profile page: read by members, changed by consultants and client admins."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portal.models import Membership, Role
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Acme Analytics",
    "sector": "financial_services",
    "headcount": "1,200",
    "annual_revenue_usd": "50000000",
    "headquarters_region": "eu_eea",
    "regulated_entity": "on",
    "certifications_held": ["soc2", "iso27001"],
    "discount_vendor": ["OpenAI", "", ""],
    "discount_percent": ["12.5", "", ""],
}


def test_consultant_and_client_admin_edit(client, triangle):
    admin = UserFactory(email="admin@acme.example")
    Membership.objects.create(user=admin, organization=triangle.org_a, role=Role.CLIENT_ADMIN)
    url = reverse("organization-profile", args=["acme"])
    for user in (triangle.consultant, admin):
        client.force_login(user)
        assert client.post(url, FORM).status_code == 302
    triangle.org_a.refresh_from_db()
    assert triangle.org_a.sector == "financial_services"
    assert triangle.org_a.headcount == 1200
    assert triangle.org_a.annual_revenue_usd == Decimal("50000000")
    assert triangle.org_a.regulated_entity is True
    assert triangle.org_a.certifications_held == ["soc2", "iso27001"]
    assert triangle.org_a.negotiated_discounts == [{"vendor": "OpenAI", "percent": "12.50"}]


def test_bad_discount_is_shown_and_nothing_saved(client, triangle):
    client.force_login(triangle.consultant)
    url = reverse("organization-profile", args=["acme"])
    r = client.post(url, {**FORM, "discount_percent": ["120", "", ""]})
    assert r.status_code == 400
    assert "between 0 and 100" in r.content.decode()
    triangle.org_a.refresh_from_db()
    assert triangle.org_a.negotiated_discounts == []


def test_editors_and_viewers_read_only(client, triangle):
    url = reverse("organization-profile", args=["acme"])
    for user in (triangle.member_a, triangle.viewer_a):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and b"Save profile" not in page.content
        assert client.post(url, FORM).status_code == 403
    triangle.org_a.refresh_from_db()
    assert triangle.org_a.sector != "financial_services"


@pytest.mark.parametrize("who", ["member_b", "outsider"])
def test_other_organizations_get_404(client, triangle, who):
    client.force_login(getattr(triangle, who))
    url = reverse("organization-profile", args=["acme"])
    assert client.get(url).status_code == 404
    assert client.post(url, FORM).status_code == 404
