"""Import LiteLLM's model price file into the catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.errors import ValidationFailed
from vendors.importer import catalog_import_litellm


class Command(BaseCommand):
    help = (
        "Import chat, completion and responses prices from LiteLLM's "
        "model_prices_and_context_window.json. Exits non-zero only when nothing "
        "could be imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )
        parser.add_argument(
            "--effective-from",
            type=date.fromisoformat,
            default=None,
            help="Date new prices take effect (YYYY-MM-DD; default today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 1 and total >= 1000:
                self.stderr.write(f"  {done}/{total} entries processed")

        try:
            summary = catalog_import_litellm(
                raw=raw,
                file_name=path.name,
                effective_from=options["effective_from"],
                dry_run=options["dry_run"],
                progress=progress,
            )
        except ValidationFailed as exc:
            raise CommandError("\n".join(exc.fields.get("file", [exc.message]))) from None
        for line in summary.lines():
            self.stdout.write(line)
