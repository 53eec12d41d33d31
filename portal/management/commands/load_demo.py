"""Create the demo consultant and a demo client organization (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.models import Membership, Organization, Role, User

DEMO_PASSWORD = "tollgate-demo"  # noqa: S105 - printed for the demo on purpose
CONSULTANT_EMAIL = "consultant@tollgate.example"


class Command(BaseCommand):
    help = "Create the demo consultant and client organization; running it twice changes nothing."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        consultant, created = User.objects.get_or_create(
            email=CONSULTANT_EMAIL,
            defaults={"full_name": "Dana Consultant", "is_firm_staff": True},
        )
        if created:
            consultant.set_password(DEMO_PASSWORD)
            consultant.save()
        organization, _ = Organization.objects.get_or_create(
            slug="demo-client",
            defaults={
                "name": "Demo Client Ltd",
                "sector": "startup",
                "headcount": 50,
                "headquarters_region": "us",
            },
        )
        Membership.objects.get_or_create(
            user=consultant, organization=organization, defaults={"role": Role.CONSULTANT}
        )
        self.stdout.write(f"Demo consultant: {CONSULTANT_EMAIL} / {DEMO_PASSWORD}")
