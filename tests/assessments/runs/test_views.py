"""Run pages: list, new, live progress, results, one workload, comparison; roles and tenancy."""

from __future__ import annotations

import pytest
from django_scopes import scope

from assessments.runs.services import assessment_run_start
from assessments.runs.worker import execute_run
from tests.assessments.runs.conftest import get_run


def _start(triangle, **params):
    params.setdefault("simulations", 0)
    params.setdefault("seed", 1)
    with scope(organization=triangle.org_a):
        return assessment_run_start(
            organization=triangle.org_a, user=triangle.member_a, parameters=params
        )


@pytest.fixture
def finished_run(triangle, acme_workloads):
    run = _start(triangle)
    assert execute_run(run.pk) == "succeeded"
    return get_run(run.pk)


def test_the_list_shows_runs_and_the_start_button_to_editors(client, triangle, finished_run):
    client.force_login(triangle.member_a)
    page = client.get("/orgs/acme/assessments/").content.decode()
    assert f"Run {finished_run.pk}" in page and "New assessment" in page
    client.force_login(triangle.viewer_a)
    page = client.get("/orgs/acme/assessments/").content.decode()
    assert f"Run {finished_run.pk}" in page and "New assessment" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/orgs/acme/assessments/",
        "/orgs/acme/assessments/new/",
        "/orgs/acme/assessments/{id}/",
        "/orgs/acme/assessments/{id}/progress/",
        "/orgs/acme/assessments/compare/?a={id}&b={id}",
    ],
)
def test_outsiders_and_other_tenants_get_404(client, triangle, finished_run, path):
    for user in (triangle.outsider, triangle.member_b):
        client.force_login(user)
        assert client.get(path.format(id=finished_run.pk)).status_code == 404


def test_another_tenants_run_is_404_under_their_own_slug(client, triangle, finished_run):
    client.force_login(triangle.member_b)
    assert client.get(f"/orgs/globex/assessments/{finished_run.pk}/").status_code == 404


def test_the_new_page_is_prefilled_from_the_catalog_and_defaults(client, triangle, acme_workloads):
    client.force_login(triangle.member_a)
    page = client.get("/orgs/acme/assessments/new/").content.decode()
    assert 'value="deepseek/deepseek-v3"' in page and 'value="self-hosted/deepseek-v3"' in page
    assert 'name="a_hardware_capex_usd"' in page and 'value="200000"' in page
    assert "<details" in page and "source article" in page


def test_viewers_cannot_open_or_post_the_new_page(client, triangle, acme_workloads):
    client.force_login(triangle.viewer_a)
    assert client.get("/orgs/acme/assessments/new/").status_code == 403
    assert client.post("/orgs/acme/assessments/new/", {}).status_code == 403


def _form(**overrides):
    data = {
        "candidate_offerings": ["deepseek/deepseek-v3", "self-hosted/deepseek-v3"],
        "baseline_offering": "gpt-4o",
        "horizon_years": "3",
        "calendar": "business_days",
        "accounting": "cash",
        "prices_as_of": "2026-02-01",
        "simulations": "0",
        "seed": "",
    }
    from costing.assumptions import SPECS

    for name, spec in SPECS.items():
        if spec.kind == "bool":
            if spec.default:
                data["a_" + name] = "on"
        else:
            data["a_" + name] = str(spec.default)
    data.update(overrides)
    return data


def test_posting_the_form_starts_a_run_with_only_changed_assumptions(
    client, triangle, acme_workloads, django_capture_on_commit_callbacks
):
    client.force_login(triangle.member_a)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/orgs/acme/assessments/new/", _form(a_ml_fte_count="3"))
    assert response.status_code == 302
    run_id = int(response["Location"].rstrip("/").split("/")[-1])
    run = get_run(run_id)
    assert run.parameters["assumptions"] == {"ml_fte_count": "3"}
    assert run.parameters["prices_as_of"] == "2026-02-01"
    assert len(callbacks) == 1


def test_service_errors_come_back_on_the_form(client, triangle, acme_workloads):
    client.force_login(triangle.member_a)
    response = client.post(
        "/orgs/acme/assessments/new/", _form(a_drift_pct_low="0.9", a_drift_pct_high="0.1")
    )
    assert response.status_code == 400
    assert "must not exceed drift_pct_high" in response.content.decode()


def test_a_running_run_polls_and_a_finished_one_stops(client, triangle, acme_workloads):
    run = _start(triangle)
    client.force_login(triangle.viewer_a)
    page = client.get(f"/orgs/acme/assessments/{run.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client.get(f"/orgs/acme/assessments/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "HX-Refresh" not in fragment
    execute_run(run.pk)
    fragment = client.get(f"/orgs/acme/assessments/{run.pk}/progress/", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in fragment.content.decode()
    assert fragment["HX-Refresh"] == "true"


def test_the_results_page_shows_headline_gates_verdicts_charts(client, triangle, finished_run):
    client.force_login(triangle.viewer_a)
    page = client.get(f"/orgs/acme/assessments/{finished_run.pk}/").content.decode()
    assert "Portfolio verdict" in page
    for gate in ("Gate 1", "Gate 2", "Gate 3"):
        assert gate in page
    assert 'id="verdict-table"' in page and "Customer chat" in page and "Docs assistant" in page
    assert page.count("<svg") >= 3  # tornado + one cost chart per workload
    assert "hx-trigger" not in page
    # The EU personal-data workload is blocked on the PRC-hosted API, with the rule's words.
    assert "gdpr-prc-storage" in page


def test_the_workload_page_compares_options(client, triangle, finished_run):
    wid = finished_run.results["workloads"][0]["workload_id"]
    client.force_login(triangle.viewer_a)
    page = client.get(f"/orgs/acme/assessments/{finished_run.pk}/workloads/{wid}/").content.decode()
    assert "DeepSeek V3" in page and "GPT-4o" in page and "<svg" in page
    assert (
        client.get(f"/orgs/acme/assessments/{finished_run.pk}/workloads/999999/").status_code == 404
    )


def test_comparing_two_runs_names_the_price_change(client, triangle, finished_run):
    from decimal import Decimal

    from vendors.models import Offering
    from vendors.services import price_record

    gpt4o = Offering.objects.get(key="gpt-4o")
    current = gpt4o.prices.order_by("-effective_from").first()
    price_record(
        offering=gpt4o,
        values={"input_per_mtok": Decimal("5.00"), "output_per_mtok": Decimal("15.00")},
        effective_from=current.effective_from,
    )
    later = _start(triangle)
    execute_run(later.pk)
    client.force_login(triangle.viewer_a)
    page = client.get(
        f"/orgs/acme/assessments/compare/?a={finished_run.pk}&b={later.pk}"
    ).content.decode()
    assert "prices changed: gpt-4o" in page
    assert "Price of gpt-4o" in page and "2.50" in page and "5.00" in page


def test_the_results_page_offers_the_board_report(client, triangle, finished_run):
    from assessments.reports.services import report_render

    client.force_login(triangle.member_a)
    page = client.get(f"/orgs/acme/assessments/{finished_run.pk}/").content.decode()
    assert "Download the PDF" not in page and "Render the PDF again" in page
    with scope(organization=triangle.org_a):
        report_render(run_id=finished_run.pk)
    page = client.get(f"/orgs/acme/assessments/{finished_run.pk}/").content.decode()
    assert f"/orgs/acme/assessments/{finished_run.pk}/report.pdf" in page
    client.force_login(triangle.viewer_a)
    page = client.get(f"/orgs/acme/assessments/{finished_run.pk}/").content.decode()
    assert "Download the PDF" in page and "Render the PDF again" not in page
