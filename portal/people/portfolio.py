"""The consultant portfolio: every client organization at a glance (firm staff only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from portal.models import Sector
from portal.people import selectors

VERDICTS = {
    "adopt": "Adopt",
    "adopt_for_subset": "Adopt for a subset",
    "do_not_adopt": "Do not adopt",
}


@login_required
def consultant_portfolio(request: HttpRequest) -> HttpResponse:
    if not request.user.is_consulting_staff:  # type: ignore[union-attr]
        raise PermissionDenied("The portfolio is for the consulting firm's staff.")
    sort = request.GET.get("sort", "name")
    descending = sort.startswith("-")
    sort = sort.lstrip("-")
    if sort not in selectors.PORTFOLIO_SORTS:
        sort, descending = "name", False
    sector = request.GET.get("sector", "")
    if sector not in Sector.values:
        sector = ""
    verdict = request.GET.get("verdict", "")
    if verdict not in VERDICTS:
        verdict = ""
    query = request.GET.get("q", "").strip()[:100]
    rows = selectors.consultant_portfolio(
        request.user,  # type: ignore[arg-type]
        sort=sort,
        descending=descending,
        sector=sector,
        verdict=verdict,
        query=query,
    )
    for row in rows:
        row.verdict_label = VERDICTS.get(row.verdict, row.verdict.replace("_", " "))  # type: ignore[attr-defined]
        for gate in row.gates:
            gate["label"] = str(gate.get("outcome") or "").replace("_", " ")
    filters = {k: v for k, v in {"sector": sector, "verdict": verdict, "q": query}.items() if v}
    headers = []
    for key, label in selectors.PORTFOLIO_SORTS.items():
        active = key == sort
        next_sort = f"-{key}" if active and not descending else key
        headers.append(
            {
                "key": key,
                "label": label,
                "active": active,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
                "url": "?" + urlencode({**filters, "sort": next_sort}),
            }
        )
    return render(
        request,
        "people/portfolio.html",
        {
            "rows": rows,
            "headers": headers,
            "sector": sector,
            "verdict": verdict,
            "query": query,
            "sectors": Sector.choices,
            "verdicts": VERDICTS,
            "filtered": bool(filters),
        },
    )
