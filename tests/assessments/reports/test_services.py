"""Reports of stored runs: rendering after a run, idempotency, downloads, the API."""

from __future__ import annotations

import io
import re

import pytest
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from assessments.models import AssessmentReport, AssessmentRun, ReportStatus, RunStatus
from assessments.reports import services
from assessments.reports.formatting import usd
from assessments.runs.services import assessment_run_start
from tests.factories.assessments import WorkloadFactory
from tests.factories.integrations import bearer, issue_token

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )


@pytest.fixture
def quick_pdf(monkeypatch):
    """For tests about access and HTTP: skip the slow typesetting, keep everything else."""
    from assessments.reports.render import RenderedPDF

    def fake(html: str) -> RenderedPDF:
        assert "Acme Analytics" in html
        return RenderedPDF(
            pdf=b"%PDF-1.7 stand-in for " + html[:20].encode(), page_count=3, seconds=0.01
        )

    monkeypatch.setattr(services, "render_report_pdf", fake)


@pytest.fixture
def finished_run(triangle, django_capture_on_commit_callbacks) -> AssessmentRun:
    """A run of Acme finished in-process; its report task ran after commit."""
    org = triangle.org_a
    with scope(organization=org):
        WorkloadFactory(organization=org, name="Docs assistant")
        WorkloadFactory(
            organization=org,
            name="Customer chat",
            use_case="customer_chat",
            customer_facing=True,
            data_categories=["personal_data"],
            data_subject_regions=["eu_eea"],
        )
    with django_capture_on_commit_callbacks(execute=True), scope(organization=org):
        run = assessment_run_start(
            organization=org,
            user=triangle.member_a,
            parameters={"simulations": 200, "seed": 3, "prices_as_of": "2026-02-01"},
        )
    with scopes_disabled():
        return AssessmentRun.objects.select_related("organization").get(pk=run.pk)


def report_of(run: AssessmentRun) -> AssessmentReport:
    with scopes_disabled():
        return AssessmentReport.objects.get(run=run)


def test_a_succeeded_run_gets_its_report(finished_run, triangle):
    assert finished_run.status == RunStatus.SUCCEEDED, finished_run.error
    report = report_of(finished_run)
    assert report.status == ReportStatus.READY
    assert report.organization_id == triangle.org_a.pk
    assert report.page_count > 5
    assert report.pdf_bytes == len(bytes(report.pdf)) > 10_000
    assert report.render_seconds > 0
    assert report.rendered_at is not None
    text = pdf_text(bytes(report.pdf))
    assert "Acme Analytics" in text
    assert "Globex" not in text
    savings = finished_run.results["portfolio"]["annual_savings_usd"]
    assert usd(savings["p50"]) in text


def test_rendering_again_without_a_request_does_nothing(finished_run):
    before = report_of(finished_run)
    assert services.report_render(run_id=finished_run.pk) is None
    after = report_of(finished_run)
    assert after.rendered_at == before.rendered_at
    assert bytes(after.pdf) == bytes(before.pdf)


def test_a_price_change_after_the_run_changes_no_figure(
    finished_run, django_capture_on_commit_callbacks
):
    from vendors.models import OfferingPrice

    first = pdf_text(bytes(report_of(finished_run).pdf))
    changed = OfferingPrice.objects.filter(offering__key="deepseek/deepseek-v3").update(
        input_per_mtok=99, output_per_mtok=199
    )
    assert changed
    with (
        django_capture_on_commit_callbacks(execute=True),
        scope(organization=finished_run.organization),
    ):
        services.report_request(run=finished_run, user=None)
    report = report_of(finished_run)
    assert report.status == ReportStatus.READY
    assert pdf_text(bytes(report.pdf)) == first
    assert "$99" not in first


def test_a_run_that_has_not_succeeded_has_no_report(triangle):
    with scope(organization=triangle.org_a):
        run = AssessmentRun.objects.create(organization=triangle.org_a, status=RunStatus.RUNNING)
    assert services.report_render(run_id=run.pk) is None
    with scopes_disabled():
        assert not AssessmentReport.objects.filter(run=run).exists()


# --- HTML pages ---------------------------------------------------------------------


def test_preview_and_download_pages(quick_pdf, client, triangle, finished_run):
    client.force_login(triangle.viewer_a)
    base = f"/orgs/acme/assessments/{finished_run.pk}"
    preview = client.get(f"{base}/report/")
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Acme Analytics" in body and "Executive summary" in body
    assert "/static/reports/fonts/" in body and "tollgate-static:" not in body
    download = client.get(f"{base}/report.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert download.content.startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["member_b", "outsider"])
def test_other_people_get_404_for_the_report_pages(quick_pdf, client, triangle, finished_run, who):
    client.force_login(getattr(triangle, who))
    base = f"/orgs/acme/assessments/{finished_run.pk}"
    assert client.get(f"{base}/report/").status_code == 404
    assert client.get(f"{base}/report.pdf").status_code == 404
    assert client.post(f"{base}/report/render/").status_code == 404


def test_another_organizations_run_is_404_under_my_slug(quick_pdf, client, triangle, finished_run):
    client.force_login(triangle.member_b)
    assert client.get(f"/orgs/globex/assessments/{finished_run.pk}/report.pdf").status_code == 404


def test_re_render_needs_an_editor(
    quick_pdf, client, triangle, finished_run, django_capture_on_commit_callbacks
):
    url = f"/orgs/acme/assessments/{finished_run.pk}/report/render/"
    client.force_login(triangle.viewer_a)
    assert client.post(url).status_code == 403
    client.force_login(triangle.member_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert report_of(finished_run).status == ReportStatus.PENDING


# --- API ----------------------------------------------------------------------------


def test_api_gives_the_pdf_to_members(quick_pdf, api_client, triangle, finished_run):
    token = issue_token(triangle.viewer_a, triangle.org_a)
    url = f"/api/v1/organizations/acme/assessments/{finished_run.pk}/report.pdf"
    response = api_client.get(url, **bearer(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    pdf_accept = api_client.get(url, **bearer(token), HTTP_ACCEPT="application/pdf")
    assert pdf_accept.status_code == 200


def test_api_answers_409_in_the_error_shape_until_ready(api_client, triangle):
    with scope(organization=triangle.org_a):
        run = AssessmentRun.objects.create(organization=triangle.org_a, status=RunStatus.QUEUED)
    token = issue_token(triangle.member_a, triangle.org_a)
    url = f"/api/v1/organizations/acme/assessments/{run.pk}/report.pdf"
    for accept in ("application/json", "application/pdf"):
        response = api_client.get(url, **bearer(token), HTTP_ACCEPT=accept)
        assert response.status_code == 409
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]["code"] == "conflict"
    with scopes_disabled():
        AssessmentRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED, results={})
    response = api_client.get(url, **bearer(token))
    assert response.status_code == 409
    assert "not ready" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["member_b", "outsider"])
def test_api_is_404_for_non_members(quick_pdf, api_client, triangle, finished_run, who):
    api_client.force_authenticate(getattr(triangle, who))
    base = f"/api/v1/organizations/acme/assessments/{finished_run.pk}"
    assert api_client.get(f"{base}/report.pdf").status_code == 404
    assert api_client.get(f"{base}/report/").status_code == 404
    assert api_client.post(f"{base}/report/").status_code == 404


def test_api_status_and_re_render(
    quick_pdf, api_client, triangle, finished_run, django_capture_on_commit_callbacks
):
    base = f"/api/v1/organizations/acme/assessments/{finished_run.pk}/report/"
    api_client.force_authenticate(triangle.viewer_a)
    status = api_client.get(base).json()
    assert status["status"] == "ready"
    assert status["page_count"] == 3
    assert status["download"].endswith(f"/assessments/{finished_run.pk}/report.pdf")
    assert api_client.post(base).status_code == 403
    api_client.force_authenticate(triangle.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(base)
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert report_of(finished_run).status == ReportStatus.READY


def test_the_schema_documents_the_pdf_and_the_409(api_client, triangle):
    api_client.force_authenticate(triangle.member_a)
    schema = api_client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/organizations/{org_slug}/assessments/{run_id}/report.pdf"][
        "get"
    ]
    ok = operation["responses"]["200"]["content"]["application/pdf"]["schema"]
    assert ok == {"type": "string", "format": "binary"}
    assert "409" in operation["responses"]
