"""Issue an API token from the command line; the token is printed alone on the last line."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from portal.errors import ValidationFailed
from portal.models import Membership, Organization, User
from portal.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a user, personal or bound to one of their organizations. "
        "The token is shown once: it is printed alone on the last line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="E-mail address of the token's owner.")
        parser.add_argument(
            "--organization",
            help="Slug of an organization the user belongs to; the token reaches only it.",
        )
        parser.add_argument("--name", default="Command-line token", help="A label for the token.")
        parser.add_argument(
            "--expires-in-days", type=int, help="Days until the token expires (default: never)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["user"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The account {email} is deactivated.")
        organization = None
        slug = options.get("organization")
        if slug:
            organization = Organization.objects.filter(slug=slug).first()
            if organization is None:
                raise CommandError(f"No organization with the slug {slug!r}.")
            if not Membership.objects.filter(user=user, organization=organization).exists():
                raise CommandError(f"{email} is not a member of {slug}; bind the token elsewhere.")
        expires_at = None
        days = options.get("expires_in_days")
        if days is not None:
            if days < 1:
                raise CommandError("--expires-in-days must be at least 1.")
            expires_at = timezone.now() + timedelta(days=days)
        try:
            issued = api_token_create(
                user=user, organization=organization, name=options["name"], expires_at=expires_at
            )
        except ValidationFailed as exc:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(messages) from None
        scope_text = f"bound to {organization.slug}" if organization else "personal"
        expiry = f", expires {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else ""
        self.stderr.write(
            f"Created {scope_text} token {issued.token.prefix}… for {email}{expiry}. "
            "Store it now: it is not shown again."
        )
        self.stdout.write(issued.secret)
