"""Workload services: drafts, updates with an audit trail, clone, delete, selector."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from assessments.models import Workload, WorkloadChange
from assessments.workloads import selectors, services
from portal.errors import ValidationFailed
from portal.models import ActivityEvent
from tests.factories.assessments import LatencySampleSetFactory, WorkloadFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_saved_and_completed_later(triangle):
    with scope(organization=triangle.org_a):
        draft = services.workload_create(
            organization=triangle.org_a, data={"name": "Docs helper"}, actor=triangle.member_a
        )
        assert not draft.is_complete
        assert draft.created_by == triangle.member_a
        services.workload_update(
            workload=draft,
            data={
                "use_case": "documentation",
                "data_categories": ["internal"],
                "daily_input_tokens": "1.5M",
                "daily_output_tokens": "300k",
            },
            actor=triangle.member_a,
            complete=True,
        )
        draft.refresh_from_db()
        assert draft.is_complete
        assert draft.daily_input_tokens == 1_500_000
        changes = list(draft.changes.order_by("pk"))
        assert [c.action for c in changes] == ["created", "updated"]
        assert changes[1].changes["daily_output_tokens"] == {"old": None, "new": 300_000}
        assert changes[1].actor == triangle.member_a


def test_a_rejected_update_changes_nothing(triangle):
    with scope(organization=triangle.org_a):
        workload = WorkloadFactory(organization=triangle.org_a, name="Stable")
        with pytest.raises(ValidationFailed):
            services.workload_update(
                workload=workload,
                data={"daily_input_tokens": "-1", "description": "new"},
                actor=triangle.member_a,
            )
        workload.refresh_from_db()
        assert workload.description != "new"
        assert not WorkloadChange.objects.filter(workload=workload).exists()


def test_names_are_unique_per_organization_only(triangle):
    with scope(organization=triangle.org_a):
        services.workload_create(organization=triangle.org_a, data={"name": "Bot"})
        with pytest.raises(ValidationFailed) as err:
            services.workload_create(organization=triangle.org_a, data={"name": "bot"})
        assert "name" in err.value.fields
    with scope(organization=triangle.org_b):
        services.workload_create(organization=triangle.org_b, data={"name": "Bot"})


def test_clone_and_delete(triangle):
    with scope(organization=triangle.org_a):
        original = WorkloadFactory(organization=triangle.org_a, name="Bot")
        copy = services.workload_clone(workload=original, actor=triangle.member_a)
        assert copy.name == "Bot (copy)"
        assert copy.answers() | {"name": "Bot"} == original.answers()
        second = services.workload_clone(workload=original, actor=triangle.member_a)
        assert second.name == "Bot (copy) 2"
        services.workload_delete(workload=copy, actor=triangle.member_a)
        assert not Workload.objects.filter(pk=copy.pk).exists()
        assert ActivityEvent.objects.filter(verb="workload.deleted").count() == 1


def test_unscoped_queries_fail_closed(triangle):
    from django_scopes import ScopeError

    with pytest.raises(ScopeError):
        list(Workload.objects.all())


def test_workload_inputs_is_plain_json_with_every_field(triangle):
    import json

    from assessments.workloads.fields import FIELD_NAMES

    with scope(organization=triangle.org_a):
        w = WorkloadFactory(organization=triangle.org_a, name="A", reasoning_multiplier="2.5")
        LatencySampleSetFactory(workload=w, offering="gpt-4o", samples=[5, 7, 9])
        WorkloadFactory(organization=triangle.org_a, name="B", use_case="")
    with scope(organization=triangle.org_b):
        WorkloadFactory(organization=triangle.org_b, name="Theirs")
    inputs = selectors.workload_inputs(triangle.org_a)
    json.dumps(inputs)
    assert [i["name"] for i in inputs] == ["A", "B"]
    first = inputs[0]
    assert set(FIELD_NAMES) <= set(first)
    assert first["id"] == w.pk
    assert first["reasoning_multiplier"] == "2.50"
    assert first["current_offering"] is None
    assert first["is_complete"] is True
    assert first["latency_samples"] == {"gpt-4o": [5, 7, 9]}
    assert inputs[1]["is_complete"] is False
    assert inputs[1]["missing_fields"] == ["use_case"]


def test_workload_inputs_query_count_does_not_grow(triangle):
    with scopes_disabled():
        for n in range(3):
            w = WorkloadFactory(organization=triangle.org_a, name=f"W{n}")
            LatencySampleSetFactory(workload=w)
    with CaptureQueriesContext(connection) as few:
        selectors.workload_inputs(triangle.org_a)
    with scopes_disabled():
        for n in range(3, 12):
            w = WorkloadFactory(organization=triangle.org_a, name=f"W{n}")
            LatencySampleSetFactory(workload=w)
    with CaptureQueriesContext(connection) as many:
        inputs = selectors.workload_inputs(triangle.org_a)
    assert len(inputs) == 12
    assert len(many.captured_queries) == len(few.captured_queries) == 2


def test_latency_upload_stores_percentiles_and_replaces(triangle):
    with scope(organization=triangle.org_a):
        w = WorkloadFactory(organization=triangle.org_a)
        s = services.latency_samples_upload(
            workload=w, offering="gpt-4o", samples=list(range(1, 101)), actor=triangle.member_a
        )
        assert (s.count, s.p50, s.p90, s.p99) == (100, 50, 90, 99)
        s2 = services.latency_samples_upload(workload=w, offering="gpt-4o", samples=[3, 1, 2])
        assert s2.pk == s.pk
        assert (s2.count, s2.p50, s2.p90, s2.p99) == (3, 2, 3, 3)
        with pytest.raises(ValidationFailed) as err:
            services.latency_samples_upload(workload=w, offering="gpt-4o", samples=[1, -2])
        assert "negative" in err.value.fields["samples"][0]
        assert Decimal(w.latency_sample_sets.get().p99) == 3
