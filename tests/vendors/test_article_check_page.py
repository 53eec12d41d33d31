"""The article check page: every signed-in user reads it; it lists every figure."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from costing.article_check import (
    CLAUDE_OPUS_4_5,
    DEEPSEEK_V3,
    GPT_4,
    O1,
    article_figures,
)
from vendors.article_chart import bar_chart
from vendors.catalog import builtin_data

pytestmark = pytest.mark.django_db
URL = "/catalog/article-check/"


def test_url_name():
    assert reverse("catalog-article-check") == URL


@pytest.mark.parametrize("who", ["member_a", "viewer_a", "consultant", "outsider"])
def test_every_signed_in_user_reads_it(client, triangle, who):
    client.force_login(getattr(triangle, who))
    response = client.get(URL)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "DeepSeek V4 in 2026: The $6M Model That Could Cost You Everything" in body
    assert "23 January 2026" in body


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_shows_each_figure_with_its_verdict_formula_and_chart(client, triangle):
    client.force_login(triangle.member_a)
    body = html.unescape(client.get(URL).content.decode())
    for f in article_figures():
        block = re.search(rf'<article class="article-figure" id="{f.id}".*?</article>', body, re.S)
        assert block, f.id
        text = block.group(0)
        assert f.quoted in text and f.formula in text and f.working in text
        assert f.verdict.replace("_", " ") in text
        for i in f.inputs:
            assert i.name in text and i.value in text
        if f.is_money and f.recomputed is not None:
            assert "<svg" in text and ">Published<" in text and ">Recomputed<" in text
        else:
            assert "<svg" not in text
    # a few figures spelled out
    assert "$9,900.00" in body and "$9,240.00" in body
    assert "hardware counted twice: full CapEx plus a year of depreciation" in body
    assert "rows are scaled copies of the first row" in body
    assert 'id="scenario-2-capex"' in body and "$600K" in body


def test_catalog_list_links_to_it(client, triangle):
    client.force_login(triangle.viewer_a)
    body = client.get(reverse("catalog")).content.decode()
    assert f'href="{URL}"' in body


def test_bar_chart_scales_to_the_larger_value():
    chart = bar_chart(Decimal(9_900), Decimal(9_240), unit="USD per month")
    published, recomputed = chart.bars
    assert published.width == 200 and recomputed.width == pytest.approx(186.7)
    assert published.colour != recomputed.colour
    assert published.value_label == "$9,900.00" and recomputed.value_label == "$9,240.00"


def test_the_article_prices_match_the_built_in_catalog():
    """The check and the catalog rest on the same printed prices."""
    prices = {o["key"]: o.get("price") for o in builtin_data()["offerings"]}
    for key, price in [
        ("deepseek/deepseek-v3", DEEPSEEK_V3),
        ("gpt-4", GPT_4),
        ("claude-opus-4-5", CLAUDE_OPUS_4_5),
        ("o1", O1),
    ]:
        assert Decimal(prices[key]["input"]) == price.prices.input_per_mtok, key
        assert Decimal(prices[key]["output"]) == price.prices.output_per_mtok, key
