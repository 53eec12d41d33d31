"""Respondent links: one workload, no account, attributed answers, bad links refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from assessments.models import Workload, WorkloadChange
from portal.models import ActivityEvent
from portal.models.people import RespondentLink
from portal.people import services
from tests.factories.assessments import WorkloadFactory

pytestmark = pytest.mark.django_db


def answer_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/respond/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def draft(triangle):
    return WorkloadFactory(
        organization=triangle.org_a,
        name="Support triage",
        daily_input_tokens=None,
        data_categories=[],
    )


COMPLETE_ANSWERS = {
    "status": "pilot",
    "use_case": "customer_support",
    "data_categories": ["personal_data"],
    "data_subject_regions": ["eu_eea"],
    "daily_input_tokens": "5M",
    "daily_output_tokens": "1M",
    "reasoning_multiplier": "1",
    "cached_input_share": "0",
    "expected_growth_12m": "1",
    "revert_max_downtime_pct": "5",
    "revert_max_p99_ms": "2000",
    "avg_context_tokens": "2000",
    "contracts_with_sovereignty_share": "0",
}


def test_consultant_sends_a_link_and_the_respondent_answers_without_an_account(
    client, triangle, draft
):
    client.force_login(triangle.consultant)
    response = client.post(
        reverse("respondent-links", args=["acme"]),
        {"workload": draft.pk, "email": "owner@acme.example", "days": "14"},
    )
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.to == ["owner@acme.example"]
    assert "Support triage" in message.subject
    path = answer_path(message)
    client.logout()

    page = client.get(path)
    assert page.status_code == 200
    assert "Support triage" in page.content.decode()
    assert "Claims" not in page.content.decode()

    response = client.post(path, {**COMPLETE_ANSWERS, "action": "draft"})
    assert response.status_code == 302
    response = client.post(path, {**COMPLETE_ANSWERS, "name": "Renamed!", "action": "complete"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()

    with scopes_disabled():
        workload = Workload.objects.get(pk=draft.pk)
        assert workload.is_complete
        assert workload.name == "Support triage"  # the name is not the respondent's to change
        assert workload.daily_input_tokens == 5_000_000
        change = WorkloadChange.objects.filter(workload=workload).order_by("-pk").first()
        assert change.actor is None and change.actor_label == "respondent owner@acme.example"
        assert ActivityEvent.objects.filter(
            verb="workload.answered", actor_label="respondent owner@acme.example"
        ).exists()
    # Submitted: the link is closed.
    again = client.get(path)
    assert again.status_code == 410
    assert "already used" in again.content.decode()


def test_invalid_answers_change_nothing_and_show_messages(client, triangle, draft):
    link = services.respondent_link_create(
        organization=triangle.org_a,
        actor=triangle.consultant,
        email="o@acme.example",
        workload_id=draft.pk,
    )
    path = reverse("respondent-answer", args=[link.token])
    response = client.post(path, {"daily_input_tokens": "lots", "action": "complete"})
    assert response.status_code == 400
    assert "Some answers need attention" in response.content.decode()
    with scopes_disabled():
        assert Workload.objects.get(pk=draft.pk).daily_input_tokens is None
        link.refresh_from_db()
    assert link.completed_at is None


def test_the_validate_endpoint_is_scoped_to_the_link(client, triangle, draft):
    link = services.respondent_link_create(
        organization=triangle.org_a,
        actor=triangle.consultant,
        email="o@acme.example",
        workload_id=draft.pk,
    )
    url = reverse("respondent-validate", args=[link.token]) + "?field=daily_input_tokens"
    response = client.post(url, {"daily_input_tokens": "abc"})
    assert response.status_code == 200 and response.content.strip()
    assert (
        client.post(reverse("respondent-validate", args=["nope"]) + "?field=name").status_code
        == 410
    )


@pytest.mark.parametrize("state", ["expired", "revoked", "used", "unknown"])
def test_bad_respondent_links_are_refused_without_organization_data(client, triangle, draft, state):
    link = services.respondent_link_create(
        organization=triangle.org_a,
        actor=triangle.consultant,
        email="o@acme.example",
        workload_id=draft.pk,
    )
    token = link.token
    with scopes_disabled():
        if state == "expired":
            link.expires_at = timezone.now() - timedelta(seconds=1)
            link.save()
        elif state == "revoked":
            services.respondent_link_revoke(link=link, actor=triangle.consultant)
        elif state == "used":
            link.completed_at = timezone.now()
            link.save()
        else:
            token = "made-up"
    for response in (
        client.get(reverse("respondent-answer", args=[token])),
        client.post(
            reverse("respondent-answer", args=[token]), {"status": "pilot", "action": "draft"}
        ),
    ):
        assert response.status_code in (404, 410)
        body = response.content.decode()
        assert "Acme" not in body and "Support triage" not in body
    with scopes_disabled():
        assert Workload.objects.get(pk=draft.pk).status == "production"


def test_a_link_cannot_target_another_organizations_workload(triangle):
    from portal.errors import ValidationFailed

    other = WorkloadFactory(organization=triangle.org_b, name="Claims")
    with pytest.raises(ValidationFailed) as exc:
        services.respondent_link_create(
            organization=triangle.org_a,
            actor=triangle.consultant,
            email="o@acme.example",
            workload_id=other.pk,
        )
    assert "workload" in exc.value.fields
    with scopes_disabled():
        assert not RespondentLink.objects.exists()
    assert not mail.outbox


def test_a_new_draft_workload_can_be_created_for_the_respondent(client, triangle):
    client.force_login(triangle.consultant)
    client.post(
        reverse("respondent-links", args=["acme"]),
        {"new_workload_name": "Invoice reader", "email": "ap@acme.example", "days": "7"},
    )
    with scopes_disabled():
        link = RespondentLink.objects.get()
        assert link.workload.name == "Invoice reader"
        assert link.organization == triangle.org_a
        assert timedelta(days=6) < link.expires_at - timezone.now() <= timedelta(days=7)


def test_managing_links_needs_client_admin(client, triangle, draft):
    url = reverse("respondent-links", args=["acme"])
    for user, status in (
        (triangle.member_a, 403),
        (triangle.viewer_a, 403),
        (triangle.outsider, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert (
            client.post(url, {"workload": draft.pk, "email": "x@x.example", "days": 3}).status_code
            == status
        )
    assert not mail.outbox
    link = services.respondent_link_create(
        organization=triangle.org_a,
        actor=triangle.consultant,
        email="o@acme.example",
        workload_id=draft.pk,
    )
    client.force_login(triangle.member_b)
    assert client.post(reverse("respondent-link-revoke", args=["acme", link.pk])).status_code == 404
    client.force_login(triangle.consultant)
    assert (
        client.post(reverse("respondent-link-revoke", args=["globex", link.pk])).status_code == 404
    )
    link.refresh_from_db()
    assert link.revoked_at is None
