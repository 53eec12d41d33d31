"""A client editor fills the questionnaire in real Chromium: draft, resume, fix, complete."""

import re

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from assessments.models import Workload

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_drafts_resumes_fixes_and_completes_a_workload(page, sign_in, sign_out, triangle):
    sign_in(triangle.member_a.email, triangle.password)
    page.goto("/orgs/acme/workloads/")
    page.get_by_role("link", name="New workload").click()
    page.wait_for_url("**/workloads/new/")

    # Section 1: identity
    page.get_by_label("Workload name").fill("Support bot")
    page.get_by_label("Internal tooling").check()
    page.get_by_label("In production").check()
    # Section 2: data and obligations (personal data of EU residents: GDPR is implied)
    page.get_by_label("Personal data", exact=True).check()
    page.locator("#field-data_subject_regions").get_by_label("EU / EEA").check()
    page.get_by_role("button", name="Save draft").first.click()
    page.wait_for_url(re.compile(r".*/workloads/\d+/edit/$"))
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    expect(page.get_by_text("Implied by your data")).to_be_visible()

    sign_out()
    sign_in(triangle.member_a.email, triangle.password)
    page.goto("/orgs/acme/workloads/")
    row = page.get_by_role("row", name=re.compile("Support bot"))
    expect(row.get_by_text("draft")).to_be_visible()
    row.get_by_role("link", name=re.compile("^Edit")).click()
    page.wait_for_url(re.compile(r".*/edit/$"))
    expect(page.get_by_label("Workload name")).to_have_value("Support bot")
    expect(page.get_by_label("Internal tooling")).to_be_checked()
    expect(page.get_by_label("Personal data", exact=True)).to_be_checked()

    # Section 3 with bad answers: inline validation speaks up next to the field
    tokens_in = page.locator("#id_daily_input_tokens")
    tokens_in.fill("-5")
    tokens_in.blur()
    expect(page.locator("#msg-daily_input_tokens")).to_contain_text("cannot be negative")
    page.locator("#id_daily_output_tokens").fill("2,000,000")
    page.locator("#id_daily_output_tokens").blur()
    expect(page.locator("#msg-daily_output_tokens")).to_contain_text("Understood as 2,000,000")
    page.locator("#id_latency_sensitive").check()
    expect(page.locator("#msg-p99_latency_sla_ms")).to_contain_text("P99 target")

    # Completing with the errors still there is refused, nothing is saved
    page.get_by_role("button", name="Save and mark complete").click()
    expect(page.get_by_role("alert")).to_contain_text("Token volumes cannot be negative.")
    expect(page.locator("#msg-p99_latency_sla_ms")).to_contain_text("P99 target")
    with scope(organization=triangle.org_a):
        assert Workload.objects.get(name="Support bot").daily_input_tokens is None

    # Fix and complete
    page.locator("#id_daily_input_tokens").fill("10M")
    page.locator("#id_daily_input_tokens").blur()
    expect(page.locator("#msg-daily_input_tokens")).to_contain_text("10,000,000 tokens")
    page.locator("#id_p99_latency_sla_ms").fill("1500")
    page.get_by_role("button", name="Save and mark complete").click()
    page.wait_for_url(re.compile(r".*/workloads/\d+/$"))
    expect(page.get_by_text("is complete")).to_be_visible()
    expect(page.get_by_role("heading", name="Change history")).to_be_visible()

    page.goto("/orgs/acme/workloads/")
    row = page.get_by_role("row", name=re.compile("Support bot"))
    expect(row.get_by_text("complete", exact=True)).to_be_visible()
    with scope(organization=triangle.org_a):
        w = Workload.objects.get(name="Support bot")
        assert w.is_complete and w.daily_input_tokens == 10_000_000
        assert w.p99_latency_sla_ms == 1500
        assert w.regulations == []  # GDPR was shown as implied, not added
