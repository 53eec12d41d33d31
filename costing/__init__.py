"""Tollgate's cost engine: pure Python, Decimal money, NumPy Monte Carlo.

No Django import anywhere in this package. See the module docstrings for the
formulas: :mod:`costing.calendars`, :mod:`costing.growth`,
:mod:`costing.api_cost`, :mod:`costing.self_hosting`, :mod:`costing.series`,
:mod:`costing.montecarlo`, :mod:`costing.sensitivity`.
"""

from costing.api_cost import ApiPrices, ApiUsage, EffectiveRates, daily_api_cost, effective_rates
from costing.assumptions import DEFAULTS, SPECS, Assumptions, Range, resolve_assumptions
from costing.calendars import BUSINESS_DAYS, CALENDAR_DAYS, CalendarBasis, calendar_basis
from costing.errors import EngineInputError
from costing.growth import GROWTH_CURVE, growth_factor, growth_factors
from costing.money import money_str, round_cents, share_str, to_decimal
from costing.options import ApiOptionModel, CostFactors, SelfHostedOptionModel, self_hosting_point
from costing.self_hosting import (
    ACCRUAL,
    CASH,
    SelfHostingPoint,
    clusters_needed,
    self_hosting_series,
)
from costing.series import break_even_month, cumulative, yearly_totals

__all__ = [
    "ACCRUAL",
    "BUSINESS_DAYS",
    "CALENDAR_DAYS",
    "CASH",
    "DEFAULTS",
    "GROWTH_CURVE",
    "SPECS",
    "ApiOptionModel",
    "ApiPrices",
    "ApiUsage",
    "Assumptions",
    "CalendarBasis",
    "CostFactors",
    "EffectiveRates",
    "EngineInputError",
    "Range",
    "SelfHostedOptionModel",
    "SelfHostingPoint",
    "break_even_month",
    "calendar_basis",
    "clusters_needed",
    "cumulative",
    "daily_api_cost",
    "effective_rates",
    "growth_factor",
    "growth_factors",
    "money_str",
    "resolve_assumptions",
    "round_cents",
    "self_hosting_point",
    "self_hosting_series",
    "share_str",
    "to_decimal",
    "yearly_totals",
]
