"""Hypothesis properties of the cost engine."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from costing.api_cost import ApiPrices, ApiUsage, daily_api_cost, effective_rates
from costing.assumptions import resolve_assumptions
from costing.options import SelfHostedOptionModel

tokens = st.integers(min_value=0, max_value=10**10)
price = st.decimals(min_value=0, max_value=1000, places=3)
share = st.decimals(min_value=0, max_value=1, places=3)
pct = st.decimals(min_value=0, max_value=100, places=2)
mult = st.decimals(min_value=1, max_value=5, places=2)


@st.composite
def prices(draw):
    return ApiPrices(
        draw(price),
        draw(price),
        draw(st.none() | price),
        draw(st.none() | price),
        draw(st.none() | price),
    )


@given(
    prices(),
    tokens,
    tokens,
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    mult,
    share,
    st.booleans(),
    pct,
)
def test_more_tokens_never_cost_less(p, i, o, di, do, m, c, batch, disc):
    rates = effective_rates(p, batch_eligible=batch, discount_pct=disc)
    small = daily_api_cost(ApiUsage(D(i), D(o), m, c, batch), rates)
    big = daily_api_cost(ApiUsage(D(i + di), D(o + do), m, c, batch), rates)
    assert big >= small


@given(prices(), tokens, tokens, mult, share, st.booleans(), pct, pct)
def test_a_discount_never_raises_cost(p, i, o, m, c, batch, d1, d2):
    lo, hi = sorted([d1, d2])
    usage = ApiUsage(D(i), D(o), m, c, batch)
    less = daily_api_cost(usage, effective_rates(p, batch_eligible=batch, discount_pct=hi))
    more = daily_api_cost(usage, effective_rates(p, batch_eligible=batch, discount_pct=lo))
    assert less <= more


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 2 * 10**9),
    st.integers(0, 10**9),
    st.decimals(min_value="0.5", max_value=10, places=1),
    st.sampled_from(["cash", "accrual"]),
    st.booleans(),
    st.booleans(),
)
def test_self_hosting_more_tokens_never_cost_less(t, extra, g, accounting, over, ex):
    a = resolve_assumptions({"include_hidden_overheads": over, "include_exit_costs": ex})
    small = SelfHostedOptionModel(D(t), g, 36, a, accounting)
    big = SelfHostedOptionModel(D(t + extra), g, 36, a, accounting)
    assert sum(big.monthly_series()) >= sum(small.monthly_series())
