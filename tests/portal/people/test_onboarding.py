"""Guided client onboarding: profile -> client admin -> intake -> checklist."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from portal.models import ActivityEvent, Membership, Organization, Role
from portal.models.people import ClientOnboarding

pytestmark = pytest.mark.django_db


def test_consultant_onboards_a_client_step_by_step(client, triangle):
    client.force_login(triangle.consultant)
    response = client.post(
        reverse("onboarding-start"),
        {
            "name": "Initech University",
            "sector": "academic",
            "headcount": "4000",
            "headquarters_region": "us",
            "certifications_held": ["soc2"],
        },
    )
    organization = Organization.objects.get(name="Initech University")
    assert response["Location"] == reverse("onboarding-invite", args=[organization.slug])
    assert organization.certifications_held == ["soc2"]
    assert (
        Membership.objects.get(organization=organization, user=triangle.consultant).role
        == Role.CONSULTANT
    )

    response = client.post(
        reverse("onboarding-invite", args=[organization.slug]),
        {"email": "it.director@initech.example", "role": "client_admin"},
    )
    assert response["Location"] == reverse("onboarding-intake", args=[organization.slug])
    assert mail.outbox[0].to == ["it.director@initech.example"]

    response = client.post(
        reverse("onboarding-intake", args=[organization.slug]),
        {"workload_intake": "respondent_links"},
    )
    assert response["Location"] == reverse("onboarding-checklist", args=[organization.slug])
    with scopes_disabled():
        assert ClientOnboarding.objects.get(organization=organization).workload_intake == (
            "respondent_links"
        )

    body = client.get(reverse("onboarding-checklist", args=[organization.slug])).content.decode()
    assert "waiting for the client admin to accept" in body
    assert "No workloads yet" in body
    assert "No finished assessment yet" in body
    with scopes_disabled():
        verbs = set(
            ActivityEvent.objects.filter(organization=organization).values_list("verb", flat=True)
        )
    assert {"organization.created", "invitation.sent", "onboarding.intake_chosen"} <= verbs


def test_bad_profile_is_refused_and_creates_nothing(client, triangle):
    client.force_login(triangle.consultant)
    before = Organization.objects.count()
    response = client.post(
        reverse("onboarding-start"), {"name": "", "sector": "pirates", "headcount": "0"}
    )
    assert response.status_code == 400
    assert Organization.objects.count() == before


def test_only_firm_staff_may_onboard(client, triangle):
    for user in (triangle.member_a, triangle.outsider):
        client.force_login(user)
        assert client.get(reverse("onboarding-start")).status_code == 403
        response = client.post(reverse("onboarding-start"), {"name": "Sneaky", "sector": "other"})
        assert response.status_code == 403
    assert not Organization.objects.filter(name="Sneaky").exists()


def test_onboarding_steps_are_tenant_scoped(client, triangle):
    for user, status in ((triangle.member_a, 403), (triangle.outsider, 404)):
        client.force_login(user)
        for name in ("onboarding-invite", "onboarding-intake"):
            assert client.get(reverse(name, args=["acme"])).status_code == status
        assert client.get(reverse("onboarding-checklist", args=["acme"])).status_code == status
