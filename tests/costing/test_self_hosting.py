"""Self-hosting TCO against hand computations from DOMAIN.md section 3 defaults."""

from __future__ import annotations

from decimal import Decimal as D

from costing.assumptions import resolve_assumptions
from costing.money import money_str
from costing.options import SelfHostedOptionModel
from costing.self_hosting import clusters_needed
from costing.series import yearly_totals

OFF = {"include_hidden_overheads": False, "include_exit_costs": False}


def model(
    tokens: int = 1_200_000,
    years: int = 3,
    accounting: str = "cash",
    growth: str = "1",
    **assumptions: object,
) -> SelfHostedOptionModel:
    return SelfHostedOptionModel(
        daily_tokens=D(tokens),
        growth_12m=D(growth),
        months=years * 12,
        assumptions=resolve_assumptions(assumptions),
        accounting=accounting,
    )


def total(m: SelfHostedOptionModel) -> str:
    return money_str(sum(m.monthly_series()))


def years(m: SelfHostedOptionModel) -> list[str]:
    return [money_str(y) for y in yearly_totals(m.monthly_series())]


def test_cash_basis_is_exactly_hardware_staff_infrastructure():
    # 200,000 capex + 3 x 2 x 200,000 staff + 3 x 50,000 infrastructure = 1,550,000
    m = model(**OFF)
    assert total(m) == "1550000.00"
    # year 1 carries the capex once (not capex + a year of depreciation)
    assert years(m) == ["650000.00", "450000.00", "450000.00"]


def test_accrual_basis_depreciates():
    # 200,000 / 3 = 66,666.67 a year + 400,000 + 50,000 = 516,666.67 a year
    m = model(accounting="accrual", **OFF)
    assert years(m) == ["516666.67"] * 3
    assert total(m) == "1550000.00"


def test_five_years_replaces_hardware_cash_and_accrual():
    # cash: clusters bought in month 1 and again in month 37:
    # 400,000 + 5 x 400,000 + 5 x 50,000 = 2,650,000
    assert total(model(years=5, **OFF)) == "2650000.00"
    # accrual: 60 months x 200,000 / 36 = 333,333.33 + 2,000,000 + 250,000
    assert total(model(years=5, accounting="accrual", **OFF)) == "2583333.33"


def test_one_year_horizon_accrual_books_a_third():
    # 66,666.67 + 400,000 + 50,000
    assert total(model(years=1, accounting="accrual", **OFF)) == "516666.67"
    assert total(model(years=1, **OFF)) == "650000.00"


def test_clusters_from_capacity():
    assert clusters_needed(D(0), D(300_000_000)) == 1
    assert clusters_needed(D(300_000_000), D(300_000_000)) == 1
    assert clusters_needed(D(300_000_001), D(300_000_000)) == 2
    # 700M tokens a day -> 3 clusters: 600,000 + 1,200,000 + 3 x 150,000 = 2,250,000
    assert total(model(tokens=700_000_000, **OFF)) == "2250000.00"


def test_growth_adds_a_cluster_when_needed():
    # 200M a day growing 2x in 12 months passes 300M at month index 8
    # (2 ** (8/12) = 1.587 -> 317M; 2 ** (7/12) = 1.498 -> 299.7M).
    # Hardware 2 x 200,000; infrastructure (8 x 1 + 28 x 2) cluster-months x 50,000 / 12
    # = 266,666.67; staff 1,200,000 -> 1,866,666.67
    m = model(tokens=200_000_000, growth="2", **OFF)
    assert m.series().clusters[7] == 1 and m.series().clusters[8] == 2
    assert total(m) == "1866666.67"


def test_hidden_overheads_expected_values():
    # drift 0.125 x 200,000 x 3 = 75,000; incidents 4 x 60 h x 100 x 3 = 72,000;
    # latency optimisation 350,000; compliance 325,000; concentration 0.25 x 200,000 = 50,000
    # -> 872,000 on top of 1,550,000 = 2,422,000
    m = model(include_exit_costs=False)
    assert total(m) == "2422000.00"
    comps = m.series().component_totals()
    assert money_str(comps["drift_monitoring"]) == "75000.00"
    assert money_str(comps["load_balancing_incidents"]) == "72000.00"


def test_exit_costs_expected_values():
    # A: 0.10 x 1,250,000 = 125,000; B: 0.10 x ((3 - 1) x 50,000 x 3 + 350,000) = 65,000;
    # C: 0.10 x 400,000 x 3 = 120,000 -> 310,000; with overheads: 2,422,000 + 310,000
    assert total(model()) == "2732000.00"
    assert total(model(include_hidden_overheads=False)) == "1860000.00"


def test_staff_assumptions_change_cost():
    # one FTE at 150,000: 200,000 + 450,000 + 150,000
    assert total(model(ml_fte_count=1, ml_fte_cost_usd=150_000, **OFF)) == "800000.00"
