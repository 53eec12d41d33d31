"""Reads about people: members, invitations and the activity log."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from portal.models import ActivityEvent, Membership, Organization, Role, User
from portal.models.people import Invitation

# Verbs never shown in the activity log (sign-ins are not activity).
HIDDEN_VERBS = ("user.signed_in", "signed_in", "login")


def members_of(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__email")
    )


def open_invitations_of(organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked (pending or expired), newest first."""
    return (
        Invitation.objects.with_scope(organization=organization)
        .filter(accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-sent_at", "-pk")
    )


def activity_of(
    organization: Organization, *, verb_prefix: str = "", query: str = ""
) -> QuerySet[ActivityEvent]:
    events = (
        ActivityEvent.objects.with_scope(organization=organization)
        .exclude(verb__in=HIDDEN_VERBS)
        .select_related("actor")
    )
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    if query:
        events = events.filter(
            Q(summary__icontains=query)
            | Q(actor__email__icontains=query)
            | Q(actor_label__icontains=query)
        )
    return events.order_by("-created_at", "-pk")


def activity_verb_groups(organization: Organization) -> list[str]:
    """The verb families present in the log (``invitation``, ``workload`` ...)."""
    verbs = (
        ActivityEvent.objects.with_scope(organization=organization)
        .exclude(verb__in=HIDDEN_VERBS)
        .order_by()
        .values_list("verb", flat=True)
        .distinct()
    )
    return sorted({v.split(".", 1)[0] for v in verbs})


# Consultant portfolio -----------------------------------------------------------

PORTFOLIO_SORTS = {
    "name": "Organization",
    "sector": "Sector",
    "completeness": "Questionnaire completeness",
    "last_run": "Last assessment",
    "verdict": "Portfolio verdict",
    "share": "Candidate's viable share",
}


@dataclass
class PortfolioRow:
    organization: Organization
    workload_count: int = 0
    complete_count: int = 0
    last_run: dict[str, Any] | None = None
    verdict: str = ""
    gates: list[dict[str, Any]] = field(default_factory=list)
    viable_share: Decimal | None = None

    @property
    def completeness(self) -> int | None:
        if not self.workload_count:
            return None
        return round(100 * self.complete_count / self.workload_count)

    @property
    def viable_percent(self) -> Decimal | None:
        if self.viable_share is None:
            return None
        return (self.viable_share * 100).quantize(Decimal("1"))


def _share(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        return None


def consultant_portfolio(
    user: User,
    *,
    sort: str = "name",
    descending: bool = False,
    sector: str = "",
    verdict: str = "",
    query: str = "",
) -> list[PortfolioRow]:
    """Every organization ``user`` consults for, with its questionnaire completeness,
    latest run, portfolio verdict, gates and the candidate's viable share.

    Three queries whatever the number of organizations: the organizations (with
    their latest run's id), all their workloads, and those latest runs' summaries.
    """
    from assessments.models import AssessmentRun, Workload

    latest = (
        AssessmentRun.objects.with_scopes_disabled()
        .filter(organization=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    organizations = Organization.objects.filter(
        memberships__user=user, memberships__role=Role.CONSULTANT
    ).annotate(last_run_id=Subquery(latest))
    if sector:
        organizations = organizations.filter(sector=sector)
    if query:
        organizations = organizations.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    orgs = list(organizations.order_by("name"))
    rows = {o.pk: PortfolioRow(organization=o) for o in orgs}
    if not rows:
        return []
    for workload in Workload.objects.with_scopes_disabled().filter(organization_id__in=rows):
        row = rows[workload.organization_id]
        row.workload_count += 1
        row.complete_count += workload.is_complete
    run_ids = [o.last_run_id for o in orgs if o.last_run_id]  # type: ignore[attr-defined]
    runs = (
        AssessmentRun.objects.with_scopes_disabled()
        .filter(pk__in=run_ids)
        .values(
            "pk",
            "organization_id",
            "status",
            "created_at",
            "finished_at",
            "results__portfolio",
            "results__gates",
        )
    )
    for run in runs:
        row = rows[run["organization_id"]]
        row.last_run = run
        portfolio = run["results__portfolio"] or {}
        if isinstance(portfolio, dict):
            row.verdict = str(portfolio.get("verdict") or "")
            row.viable_share = _share(portfolio.get("candidate_viable_share"))
        gates = run["results__gates"]
        row.gates = [g for g in gates if isinstance(g, dict)] if isinstance(gates, list) else []
    result = list(rows.values())
    if verdict:
        result = [r for r in result if r.verdict == verdict]
    return _sorted(result, sort, descending)


def _sorted(rows: list[PortfolioRow], sort: str, descending: bool) -> list[PortfolioRow]:
    def key(row: PortfolioRow) -> tuple[Any, ...]:
        name = row.organization.name.lower()
        values: dict[str, Any] = {
            "name": name,
            "sector": row.organization.get_sector_display(),
            "completeness": row.completeness,
            "last_run": row.last_run["created_at"] if row.last_run else None,
            "verdict": row.verdict or None,
            "share": row.viable_share,
        }
        value = values.get(sort, name)
        # Rows without a value always sort last, whichever the direction.
        return (value is None, value if value is not None else 0, name)

    present = [r for r in rows if key(r)[0] is False]
    absent = [r for r in rows if key(r)[0] is True]
    present.sort(key=key, reverse=descending)
    absent.sort(key=lambda r: r.organization.name.lower())
    return present + absent
