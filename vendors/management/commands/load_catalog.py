"""Load (or refresh) the built-in catalog; running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vendors.catalog import builtin_version
from vendors.services import catalog_load_builtin


class Command(BaseCommand):
    help = "Load the built-in vendor catalog (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = catalog_load_builtin()
        self.stdout.write(
            f"Built-in catalog {builtin_version()}: {summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged, "
            f"{summary.prices_added} prices added or corrected."
        )
