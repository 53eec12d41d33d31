"""Settings are parsed strictly; production refuses unsafe configuration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    ours = {
        "SECRET_KEY",
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in ours}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _run({"DEBUG": "false"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_bad_boolean_names_the_variable():
    result = _run({"DEBUG": "maybe"}, "check")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_bad_database_url_names_the_variable():
    result = _run({"DEBUG": "true", "DATABASE_URL": "mysql-ish:nothing"}, "check")
    assert result.returncode != 0
    assert "DATABASE_URL must be a URL" in result.stderr


def test_bad_redis_url_names_the_variable():
    result = _run({"DEBUG": "true", "REDIS_URL": "localhost:6379"}, "check")
    assert result.returncode != 0
    assert "REDIS_URL must be a URL" in result.stderr


def test_time_limit_must_stay_below_visibility_timeout():
    result = _run(
        {"DEBUG": "true", "CELERY_TASK_TIME_LIMIT": "4000", "CELERY_VISIBILITY_TIMEOUT": "3600"},
        "check",
    )
    assert result.returncode != 0
    assert "CELERY_TASK_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT" in result.stderr


def test_check_deploy_is_clean_with_production_env():
    result = _run(
        {
            "DEBUG": "false",
            "SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
            "ALLOWED_HOSTS": "tollgate.example.com",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
