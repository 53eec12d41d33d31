"""Where an organization stands: the onboarding checklist and the client's next steps.

Reads only. Workload completeness is computed from the answers (never stored), so
all of an organization's workloads are loaded once, with their latency evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django_scopes import scope

from portal.models import Membership, Organization, Role
from portal.models.people import ClientOnboarding, Invitation


def url_or_none(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@dataclass
class WorkloadState:
    pk: int
    name: str
    complete: bool
    missing: list[str]
    latency_sensitive: bool
    has_latency_evidence: bool
    updated_at: Any = None


@dataclass
class OrganizationState:
    organization: Organization
    workloads: list[WorkloadState] = field(default_factory=list)
    admins: int = 0
    pending_admin_invitations: int = 0
    intake: str = ""
    intake_label: str = ""
    last_run: Any = None
    last_succeeded_run: Any = None
    running: bool = False

    @property
    def complete_workloads(self) -> list[WorkloadState]:
        return [w for w in self.workloads if w.complete]

    @property
    def incomplete_workloads(self) -> list[WorkloadState]:
        return [w for w in self.workloads if not w.complete]

    @property
    def missing_latency(self) -> list[WorkloadState]:
        return [w for w in self.workloads if w.latency_sensitive and not w.has_latency_evidence]

    @property
    def completeness_percent(self) -> int:
        if not self.workloads:
            return 0
        return round(100 * len(self.complete_workloads) / len(self.workloads))

    @property
    def needs_fresh_run(self) -> bool:
        run = self.last_succeeded_run
        if run is None:
            return True
        return any(w.updated_at and w.updated_at > run.created_at for w in self.workloads)

    @property
    def profile_complete(self) -> bool:
        org = self.organization
        return bool(org.headcount and org.sector != "other" and org.headquarters_region != "other")


def workload_states(organization: Organization) -> list[WorkloadState]:
    from assessments.models import LatencySampleSet, Workload

    with scope(organization=organization):
        workloads = list(Workload.objects.filter(organization=organization).order_by("name", "pk"))
        with_evidence = set(
            LatencySampleSet.objects.filter(organization=organization)
            .order_by()
            .values_list("workload_id", flat=True)
            .distinct()
        )
    return [
        WorkloadState(
            pk=w.pk,
            name=w.name,
            complete=w.is_complete,
            missing=w.missing_fields,
            latency_sensitive=w.latency_sensitive,
            has_latency_evidence=w.pk in with_evidence,
            updated_at=w.updated_at,
        )
        for w in workloads
    ]


def organization_state(organization: Organization) -> OrganizationState:
    from assessments.models import AssessmentRun

    state = OrganizationState(organization=organization)
    state.workloads = workload_states(organization)
    state.admins = Membership.objects.filter(
        organization=organization, role=Role.CLIENT_ADMIN
    ).count()
    with scope(organization=organization):
        state.pending_admin_invitations = sum(
            1
            for inv in Invitation.objects.filter(
                role=Role.CLIENT_ADMIN, accepted_at=None, revoked_at=None
            )
            if inv.is_usable
        )
        onboarding = ClientOnboarding.objects.filter(organization=organization).first()
        runs = list(
            AssessmentRun.objects.filter(organization=organization).order_by("-created_at", "-pk")[
                :20
            ]
        )
    if onboarding is not None and onboarding.workload_intake:
        state.intake = onboarding.workload_intake
        state.intake_label = onboarding.get_workload_intake_display()
    state.last_run = runs[0] if runs else None
    state.last_succeeded_run = next((r for r in runs if r.status == "succeeded"), None)
    state.running = any(r.status in ("queued", "running") for r in runs)
    return state


@dataclass
class Step:
    label: str
    done: bool
    detail: str = ""
    url: str | None = None
    action: str = ""


def onboarding_checklist(state: OrganizationState) -> list[Step]:
    """What is still missing before the client's first board report."""
    org = state.organization
    slug = org.slug
    steps = [
        Step(
            "Organization profile",
            state.profile_complete,
            "Sector, headcount and headquarters are filled in."
            if state.profile_complete
            else "Give the sector, headcount and headquarters region.",
            url_or_none("organization-profile", slug),
            "Edit the profile",
        )
    ]
    if state.admins:
        admin_detail = f"{state.admins} client admin(s) have joined."
    elif state.pending_admin_invitations:
        admin_detail = "Invitation sent; waiting for the client admin to accept."
    else:
        admin_detail = "Nobody at the client can manage its members yet."
    steps.append(
        Step(
            "Client admin",
            bool(state.admins),
            admin_detail,
            reverse("onboarding-invite", args=[slug]),
            "Invite the client admin",
        )
    )
    steps.append(
        Step(
            "How workloads arrive",
            bool(state.intake),
            state.intake_label or "Not chosen yet.",
            reverse("onboarding-intake", args=[slug]),
            "Choose",
        )
    )
    count = len(state.workloads)
    steps.append(
        Step(
            "Workloads described",
            count > 0,
            f"{count} workload(s)." if count else "No workloads yet.",
            url_or_none("workload-list", slug),
            "Open the workloads",
        )
    )
    incomplete = state.incomplete_workloads
    steps.append(
        Step(
            "Questionnaires complete",
            count > 0 and not incomplete,
            (
                f"{len(state.complete_workloads)} of {count} complete"
                + (
                    f"; still open: {', '.join(w.name for w in incomplete[:5])}"
                    if incomplete
                    else ""
                )
                + "."
            )
            if count
            else "Nothing to complete yet.",
            url_or_none("workload-list", slug),
            "Open the workloads",
        )
    )
    missing = state.missing_latency
    steps.append(
        Step(
            "Latency evidence for latency-sensitive workloads",
            not missing,
            "Staging load-test results are attached where needed."
            if not missing
            else f"Missing for: {', '.join(w.name for w in missing[:5])}. "
            "Without them gate 2 falls back on heuristics.",
            url_or_none("workload-list", slug),
            "Attach evidence",
        )
    )
    steps.append(
        Step(
            "First assessment",
            state.last_succeeded_run is not None,
            "An assessment has finished."
            if state.last_succeeded_run
            else "No finished assessment yet.",
            url_or_none("run-list", slug),
            "Start an assessment",
        )
    )
    return steps


def next_steps(state: OrganizationState, *, can_edit: bool) -> list[Step]:
    """The client home's to-do list, most urgent first (only what is not done)."""
    slug = state.organization.slug
    steps: list[Step] = []
    if not state.workloads:
        steps.append(
            Step(
                "Describe your first AI workload",
                False,
                "One questionnaire page per AI use: what data it touches, how much traffic, "
                "how fast it must answer.",
                url_or_none("workload-new", slug)
                if can_edit
                else url_or_none("workload-list", slug),
                "Add a workload" if can_edit else "See workloads",
            )
        )
    for w in state.incomplete_workloads[:5]:
        steps.append(
            Step(
                f"Finish “{w.name}”",
                False,
                f"{len(w.missing)} required answer(s) missing.",
                url_or_none("workload-edit", slug, w.pk)
                if can_edit
                else url_or_none("workload-detail", slug, w.pk),
                "Continue the questionnaire" if can_edit else "View",
            )
        )
    for w in state.missing_latency[:5]:
        steps.append(
            Step(
                f"Attach latency evidence to “{w.name}”",
                False,
                "It is latency-sensitive: measured P99 from a staging load test decides gate 2.",
                url_or_none("workload-detail", slug, w.pk),
                "Add load-test results",
            )
        )
    if state.complete_workloads and not state.running and state.needs_fresh_run:
        steps.append(
            Step(
                "Start an assessment",
                False,
                f"{len(state.complete_workloads)} complete workload(s) are ready to be "
                "checked against the candidate offerings."
                if state.last_succeeded_run is None
                else "Answers changed since the last finished assessment.",
                url_or_none("run-list", slug),
                "Start an assessment",
            )
        )
    return steps


VERDICT_LABELS = {
    "adopt": "Adopt",
    "adopt_for_subset": "Adopt for a subset of workloads",
    "do_not_adopt": "Do not adopt",
}


def report_url(organization: Organization, run: Any) -> str | None:
    """Where the board report PDF of a finished run is downloaded."""
    for name in ("run-report-pdf", "run-report"):
        url = url_or_none(name, organization.slug, run.pk)
        if url:
            return url
    return url_or_none("api-run-report-pdf", organization.slug, run.pk)


def home_summary(state: OrganizationState) -> dict[str, Any]:
    """The client home's latest verdict, gates and report downloads."""
    run = state.last_succeeded_run
    summary: dict[str, Any] = {"run": run, "verdict": "", "verdict_label": "", "gates": []}
    if run is not None and isinstance(run.results, dict):
        portfolio = run.results.get("portfolio") or {}
        summary["verdict"] = portfolio.get("verdict", "")
        summary["verdict_label"] = VERDICT_LABELS.get(summary["verdict"], summary["verdict"])
        summary["viable_count"] = portfolio.get("candidate_viable_count")
        summary["workload_count"] = portfolio.get("workload_count")
        share = portfolio.get("candidate_viable_share")
        try:
            summary["viable_percent"] = round(float(share) * 100) if share is not None else None
        except (TypeError, ValueError):
            summary["viable_percent"] = None
        summary["gates"] = [
            {**g, "label": str(g.get("outcome", "")).replace("_", " ")}
            for g in run.results.get("gates", [])
            if isinstance(g, dict)
        ]
    return summary


def report_downloads(organization: Organization, limit: int = 5) -> list[dict[str, Any]]:
    """The latest finished runs with their report links, newest first."""
    from assessments.models import AssessmentRun

    with scope(organization=organization):
        runs = list(
            AssessmentRun.objects.filter(organization=organization, status="succeeded")
            .defer("inputs_snapshot", "results")
            .order_by("-created_at", "-pk")[:limit]
        )
    return [{"run": r, "url": report_url(organization, r)} for r in runs]
