"""The demo portfolio: the firm's consultant and four client organizations modelled
on the article's scenarios (DOMAIN.md section 7), with workloads, latency
evidence, people in every role, a finished assessment each and its board report.

Idempotent: people, organizations and workloads are looked up by e-mail, slug and
name; an organization that already has an assessment gets no second one.
"""

from __future__ import annotations

import logging
import random
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scope, scopes_disabled

from portal.models import Membership, Organization, Role, User
from portal.models.people import ClientOnboarding

DEMO_PASSWORD = "tollgate-demo"  # noqa: S105 - printed for the demo on purpose
CONSULTANT_EMAIL = "consultant@tollgate.example"


# Latency evidence: a seeded, right-skewed sample so the percentiles look real.
def _latencies(median_ms: int, tail: float, count: int = 400, seed: int = 1) -> list[int]:
    rng = random.Random(seed)
    return [max(40, int(rng.lognormvariate(0, tail) * median_ms)) for _ in range(count)]


CLIENTS: list[dict[str, Any]] = [
    {
        "profile": {
            "name": "Bytebrook Labs",
            "slug": "bytebrook",
            "sector": "startup",
            "headcount": 50,
            "annual_revenue_usd": "6000000",
            "headquarters_region": "us",
        },
        "intake": "questionnaire",
        # The article's advice for a startup: the cheap first-party API.
        "candidates": ["deepseek/deepseek-v3"],
        "people": ("Priya Natarajan", "Tom Okafor", "Lena Fischer"),
        "workloads": [
            {
                "name": "Pull-request review bot",
                "description": "Comments on every pull request of the developer-tools product.",
                "status": "production",
                "use_case": "code_review",
                "data_categories": ["source_code"],
                "data_subject_regions": [],
                "programming_languages": ["python", "typescript", "go"],
                "daily_input_tokens": 60_000_000,
                "daily_output_tokens": 6_000_000,
                "avg_context_tokens": 12_000,
                "batch_eligible": True,
                "current_offering": "gpt-4o",
                "current_monthly_spend_usd": "9800",
                "expected_growth_12m": "10",
            },
            {
                "name": "Public docs assistant",
                "description": "Answers questions on the public documentation site.",
                "status": "production",
                "use_case": "documentation",
                "customer_facing": True,
                "data_categories": ["public"],
                "daily_input_tokens": 12_000_000,
                "daily_output_tokens": 2_000_000,
                "avg_context_tokens": 4_000,
                "streaming": True,
                "latency_sensitive": True,
                "p99_latency_sla_ms": 2000,
                "current_offering": "gpt-4o",
                "current_monthly_spend_usd": "1900",
                "latency": ("deepseek/deepseek-v3", 850, 0.3),
            },
            {
                "name": "Release notes drafting",
                "status": "pilot",
                "use_case": "content_generation",
                "data_categories": ["internal", "source_code"],
                "daily_input_tokens": 1_500_000,
                "daily_output_tokens": 300_000,
                "batch_eligible": True,
            },
        ],
    },
    {
        "profile": {
            "name": "Northwind Cloud",
            "slug": "northwind",
            "sector": "saas",
            "headcount": 500,
            "annual_revenue_usd": "50000000",
            "headquarters_region": "eu_eea",
            "certifications_held": ["soc2", "iso27001"],
            "negotiated_discounts": [{"vendor": "OpenAI", "percent": "12"}],
        },
        "intake": "spreadsheet",
        # Sovereignty clauses rule out the PRC API: only air-gapped self-hosting is assessed.
        "candidates": ["self-hosted/deepseek-v3"],
        "people": ("Sofia Marques", "Daniel Weber", "Amara Singh"),
        "workloads": [
            {
                "name": "Support copilot",
                "description": "Drafts replies to enterprise customers' support tickets.",
                "status": "production",
                "use_case": "customer_support",
                "data_categories": ["personal_data", "internal"],
                "data_subject_regions": ["eu_eea", "us"],
                "regulations": ["gdpr"],
                "contract_prohibits_china_transfer": True,
                "contract_data_residency": ["eu_eea"],
                "contracts_with_sovereignty_share": "60",
                "daily_input_tokens": 25_000_000,
                "daily_output_tokens": 4_000_000,
                "avg_context_tokens": 6_000,
                "current_offering": "gpt-4o",
                "current_monthly_spend_usd": "5200",
            },
            {
                "name": "In-app search answers",
                "status": "production",
                "use_case": "search_rag",
                "customer_facing": True,
                "data_categories": ["internal", "personal_data"],
                "data_subject_regions": ["eu_eea"],
                "regulations": ["gdpr"],
                "contracts_with_sovereignty_share": "60",
                "daily_input_tokens": 40_000_000,
                "daily_output_tokens": 3_000_000,
                "avg_context_tokens": 14_000,
                "streaming": True,
                "latency_sensitive": True,
                "p99_latency_sla_ms": 1200,
                "current_offering": "gpt-4o",
                "latency": ("deepseek/deepseek-v3", 1100, 0.55),
            },
            {
                "name": "Engineering code assistant",
                "status": "pilot",
                "use_case": "code_assistance",
                "data_categories": ["source_code"],
                "programming_languages": ["typescript", "java", "rust"],
                "daily_input_tokens": 18_000_000,
                "daily_output_tokens": 2_500_000,
                "current_offering": "claude-opus-4-5",
            },
            {
                "name": "Internal wiki summaries",
                "status": "planned",
                "use_case": "documentation",
                "data_categories": ["internal"],
                "daily_input_tokens": 2_000_000,
                "daily_output_tokens": 400_000,
                "batch_eligible": True,
            },
        ],
    },
    {
        "profile": {
            "name": "Meridian Health & Trust",
            "slug": "meridian",
            "sector": "healthcare",
            "headcount": 4200,
            "annual_revenue_usd": "1800000000",
            "headquarters_region": "us",
            "regulated_entity": True,
            "certifications_held": ["soc2", "hipaa", "pci_dss"],
        },
        "intake": "respondent_links",
        "candidates": ["deepseek/deepseek-v3", "self-hosted/deepseek-v3"],
        "people": ("Grace Liu", "Marcus Bell", "Helen Adeyemi"),
        "workloads": [
            {
                "name": "Clinical notes summariser",
                "description": "Summarises clinicians' visit notes for the patient record.",
                "status": "pilot",
                "use_case": "data_extraction",
                "data_categories": ["health_phi", "personal_data"],
                "data_subject_regions": ["us"],
                "regulations": ["hipaa"],
                "daily_input_tokens": 30_000_000,
                "daily_output_tokens": 5_000_000,
                "avg_context_tokens": 8_000,
                "current_offering": "gpt-4o",
                "current_monthly_spend_usd": "6100",
            },
            {
                "name": "Transaction fraud triage",
                "status": "production",
                "use_case": "analytics",
                "data_categories": ["financial_records", "personal_data"],
                "data_subject_regions": ["us", "eu_eea"],
                "regulations": ["finra", "glba", "gdpr"],
                "daily_input_tokens": 15_000_000,
                "daily_output_tokens": 1_000_000,
                "latency_sensitive": True,
                "p99_latency_sla_ms": 800,
                "current_offering": "gpt-4o",
                "latency": ("gpt-4o", 420, 0.35),
            },
            {
                "name": "Member services chat",
                "status": "planned",
                "use_case": "customer_chat",
                "customer_facing": True,
                "data_categories": ["personal_data", "health_phi"],
                "data_subject_regions": ["us", "us_california"],
                "regulations": ["hipaa", "ccpa"],
                "daily_input_tokens": 8_000_000,
                "daily_output_tokens": 2_000_000,
                "streaming": True,
                "latency_sensitive": True,
                "p99_latency_sla_ms": 1500,
            },
        ],
    },
    {
        "profile": {
            "name": "Lakeshore State University",
            "slug": "lakeshore",
            "sector": "academic",
            "headcount": 9000,
            "headquarters_region": "us",
        },
        "intake": "questionnaire",
        "candidates": ["deepseek/deepseek-v3"],
        "people": ("Dr. Ana Kovac", "Sam Rivera", "Prof. Ian Moore"),
        "workloads": [
            {
                "name": "Literature review assistant",
                "description": "Summarises public papers for research groups.",
                "status": "production",
                "use_case": "research",
                "data_categories": ["public"],
                "daily_input_tokens": 20_000_000,
                "daily_output_tokens": 3_000_000,
                "avg_context_tokens": 30_000,
                "batch_eligible": True,
                "expected_growth_12m": "3",
            },
            {
                "name": "Synthetic survey data",
                "status": "pilot",
                "use_case": "research",
                "data_categories": ["synthetic"],
                "daily_input_tokens": 4_000_000,
                "daily_output_tokens": 6_000_000,
                "reasoning_multiplier": "2",
                "batch_eligible": True,
            },
            {
                "name": "Defense-funded sensor analysis",
                "description": "Analysis for a grant from a national-security programme.",
                "status": "planned",
                "use_case": "research",
                "data_categories": ["export_controlled"],
                "regulations": ["itar_ear"],
                "daily_input_tokens": 3_000_000,
                "daily_output_tokens": 500_000,
            },
            {
                "name": "Student helpdesk",
                "status": "production",
                "use_case": "customer_support",
                "customer_facing": True,
                "data_categories": ["student_records", "personal_data"],
                "data_subject_regions": ["us"],
                "regulations": ["ferpa"],
                "daily_input_tokens": 6_000_000,
                "daily_output_tokens": 1_200_000,
                "streaming": True,
                "latency_sensitive": True,
                "p99_latency_sla_ms": 2500,
                "latency": ("deepseek/deepseek-v3", 1300, 0.5),
            },
        ],
    },
]

NOISY_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools", "celery", "assessments")
ROLES = (Role.CLIENT_ADMIN, Role.EDITOR, Role.VIEWER)
ROLE_WORD = {Role.CLIENT_ADMIN: "admin", Role.EDITOR: "editor", Role.VIEWER: "viewer"}


def _user(email: str, full_name: str, **extra: Any) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


class Command(BaseCommand):
    help = (
        "Create the demo consultant and four client organizations with workloads, finished "
        "assessments and reports; running it twice changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--simulations",
            type=int,
            default=2000,
            help="Monte Carlo draws of the demo assessments (default 2000).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The renderer and in-process tasks narrate every step at INFO; the demo's
        # own lines are what a newcomer needs to read.
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        started = time.monotonic()
        self._ensure_catalog()
        consultant = _user(CONSULTANT_EMAIL, "Dana Consultant", is_firm_staff=True)
        if not consultant.is_firm_staff:
            consultant.is_firm_staff = True
            consultant.save(update_fields=["is_firm_staff"])
        accounts: list[tuple[str, str, str]] = []
        for client in CLIENTS:
            organization = self._organization(consultant, client, accounts)
            self._assess(organization, consultant, client["candidates"], options["simulations"])
        self.stdout.write(f"Demo consultant: {CONSULTANT_EMAIL} / {DEMO_PASSWORD}")
        self.stdout.write(f"Client accounts (password {DEMO_PASSWORD} for each):")
        for org_name, role, email in accounts:
            self.stdout.write(f"  {org_name:<28} {role:<7} {email}")
        self.stdout.write(f"Demo ready in {time.monotonic() - started:.1f} s.")

    # --- pieces -------------------------------------------------------------------

    def _ensure_catalog(self) -> None:
        from vendors.models import Offering

        if not Offering.objects.exists():
            call_command("load_catalog", stdout=self.stdout)

    @transaction.atomic
    def _organization(
        self, consultant: User, client: dict[str, Any], accounts: list[tuple[str, str, str]]
    ) -> Organization:
        from assessments.models import LatencySampleSet, Workload
        from assessments.workloads.services import latency_samples_upload, workload_create

        profile = dict(client["profile"])
        organization = Organization.objects.filter(slug=profile["slug"]).first()
        if organization is None:
            from portal.people.services import client_onboarding_start

            organization = client_onboarding_start(consultant=consultant, data=profile)
        Membership.objects.get_or_create(
            user=consultant, organization=organization, defaults={"role": Role.CONSULTANT}
        )
        with scopes_disabled():
            ClientOnboarding.objects.update_or_create(
                organization=organization,
                defaults={"workload_intake": client["intake"], "started_by": consultant},
            )
        people = {}
        for role, full_name in zip(ROLES, client["people"], strict=True):
            email = f"{ROLE_WORD[role]}@{organization.slug}.example"
            user = _user(email, full_name)
            Membership.objects.get_or_create(
                user=user, organization=organization, defaults={"role": role}
            )
            people[role] = user
            accounts.append((organization.name, ROLE_WORD[role], email))
        editor = people[Role.EDITOR]
        with scope(organization=organization):
            existing = set(Workload.objects.values_list("name", flat=True))
            for seed, spec in enumerate(client["workloads"], start=1):
                data = {k: v for k, v in spec.items() if k != "latency"}
                if data["name"] in existing:
                    continue
                workload = workload_create(
                    organization=organization, data=data, actor=editor, complete=True
                )
                if "latency" in spec:
                    offering, median, tail = spec["latency"]
                    if not LatencySampleSet.objects.filter(
                        workload=workload, offering=offering
                    ).exists():
                        latency_samples_upload(
                            workload=workload,
                            offering=offering,
                            samples=_latencies(median, tail, seed=seed),
                            actor=editor,
                        )
        return organization

    def _assess(
        self, organization: Organization, consultant: User, candidates: list[str], simulations: int
    ) -> None:
        from assessments.models import AssessmentRun
        from assessments.runs.services import assessment_run_start

        with scope(organization=organization):
            if AssessmentRun.objects.filter(organization=organization).exists():
                return
            run = assessment_run_start(
                organization=organization,
                user=consultant,
                parameters={
                    "candidate_offerings": candidates,
                    "simulations": simulations,
                    "seed": 2026,
                },
            )
            run.refresh_from_db()
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(f"{organization.name}: assessment {run.status}")
        else:
            self.stdout.write(
                f"{organization.name}: assessment {run.pk} queued; the worker runs it and "
                "renders its report."
            )
