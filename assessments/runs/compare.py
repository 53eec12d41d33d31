"""Compare two runs: which verdicts and figures changed, and why.

The "why" comes from the two inputs snapshots alone: changed prices and catalog
facts, a different ruleset version, changed questionnaire answers or profile,
and changed run parameters or assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from assessments.models.runs import AssessmentRun

PRICE_FIELDS = (
    "input_per_mtok",
    "output_per_mtok",
    "cached_input_per_mtok",
    "batch_input_per_mtok",
    "batch_output_per_mtok",
    "currency",
    "price_effective_from",
)
IGNORED_ANSWER_KEYS = {"id", "is_complete", "missing_fields"}
IGNORED_FACT_KEYS = {"sources", "price_source", *PRICE_FIELDS}


def _dec(value: Any) -> Decimal | None:
    try:
        return None if value in (None, "") else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _changed_keys(a: Mapping[str, Any], b: Mapping[str, Any], ignore: set[str]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if k not in ignore and a.get(k) != b.get(k))


def _changes(a: Mapping[str, Any], b: Mapping[str, Any], keys: list[str]) -> list[dict]:
    return [{"field": k, "before": a.get(k), "after": b.get(k)} for k in keys]


def price_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[dict]]:
    """Offering key -> the price fields that differ between two snapshots."""
    out: dict[str, list[dict]] = {}
    for key in sorted(set(before) & set(after)):
        keys = [f for f in PRICE_FIELDS if before[key].get(f) != after[key].get(f)]
        if keys:
            out[key] = _changes(before[key], after[key], keys)
    return out


def fact_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for key in sorted(set(before) & set(after)):
        keys = _changed_keys(before[key], after[key], IGNORED_FACT_KEYS)
        if keys:
            out[key] = _changes(before[key], after[key], keys)
    return out


def _by_id(rows: list[Mapping[str, Any]], key: str) -> dict[str, Mapping[str, Any]]:
    return {str(r.get(key)): r for r in rows}


def _option_totals(row: Mapping[str, Any]) -> dict[str, Decimal | None]:
    return {
        str(o.get("offering")): _dec(((o.get("cost") or {}).get("tco_usd") or {}).get("total"))
        for o in row.get("options", [])
    }


def compare_runs(a: AssessmentRun, b: AssessmentRun) -> dict[str, Any]:
    """What changed from run ``a`` (earlier) to run ``b`` (later), with causes."""
    sa, sb = a.inputs_snapshot or {}, b.inputs_snapshot or {}
    ra, rb = a.results or {}, b.results or {}
    params = _changed_keys(a.parameters, b.parameters, {"assumptions"})
    assumptions = _changed_keys(sa.get("assumptions", {}), sb.get("assumptions", {}), set())
    prices = price_changes(sa.get("offerings", {}), sb.get("offerings", {}))
    facts = fact_changes(sa.get("offerings", {}), sb.get("offerings", {}))
    profile = _changed_keys(sa.get("organization", {}), sb.get("organization", {}), {"id"})
    rules_changed = (ra.get("ruleset_version") or a.ruleset_version) != (
        rb.get("ruleset_version") or b.ruleset_version
    )

    wa, wb = _by_id(sa.get("workloads", []), "id"), _by_id(sb.get("workloads", []), "id")
    answers = {
        wid: _changes(wa[wid], wb[wid], _changed_keys(wa[wid], wb[wid], IGNORED_ANSWER_KEYS))
        for wid in sorted(set(wa) & set(wb))
        if _changed_keys(wa[wid], wb[wid], IGNORED_ANSWER_KEYS)
    }
    res_a = _by_id(ra.get("workloads", []), "workload_id")
    res_b = _by_id(rb.get("workloads", []), "workload_id")
    global_causes = []
    if rules_changed:
        global_causes.append(
            f"compliance rules changed (ruleset {a.ruleset_version} -> {b.ruleset_version})"
        )
    if params:
        global_causes.append("run parameters changed: " + ", ".join(params))
    if assumptions:
        global_causes.append("assumptions changed: " + ", ".join(assumptions))
    if profile:
        global_causes.append("organization profile changed: " + ", ".join(profile))

    workloads = []
    for wid in sorted(set(res_a) | set(res_b), key=lambda k: (len(k), k)):
        before, after = res_a.get(wid), res_b.get(wid)
        if before is None or after is None:
            row = after or before or {}
            workloads.append(
                {
                    "workload_id": wid,
                    "name": row.get("name"),
                    "change": "added" if before is None else "removed",
                    "verdict_before": before and before.get("verdict"),
                    "verdict_after": after and after.get("verdict"),
                    "figures": [],
                    "causes": ["workload added" if before is None else "workload removed"],
                }
            )
            continue
        totals_a, totals_b = _option_totals(before), _option_totals(after)
        figures = [
            {"offering": key, "before": totals_a.get(key), "after": totals_b.get(key)}
            for key in sorted(set(totals_a) | set(totals_b))
            if totals_a.get(key) != totals_b.get(key)
        ]
        causes = []
        if wid in answers:
            causes.append("answers changed: " + ", ".join(c["field"] for c in answers[wid]))
        offered = set(totals_a) | set(totals_b)
        priced = sorted(k for k in prices if k in offered)
        if priced:
            causes.append("prices changed: " + ", ".join(priced))
        fact_keys = sorted(k for k in facts if k in offered)
        if fact_keys:
            causes.append("catalog facts changed: " + ", ".join(fact_keys))
        verdict_changed = before.get("verdict") != after.get("verdict")
        recommended_changed = before.get("recommended_offering") != after.get(
            "recommended_offering"
        )
        if not (verdict_changed or recommended_changed or figures):
            continue
        workloads.append(
            {
                "workload_id": wid,
                "name": after.get("name"),
                "change": "changed",
                "verdict_before": before.get("verdict"),
                "verdict_after": after.get("verdict"),
                "recommended_before": before.get("recommended_offering"),
                "recommended_after": after.get("recommended_offering"),
                "figures": figures,
                "causes": causes + global_causes or ["no input difference found"],
            }
        )

    pa, pb = ra.get("portfolio", {}), rb.get("portfolio", {})
    gates = [
        {"gate": ga.get("gate"), "name": ga.get("name"), "before": ga, "after": gb}
        for ga, gb in zip(ra.get("gates", []), rb.get("gates", []), strict=False)
        if (ga.get("outcome"), ga.get("value")) != (gb.get("outcome"), gb.get("value"))
    ]
    return {
        "portfolio": {
            "verdict": (pa.get("verdict"), pb.get("verdict")),
            "candidate_viable_share": (
                pa.get("candidate_viable_share"),
                pb.get("candidate_viable_share"),
            ),
            "annual_savings_p50": (
                (pa.get("annual_savings_usd") or {}).get("p50"),
                (pb.get("annual_savings_usd") or {}).get("p50"),
            ),
        },
        "gates": gates,
        "workloads": workloads,
        "causes": {
            "rules": {
                "changed": rules_changed,
                "before": a.ruleset_version,
                "after": b.ruleset_version,
            },
            "catalog": {"before": a.catalog_version, "after": b.catalog_version},
            "prices": prices,
            "facts": facts,
            "answers": answers,
            "workloads_added": sorted(set(wb) - set(wa)),
            "workloads_removed": sorted(set(wa) - set(wb)),
            "parameters": _changes(a.parameters, b.parameters, params),
            "assumptions": _changes(
                sa.get("assumptions", {}), sb.get("assumptions", {}), assumptions
            ),
            "profile": _changes(sa.get("organization", {}), sb.get("organization", {}), profile),
        },
    }
