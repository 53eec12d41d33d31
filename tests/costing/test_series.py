from __future__ import annotations

from decimal import Decimal as D

from costing.api_cost import ApiPrices, ApiUsage, effective_rates
from costing.assumptions import resolve_assumptions
from costing.calendars import calendar_basis
from costing.options import ApiOptionModel, SelfHostedOptionModel
from costing.series import break_even_month, cumulative, yearly_totals


def s(*values: int) -> list[D]:
    return [D(v) for v in values]


def test_break_even_simple_series():
    assert break_even_month(s(25, 5, 5, 5, 5), s(10, 10, 10, 10, 10)) == 5  # 45 < 50
    assert break_even_month(s(30, 5, 5, 5, 5), s(10, 10, 10, 10, 10)) is None  # 50 == 50
    assert break_even_month(s(5, 5), s(10, 10)) == 1
    assert break_even_month(s(100, 1, 1), s(10, 10, 10)) is None


def test_break_even_must_hold_to_the_end():
    # below in month 1, above from month 2 on: never a lasting break-even
    assert break_even_month(s(5, 100), s(10, 10)) is None


def test_cumulative_and_years():
    assert cumulative(s(1, 2, 3)) == s(1, 3, 6)
    assert yearly_totals([D(1)] * 24) == [D(12), D(12)]


def test_self_hosting_breaks_even_against_o1_in_month_three():
    # o1: 100M input + 20M output x 3 reasoning = 100 x 15 + 60 x 60 = 5,100 a day
    # x 22 = 112,200 a month. Self-hosted (overheads and exit off, cash, 160M tokens -> 1
    # cluster): 200,000 in month 1 + 37,500 a month (33,333.33 staff + 4,166.67 infra).
    # cumulative: m=2 275,000 vs 224,400 (above); m=3 312,500 vs 336,600 (below).
    usage = ApiUsage(D(100_000_000), D(20_000_000), reasoning_multiplier=D(3))
    rates = effective_rates(ApiPrices(D(15), D(60)), batch_eligible=False)
    o1 = ApiOptionModel(usage, calendar_basis("business_days"), D(1), tuple([rates] * 36))
    sh = SelfHostedOptionModel(
        usage.billed_tokens,
        D(1),
        36,
        resolve_assumptions({"include_hidden_overheads": False, "include_exit_costs": False}),
        "cash",
    )
    assert o1.monthly_series()[0] == D(112_200)
    assert break_even_month(sh.monthly_series(), o1.monthly_series()) == 3
