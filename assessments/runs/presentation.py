"""Stored results -> what the run pages show: labels, reasons in words, charts."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from assessments.runs import charts

VERDICT_LABELS = {
    "deploy": "Deploy",
    "deploy_with_mitigations": "Deploy with mitigations",
    "scope_limited": "Limited scope (only where latency does not matter)",
    "do_not_deploy": "Do not deploy",
}
PORTFOLIO_LABELS = {
    "adopt": "Adopt",
    "adopt_for_subset": "Adopt for a subset of workloads",
    "do_not_adopt": "Do not adopt",
}
GATE_LABELS = {
    "pass": "Pass",
    "fail": "Fail",
    "scope": "Scope down",
    "not_evaluated": "Not evaluated",
}
GATE_NAMES = {
    "legal": "Legal audit (week 4)",
    "latency": "Latency test (week 8)",
    "tco": "TCO (week 12)",
}
REASON_TEXT = {
    "cost-not-below-baseline": "No allowed candidate beats the baseline on cost over the horizon.",
    "latency-sla": "The best allowed candidate does not meet the workload's P99 latency SLA.",
    "no-candidate": "Every candidate is blocked for this workload.",
    "latency-risk-high": "Latency risk of the best candidate is high.",
    "latency-risk-medium": "Latency risk of the best candidate is medium.",
}


def share_percent(value: Any) -> str:
    try:
        return f"{Decimal(str(value)) * 100:.0f}%"
    except (InvalidOperation, ValueError, TypeError):
        return "n/a"


def reason_texts(row: Mapping[str, Any]) -> list[str]:
    """The workload's reason codes in words; rule ids use the finding's own message."""
    messages: dict[str, str] = {}
    for option in row.get("options", []):
        for finding in (option.get("compliance") or {}).get("findings", []):
            messages.setdefault(str(finding.get("rule")), str(finding.get("message")))
    return [REASON_TEXT.get(code) or messages.get(code) or code for code in row.get("reasons", [])]


def option_rows(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for option in row.get("options", []):
        cost = option.get("cost") or {}
        out.append(
            {
                **option,
                "tco": cost.get("tco_usd") or {},
                "status": (option.get("compliance") or {}).get("status"),
                "findings": (option.get("compliance") or {}).get("findings", []),
            }
        )
    return out


def best_candidate_sensitivity(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    key = row.get("best_candidate")
    for option in row.get("options", []):
        if option.get("offering") == key:
            return list(option.get("sensitivity") or [])
    return []


def workload_view(row: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    name = str(row.get("name"))
    return {
        **row,
        "verdict_label": VERDICT_LABELS.get(str(row.get("verdict")), row.get("verdict")),
        "recommended_name": names.get(
            str(row.get("recommended_offering")), row.get("recommended_offering")
        ),
        "best_name": names.get(str(row.get("best_candidate")), row.get("best_candidate")),
        "reason_texts": reason_texts(row),
        "option_rows": option_rows(row),
        "cost_chart": charts.cost_chart(
            row.get("options", []), title=f"Horizon TCO per option: {name}"
        ),
        "tornado": charts.tornado_chart(
            best_candidate_sensitivity(row), title=f"Sensitivity of the best candidate: {name}"
        ),
    }


def results_view(
    results: Mapping[str, Any], names: Mapping[str, str], *, inline_limit: int = 20
) -> dict[str, Any]:
    portfolio = dict(results.get("portfolio") or {})
    portfolio["verdict_label"] = PORTFOLIO_LABELS.get(
        str(portfolio.get("verdict")), portfolio.get("verdict")
    )
    portfolio["viable_percent"] = share_percent(portfolio.get("candidate_viable_share"))
    gates = [
        {
            **g,
            "label": GATE_LABELS.get(str(g.get("outcome")), g.get("outcome")),
            "title": GATE_NAMES.get(str(g.get("name")), g.get("name")),
        }
        for g in results.get("gates", [])
    ]
    rows = results.get("workloads", [])
    table = [
        {
            **r,
            "verdict_label": VERDICT_LABELS.get(str(r.get("verdict")), r.get("verdict")),
            "recommended_name": names.get(
                str(r.get("recommended_offering")), r.get("recommended_offering")
            ),
            "reason_texts": reason_texts(r),
        }
        for r in rows
    ]
    inline = [workload_view(r, names) for r in rows[:inline_limit]]
    tornado = charts.tornado_chart(
        charts.aggregate_sensitivity([best_candidate_sensitivity(r) for r in rows]),
        title="Sensitivity of the candidates' total cost (best candidate of every workload)",
    )
    return {
        "portfolio": portfolio,
        "gates": gates,
        "table": table,
        "inline": inline,
        "more_workloads": max(0, len(rows) - inline_limit),
        "tornado": tornado,
        "method": results.get("method") or {},
    }
