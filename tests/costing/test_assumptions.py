from __future__ import annotations

from decimal import Decimal as D

import pytest

from costing.assumptions import DEFAULTS, resolve_assumptions
from costing.errors import EngineInputError


def test_domain_defaults():
    assert DEFAULTS["hardware_capex_usd"] == D(200_000)
    assert DEFAULTS["hardware_life_years"] == D(3)
    assert DEFAULTS["ml_fte_count"] == D(2)
    assert DEFAULTS["ml_fte_cost_usd"] == D(200_000)
    assert DEFAULTS["infrastructure_usd_per_year"] == D(50_000)
    assert DEFAULTS["cluster_capacity_tokens_per_day"] == D(300_000_000)
    assert DEFAULTS["include_hidden_overheads"] is True
    assert DEFAULTS["include_exit_costs"] is True
    assert (DEFAULTS["drift_pct_low"], DEFAULTS["drift_pct_high"]) == (D("0.10"), D("0.15"))
    assert DEFAULTS["exit_vendor_leaves_usd_per_year"] == D(400_000)


def test_unknown_and_bad_values_are_field_errors():
    with pytest.raises(EngineInputError) as err:
        resolve_assumptions(
            {
                "gpu_magic": 1,
                "hardware_life_years": 0,
                "drift_pct_low": "0.5",
                "include_exit_costs": "maybe",
            }
        )
    fields = err.value.fields
    assert "assumptions.gpu_magic" in fields
    assert "assumptions.hardware_life_years" in fields
    assert "assumptions.drift_pct_low" in fields  # above drift_pct_high
    assert "assumptions.include_exit_costs" in fields
    assert isinstance(err.value, ValueError)


def test_overrides_merge():
    a = resolve_assumptions(
        {"ml_fte_count": 3, "include_exit_costs": "false", "drift_pct_high": 0.2}
    )
    assert a.dec("ml_fte_count") == 3
    assert a.flag("include_exit_costs") is False
    assert a.dec("drift_pct_high") == D("0.2")
    assert a.range("drift_pct").expected == D("0.15")
