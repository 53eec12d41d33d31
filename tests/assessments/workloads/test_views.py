"""The questionnaire pages: drafts, completion, inline validation, roles and tenancy."""

import pytest
from django.urls import reverse
from django_scopes import scope

from assessments.models import Workload
from tests.factories.assessments import WorkloadFactory

pytestmark = pytest.mark.django_db

FILLED = {
    "name": "Support bot",
    "status": "production",
    "use_case": "customer_support",
    "data_categories": ["personal_data"],
    "data_subject_regions": ["eu_eea"],
    "daily_input_tokens": "10M",
    "daily_output_tokens": "2,000,000",
    "reasoning_multiplier": "1",
    "cached_input_share": "0",
    "expected_growth_12m": "1",
    "revert_max_downtime_pct": "5",
    "revert_max_p99_ms": "2000",
    "contracts_with_sovereignty_share": "0",
    "avg_context_tokens": "0",
}


@pytest.fixture
def workload(triangle):
    with scope(organization=triangle.org_a):
        return WorkloadFactory(organization=triangle.org_a, name="Existing")


def test_draft_then_complete(client, triangle):
    client.force_login(triangle.member_a)
    url = reverse("workload-new", args=["acme"])
    response = client.post(url, {"name": "Support bot", "action": "draft"})
    assert response.status_code == 302
    with scope(organization=triangle.org_a):
        w = Workload.objects.get(name="Support bot")
        assert not w.is_complete
    edit = reverse("workload-edit", args=["acme", w.pk])
    page = client.get(edit)
    assert b"Still missing" in page.content
    bad = client.post(edit, {**FILLED, "daily_input_tokens": "-5", "action": "complete"})
    assert bad.status_code == 400
    assert "Token volumes cannot be negative." in bad.content.decode()
    sla = client.post(edit, {**FILLED, "latency_sensitive": "on", "action": "complete"})
    assert "needs a P99 target" in sla.content.decode()
    ok = client.post(edit, {**FILLED, "action": "complete"})
    assert ok.status_code == 302
    with scope(organization=triangle.org_a):
        w.refresh_from_db()
        assert w.is_complete and w.daily_input_tokens == 10_000_000
    detail = client.get(reverse("workload-detail", args=["acme", w.pk])).content.decode()
    assert "GDPR" in detail and "Implied by your data" in detail
    assert "Change history" in detail
    listing = client.get(reverse("workload-list", args=["acme"])).content.decode()
    assert "complete</span>" in listing


def test_inline_validation_returns_the_field_message(client, triangle):
    client.force_login(triangle.member_a)
    url = reverse("workload-validate-new", args=["acme"])
    r = client.post(url + "?field=daily_input_tokens", {"daily_input_tokens": "-3"})
    assert 'id="msg-daily_input_tokens"' in r.content.decode()
    assert "cannot be negative" in r.content.decode()
    r = client.post(url + "?field=daily_input_tokens", {"daily_input_tokens": "1.5k"})
    assert "Understood as 1,500 tokens" in r.content.decode()
    r = client.post(url + "?field=p99_latency_sla_ms", {"latency_sensitive": "on"})
    assert "P99 target" in r.content.decode()


def test_list_filters(client, triangle):
    with scope(organization=triangle.org_a):
        WorkloadFactory(organization=triangle.org_a, name="Alpha", status="pilot")
        WorkloadFactory(organization=triangle.org_a, name="Beta", use_case="")
    client.force_login(triangle.viewer_a)
    url = reverse("workload-list", args=["acme"])
    assert "Beta" not in client.get(url, {"status": "pilot"}).content.decode()
    incomplete = client.get(url, {"completeness": "incomplete"}).content.decode()
    assert "Beta" in incomplete and "Alpha" not in incomplete
    assert "Alpha" not in client.get(url, {"q": "bet"}).content.decode()
    assert "New workload" not in client.get(url).content.decode()


def test_clone_and_delete_with_confirmation(client, triangle, workload):
    client.force_login(triangle.member_a)
    client.post(reverse("workload-clone", args=["acme", workload.pk]))
    delete = reverse("workload-delete", args=["acme", workload.pk])
    assert b"Delete workload" in client.get(delete).content
    with scope(organization=triangle.org_a):
        assert Workload.objects.filter(pk=workload.pk).exists()
    client.post(delete)
    with scope(organization=triangle.org_a):
        assert list(Workload.objects.values_list("name", flat=True)) == ["Existing (copy)"]


def _pages(slug, pk):
    gets = [
        reverse("workload-list", args=[slug]),
        reverse("workload-new", args=[slug]),
        reverse("workload-import", args=[slug]),
        reverse("workload-export", args=[slug]),
        reverse("workload-template", args=[slug]),
        reverse("workload-detail", args=[slug, pk]),
        reverse("workload-edit", args=[slug, pk]),
        reverse("workload-delete", args=[slug, pk]),
    ]
    posts = [
        reverse("workload-new", args=[slug]),
        reverse("workload-validate-new", args=[slug]) + "?field=name",
        reverse("workload-import", args=[slug]),
        reverse("workload-edit", args=[slug, pk]),
        reverse("workload-validate", args=[slug, pk]) + "?field=name",
        reverse("workload-clone", args=[slug, pk]),
        reverse("workload-delete", args=[slug, pk]),
        reverse("workload-latency", args=[slug, pk]),
        reverse("workload-latency-delete", args=[slug, pk]),
    ]
    return gets, posts


@pytest.mark.parametrize("who", ["member_b", "outsider"])
def test_other_organizations_get_404_everywhere(client, triangle, workload, who):
    client.force_login(getattr(triangle, who))
    gets, posts = _pages("acme", workload.pk)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_another_orgs_workload_id_is_404_in_my_org(client, triangle, workload):
    client.force_login(triangle.member_b)
    gets, posts = _pages("globex", workload.pk)
    for url in gets[5:]:
        assert client.get(url).status_code == 404, url
    for url in posts[3:]:
        assert client.post(url, {"name": "x"}).status_code == 404, url


def test_viewers_read_but_cannot_write(client, triangle, workload):
    client.force_login(triangle.viewer_a)
    gets, posts = _pages("acme", workload.pk)
    assert client.get(gets[0]).status_code == 200
    assert client.get(gets[5]).status_code == 200
    assert client.get(gets[3]).status_code == 200
    for url in (gets[1], gets[2], gets[6], gets[7]):
        assert client.get(url).status_code == 403, url
    for url in posts:
        assert client.post(url, {"name": "x"}).status_code == 403, url
    with scope(organization=triangle.org_a):
        assert Workload.objects.count() == 1
