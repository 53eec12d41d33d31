"""Starting a run: defaults, validation, the snapshot and enqueue-on-commit."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone
from django_scopes import scope

from assessments.models import AssessmentRun, RunStatus
from assessments.runs.services import assessment_run_start, clean_parameters
from portal.errors import ValidationFailed
from portal.models import ActivityEvent
from tests.assessments.runs.conftest import get_run
from tests.factories.assessments import WorkloadFactory


def start(triangle, parameters=None, **kw):
    with scope(organization=triangle.org_a):
        return assessment_run_start(
            organization=triangle.org_a, user=triangle.member_a, parameters=parameters, **kw
        )


def test_defaults_are_filled_in_and_recorded(triangle, acme_workloads):
    run = start(triangle, {})
    p = run.parameters
    assert p["candidate_offerings"] == ["deepseek/deepseek-v3", "self-hosted/deepseek-v3"]
    assert p["baseline_offering"] == "gpt-4o"
    assert p["horizon_years"] == 3
    assert p["calendar"] == "business_days"
    assert p["accounting"] == "cash"
    assert p["prices_as_of"] == timezone.localdate().isoformat()
    assert p["simulations"] == 10000
    assert isinstance(p["seed"], int) and p["seed"] >= 0
    assert run.status == RunStatus.QUEUED
    assert run.started_by == triangle.member_a
    assert run.catalog_version
    assert run.ruleset_version


def test_the_snapshot_holds_every_input(triangle, acme_workloads):
    run = start(triangle, {"seed": 5, "assumptions": {"ml_fte_count": 3}})
    snap = run.inputs_snapshot
    assert snap["organization"]["slug"] == "acme"
    assert [w["name"] for w in snap["workloads"]] == ["Customer chat", "Docs assistant"]
    assert set(snap["offerings"]) >= {"deepseek/deepseek-v3", "self-hosted/deepseek-v3", "gpt-4o"}
    assert snap["offerings"]["gpt-4o"]["input_per_mtok"] == "2.50"
    assert snap["assumptions"]["ml_fte_count"] == "3"
    assert snap["assumptions"]["hardware_capex_usd"] == "200000"
    assert snap["catalog_version"] == run.catalog_version
    assert run.parameters["seed"] == 5


def test_enqueued_only_after_commit(triangle, acme_workloads, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start(triangle, {"simulations": 0})
    assert len(callbacks) == 1


def test_in_process_run_succeeds_with_results(
    triangle, acme_workloads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = start(triangle, {"simulations": 200, "seed": 1})
    run = get_run(run.pk)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.progress == 100
    assert run.attempts == 1
    assert run.finished_at is not None
    assert run.results["portfolio"]["workload_count"] == 2
    assert [g["gate"] for g in run.results["gates"]] == [1, 2, 3]
    with scope(organization=triangle.org_a):
        verbs = set(ActivityEvent.objects.values_list("verb", flat=True))
    assert {"assessment.started", "assessment.succeeded"} <= verbs


@pytest.mark.parametrize(
    ("parameters", "field"),
    [
        ({"candidate_offerings": ["nope/unknown"]}, "candidate_offerings"),
        ({"baseline_offering": "missing-model"}, "baseline_offering"),
        ({"horizon_years": 0}, "horizon_years"),
        ({"horizon_years": 11}, "horizon_years"),
        ({"calendar": "lunar"}, "calendar"),
        ({"accounting": "creative"}, "accounting"),
        ({"simulations": -1}, "simulations"),
        ({"simulations": 100_001}, "simulations"),
        ({"seed": -3}, "seed"),
        ({"seed": "abc"}, "seed"),
        ({"prices_as_of": "yesterday"}, "prices_as_of"),
        ({"assumptions": {"ml_fte_count": -1}}, "assumptions.ml_fte_count"),
        ({"assumptions": {"no_such_thing": 1}}, "assumptions.no_such_thing"),
        (
            {"assumptions": {"drift_pct_low": "0.5", "drift_pct_high": "0.1"}},
            "assumptions.drift_pct_low",
        ),
        ({"assumptions": ["x"]}, "assumptions"),
        ({"candidate_offerings": ["gpt-4o"]}, "baseline_offering"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_parameters_are_reported_per_field_and_nothing_is_queued(
    triangle, acme_workloads, django_capture_on_commit_callbacks, parameters, field
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationFailed) as exc:
        start(triangle, parameters)
    assert field in exc.value.fields, exc.value.fields
    assert callbacks == []
    with scope(organization=triangle.org_a):
        assert not AssessmentRun.objects.exists()


def test_an_organization_without_workloads_cannot_start(
    triangle, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationFailed) as exc:
        start(triangle, {})
    assert "no workloads" in exc.value.fields["workloads"][0]
    assert callbacks == []


def test_incomplete_workloads_are_named(triangle, acme_workloads):
    with scope(organization=triangle.org_a):
        WorkloadFactory(organization=triangle.org_a, name="Half done", daily_input_tokens=None)
    with pytest.raises(ValidationFailed) as exc:
        start(triangle, {})
    message = exc.value.fields["workloads"][0]
    assert "Half done" in message and "daily_input_tokens" in message
    with scope(organization=triangle.org_a):
        assert not AssessmentRun.objects.exists()


def test_other_tenants_workloads_are_not_snapshotted(triangle, acme_workloads):
    with scope(organization=triangle.org_b):
        WorkloadFactory(organization=triangle.org_b, name="Globex secret")
    run = start(triangle, {})
    assert "Globex secret" not in [w["name"] for w in run.inputs_snapshot["workloads"]]


def test_clean_parameters_accepts_dates_and_numeric_strings(db):
    params = clean_parameters(
        {
            "candidate_offerings": ["a"],
            "baseline_offering": "b",
            "prices_as_of": date(2026, 1, 23),
            "horizon_years": "5",
            "simulations": "0",
            "seed": "42",
        }
    )
    assert params["prices_as_of"] == "2026-01-23"
    assert (params["horizon_years"], params["simulations"], params["seed"]) == (5, 0, 42)


def test_a_finished_run_emits_its_webhook_and_queues_its_report(
    triangle, acme_workloads, django_capture_on_commit_callbacks, monkeypatch
):
    from assessments.runs import worker
    from portal.models.integrations import WebhookDelivery, WebhookEndpoint

    queued, sent = [], []
    monkeypatch.setattr(
        "assessments.tasks.reports.render_report.delay", lambda run_id: queued.append(run_id)
    )
    monkeypatch.setattr("portal.tasks_webhooks.deliver_webhook.delay", sent.append)
    with scope(organization=triangle.org_a):
        WebhookEndpoint.objects.create(
            organization=triangle.org_a,
            url="https://hooks.example.com/tollgate",
            secret="s" * 32,
            events=["assessment.succeeded"],
        )
    run = start(triangle, {"simulations": 0})
    with django_capture_on_commit_callbacks(execute=True):
        assert worker.execute_run(run.pk) == "succeeded"
    assert queued == [run.pk]
    with scope(organization=triangle.org_a):
        delivery = WebhookDelivery.objects.get(event="assessment.succeeded")
    assert delivery.payload["run_id"] == run.pk
    assert sent == [delivery.pk]
    assert delivery.payload["portfolio_verdict"] in ("adopt", "adopt_for_subset", "do_not_adopt")
