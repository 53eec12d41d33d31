"""API cost formulas against hand computations from DOMAIN.md list prices."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from costing.api_cost import ApiPrices, ApiUsage, daily_api_cost, effective_rates
from costing.calendars import calendar_basis
from costing.growth import growth_factor
from costing.money import money_str, share_str
from costing.options import ApiOptionModel
from costing.series import yearly_totals

DEEPSEEK_V3 = ApiPrices(D("0.27"), D("1.10"))
GPT_4O = ApiPrices(D("2.50"), D("10"), cached_input_per_mtok=D("1.25"))
O1 = ApiPrices(D("15"), D("60"))
USAGE = ApiUsage(D(1_000_000), D(200_000))  # 1M input, 200K output tokens a day


def daily(prices: ApiPrices, usage: ApiUsage = USAGE, discount: str = "0") -> D:
    rates = effective_rates(prices, batch_eligible=usage.batch_eligible, discount_pct=D(discount))
    return daily_api_cost(usage, rates)


def test_deepseek_v3_daily():
    # 1.0 Mtok x 0.27 + 0.2 Mtok x 1.10 = 0.27 + 0.22 = 0.49
    assert daily(DEEPSEEK_V3) == D("0.49")


def test_gpt_4o_daily():
    # 1.0 x 2.50 + 0.2 x 10 = 4.50
    assert daily(GPT_4O) == D("4.50")


def test_reasoning_multiplier_bills_hidden_tokens_as_output():
    # o1 with 3x reasoning: 1.0 x 15 + 0.2 x 3 x 60 = 15 + 36 = 51
    usage = ApiUsage(D(1_000_000), D(200_000), reasoning_multiplier=D(3))
    assert usage.billed_output_tokens == D(600_000)
    assert daily(O1, usage) == D(51)


def test_cached_input_uses_cached_price():
    # half the input cached: 0.5 x 2.50 + 0.5 x 1.25 + 0.2 x 10 = 1.25 + 0.625 + 2 = 3.875
    usage = ApiUsage(D(1_000_000), D(200_000), cached_input_share=D("0.5"))
    assert daily(GPT_4O, usage) == D("3.875")


def test_cached_share_without_cached_price_pays_full_input():
    usage = ApiUsage(D(1_000_000), D(200_000), cached_input_share=D("0.5"))
    assert daily(DEEPSEEK_V3, usage) == D("0.49")


def test_batch_prices_when_eligible_and_published():
    prices = ApiPrices(D("2.50"), D("10"), None, D("1.25"), D("5"))
    # batch: 1.0 x 1.25 + 0.2 x 5 = 2.25; not eligible: 4.50
    assert daily(prices, ApiUsage(D(1_000_000), D(200_000), batch_eligible=True)) == D("2.25")
    assert daily(prices, USAGE) == D("4.50")
    # eligible but the offering has no batch prices: list prices
    assert daily(GPT_4O, ApiUsage(D(1_000_000), D(200_000), batch_eligible=True)) == D("4.50")


def test_negotiated_discount():
    # 20% off 4.50 = 3.60
    assert daily(GPT_4O, discount="20") == D("3.60")
    with pytest.raises(ValueError):
        daily(GPT_4O, discount="120")


def _model(prices: ApiPrices, calendar: str, months: int = 36, growth: str = "1", days=None):
    rates = effective_rates(prices, batch_eligible=False)
    basis = calendar_basis(calendar, days)
    return ApiOptionModel(USAGE, basis, D(growth), tuple([rates] * months))


def test_business_days_calendar():
    # 0.49 x 22 = 10.78 a month; x 12 = 129.36 a year; 3 years = 388.08
    basis = calendar_basis("business_days")
    assert basis.monthly(D("0.49")) == D("10.78")
    assert basis.annual(D("0.49")) == D("129.36")
    series = _model(DEEPSEEK_V3, "business_days").monthly_series()
    assert [money_str(y) for y in yearly_totals(series)] == ["129.36"] * 3
    assert money_str(sum(series)) == "388.08"


def test_calendar_days_calendar_rounds_only_at_presentation():
    # year = 0.49 x 365 = 178.85; month = 178.85 / 12 = 14.904166...
    basis = calendar_basis("calendar_days")
    assert basis.annual(D("0.49")) == D("178.85")
    assert money_str(basis.monthly(D("0.49"))) == "14.90"
    series = _model(DEEPSEEK_V3, "calendar_days").monthly_series()
    # rounding each month first would give 14.90 x 12 = 178.80; the exact sum is 178.85
    assert [money_str(y) for y in yearly_totals(series)] == ["178.85"] * 3
    assert money_str(sum(series)) == "536.55"  # 178.85 x 3


def test_workload_active_days_override():
    # 4.50 x 30 = 135.00 a month, 1620.00 a year, in either calendar
    for calendar in ("business_days", "calendar_days"):
        basis = calendar_basis(calendar, 30)
        assert basis.monthly(D("4.50")) == D(135)
        assert basis.annual(D("4.50")) == D(1620)


def test_growth_curve_compound_then_flat():
    assert growth_factor(D(4), 0) == 1
    assert growth_factor(D(4), 6) == 2  # 4 ** (6/12)
    assert growth_factor(D(4), 12) == 4
    assert growth_factor(D(4), 30) == 4  # flat after twelve months


def test_growth_applies_to_monthly_series():
    # g = 4: month 7 (i = 6) costs twice month 1; months 13+ four times
    series = _model(GPT_4O, "business_days", growth="4").monthly_series()
    assert series[0] == D("99.00")  # 4.50 x 22
    assert series[6] == D("198.00")
    assert series[12] == series[35] == D("396.00")


def test_share_presentation():
    assert share_str(D("0.25")) == "0.25"
    assert share_str(D(5) / D(12)) == "0.4167"
    assert share_str(D("0.5")) == "0.50"
    assert money_str(D("-0.001")) == "0.00"
