"""Everything the report template shows, built from a run's stored snapshot and results.

Pure: no database, no catalog. The inputs are what the run stored (its parameters,
its snapshot of inputs and its results), so a report rendered again next year
shows the same figures whatever the catalog says by then. Arithmetic here is
limited to adding stored decimals across workloads for the portfolio charts;
every per-option figure is the engine's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from assessments.reports import charts
from assessments.reports.formatting import label, number, percent, to_decimal, usd
from costing.series import break_even_month, cumulative

ZERO = Decimal(0)
# Above this many workloads the full compliance matrix moves to the appendix.
MATRIX_MAX_ROWS = 30
# Charts that list workloads show the largest ones only.
CHART_MAX_ROWS = 12

PORTFOLIO_VERDICTS = {
    "adopt": ("Adopt", "Adopt the candidate for every assessed workload."),
    "adopt_for_subset": (
        "Adopt for a subset",
        "Adopt the candidate only for the workloads listed as viable; keep the others "
        "on compliant incumbents.",
    ),
    "do_not_adopt": (
        "Do not adopt",
        "Do not adopt the candidate now: the evidence does not justify the risk or the change.",
    ),
}
WORKLOAD_VERDICTS = {
    "deploy": "Deploy",
    "deploy_with_mitigations": "Deploy with mitigations",
    "scope_limited": "Limited scope (only where latency does not matter)",
    "do_not_deploy": "Do not deploy",
}
GATE_OUTCOMES = {
    "pass": "Pass",
    "fail": "Fail",
    "scope": "Pass for a limited scope",
    "not_evaluated": "Not evaluated",
}
GATE_TITLES = {
    1: "Gate 1, week 4: legal audit",
    2: "Gate 2, week 8: latency testing",
    3: "Gate 3, week 12: total cost of ownership",
}
GATE_RULES = {
    1: "Share of workloads with a blocking compliance finding on every candidate; "
    "the evaluation stops above the threshold.",
    2: "Largest overshoot of the measured P99 latency over the workload's SLA; above the "
    "threshold, stop or limit the scope to workloads where latency does not matter.",
    3: "Savings over the horizon against negotiated incumbent prices; below the threshold "
    "the return does not justify the operational risk.",
}
STATUS_LABELS = {"allowed": "allowed", "warning": "warning", "blocked": "blocked"}

ASSUMPTION_HELP = {
    "hardware_capex_usd": "One GPU cluster (8x A100 80GB with NVLink), bought once",
    "hardware_life_years": "Years before the cluster is replaced",
    "ml_fte_count": "ML engineers needed to run a self-hosted model",
    "ml_fte_cost_usd": "Loaded yearly cost of one ML engineer",
    "infrastructure_usd_per_year": "Power, cooling and network per cluster",
    "cluster_capacity_tokens_per_day": "Input plus output tokens one cluster serves a day",
    "include_hidden_overheads": "Drift monitoring, incidents, optimisation, remediation",
    "include_exit_costs": "Probability-weighted exit scenarios in self-hosted TCO",
    "drift_pct": "Drift monitoring and retraining, share of deployment cost a year",
    "load_balancing_incidents_per_year": "Expert load-balancing incidents a year",
    "load_balancing_incident_hours": "Engineering hours per incident",
    "engineer_hourly_usd": "Cost of one engineering hour",
    "latency_optimisation_usd": "One-off latency optimisation work",
    "compliance_remediation_usd": "Compliance remediation or migration",
    "vendor_concentration_pct": "Contingency for vendor concentration, share of deployment",
    "exit_regulatory_usd": "Scenario A: forced exit after regulatory enforcement",
    "exit_regulatory_probability": "Scenario A: probability over the horizon",
    "exit_latency_infra_multiplier": "Scenario B: infrastructure multiple to meet the SLA",
    "exit_latency_speculative_decoding_usd": "Scenario B: speculative decoding work",
    "exit_latency_probability": "Scenario B: probability over the horizon",
    "exit_vendor_leaves_usd_per_year": "Scenario C: extra ML engineering a year",
    "exit_vendor_leaves_probability": "Scenario C: probability over the horizon",
    "token_volume_multiplier": "Range of actual against declared token volume",
    "price_change_pct": "Range of API price changes over the horizon",
    "sensitivity_swing_pct": "Swing applied to each driver in the sensitivity chart",
    "single_vendor_spend_share_max": "Largest share of spend on one vendor before a warning",
    "exit_budget_usd": "Exit budget to set aside when using a PRC-linked vendor",
}

ANSWER_FIELDS: tuple[tuple[str, str], ...] = (
    ("use_case", "Use case"),
    ("status", "Status"),
    ("customer_facing", "Customer-facing"),
    ("data_categories", "Data categories"),
    ("data_subject_regions", "Where the data subjects live"),
    ("regulations", "Regulations declared"),
    ("contract_prohibits_china_transfer", "Contract prohibits transfer to the PRC"),
    ("contract_data_residency", "Contractual data residency"),
    ("contracts_with_sovereignty_share", "Contracts with sovereignty clauses (%)"),
    ("sensitive_topics", "Touches sensitive topics"),
    ("programming_languages", "Programming languages"),
    ("daily_input_tokens", "Input tokens per active day"),
    ("daily_output_tokens", "Output tokens per active day"),
    ("reasoning_multiplier", "Reasoning multiplier on output"),
    ("cached_input_share", "Share of input from a prompt cache"),
    ("batch_eligible", "Can use a batch API"),
    ("active_days_per_month", "Active days per month"),
    ("avg_context_tokens", "Typical prompt length (tokens)"),
    ("streaming", "Streams tokens to users"),
    ("latency_sensitive", "Latency-sensitive"),
    ("p99_latency_sla_ms", "P99 latency SLA (ms)"),
    ("expected_growth_12m", "Expected usage multiple in 12 months"),
    ("current_offering", "Runs today on"),
    ("current_monthly_spend_usd", "Current monthly spend"),
)
ALWAYS_SHOWN = {"use_case", "data_categories", "daily_input_tokens", "daily_output_tokens"}


@dataclass(frozen=True)
class ReportSource:
    """What a report is built from: one run's stored record, nothing live."""

    run_id: int | str
    client_name: str
    parameters: Mapping[str, Any]
    results: Mapping[str, Any]
    snapshot: Mapping[str, Any] = field(default_factory=dict)
    ruleset_version: str = ""
    catalog_version: str = ""
    created_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True)
class Branding:
    firm_name: str
    logo: str | None = None  # static path
    primary_color: str = "#1f4e79"
    accent_color: str = "#e69f00"


# --- small readers ------------------------------------------------------------------


def _dec(value: Any) -> Decimal:
    return to_decimal(value) or ZERO


def _date_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "—")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _unique(items: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(i for i in items if i))


def _snapshot_offerings(snapshot: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    raw = snapshot.get("offerings") or {}
    if isinstance(raw, Mapping):
        return {str(k): v for k, v in raw.items() if isinstance(v, Mapping)}
    out: dict[str, Mapping[str, Any]] = {}
    for item in _list(raw):
        if isinstance(item, Mapping) and item.get("key"):
            out[str(item["key"])] = item
    return out


def _snapshot_workloads(snapshot: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for item in _list(snapshot.get("workloads")):
        if isinstance(item, Mapping):
            ident = item.get("id", item.get("workload_id", item.get("pk")))
            out[str(ident)] = item
    return out


def _answer_text(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(label(v) for v in value) or "none"
    if name == "current_monthly_spend_usd":
        return usd(value)
    if name == "cached_input_share":
        return percent(value)
    if name in {"daily_input_tokens", "daily_output_tokens", "avg_context_tokens"}:
        return number(value)
    if name in {"use_case", "status"}:
        return label(value)
    return str(value)


def _answers(answers: Mapping[str, Any], implied: Sequence[str]) -> list[dict[str, str]]:
    rows = []
    for name, title in ANSWER_FIELDS:
        value = answers.get(name)
        shown = name in ALWAYS_SHOWN or (
            value not in (None, "", False, [], (), 0, "0", "0.00", "1", "1.00")
            and not (name == "status" and value == "planned")
        )
        if name == "latency_sensitive" and answers.get("p99_latency_sla_ms"):
            shown = True
        if not shown or name not in answers:
            continue
        rows.append({"name": name, "title": title, "value": _answer_text(name, value)})
    if implied:
        rows.append(
            {
                "name": "implied_regulations",
                "title": "Regulations implied by the data",
                "value": ", ".join(label(r) for r in implied),
            }
        )
    return rows


# --- the parts of the report ----------------------------------------------------------


class _Catalog:
    """Names and roles of the offerings the run compared, from its own records."""

    def __init__(self, source: ReportSource) -> None:
        self.snapshot = _snapshot_offerings(source.snapshot)
        params = source.parameters
        results = source.results
        self.candidates = [str(k) for k in _list(params.get("candidate_offerings"))]
        self.baseline = str(params.get("baseline_offering") or "")
        self.names: dict[str, str] = {}
        self.vendors: dict[str, str] = {}
        self.options: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for key, facts in self.snapshot.items():
            self.names[key] = str(facts.get("name") or key)
            self.vendors[key] = str(facts.get("vendor") or "")
        for workload in _list(results.get("workloads")):
            for option in _list(workload.get("options")):
                key = str(option.get("offering"))
                self.options[key].append(option)
                self.names.setdefault(key, str(option.get("offering_name") or key))
                self.vendors.setdefault(key, str(option.get("vendor") or ""))
                if not self.baseline and option.get("role") == "baseline":
                    self.baseline = key
        if not self.candidates:
            self.candidates = _unique(
                str(o.get("offering"))
                for w in _list(results.get("workloads"))
                for o in _list(w.get("options"))
                if o.get("role") == "candidate"
            )

    def name(self, key: str | None) -> str:
        if not key:
            return "none"
        return self.names.get(key, key)

    @property
    def compared(self) -> list[str]:
        return _unique([*self.candidates, self.baseline])


def _option(workload: Mapping[str, Any], key: str | None) -> Mapping[str, Any] | None:
    return next((o for o in _list(workload.get("options")) if o.get("offering") == key), None)


def _cost(option: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return (option or {}).get("cost") or {}


def _series(option: Mapping[str, Any] | None, months: int) -> list[Decimal] | None:
    raw = _cost(option).get("monthly_series")
    if not raw:
        return None
    values = [_dec(v) for v in raw]
    return values if len(values) == months else None


def _gates(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for gate in _list(results.get("gates")):
        number_ = int(gate.get("gate") or 0)
        outcome = str(gate.get("outcome") or "not_evaluated")
        is_money = False
        value = gate.get("value")
        threshold = gate.get("threshold")
        out.append(
            {
                "number": number_,
                "name": gate.get("name") or "",
                "title": GATE_TITLES.get(number_, f"Gate {number_}"),
                "rule": GATE_RULES.get(number_, ""),
                "outcome": outcome,
                "outcome_label": GATE_OUTCOMES.get(outcome, label(outcome)),
                "value": value,
                "threshold": threshold,
                "value_text": "—"
                if value is None
                else (usd(value) if is_money else percent(value, 2)),
                "threshold_text": "—" if threshold is None else percent(threshold, 0),
                "explanation": gate.get("explanation") or "",
            }
        )
    return out


def _matrix(results: Mapping[str, Any], catalog: _Catalog) -> dict[str, Any]:
    columns = [{"key": k, "name": catalog.name(k)} for k in catalog.compared]
    rows = []
    counts: dict[str, Counter[str]] = {k: Counter() for k in catalog.compared}
    for workload in _list(results.get("workloads")):
        cells = []
        for key in catalog.compared:
            option = _option(workload, key)
            if option is None:
                cells.append({"status": "n/a", "rules": []})
                continue
            compliance = option.get("compliance") or {}
            status = str(compliance.get("status") or "allowed")
            counts[key][status] += 1
            rules = _unique(
                f.get("rule")
                for f in _list(compliance.get("findings"))
                if f.get("severity") in ("blocking", "warning")
            )
            cells.append({"status": status, "rules": rules})
        rows.append({"name": workload.get("name") or "", "cells": cells})
    summary = [
        {
            "name": catalog.name(k),
            "allowed": counts[k]["allowed"],
            "warning": counts[k]["warning"],
            "blocked": counts[k]["blocked"],
        }
        for k in catalog.compared
    ]
    return {
        "columns": columns,
        "rows": rows,
        "summary": summary,
        "in_appendix": len(rows) > MATRIX_MAX_ROWS,
    }


def _costs(results: Mapping[str, Any], catalog: _Catalog, months: int) -> dict[str, Any]:
    workloads = _list(results.get("workloads"))
    bars = []
    table = []
    for i, key in enumerate(catalog.compared):
        options = [_option(w, key) for w in workloads]
        costed = [o for o in options if o is not None and _cost(o).get("monthly_usd") is not None]
        monthly = sum((_dec(_cost(o)["monthly_usd"]) for o in costed), ZERO)
        total = sum((_dec(_cost(o).get("tco_usd", {}).get("total")) for o in costed), ZERO)
        missing = len(workloads) - len(costed)
        role = "baseline" if key == catalog.baseline else "candidate"
        note = usd(monthly) + (f" ({missing} not priced)" if missing else "")
        bars.append(charts.Bar(f"{catalog.name(key)} ({role})", monthly, note))
        table.append(
            {
                "name": catalog.name(key),
                "role": role,
                "monthly": usd(monthly),
                "total": usd(total),
                "missing": missing,
                "index": i,
            }
        )
    recommended_monthly = sum(
        (
            _dec(_cost(_option(w, w.get("recommended_offering"))).get("monthly_usd"))
            for w in workloads
        ),
        ZERO,
    )
    bars.append(charts.Bar("Recommended mix", recommended_monthly, usd(recommended_monthly)))

    # Cumulative cost of three portfolio scenarios, summed month by month.
    scenarios: list[tuple[str, list[Decimal]]] = []
    baseline_sum = [ZERO] * months
    mix_sum = [ZERO] * months
    complete = bool(workloads)
    candidate_sums = {k: [ZERO] * months for k in catalog.candidates}
    for w in workloads:
        base = _series(_option(w, catalog.baseline), months)
        rec = _series(_option(w, w.get("recommended_offering")), months)
        if base is None or rec is None:
            complete = False
            continue
        baseline_sum = [a + b for a, b in zip(baseline_sum, base, strict=True)]
        mix_sum = [a + b for a, b in zip(mix_sum, rec, strict=True)]
        for key in catalog.candidates:
            option = _option(w, key)
            allowed = (
                option is not None and (option.get("compliance") or {}).get("status") != "blocked"
            )
            own = _series(option, months) if allowed else None
            chosen = own if own is not None else base
            candidate_sums[key] = [a + b for a, b in zip(candidate_sums[key], chosen, strict=True)]
    scenarios.append((f"{catalog.name(catalog.baseline)} for every workload", baseline_sum))
    for key in catalog.candidates:
        scenarios.append(
            (f"{catalog.name(key)} where allowed, baseline elsewhere", candidate_sums[key])
        )
    scenarios.append(("Recommended mix", mix_sum))
    break_evens = []
    for title, values in scenarios[1:]:
        month = break_even_month(values, baseline_sum) if months else None
        break_evens.append(
            {
                "title": title,
                "month": month,
                "total": usd(cumulative(values)[-1] if values else ZERO),
            }
        )
    mix_break_even = break_evens[-1]["month"] if break_evens else None
    cumulative_svg = None
    # A scenario far above the others would flatten every other line to the axis:
    # it stays in the table and is named under the chart instead.
    totals = {title: sum(values, ZERO) for title, values in scenarios}
    scale = max(totals[scenarios[0][0]], totals[scenarios[-1][0]], Decimal(1)) * 5
    plotted = [(t, v) for t, v in scenarios if totals[t] <= scale]
    omitted = [t for t, _ in scenarios if totals[t] > scale]
    if complete and months:
        cumulative_svg = charts.cumulative_chart(
            [charts.Line(title, cumulative(values)) for title, values in plotted],
            title="Cumulative cost of ownership by scenario",
            break_even_month=mix_break_even,
            break_even_label=f"recommended mix breaks even in month {mix_break_even}"
            if mix_break_even
            else "",
        )
    return {
        "options": table,
        "monthly_svg": charts.bar_chart(
            bars,
            title="Monthly cost per option, all workloads",
            value_label="run-rate per month, USD, all workloads on the option",
        ),
        "cumulative_svg": cumulative_svg,
        "scenario_totals": [
            {"title": title, "total": usd(cumulative(values)[-1] if values else ZERO)}
            for title, values in scenarios
        ],
        "break_evens": break_evens,
        "recommended_monthly": usd(recommended_monthly),
        "omitted": omitted,
    }


def _bands(results: Mapping[str, Any], catalog: _Catalog) -> dict[str, Any]:
    workloads = _list(results.get("workloads"))
    rows = []
    for w in workloads:
        option = _option(w, w.get("recommended_offering"))
        tco = _cost(option).get("tco_usd") or {}
        if tco.get("p10") is None:
            continue
        rows.append((w, option, tco))
    rows.sort(key=lambda r: _dec(r[2].get("p90")), reverse=True)
    shown = rows[:CHART_MAX_ROWS]
    svg = None
    if shown:
        svg = charts.band_chart(
            [
                charts.Band(
                    f"{w.get('name')}: {catalog.name(o.get('offering'))}",
                    _dec(t["p10"]),
                    _dec(t["p50"]),
                    _dec(t["p90"]),
                )
                for w, o, t in shown
            ],
            title="Horizon TCO range of the recommended offering per workload",
            value_label="horizon TCO, USD",
        )
    return {"svg": svg, "shown": len(shown), "total": len(rows)}


def _tornado(results: Mapping[str, Any], catalog: _Catalog) -> dict[str, Any]:
    low: dict[str, Decimal] = defaultdict(lambda: ZERO)
    high: dict[str, Decimal] = defaultdict(lambda: ZERO)
    swing_pct = None
    base_total = ZERO
    for w in _list(results.get("workloads")):
        option = _option(w, w.get("recommended_offering"))
        if option is None:
            continue
        base_total += _dec(_cost(option).get("tco_usd", {}).get("total"))
        for row in _list(option.get("sensitivity")):
            name = str(row.get("label") or row.get("driver"))
            base = _dec(row.get("base_usd"))
            low[name] += _dec(row.get("low_input_usd")) - base
            high[name] += _dec(row.get("high_input_usd")) - base
            swing_pct = swing_pct or row.get("swing_pct")
    swings = [charts.Swing(name, low[name], high[name]) for name in low]
    rows = sorted(
        (
            {
                "label": s.label,
                "low": usd(s.low),
                "high": usd(s.high),
                "spread": abs(s.high - s.low),
            }
            for s in swings
        ),
        key=lambda r: r["spread"],
        reverse=True,
    )
    svg = (
        charts.tornado_chart(
            swings,
            title="Sensitivity of the recommended mix's horizon TCO",
            base_label=f"the recommended mix's TCO of {usd(base_total)}",
        )
        if swings
        else None
    )
    return {
        "svg": svg,
        "rows": rows,
        "swing": percent(swing_pct, 0) if swing_pct is not None else "—",
        "base_total": usd(base_total),
    }


def _regulatory(results: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    exposure = (results.get("portfolio") or {}).get("regulatory_exposure") or {}
    gdpr = exposure.get("gdpr") or {}
    hipaa = exposure.get("hipaa") or {}

    def names_of(ids: Any) -> str:
        return ", ".join(names.get(str(i), str(i)) for i in _list(ids)) or "none"

    return {
        "gdpr": {
            "applies": bool(gdpr.get("applies")),
            "workloads": names_of(gdpr.get("workloads")),
            "max_fine": usd(gdpr.get("max_fine_usd")),
            "floor_eur": f"EUR {number(gdpr.get('floor_eur'))}" if gdpr.get("floor_eur") else "—",
            "eur_usd_rate": gdpr.get("eur_usd_rate") or "—",
            "revenue_based": usd(gdpr.get("revenue_based_usd"))
            if gdpr.get("revenue_based_usd") is not None
            else "not computed (no annual revenue on the profile)",
            "basis": gdpr.get("basis") or "",
        },
        "hipaa": {
            "applies": bool(hipaa.get("applies")),
            "workloads": names_of(hipaa.get("workloads")),
            "per_violation": f"{usd(hipaa.get('per_violation_min_usd'))} to "
            f"{usd(hipaa.get('per_violation_max_usd'))}",
            "annual_cap": usd(hipaa.get("annual_cap_per_violation_type_usd")),
            "basis": hipaa.get("basis") or "",
        },
    }


def _range(assumptions: Mapping[str, Any], name: str, money: bool = True) -> str:
    fmt = usd if money else (lambda v: f"{number(v)}x")
    low, high = assumptions.get(f"{name}_low"), assumptions.get(f"{name}_high")
    if low is None and high is None:
        return "—"
    return f"{fmt(low)} to {fmt(high)}"


def _exits(results: Mapping[str, Any], catalog: _Catalog) -> dict[str, Any]:
    a = results.get("assumptions") or {}
    included: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for w in _list(results.get("workloads")):
        for option in _list(w.get("options")):
            components = _cost(option).get("components") or {}
            for name in ("exit_regulatory", "exit_latency", "exit_vendor_leaves"):
                if name in components:
                    included[name] += _dec(components[name])
    scenarios = [
        {
            "code": "A",
            "title": "Regulatory enforcement forces an exit",
            "cost": _range(a, "exit_regulatory_usd"),
            "probability": percent(a.get("exit_regulatory_probability"), 0),
            "included": usd(included["exit_regulatory"]) if "exit_regulatory" in included else "—",
        },
        {
            "code": "B",
            "title": "Latency misses the SLA",
            "cost": f"{_range(a, 'exit_latency_infra_multiplier', money=False)} infrastructure, "
            f"plus {_range(a, 'exit_latency_speculative_decoding_usd')} for speculative decoding",
            "probability": percent(a.get("exit_latency_probability"), 0),
            "included": usd(included["exit_latency"]) if "exit_latency" in included else "—",
        },
        {
            "code": "C",
            "title": "The vendor leaves the market",
            "cost": f"{usd(a.get('exit_vendor_leaves_usd_per_year'))} a year "
            "of extra ML engineering",
            "probability": percent(a.get("exit_vendor_leaves_probability"), 0),
            "included": usd(included["exit_vendor_leaves"])
            if "exit_vendor_leaves" in included
            else "—",
        },
    ]
    return {
        "scenarios": scenarios,
        "exit_budget": _range(a, "exit_budget_usd"),
        "include_exit_costs": a.get("include_exit_costs"),
    }


def _latency(option: Mapping[str, Any]) -> dict[str, Any]:
    lat = option.get("latency") or {}
    return {
        "risk": lat.get("risk") or "—",
        "p50": lat.get("measured_p50_ms"),
        "p90": lat.get("measured_p90_ms"),
        "p99": lat.get("measured_p99_ms"),
        "samples": lat.get("sample_count") or 0,
        "sla": lat.get("sla_ms"),
        "overshoot": percent(lat.get("overshoot")) if lat.get("overshoot") is not None else None,
        "reasons": _list(lat.get("reasons")),
    }


def _latency_notes(workload: Mapping[str, Any], catalog: _Catalog) -> list[str]:
    """Why the latency risk is what it is, for the candidates (the baseline's is rarely asked)."""
    by_reasons: dict[str, list[str]] = defaultdict(list)
    for option in _list(workload.get("options")):
        if option.get("role") == "baseline":
            continue
        reasons = "; ".join(map(str, _list((option.get("latency") or {}).get("reasons"))))
        if reasons:
            by_reasons[reasons].append(catalog.name(option.get("offering")))
    return [f"{' and '.join(names)}: {reasons}." for reasons, names in by_reasons.items()]


def _workload_pages(
    results: Mapping[str, Any], catalog: _Catalog, answers_by_id: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    pages = []
    for index, w in enumerate(_list(results.get("workloads")), start=1):
        answers = answers_by_id.get(str(w.get("workload_id")), {})
        options = []
        findings = []
        for option in _list(w.get("options")):
            key = str(option.get("offering"))
            cost = _cost(option)
            tco = cost.get("tco_usd") or {}
            compliance = option.get("compliance") or {}
            options.append(
                {
                    "name": catalog.name(key),
                    "role": option.get("role") or "",
                    "recommended": key == w.get("recommended_offering"),
                    "status": compliance.get("status") or "—",
                    "monthly": usd(cost.get("monthly_usd")),
                    "total": usd(tco.get("total")),
                    "p10": usd(tco.get("p10")),
                    "p90": usd(tco.get("p90")),
                    "break_even": cost.get("break_even_month"),
                    "latency": _latency(option),
                }
            )
            for finding in _list(compliance.get("findings")):
                findings.append(
                    {
                        "offering": catalog.name(key),
                        "rule": finding.get("rule") or "",
                        "severity": finding.get("severity") or "",
                        "message": finding.get("message") or "",
                        "source": finding.get("source") or "",
                    }
                )
        revert = []
        if answers.get("revert_max_downtime_pct") is not None:
            revert.append(f"downtime above {answers['revert_max_downtime_pct']}%")
        if answers.get("revert_max_p99_ms") is not None:
            revert.append(f"P99 latency above {number(answers['revert_max_p99_ms'])} ms")
        mitigations = [m for m in _list(w.get("mitigations")) if isinstance(m, Mapping)]
        verdict = str(w.get("verdict") or "")
        pages.append(
            {
                "anchor": f"workload-{index}",
                "index": index,
                "name": w.get("name") or f"Workload {index}",
                "description": answers.get("description") or "",
                "verdict": verdict,
                "verdict_label": WORKLOAD_VERDICTS.get(verdict, label(verdict)),
                "recommended": catalog.name(w.get("recommended_offering")),
                "best_candidate": catalog.name(w.get("best_candidate"))
                if w.get("best_candidate")
                else None,
                "reasons": [label(r) for r in _list(w.get("reasons"))],
                "answers": (rows := _answers(answers, _list(w.get("implied_regulations")))),
                "answer_rows": [rows[i : i + 2] for i in range(0, len(rows), 2)],
                "options": options,
                "findings": findings,
                "mitigations": [m.get("text") or "" for m in mitigations],
                "revert_triggers": revert,
                "latency_measured": any(o["latency"]["samples"] for o in options),
                "latency_notes": _latency_notes(w, catalog),
            }
        )
    return pages


def _assumption_rows(assumptions: Mapping[str, Any]) -> list[dict[str, str]]:
    rows = []
    seen: set[str] = set()
    for name, value in assumptions.items():
        stem = name.removesuffix("_low").removesuffix("_high")
        if stem != name:
            if stem in seen:
                continue
            seen.add(stem)
            low, high = assumptions.get(f"{stem}_low"), assumptions.get(f"{stem}_high")
            rows.append(
                {"name": stem, "value": f"{low} to {high}", "help": ASSUMPTION_HELP.get(stem, "")}
            )
            continue
        shown = "yes" if value is True else "no" if value is False else str(value)
        rows.append({"name": name, "value": shown, "help": ASSUMPTION_HELP.get(name, "")})
    return rows


def _formulas(results: Mapping[str, Any]) -> list[dict[str, str]]:
    seen: dict[str, str] = {}
    for w in _list(results.get("workloads")):
        for option in _list(w.get("options")):
            explanation = _cost(option).get("explanation") or {}
            key = explanation.get("formula")
            if key and key not in seen:
                seen[key] = str(explanation.get("description") or "")
    savings = ((results.get("portfolio") or {}).get("annual_savings_usd") or {}).get("basis")
    rows = [{"name": k, "text": v} for k, v in seen.items()]
    if savings:
        rows.append({"name": "annual_savings", "text": str(savings)})
    rows.append(
        {
            "name": "break_even",
            "text": "first month from which an option's cumulative cost stays below the "
            "baseline's until the end of the horizon",
        }
    )
    return rows


def _prices(catalog: _Catalog) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(set(catalog.options) | set(catalog.snapshot)):
        facts = catalog.snapshot.get(key) or {}
        rates: Mapping[str, Any] = {}
        explanation: Mapping[str, Any] = {}
        for option in catalog.options.get(key, []):
            explanation = (_cost(option).get("explanation") or {}).get("inputs") or {}
            rates = explanation.get("rates_usd_per_mtok") or {}
            if rates:
                break
        mode = facts.get("deployment_mode") or next(
            (o.get("deployment_mode") for o in catalog.options.get(key, [])), ""
        )

        def price(
            name: str, _facts: Mapping[str, Any] = facts, _rates: Mapping[str, Any] = rates
        ) -> str:
            value = _facts.get(name, _rates.get(name))
            return "—" if value is None else f"${value}"

        rows.append(
            {
                "key": key,
                "name": catalog.name(key),
                "vendor": catalog.vendors.get(key, ""),
                "mode": "self-hosted" if mode == "self_hosted" else "API",
                "input": price("input_per_mtok"),
                "output": price("output_per_mtok"),
                "cached": price("cached_input_per_mtok"),
                "batch_input": price("batch_input_per_mtok"),
                "batch_output": price("batch_output_per_mtok"),
                "effective_from": facts.get("price_effective_from")
                or explanation.get("price_effective_from")
                or "—",
                "source": facts.get("price_source") or explanation.get("price_source") or "",
            }
        )
    return rows


def _sources(results: Mapping[str, Any], catalog: _Catalog) -> list[str]:
    items: list[str] = []
    for w in _list(results.get("workloads")):
        for option in _list(w.get("options")):
            for finding in _list((option.get("compliance") or {}).get("findings")):
                items.append(str(finding.get("source") or ""))
            inputs = (_cost(option).get("explanation") or {}).get("inputs") or {}
            items.append(str(inputs.get("price_source") or ""))
    for facts in catalog.snapshot.values():
        items.append(str(facts.get("price_source") or ""))
        items.extend(str(s) for s in _list(facts.get("sources")))
        for restriction in _list(facts.get("restrictions")):
            if isinstance(restriction, Mapping):
                items.append(str(restriction.get("source") or ""))
    portfolio = results.get("portfolio") or {}
    for finding in _list(portfolio.get("findings")):
        items.append(str(finding.get("source") or ""))
    exposure = portfolio.get("regulatory_exposure") or {}
    for part in exposure.values():
        if isinstance(part, Mapping):
            items.append(str(part.get("basis") or ""))
    items.append(
        "Decision framework and cost defaults: DeepSeek V4 deployment verdict "
        "(analyst article, January 2026)"
    )
    return _unique(items)


def _top_risks(
    results: Mapping[str, Any], catalog: _Catalog, regulatory: Mapping[str, Any]
) -> list[str]:
    risks: list[str] = []
    blocked: Counter[str] = Counter()
    high_latency = 0
    for w in _list(results.get("workloads")):
        rules = set()
        for key in catalog.candidates:
            option = _option(w, key)
            if option is None:
                continue
            for finding in _list((option.get("compliance") or {}).get("findings")):
                if finding.get("severity") == "blocking":
                    rules.add(str(finding.get("rule")))
            if (option.get("latency") or {}).get("risk") == "high":
                high_latency += 1
        blocked.update(rules)
    for rule, count in blocked.most_common(3):
        noun = "workload" if count == 1 else "workloads"
        risks.append(f"Rule {rule} blocks a candidate for {count} {noun}.")
    for finding in _list((results.get("portfolio") or {}).get("findings")):
        risks.append(str(finding.get("message") or ""))
    if regulatory["gdpr"]["applies"]:
        risks.append(
            f"GDPR exposure: fines up to {regulatory['gdpr']['max_fine']} for "
            f"{regulatory['gdpr']['workloads']}."
        )
    if regulatory["hipaa"]["applies"]:
        risks.append(
            f"HIPAA exposure: {regulatory['hipaa']['per_violation']} per violation, up to "
            f"{regulatory['hipaa']['annual_cap']} a year per violation type."
        )
    if high_latency:
        risks.append(f"{high_latency} candidate option(s) carry a high latency risk.")
    return _unique(risks)[:6]


def build_report_context(source: ReportSource, *, branding: Branding) -> dict[str, Any]:
    """The report's content, from the run's stored record alone."""
    results = source.results or {}
    params = source.parameters or {}
    method = results.get("method") or {}
    portfolio = results.get("portfolio") or {}
    catalog = _Catalog(source)
    answers_by_id = _snapshot_workloads(source.snapshot)
    horizon = int(params.get("horizon_years") or method.get("horizon_years") or 3)
    months = horizon * 12
    workloads = _list(results.get("workloads"))
    names = {str(w.get("workload_id")): str(w.get("name") or "") for w in workloads}
    verdict = str(portfolio.get("verdict") or "")
    verdict_title, verdict_text = PORTFOLIO_VERDICTS.get(verdict, (label(verdict), ""))
    viable = [w for w in workloads if w.get("verdict") and w.get("verdict") != "do_not_deploy"]
    savings = portfolio.get("annual_savings_usd") or {}
    regulatory = _regulatory(results, names)
    gates = _gates(results)
    matrix = _matrix(results, catalog)
    prices_as_of = params.get("prices_as_of") or method.get("prices_as_of")
    return {
        "firm": branding,
        "client_name": source.client_name,
        "run_id": source.run_id,
        "report_date": _date_text(source.finished_at or source.created_at),
        "run_started": _date_text(source.created_at),
        "prices_as_of": _date_text(prices_as_of),
        "ruleset_version": source.ruleset_version or results.get("ruleset_version") or "—",
        "catalog_version": source.catalog_version or "—",
        "candidates": [catalog.name(k) for k in catalog.candidates],
        "baseline": catalog.name(catalog.baseline),
        "horizon_years": horizon,
        "summary": {
            "verdict": verdict,
            "verdict_title": verdict_title,
            "verdict_text": verdict_text,
            "workload_count": portfolio.get("workload_count", len(workloads)),
            "viable_count": portfolio.get("candidate_viable_count", len(viable)),
            "viable_share": percent(portfolio.get("candidate_viable_share"), 0),
            "viable_share_tokens": percent(portfolio.get("candidate_viable_share_by_tokens"), 0),
            "viable_share_spend": percent(portfolio.get("candidate_viable_share_by_spend"), 0),
            "viable": [
                {
                    "name": w.get("name"),
                    "verdict": WORKLOAD_VERDICTS.get(str(w.get("verdict")), ""),
                    "offering": catalog.name(
                        w.get("best_candidate") or w.get("recommended_offering")
                    ),
                }
                for w in viable
            ],
            "savings_expected": usd(savings.get("expected", savings.get("p50"))),
            "savings_p10": usd(savings.get("p10")),
            "savings_p50": usd(savings.get("p50")),
            "savings_p90": usd(savings.get("p90")),
            "savings_negative": _dec(savings.get("p50")) < 0,
            "baseline_tco": usd(portfolio.get("baseline_tco_usd")),
            "risks": _top_risks(results, catalog, regulatory),
        },
        "savings_band_svg": charts.band_chart(
            [
                charts.Band(
                    "Annual savings, recommended mix",
                    _dec(savings.get("p10")),
                    _dec(savings.get("p50")),
                    _dec(savings.get("p90")),
                )
            ],
            title="Annual savings range",
            value_label="USD a year",
        )
        if savings.get("p10") is not None
        else None,
        "gates": gates,
        "matrix": matrix,
        "costs": _costs(results, catalog, months),
        "bands": _bands(results, catalog),
        "tornado": _tornado(results, catalog),
        "regulatory": regulatory,
        "exits": _exits(results, catalog),
        "workloads": _workload_pages(results, catalog, answers_by_id),
        "method": {
            "calendar": method.get("calendar") or params.get("calendar") or "—",
            "accounting": method.get("accounting") or params.get("accounting") or "—",
            "calendar_basis": next(
                (
                    _cost(o).get("calendar_basis")
                    for w in workloads
                    for o in _list(w.get("options"))
                    if _cost(o).get("calendar_basis")
                ),
                "—",
            ),
            "growth_curve": method.get("growth_curve") or "—",
            "simulations": number(method.get("simulations", params.get("simulations"))),
            "seed": method.get("seed", params.get("seed", "—")),
            "ranges": method.get("ranges") or "—",
            "percentile_method": method.get("percentile_method") or "—",
            "risk_adjusted": method.get("risk_adjusted_tco") or "—",
            "rounding": method.get("rounding") or "—",
            "eur_usd_rate": method.get("eur_usd_rate") or "—",
            "formulas": _formulas(results),
            "assumptions": _assumption_rows(results.get("assumptions") or {}),
            "gate_thresholds": [
                {"title": g["title"], "threshold": g["threshold_text"], "rule": g["rule"]}
                for g in gates
            ],
        },
        "sources": _sources(results, catalog),
        "prices": _prices(catalog),
    }
