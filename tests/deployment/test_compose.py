"""docker-compose.yml is valid Compose and each service's command really works here.

There is no container engine on the build machines, so the file is validated
against the Compose specification and the web and worker commands are run directly.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_follows_the_compose_specification():
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_has_the_four_services_with_health_checks():
    services = _compose()["services"]
    assert {"web", "worker", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name


def test_image_python_matches_the_supported_python():
    match = re.search(r"^FROM python:(\d+\.\d+)", (ROOT / "Dockerfile").read_text(), re.M)
    assert match, "the Dockerfile names its Python version"
    assert match.group(1) == f"{sys.version_info.major}.{sys.version_info.minor}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_web_command_serves_the_portal(tmp_path):
    command = list(_compose()["services"]["web"]["command"])
    assert command[0] == "gunicorn"
    port = _free_port()
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    env = {
        **os.environ,
        "DEBUG": "true",
        "TOLLGATE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    proc = subprocess.Popen(
        [gunicorn, *command[1:]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=2
                ) as r:
                    body = r.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    proc.kill()
                    pytest.fail("gunicorn did not serve: " + proc.stdout.read().decode())
                time.sleep(0.3)
        assert "Sign in" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_worker_command_consumes_both_queues():
    command = _compose()["services"]["worker"]["command"]
    assert command[:4] == ["celery", "-A", "portal", "worker"]
    queues = command[command.index("-Q") + 1].split(",")
    assert set(queues) == {"default", "reports"}
    # The same command line is started for real by the integration tests'
    # worker fixture (tests/conftest.py), which consumes from these queues.
