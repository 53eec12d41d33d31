"""Report fixtures: real engine results on the in-memory test catalog, no database."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from assessments.engine import assess
from assessments.reports.context import Branding, ReportSource, build_report_context
from assessments.reports.render import render_report_html, render_report_pdf
from assessments.runs.snapshot import jsonable
from tests.assessments.engine.catalog import (
    BANK_WORKLOAD,
    OFFERINGS,
    RESEARCH_WORKLOAD,
    SAAS,
    SAAS_WORKLOAD,
    STARTUP_WORKLOAD,
    params,
)

CLIENT = "Northwind Outfitters"
BRANDING = Branding(firm_name="Harbour & Lane Advisory")
TEMPLATES = (STARTUP_WORKLOAD, SAAS_WORKLOAD, BANK_WORKLOAD, RESEARCH_WORKLOAD)
CANDIDATES = ("deepseek/deepseek-v3", "self-hosted/deepseek-v3")


def workloads(count: int) -> list[Any]:
    out = []
    for i in range(count):
        base = TEMPLATES[i % len(TEMPLATES)]
        name = base.name if count <= len(TEMPLATES) else f"{base.name} {i + 1}"
        out.append(dataclasses.replace(base, id=i + 1, name=name))
    return out


def plain(value: Any) -> Any:
    return json.loads(json.dumps(jsonable(value)))


def fields_of(item: Any) -> dict:
    return plain({f.name: getattr(item, f.name) for f in dataclasses.fields(item)})


def engine_source(
    count: int = 4, *, client: str = CLIENT, simulations: int = 300, rename: dict | None = None
) -> ReportSource:
    """A report source the way a run stores it: parameters, snapshot, engine results."""
    items = workloads(count)
    if rename:
        items = [dataclasses.replace(w, **rename.get(w.id, {})) for w in items]
    p = params(candidate_offerings=CANDIDATES, simulations=simulations, seed=5)
    organization = dataclasses.replace(SAAS, name=client)
    results = plain(
        assess(organization=organization, workloads=items, offerings=OFFERINGS, parameters=p)
    )
    snapshot = {
        "organization": fields_of(organization),
        "workloads": [fields_of(w) for w in items],
        "offerings": {k: fields_of(v) for k, v in OFFERINGS.items()},
    }
    parameters = {
        "candidate_offerings": list(p.candidate_offerings),
        "baseline_offering": p.baseline_offering,
        "horizon_years": p.horizon_years,
        "calendar": p.calendar,
        "accounting": p.accounting,
        "prices_as_of": p.prices_as_of.isoformat(),
        "simulations": p.simulations,
        "seed": p.seed,
    }
    return ReportSource(
        run_id=4711,
        client_name=client,
        parameters=parameters,
        results=results,
        snapshot=snapshot,
        ruleset_version=results["ruleset_version"],
        catalog_version="catalog-2026-01-23",
        created_at=datetime(2026, 2, 2, 9, 0, tzinfo=UTC),
        finished_at=datetime(2026, 2, 2, 9, 1, tzinfo=UTC),
    )


@dataclasses.dataclass
class Rendered:
    source: ReportSource
    context: dict
    html: str
    pdf: bytes
    page_count: int
    refused: tuple


def render(source: ReportSource) -> Rendered:
    context = build_report_context(source, branding=BRANDING)
    html = render_report_html(context, for_pdf=True)
    out = render_report_pdf(html)
    return Rendered(source, context, html, out.pdf, out.page_count, out.refused)


@pytest.fixture(scope="session")
def rendered_report() -> Rendered:
    return render(engine_source(4))
