"""Tollgate's pure assessment engine (no Django import).

Entry point: :func:`assess`. Inputs are the frozen dataclasses of
:mod:`assessments.engine.inputs`; the result is a JSON-serialisable dict in
the shape of API.md "A finished run" ``results``.
"""

from assessments.engine.inputs import (
    OfferingFacts,
    OrganizationProfile,
    RunParameters,
    WorkloadInput,
)
from assessments.engine.latency import PERCENTILE_METHOD, percentile, percentiles
from assessments.engine.portfolio import PORTFOLIO_VERDICTS
from assessments.engine.rules import RULESET_VERSION, implied_regulations, load_ruleset
from assessments.engine.run import assess
from assessments.engine.validation import validate_parameters, validate_workloads
from assessments.engine.verdicts import VERDICTS
from costing.errors import EngineInputError

__all__ = [
    "PERCENTILE_METHOD",
    "PORTFOLIO_VERDICTS",
    "RULESET_VERSION",
    "VERDICTS",
    "EngineInputError",
    "OfferingFacts",
    "OrganizationProfile",
    "RunParameters",
    "WorkloadInput",
    "assess",
    "implied_regulations",
    "load_ruleset",
    "percentile",
    "percentiles",
    "validate_parameters",
    "validate_workloads",
]
