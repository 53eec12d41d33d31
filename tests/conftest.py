"""Suite-wide plumbing: which services are reachable, and a real Celery worker.

Integration tests (``@pytest.mark.integration``) need PostgreSQL, Redis and a real
worker. Without DATABASE_URL / REDIS_URL they are skipped with the reason printed
at the end; under CI (``CI=true``) a missing service is an error, never a skip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests judge results, not speed: a busy CI machine must not fail them.
hypothesis_settings.register_profile(
    "tollgate", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("tollgate")
_SKIPPED: list[str] = []


def services_missing() -> str | None:
    """Why integration tests cannot run here, or None when they can."""
    reasons = []
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        reasons.append("DATABASE_URL does not point at PostgreSQL")
    if not os.environ.get("REDIS_URL"):
        reasons.append("REDIS_URL is not set")
    return "; ".join(reasons) or None


def pytest_collection_modifyitems(config, items):
    reason = services_missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the integration tests, but {reason}.")
    marker = pytest.mark.skip(reason=f"integration: {reason}")
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(marker)
            _SKIPPED.append(item.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _SKIPPED:
        terminalreporter.section("integration tests skipped")
        terminalreporter.write_line(
            f"{len(_SKIPPED)} integration test(s) skipped because {services_missing()}. "
            "Set DATABASE_URL (PostgreSQL) and REDIS_URL to run them:"
        )
        for nodeid in _SKIPPED:
            terminalreporter.write_line(f"  {nodeid}")


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    auth = s["USER"] or "postgres"
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class WorkerProcess:
    """A real ``celery worker`` process on the test database and the test broker."""

    def __init__(self, queues: str = "default,reports", extra_env: dict[str, str] | None = None):
        self.queues = queues
        self.extra_env = extra_env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.name = ""
        self.log_path = ROOT / "var" / f"worker-{uuid.uuid4().hex[:8]}.log"

    def start(self, timeout: float = 60) -> WorkerProcess:
        from portal.celery import app

        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "TOLLGATE_TEST_WORKER": "1",
            **self.extra_env,
        }
        self.log_path.parent.mkdir(exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                self.queues,
                "-c",
                "1",
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log()}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return self
        raise RuntimeError(f"worker did not answer within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): a crash."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_broker(transactional_db):
    """The test process publishes to the real broker (not in-process) and the
    queues start empty."""
    from portal.celery import app

    if not settings.REDIS_URL:
        pytest.skip("no REDIS_URL")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    yield app
    app.control.purge()
    app.conf.task_always_eager = previous


@pytest.fixture
def worker_factory(celery_broker):
    """Start real workers; every one is stopped at the end of the test."""
    started: list[WorkerProcess] = []

    def make(**kwargs) -> WorkerProcess:
        worker = WorkerProcess(**kwargs)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


@pytest.fixture
def celery_worker(worker_factory):
    return worker_factory().start()
