"""Browser journey through the catalog: sign in, filter by vendor, read an offering
with its price chart, compare two offerings, and open the article check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories.portal import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader(db):
    from vendors.services import catalog_load_builtin

    catalog_load_builtin()  # transactional tests flush what the data migration loaded
    return UserFactory(email="analyst@example.com")


def test_catalog_filter_offering_compare_and_article_check(page, sign_in, reader):
    sign_in(reader.email, PASSWORD)
    page.get_by_role("link", name="Catalog", exact=True).click()
    page.wait_for_url("**/catalog/")
    expect(page.get_by_role("heading", name="Model catalog")).to_be_visible()
    table = page.get_by_role("table", name="Catalog offerings")
    expect(table).to_contain_text("DeepSeek V3 (DeepSeek API)")

    # Filter by vendor.
    page.get_by_label("Vendor", exact=True).select_option(label="OpenAI")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/catalog/?*vendor=openai*")
    expect(table).to_contain_text("GPT-4o")
    expect(table).not_to_contain_text("DeepSeek V3")

    # One offering, with its price-history chart.
    table.get_by_role("link", name="GPT-4o", exact=True).click()
    page.wait_for_url("**/catalog/offerings/gpt-4o/")
    expect(page.get_by_role("heading", name="GPT-4o", level=1)).to_be_visible()
    chart = page.get_by_role("img", name="Price history of GPT-4o")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline")).to_have_count(2)

    # Compare two offerings ticked in the filtered list.
    page.go_back()
    page.get_by_label("Compare GPT-4", exact=True).check()
    page.get_by_label("Compare GPT-4o", exact=True).check()
    page.get_by_role("button", name="Compare selected (2 to 4)").click()
    page.wait_for_url("**/catalog/compare/?*")
    compare = page.locator("table.compare")
    expect(compare.get_by_role("columnheader")).to_have_count(3)
    output_row = compare.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Output / M tokens", exact=True)
    )
    expect(output_row.get_by_role("cell")).to_have_text(["60.00", "10.00"])

    # The article check, from the catalog list.
    page.get_by_role("link", name="← Catalog").click()
    page.get_by_role("link", name="Article check").click()
    page.wait_for_url("**/catalog/article-check/")
    expect(page.get_by_role("heading", name="Article check", level=1)).to_be_visible()
    summary = page.get_by_role("table", name="Every checked figure")
    expect(summary.get_by_role("row")).to_have_count(27)  # header + 26 figures
    gpt4_row = summary.get_by_role("row").filter(has_text="$9,900/month")
    expect(gpt4_row).to_contain_text("$9,240.00")
    expect(gpt4_row).to_contain_text("inconsistent")

    # Jump to one figure: its chart has real text labels.
    gpt4_row.get_by_role("link").click()
    figure = page.locator("article#snapshot-light-gpt-4")
    bars = figure.get_by_role("img", name="Published and recomputed values")
    expect(bars).to_be_visible()
    expect(bars.locator("text")).to_contain_text(
        ["Published", "$9,900.00", "Recomputed", "$9,240.00"]
    )
    figure.get_by_text("Inputs (5)").click()
    expect(figure.get_by_role("cell", name="$30 per million tokens")).to_be_visible()
