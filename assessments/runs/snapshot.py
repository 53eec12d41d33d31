"""The inputs snapshot of a run, and the adapter from it to the pure engine.

A run's snapshot is plain JSON (decimals as strings, dates ISO 8601): the
organization profile, every workload's answers with its latency evidence, the
catalog facts and prices of every offering the run looks at (as of the run's
``prices_as_of``), and the fully resolved assumptions. The worker builds the
engine's frozen dataclasses from the snapshot alone, so later changes to the
catalog, the answers or the assumption defaults never reach a started run.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType, NoneType, UnionType
from typing import Any

from django.utils import timezone

from assessments.engine import OfferingFacts, OrganizationProfile, RunParameters, WorkloadInput
from portal.models import Organization

SNAPSHOT_FORMAT = 1


def jsonable(value: Any) -> Any:
    """``value`` with decimals, dates, tuples and mappings made plain JSON."""
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        return str(Decimal(str(value)))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


def organization_profile(organization: Organization) -> dict[str, Any]:
    """The organization's profile (QUESTIONNAIRE.md) as snapshot JSON."""
    return jsonable(
        {
            "id": organization.pk,
            "name": organization.name,
            "slug": organization.slug,
            "sector": organization.sector,
            "headcount": organization.headcount,
            "annual_revenue_usd": organization.annual_revenue_usd,
            "headquarters_region": organization.headquarters_region,
            "regulated_entity": organization.regulated_entity,
            "certifications_held": list(organization.certifications_held or []),
            "national_security_funding": organization.national_security_funding,
            "negotiated_discounts": list(organization.negotiated_discounts or []),
        }
    )


def build_snapshot(
    *,
    organization: Organization,
    workloads: list[dict[str, Any]],
    offerings: Mapping[str, Mapping[str, Any]],
    assumptions: Mapping[str, Any],
    catalog_version: str,
    ruleset_version: str,
) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "taken_at": timezone.now().isoformat(),
        "organization": organization_profile(organization),
        "workloads": jsonable(workloads),
        "offerings": jsonable(offerings),
        "assumptions": jsonable(assumptions),
        "catalog_version": catalog_version,
        "ruleset_version": ruleset_version,
    }


# --- snapshot JSON -> engine dataclasses ------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, UnionType):
        args = [a for a in typing.get_args(tp) if a is not NoneType]
        if value is None:
            return None
        return _convert(args[0], value)
    if tp is Any:
        return value
    if tp is Decimal:
        return Decimal(str(value))
    if tp is bool:
        return bool(value)
    if tp is int:
        return int(value)
    if tp is str:
        return str(value)
    if tp is date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if origin is tuple:
        args = typing.get_args(tp)
        item = args[0] if args else Any
        return tuple(_convert(item, v) for v in (value or ()))
    if origin in (Mapping, dict) or tp in (Mapping, dict):
        args = typing.get_args(tp)
        key_t, val_t = args if args else (Any, Any)
        return MappingProxyType(
            {_convert(key_t, k): _convert(val_t, v) for k, v in (value or {}).items()}
        )
    return value


def dataclass_from_json(cls: type, data: Mapping[str, Any]) -> Any:
    """An instance of the frozen dataclass ``cls`` from snapshot JSON.

    Keys the dataclass does not declare (``is_complete`` and the like) are ignored;
    missing optional keys take the dataclass default.
    """
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def organization_input(profile: Mapping[str, Any]) -> OrganizationProfile:
    discounts = {
        str(d["vendor"]): Decimal(str(d["percent"]))
        for d in profile.get("negotiated_discounts") or []
        if isinstance(d, Mapping) and d.get("vendor")
    }
    data = {k: v for k, v in profile.items() if k != "negotiated_discounts"}
    if data.get("headcount") is None:
        data.pop("headcount", None)
    data["negotiated_discounts"] = discounts
    return dataclass_from_json(OrganizationProfile, data)  # type: ignore[no-any-return]


def workload_input(answers: Mapping[str, Any]) -> WorkloadInput:
    data = dict(answers)
    # Optional answers left blank keep the engine's documented defaults.
    for name in (
        "reasoning_multiplier",
        "cached_input_share",
        "expected_growth_12m",
        "revert_max_downtime_pct",
        "revert_max_p99_ms",
        "contracts_with_sovereignty_share",
        "avg_context_tokens",
        "description",
    ):
        if data.get(name) in (None, ""):
            data.pop(name, None)
    data["latency_samples"] = {
        key: [round(float(ms)) for ms in samples]
        for key, samples in (answers.get("latency_samples") or {}).items()
    }
    return dataclass_from_json(WorkloadInput, data)  # type: ignore[no-any-return]


def offering_input(facts: Mapping[str, Any]) -> OfferingFacts:
    return dataclass_from_json(OfferingFacts, facts)  # type: ignore[no-any-return]


def run_parameters(parameters: Mapping[str, Any], assumptions: Mapping[str, Any]) -> RunParameters:
    """The engine's parameters: the run's choices plus the snapshot's resolved assumptions."""
    return RunParameters(
        candidate_offerings=tuple(parameters["candidate_offerings"]),
        baseline_offering=str(parameters["baseline_offering"]),
        prices_as_of=date.fromisoformat(str(parameters["prices_as_of"])),
        horizon_years=int(parameters["horizon_years"]),
        calendar=str(parameters["calendar"]),
        accounting=str(parameters["accounting"]),
        assumptions=dict(assumptions),
        simulations=int(parameters["simulations"]),
        seed=int(parameters["seed"]),
    )


@dataclasses.dataclass(frozen=True)
class EngineInputs:
    organization: OrganizationProfile
    workloads: list[WorkloadInput]
    offerings: dict[str, OfferingFacts]
    parameters: RunParameters

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "organization": self.organization,
            "workloads": self.workloads,
            "offerings": self.offerings,
            "parameters": self.parameters,
        }


def engine_inputs(parameters: Mapping[str, Any], snapshot: Mapping[str, Any]) -> EngineInputs:
    """Everything :func:`assessments.engine.assess` needs, from a run's stored JSON only."""
    return EngineInputs(
        organization=organization_input(snapshot["organization"]),
        workloads=[workload_input(w) for w in snapshot["workloads"]],
        offerings={k: offering_input(v) for k, v in snapshot["offerings"].items()},
        parameters=run_parameters(parameters, snapshot.get("assumptions") or {}),
    )
