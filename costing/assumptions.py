"""Named assumptions: defaults, documentation, ranges and validation.

The names are the same in the API's ``assumptions``, the forms and the report.
A run's ``assumptions`` mapping is merged over :data:`DEFAULTS`; an unknown
name is an error. Every ``<name>_low`` / ``<name>_high`` pair is a **range**:
the deterministic figures use its *expected* value, the midpoint of low and
high, and the Monte Carlo draws from a triangular distribution with that mode
(so a collapsed range, low == high, always gives its single value).

Defaults marked "article" come from DOMAIN.md section 3; those marked
"product" are the product's own stated assumptions where the article gives no
figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from costing.errors import EngineInputError
from costing.money import to_decimal

Kind = Literal["money", "int", "count", "share", "signed_share", "multiplier", "bool"]
AssumptionValue = Decimal | bool


@dataclass(frozen=True)
class AssumptionSpec:
    name: str
    default: AssumptionValue
    kind: Kind
    doc: str


def _spec(name: str, default: str | bool, kind: Kind, doc: str) -> AssumptionSpec:
    value: AssumptionValue = default if isinstance(default, bool) else Decimal(default)
    return AssumptionSpec(name, value, kind, doc)


_SPECS: tuple[AssumptionSpec, ...] = (
    _spec(
        "hardware_capex_usd",
        "200000",
        "money",
        "article: one 8x A100 80GB NVLink cluster, paid once per cluster",
    ),
    _spec(
        "hardware_life_years",
        "3",
        "int",
        "article: hardware life; depreciation period (accrual) and replacement cycle (cash)",
    ),
    _spec("ml_fte_count", "2", "count", "article: ML engineers running the deployment"),
    _spec("ml_fte_cost_usd", "200000", "money", "article: loaded cost of one ML engineer a year"),
    _spec(
        "infrastructure_usd_per_year",
        "50000",
        "money",
        "article: power, cooling and network per cluster a year",
    ),
    _spec(
        "cluster_capacity_tokens_per_day",
        "300000000",
        "int",
        "product: input plus billed output tokens one cluster serves a day",
    ),
    _spec("include_hidden_overheads", True, "bool", "article: add the hidden overheads below"),
    _spec(
        "include_exit_costs",
        True,
        "bool",
        "article: add probability-weighted exit scenarios A, B and C",
    ),
    _spec(
        "drift_pct_low",
        "0.10",
        "share",
        "article: drift monitoring and retraining, share of deployment capex a year (low)",
    ),
    _spec("drift_pct_high", "0.15", "share", "article: same, high"),
    _spec(
        "load_balancing_incidents_per_year",
        "4",
        "count",
        "product: expert load-balancing incidents a year",
    ),
    _spec(
        "load_balancing_incident_hours_low",
        "40",
        "count",
        "article: engineering hours per incident (low)",
    ),
    _spec("load_balancing_incident_hours_high", "80", "count", "article: same, high"),
    _spec(
        "engineer_hourly_usd",
        "100",
        "money",
        "product: loaded engineering hour (about 200,000 a year / 2,000 hours)",
    ),
    _spec(
        "latency_optimisation_usd_low",
        "200000",
        "money",
        "article: one-time latency optimisation (low)",
    ),
    _spec("latency_optimisation_usd_high", "500000", "money", "article: same, high"),
    _spec(
        "compliance_remediation_usd_low",
        "150000",
        "money",
        "article: one-time compliance remediation / migration (low)",
    ),
    _spec("compliance_remediation_usd_high", "500000", "money", "article: same, high"),
    _spec(
        "vendor_concentration_pct_low",
        "0.20",
        "share",
        "article: one-time vendor-concentration contingency, share of deployment capex (low)",
    ),
    _spec("vendor_concentration_pct_high", "0.30", "share", "article: same, high"),
    _spec(
        "exit_regulatory_usd_low",
        "500000",
        "money",
        "article: scenario A, regulatory enforcement forces exit (low)",
    ),
    _spec("exit_regulatory_usd_high", "2000000", "money", "article: same, high"),
    _spec(
        "exit_regulatory_probability",
        "0.10",
        "share",
        "product: probability of scenario A within the horizon",
    ),
    _spec(
        "exit_latency_infra_multiplier_low",
        "2",
        "multiplier",
        "article: scenario B, latency fails the SLA: infrastructure multiple (low)",
    ),
    _spec("exit_latency_infra_multiplier_high", "4", "multiplier", "article: same, high"),
    _spec(
        "exit_latency_speculative_decoding_usd_low",
        "200000",
        "money",
        "article: scenario B, one-time speculative decoding work (low)",
    ),
    _spec("exit_latency_speculative_decoding_usd_high", "500000", "money", "article: same, high"),
    _spec(
        "exit_latency_probability",
        "0.10",
        "share",
        "product: probability of scenario B within the horizon",
    ),
    _spec(
        "exit_vendor_leaves_usd_per_year",
        "400000",
        "money",
        "article: scenario C, vendor leaves the market: extra ML engineering a year",
    ),
    _spec(
        "exit_vendor_leaves_probability",
        "0.10",
        "share",
        "product: probability of scenario C within the horizon",
    ),
    _spec(
        "token_volume_multiplier_low",
        "0.80",
        "multiplier",
        "product: uncertainty of the stated token volume (low multiple)",
    ),
    _spec("token_volume_multiplier_high", "1.20", "multiplier", "product: same, high multiple"),
    _spec(
        "price_change_pct_low",
        "-0.20",
        "signed_share",
        "product: API list-price movement over the horizon (low)",
    ),
    _spec("price_change_pct_high", "0.20", "signed_share", "product: same, high"),
    _spec(
        "sensitivity_swing_pct",
        "0.20",
        "share",
        "product: +/- swing of each driver in the one-at-a-time sensitivity",
    ),
    _spec(
        "single_vendor_spend_share_max",
        "0.50",
        "share",
        "product: above this share of recommended spend on one vendor, warn",
    ),
    _spec(
        "exit_budget_usd_low",
        "150000",
        "money",
        "article (scenario 1): budget to leave a cheap API if compliance needs appear (low)",
    ),
    _spec("exit_budget_usd_high", "300000", "money", "article: same, high"),
)

SPECS: dict[str, AssumptionSpec] = {s.name: s for s in _SPECS}
DEFAULTS: dict[str, AssumptionValue] = {s.name: s.default for s in _SPECS}
RANGE_NAMES: tuple[str, ...] = tuple(
    n[: -len("_low")] for n in SPECS if n.endswith("_low") and n[:-4] + "_high" in SPECS
)


@dataclass(frozen=True)
class Range:
    """A low / expected / high range; expected is the midpoint."""

    low: Decimal
    high: Decimal

    @property
    def expected(self) -> Decimal:
        return (self.low + self.high) / 2

    @property
    def collapsed(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Assumptions:
    """Validated assumption values (defaults merged with overrides)."""

    values: Mapping[str, AssumptionValue]

    def dec(self, name: str) -> Decimal:
        value = self.values[name]
        if isinstance(value, bool):
            raise TypeError(f"{name} is a switch, not a number")
        return value

    def flag(self, name: str) -> bool:
        value = self.values[name]
        if not isinstance(value, bool):
            raise TypeError(f"{name} is a number, not a switch")
        return value

    def range(self, name: str) -> Range:
        return Range(self.dec(name + "_low"), self.dec(name + "_high"))

    def as_json(self) -> dict[str, str | bool]:
        out: dict[str, str | bool] = {}
        for k, v in self.values.items():
            out[k] = v if isinstance(v, bool) else str(v)
        return out


def _coerce(spec: AssumptionSpec, raw: object) -> tuple[AssumptionValue | None, str | None]:
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw, None
        if isinstance(raw, str) and raw.lower() in ("true", "false"):
            return raw.lower() == "true", None
        return None, "must be true or false"
    if isinstance(raw, bool) or not isinstance(raw, Decimal | int | float | str):
        return None, "must be a number"
    try:
        value = to_decimal(raw)
    except (InvalidOperation, ValueError):
        return None, "must be a number"
    if not value.is_finite():
        return None, "must be a finite number"
    if spec.kind == "int":
        if value != value.to_integral_value() or value < 1:
            return None, "must be a whole number >= 1"
    elif spec.kind == "share" and not (0 <= value <= 1):
        return None, "must be between 0 and 1"
    elif spec.kind == "signed_share" and not (-1 < value <= 10):
        return None, "must be a fraction above -1 (e.g. -0.20 for 20% down)"
    elif spec.kind == "multiplier" and value <= 0:
        return None, "must be > 0"
    elif spec.kind in ("money", "count") and value < 0:
        return None, "must be >= 0"
    return value, None


def resolve_assumptions(overrides: Mapping[str, object] | None = None) -> Assumptions:
    """Merge ``overrides`` over the defaults, validating every value.

    Raises :class:`EngineInputError` with ``fields`` keyed ``assumptions.<name>``.
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, AssumptionValue] = dict(DEFAULTS)
    for name, raw in (overrides or {}).items():
        spec = SPECS.get(name)
        if spec is None:
            errors[f"assumptions.{name}"] = ["unknown assumption name"]
            continue
        value, problem = _coerce(spec, raw)
        if problem is not None or value is None:
            errors[f"assumptions.{name}"] = [problem or "invalid value"]
            continue
        values[name] = value
    for base in RANGE_NAMES:
        low, high = values[base + "_low"], values[base + "_high"]
        if isinstance(low, Decimal) and isinstance(high, Decimal) and low > high:
            errors.setdefault(f"assumptions.{base}_low", []).append(
                f"must not exceed {base}_high ({high})"
            )
    if errors:
        raise EngineInputError(errors)
    return Assumptions(values)
