"""Browser journey: an editor starts an assessment from the UI, watches the progress
bar fill while a real worker computes, and reads the verdict table."""

from __future__ import annotations

import re

import pytest
from django_scopes import scope

from tests.factories.assessments import WorkloadFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acme(triangle):
    from vendors.services import catalog_load_builtin

    catalog_load_builtin()
    with scope(organization=triangle.org_a):
        WorkloadFactory(organization=triangle.org_a, name="Release notes writer")
        WorkloadFactory(
            organization=triangle.org_a,
            name="EU support chat",
            use_case="customer_support",
            customer_facing=True,
            data_categories=["personal_data"],
            data_subject_regions=["eu_eea"],
        )
    return triangle


def test_start_a_run_watch_progress_and_read_the_verdicts(
    page, sign_in, acme, worker_factory, celery_broker
):
    sign_in(acme.member_a.email, acme.password)
    page.goto("/orgs/acme/assessments/")
    page.get_by_role("link", name="New assessment").click()

    candidates = page.get_by_role("group", name="Candidate offerings")
    assert candidates.get_by_label(re.compile(r"\(deepseek/deepseek-v3\)")).is_checked()
    assert candidates.get_by_label(re.compile(r"\(self-hosted/deepseek-v3\)")).is_checked()
    page.get_by_text("Advanced options").click()
    page.get_by_label("Monte Carlo simulations").fill("2000")
    page.get_by_label("Random seed").fill("7")
    page.get_by_role("button", name="Start assessment").click()

    # Queued: no worker is running yet, so the bar waits at 0 and keeps polling.
    page.wait_for_url(re.compile(r"/orgs/acme/assessments/\d+/$"))
    bar = page.locator("progress#run-progress-bar")
    assert bar.is_visible()
    assert bar.get_attribute("value") == "0"
    assert page.locator("#run-progress[hx-trigger='every 1s']").count() == 1

    worker = worker_factory().start()
    # The polled fragment reports completion and the page reloads with the results.
    table = page.locator("#verdict-table")
    table.wait_for(timeout=60_000)
    assert page.locator("progress#run-progress-bar").count() == 0
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    chat = table.locator("tr", has_text="EU support chat")
    assert chat.get_by_text("Do not deploy").count() or chat.get_by_text("Deploy").count()
    assert page.get_by_role("heading", name=re.compile("Portfolio verdict")).is_visible()
    assert page.get_by_role("heading", name=re.compile("Gate 3")).is_visible()
    assert "run" in worker.log()
