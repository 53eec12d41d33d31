"""Assessment-run benchmark: a 1,000-workload run next to a 10-workload run.

For each size, creates a scratch organization with that many complete workloads
in the configured database (DATABASE_URL; SQLite when unset), then measures
starting the run (validation + inputs snapshot) and computing it on this process
exactly as a worker does (claim, heartbeat, engine, results write). Prints wall
time and SQL query count of both steps: the query counts must not grow with the
number of workloads. The scratch organizations are deleted afterwards.

    python benchmarks/run_bench.py [--sizes 10 1000] [--simulations 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from assessments.models import AssessmentRun, Workload  # noqa: E402
from assessments.runs import services, worker  # noqa: E402
from assessments.runs.services import assessment_run_start  # noqa: E402
from portal.models import Organization  # noqa: E402
from vendors.models import Offering  # noqa: E402

USE_CASES = ["internal_tooling", "code_review", "documentation", "customer_support", "research"]


def make_organization(size: int) -> Organization:
    org = Organization.objects.create(
        name=f"Benchmark {size}", slug=f"bench-{size}-{uuid.uuid4().hex[:6]}", sector="saas"
    )
    with scope(organization=org):
        Workload.objects.bulk_create(
            [
                Workload(
                    organization=org,
                    name=f"Workload {i:05d}",
                    status="production",
                    use_case=USE_CASES[i % len(USE_CASES)],
                    data_categories=["personal_data"] if i % 7 == 0 else ["internal"],
                    data_subject_regions=["eu_eea"] if i % 7 == 0 else [],
                    programming_languages=["rust", "python"] if i % 5 == 1 else [],
                    daily_input_tokens=1_000_000 + 37_000 * (i % 50),
                    daily_output_tokens=200_000 + 9_000 * (i % 40),
                )
                for i in range(size)
            ]
        )
    return org


def _is_progress(sql: str) -> bool:
    return sql.startswith("UPDATE") and '"progress"' in sql


def _no_enqueue(run_id: int, *, countdown: int | None = None) -> None:
    """The benchmark computes the run itself, right after starting it."""


def measure(size: int, simulations: int) -> dict[str, float]:
    org = make_organization(size)
    try:
        with scope(organization=org), CaptureQueriesContext(connection) as start_q:
            t0 = time.perf_counter()
            run = assessment_run_start(
                organization=org, user=None, parameters={"simulations": simulations, "seed": 1}
            )
            start_s = time.perf_counter() - t0
        with CaptureQueriesContext(connection) as run_q:
            t0 = time.perf_counter()
            outcome = worker.execute_run(run.pk)
            run_s = time.perf_counter() - t0
        with scopes_disabled():
            done = AssessmentRun.objects.get(pk=run.pk)
        if outcome != "succeeded":
            raise SystemExit(f"run of {size} workloads ended {done.status}: {done.error}")
        return {
            "workloads": size,
            "start_s": start_s,
            "start_queries": len(start_q.captured_queries),
            "run_s": run_s,
            "run_queries": len(run_q.captured_queries),
            "progress_writes": sum(
                1
                for q in run_q.captured_queries
                if '"progress"' in q["sql"] and "UPDATE" in q["sql"]
            ),
        }
    finally:
        with scopes_disabled():
            org.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--simulations", type=int, default=10_000)
    args = parser.parse_args()
    # Measured here: start and compute. Not here: the broker round trip, and the report
    # and webhooks a finished run hands to their own queues (eager under test settings).
    services.enqueue_on_commit = _no_enqueue  # type: ignore[assignment]
    services._queue_report = lambda run_id: None  # type: ignore[assignment]
    if not Offering.objects.exists():
        raise SystemExit("The catalog is empty: run `python manage.py migrate` first.")
    print(f"database: {connection.vendor}; simulations: {args.simulations}")
    print(
        f"{'workloads':>9}  {'start s':>8}  {'start SQL':>9}  {'compute s':>9}  "
        f"{'compute SQL':>11}  {'of which progress':>17}"
    )
    rows = [measure(size, args.simulations) for size in args.sizes]
    for r in rows:
        print(
            f"{r['workloads']:>9}  {r['start_s']:>8.2f}  {r['start_queries']:>9}  "
            f"{r['run_s']:>9.2f}  {r['run_queries']:>11}  {r['progress_writes']:>17}"
        )
    print(
        "Progress writes are throttled to one per "
        f"{worker.PROGRESS_WRITE_INTERVAL}s, so a longer run makes a few more of them; "
        "every other query count is independent of the number of workloads."
    )


if __name__ == "__main__":
    main()
