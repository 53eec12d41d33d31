from __future__ import annotations

from decimal import Decimal as D

import numpy as np

from costing.assumptions import RANGE_NAMES, resolve_assumptions
from costing.money import money_str
from costing.montecarlo import (
    SelfHostingFixed,
    api_deviation,
    generator,
    percentiles_around,
    self_hosting_deviation,
    self_hosting_totals,
    triangular_with_expected,
    volume_draws,
)
from costing.options import SelfHostedOptionModel


def collapsed() -> dict[str, object]:
    a = resolve_assumptions()
    out: dict[str, object] = {}
    for name in RANGE_NAMES:
        out[name + "_low"] = out[name + "_high"] = a.range(name).expected
    return out


def sh_percentiles(assumptions, seed=1, n=5000, tokens=400_000_000, accounting="cash"):
    a = resolve_assumptions(assumptions)
    m = SelfHostedOptionModel(D(tokens), D(2), 36, a, accounting)
    det = sum(m.monthly_series())
    arr = np.array([float(t) for t in m.daily_tokens_by_month()])
    vol = volume_draws(generator(seed, 1), a, n)
    dev = self_hosting_deviation(
        arr, vol, generator(seed, 2), a, SelfHostingFixed.from_assumptions(a, accounting)
    )
    return det, percentiles_around(det, dev)


def test_collapsed_ranges_equal_deterministic_to_the_cent():
    for accounting in ("cash", "accrual"):
        det, (p10, p50, p90) = sh_percentiles(collapsed(), accounting=accounting)
        assert p10 == p50 == p90 == det
    a = resolve_assumptions(collapsed())
    vol = volume_draws(generator(3, 1), a, 1000)
    dev = api_deviation(1234.56, vol, generator(3, 2), a)
    assert percentiles_around(D("1234.56"), dev) == (D("1234.56"),) * 3


def test_float_pass_matches_decimal_formulas():
    # the vectorised arithmetic, at the expected point, reproduces the Decimal total
    for accounting in ("cash", "accrual"):
        a = resolve_assumptions()
        m = SelfHostedOptionModel(D(400_000_000), D(2), 36, a, accounting)
        det = sum(m.monthly_series())
        arr = np.array([float(t) for t in m.daily_tokens_by_month()])
        draws = {n: np.array([float(a.range(n).expected)]) for n in RANGE_NAMES}
        got = self_hosting_totals(
            arr, np.ones(1), draws, SelfHostingFixed.from_assumptions(a, accounting)
        )
        assert abs(got[0] - float(det)) < 1e-4


def test_percentiles_ordered_and_seeded():
    det, (p10, p50, p90) = sh_percentiles({})
    assert p10 <= p50 <= p90
    assert p10 < p90
    assert sh_percentiles({}) == (det, (p10, p50, p90))
    assert sh_percentiles({}, seed=2) != (det, (p10, p50, p90))


def test_triangular_bounds_and_expected_row():
    from costing.assumptions import Range

    out = triangular_with_expected(generator(0), Range(D(1), D(3)), 10_000)
    assert out[-1] == 2.0
    assert out.min() >= 1.0 and out.max() <= 3.0
    assert abs(np.median(out[:-1]) - 2.0) < 0.05
    assert money_str(D("1.005")) == "1.01"
