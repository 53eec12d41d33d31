"""A real HTTP server (gunicorn) on loopback, serving the test database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, _database_url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def api_server(transactional_db, settings):
    """The base URL of gunicorn serving the portal on the test database. Data the
    test writes (committed: transactional_db) is what the server sees."""
    port = _free_port()
    log_path = ROOT / "var" / f"api-server-{port}.log"
    log_path.parent.mkdir(exist_ok=True)
    from portal.celery import app

    # The production settings: tasks go to the broker (no worker takes them here)
    # instead of running inside the request as they do under tests.settings.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": _database_url(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "SECRET_KEY": "api-server-test-secret-" + "s" * 40,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [str(gunicorn), "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3", "-t", "120"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the API server exited:\n{log_path.read_text()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/schema/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer:\n{log_path.read_text()[-4000:]}") from None
                time.sleep(0.5)
        yield url
    finally:
        app.control.purge()  # the tasks the server queued
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
