"""The people journeys in real Chromium: a consultant onboards a client and invites
its admin; the admin accepts and invites an editor and a workload owner; the editor
fills a workload; the owner answers through a respondent link; the consultant runs
the assessment and downloads the board report; a viewer reads but cannot edit.

E-mails are read from Django's test mailbox (the live server runs in this process).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from assessments.models import Workload, WorkloadChange
from portal.models import Membership, Organization, Role

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "quill-feather-harbour-42"


def link_in(message, prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/{prefix}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def last_mail_to(address: str):
    found = [m for m in mail.outbox if address in m.to]
    assert found, f"no e-mail to {address}"
    return found[-1]


def fill_workload_answers(page, *, tokens_in: str, tokens_out: str) -> None:
    page.get_by_label("Internal tooling").check()
    page.get_by_label("In production").check()
    page.get_by_label("Internal business data").check()
    page.locator("#id_daily_input_tokens").fill(tokens_in)
    page.locator("#id_daily_output_tokens").fill(tokens_out)


def accept_as_new_person(page, path: str, name: str) -> None:
    page.goto(path)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account and join").click()


def test_onboarding_invitations_workloads_and_a_respondent(page, sign_in, sign_out, triangle):
    # 1. The consultant onboards a client, guided.
    sign_in(triangle.consultant.email, triangle.password)
    page.get_by_role("link", name="Onboard a client").click()
    page.get_by_label("Organization name").fill("Quillfeather Analytics")
    page.get_by_label("Sector").select_option("startup")
    page.get_by_label("Headcount").fill("50")
    page.get_by_label("Headquarters").select_option("us")
    page.get_by_role("button", name="Create the organization and continue").click()
    page.wait_for_url("**/orgs/quillfeather-analytics/onboarding/invite/")
    expect(page.get_by_role("navigation", name="Onboarding steps")).to_contain_text(
        "Invite the client admin"
    )
    page.get_by_label("E-mail address").fill("ceo@quillfeather.example")
    page.get_by_label("Role", exact=True).select_option("client_admin")
    page.get_by_role("button", name="Send the invitation and continue").click()
    page.wait_for_url("**/onboarding/intake/")
    page.get_by_label("Send each workload's owner a questionnaire link").check()
    page.get_by_role("button", name="Continue to the checklist").click()
    page.wait_for_url("**/orgs/quillfeather-analytics/onboarding/")
    expect(page.get_by_text("waiting for the client admin to accept")).to_be_visible()
    sign_out()

    # 2. The client admin accepts (new account) and lands in the organization.
    invitation = last_mail_to("ceo@quillfeather.example")
    assert "Quillfeather Analytics" in invitation.subject
    accept_as_new_person(page, link_in(invitation, "invitations"), "Casey Chief")
    page.wait_for_url("**/orgs/quillfeather-analytics/")
    expect(page.get_by_role("heading", name="Quillfeather Analytics", level=1)).to_be_visible()
    expect(page.get_by_text("Client admin", exact=True).first).to_be_visible()

    # The same link a second time is refused and names no organization.
    page.context.clear_cookies()
    page.goto(link_in(invitation, "invitations"))
    expect(page.get_by_role("heading", name="This link was already used")).to_be_visible()
    assert "Quillfeather" not in page.content()

    # 3. The admin invites an editor and sends a workload owner a questionnaire link.
    sign_in("ceo@quillfeather.example", NEW_PASSWORD)
    page.goto("/orgs/quillfeather-analytics/members/")
    page.get_by_label("E-mail address").fill("eddie@quillfeather.example")
    page.get_by_label("Role", exact=True).select_option("editor")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to eddie@quillfeather.example")).to_be_visible()
    page.get_by_role("link", name="Questionnaire links for workload owners").click()
    page.get_by_label("…or a new workload named").fill("Invoice reader")
    page.get_by_label("Respondent's e-mail address").fill("owner@quillfeather.example")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("row", name=re.compile("Invoice reader"))).to_contain_text("open")
    sign_out()

    # 4. The editor accepts and fills a workload through the questionnaire.
    accept_as_new_person(
        page, link_in(last_mail_to("eddie@quillfeather.example"), "invitations"), "Eddie Editor"
    )
    page.wait_for_url("**/orgs/quillfeather-analytics/")
    page.goto("/orgs/quillfeather-analytics/workloads/new/")
    page.get_by_label("Workload name").fill("Code search")
    fill_workload_answers(page, tokens_in="4M", tokens_out="500k")
    page.get_by_role("button", name="Save and mark complete").click()
    page.wait_for_url(re.compile(r".*/workloads/\d+/$"))
    expect(page.get_by_text("is complete")).to_be_visible()
    sign_out()

    # 5. The workload owner answers through the link, without an account.
    page.context.clear_cookies()
    answer = link_in(last_mail_to("owner@quillfeather.example"), "respond")
    page.goto(answer)
    expect(page.get_by_role("heading", name="Invoice reader", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    fill_workload_answers(page, tokens_in="2M", tokens_out="300k")
    page.get_by_role("button", name="Submit the answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    page.goto(answer)
    expect(page.get_by_role("heading", name="This link was already used")).to_be_visible()

    organization = Organization.objects.get(slug="quillfeather-analytics")
    roles = dict(
        Membership.objects.filter(organization=organization).values_list("user__email", "role")
    )
    assert roles == {
        triangle.consultant.email: Role.CONSULTANT,
        "ceo@quillfeather.example": Role.CLIENT_ADMIN,
        "eddie@quillfeather.example": Role.EDITOR,
    }
    with scope(organization=organization):
        workloads = {w.name: w for w in Workload.objects.all()}
        assert workloads["Code search"].is_complete
        assert workloads["Invoice reader"].is_complete
        assert workloads["Invoice reader"].daily_input_tokens == 2_000_000
        labels = set(
            WorkloadChange.objects.filter(workload=workloads["Invoice reader"]).values_list(
                "actor_label", flat=True
            )
        )
        assert "respondent owner@quillfeather.example" in labels

    # The consultant's activity log shows it all.
    sign_in(triangle.consultant.email, triangle.password)
    page.goto("/orgs/quillfeather-analytics/activity/")
    log = page.get_by_role("table")
    for text in (
        "Invited ceo@quillfeather.example",
        "ceo@quillfeather.example joined as client admin",
        "eddie@quillfeather.example joined as editor",
        "respondent owner@quillfeather.example submitted",
    ):
        expect(log).to_contain_text(text)


@pytest.fixture
def assessed_client(triangle):
    """Acme with complete workloads and the built-in catalog."""
    call_command("load_catalog", stdout=io.StringIO())
    from tests.factories.assessments import WorkloadFactory

    WorkloadFactory(organization=triangle.org_a, name="Docs helper", use_case="documentation")
    WorkloadFactory(
        organization=triangle.org_a,
        name="Code review",
        use_case="code_review",
        data_categories=["source_code"],
    )
    return triangle


def test_viewer_reads_but_cannot_edit(page, sign_in, assessed_client):
    triangle = assessed_client
    sign_in(triangle.viewer_a.email, triangle.password)
    page.goto("/orgs/acme/")
    expect(page.get_by_role("heading", name="Acme Analytics", level=1)).to_be_visible()
    page.goto("/orgs/acme/workloads/")
    expect(page.get_by_role("link", name="Docs helper")).to_be_visible()
    expect(page.get_by_role("link", name="New workload")).to_have_count(0)
    with scopes_disabled():
        pk = Workload.objects.get(name="Docs helper").pk
    for path in (
        "/orgs/acme/workloads/new/",
        f"/orgs/acme/workloads/{pk}/edit/",
        "/orgs/acme/members/",
        "/orgs/acme/respondent-links/",
    ):
        response = page.goto(path)
        assert response.status == 403, path


def download_pdf(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    return open(path, "rb").read()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1
    return "\n".join(p.extract_text() or "" for p in reader.pages)


@pytest.mark.integration
def test_consultant_runs_an_assessment_watches_it_and_the_viewer_downloads_the_report(
    page, sign_in, sign_out, assessed_client, celery_worker
):
    """With a real worker: the run page follows the run to the end, then the PDF."""
    triangle = assessed_client
    sign_in(triangle.consultant.email, triangle.password)
    page.goto("/orgs/acme/assessments/")
    page.get_by_role("link", name="New assessment").click()
    page.get_by_role("button", name="Start assessment").click()
    page.wait_for_url(re.compile(r".*/orgs/acme/assessments/\d+/$"))
    run_url = page.url
    # The progress fragment polls while the worker computes, then the page shows
    # the finished results.
    expect(page.locator("#run-progress [data-status]")).to_have_attribute(
        "data-status", re.compile("queued|running")
    )
    expect(page.get_by_role("heading", name="Board report")).to_be_visible(timeout=90_000)
    expect(page.locator("#run-progress")).to_have_count(0)
    download = page.get_by_role("link", name="Download the PDF")
    for _ in range(60):  # the report renders on its own queue after the run
        if download.count():
            break
        page.wait_for_timeout(1000)
        page.reload()
    text = pdf_text(download_pdf(page, download))
    assert "Acme Analytics" in text
    page.goto("/dashboard/")
    sign_out()

    # The viewer reads the results and downloads the report, but cannot start a run.
    sign_in(triangle.viewer_a.email, triangle.password)
    page.goto("/orgs/acme/")
    expect(page.get_by_role("heading", name="Latest verdict")).to_be_visible()
    report_link = page.get_by_role("link", name=re.compile(r"Report of .* \(PDF\)"))
    assert "Acme Analytics" in pdf_text(download_pdf(page, report_link.first))
    page.goto(run_url)
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(page.get_by_role("button", name="Render the PDF again")).to_have_count(0)
    page.goto("/orgs/acme/assessments/")
    expect(page.get_by_role("link", name="New assessment")).to_have_count(0)
    assert page.goto("/orgs/acme/assessments/new/").status == 403
