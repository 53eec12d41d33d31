"""LiteLLM import benchmark: the whole current price file (about 4,900 entries).

Downloads the ``litellm`` wheel with pip (no dependencies), takes
``litellm/model_prices_and_context_window_backup.json`` out of it, and times three
imports against the configured database: the first (creates thousands of
offerings), a re-import of the same file (changes nothing) and one with a single
price changed (adds one price row). Everything runs in one transaction that is
rolled back at the end, so the database is left as it was.

    DATABASE_URL=... python benchmarks/import_litellm_bench.py [--file PATH] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MEMBER = "litellm/model_prices_and_context_window_backup.json"


def fetch_price_file(workdir: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "litellm", "-d", workdir],
        check=True,
    )
    wheel = next(workdir.glob("litellm-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(MEMBER, workdir)
    print(f"price file from {wheel.name}")
    return workdir / MEMBER


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, help="Use this price file instead of downloading.")
    parser.add_argument(
        "--keep", action="store_true", help="Commit the imports (default: roll back)."
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.db import transaction

    from vendors.importer import catalog_import_litellm
    from vendors.models import OfferingPrice

    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or fetch_price_file(Path(tmp))
        raw = path.read_bytes()
    data = json.loads(raw)
    print(f"{len(data)} entries, {len(raw) / 1e6:.1f} MB")

    today = date.today()
    with transaction.atomic():
        started = time.perf_counter()
        first = catalog_import_litellm(raw=raw, file_name=path.name, effective_from=today)
        first_s = time.perf_counter() - started
        print(f"first import:      {first_s:6.2f} s  ({first.lines()[0]})")

        started = time.perf_counter()
        again = catalog_import_litellm(raw=raw, file_name=path.name, effective_from=today)
        again_s = time.perf_counter() - started
        print(f"unchanged re-import: {again_s:4.2f} s  ({again.lines()[0]})")

        key = next(
            k
            for k, v in data.items()
            if isinstance(v, dict)
            and v.get("mode") == "chat"
            and isinstance(v.get("input_cost_per_token"), float)
        )
        data[key]["input_cost_per_token"] *= 2
        changed_raw = json.dumps(data).encode()
        rows = OfferingPrice.objects.count()
        started = time.perf_counter()
        changed = catalog_import_litellm(
            raw=changed_raw, file_name=path.name, effective_from=today + timedelta(days=1)
        )
        changed_s = time.perf_counter() - started
        print(
            f"one price changed: {changed_s:6.2f} s  ({changed.prices_added} price row added, "
            f"{OfferingPrice.objects.count() - rows} rows more; key {key})"
        )
        if not args.keep:
            transaction.set_rollback(True)
    print(f"whole-file import time: {first_s:.2f} s")


if __name__ == "__main__":
    main()
