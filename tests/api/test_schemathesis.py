"""Fuzz the live API with schemathesis, from the schema the server publishes.

A real server on loopback (gunicorn in a subprocess, on the test database)
answers; the caller holds a seeded bearer token of a consultant of "acme". Checks:
no server errors, responses (status, content type, headers, bodies) conform to the
schema, and operations do not work without credentials. The number of generated
test cases is printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portal.models import Membership, Role
from tests.factories.assessments import WorkloadFactory
from tests.factories.integrations import issue_token
from tests.factories.portal import OrganizationFactory, UserFactory

# A server process on the test database and a broker: PostgreSQL and Redis.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.integration]

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "ignored_auth",
    "unsupported_method",
]
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))


def _seed() -> str:
    consultant = UserFactory(email="consultant@firm.example", is_firm_staff=True)
    for slug in ("acme", "sandbox"):
        organization = OrganizationFactory(name=slug.title(), slug=slug)
        Membership.objects.create(user=consultant, organization=organization, role=Role.CONSULTANT)
        WorkloadFactory(organization=organization, name="Support bot")
    return issue_token(consultant, name="schemathesis").secret


def _schemathesis(schema_url: str, token: str, slug: str, tmp_path: Path, *args: str) -> int:
    """Run the schemathesis CLI; returns the number of generated cases (fails the
    test on any failed check or error)."""
    config = tmp_path / f"schemathesis-{slug}.toml"
    # Aim the generated paths at a seeded organization, so they reach real views
    # rather than stopping at the 404 of a random slug.
    config.write_text(f'[parameters]\n"path.org_slug" = "{slug}"\n')
    cli = Path(sys.executable).with_name("schemathesis")
    command = [
        str(cli),
        "--config-file",
        str(config),
        "run",
        schema_url,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "20261129",
        "--workers",
        "1",
        "--phases",
        "examples,fuzzing",
        "--generation-database",
        "none",
        "--request-retries",
        "2",
        "--no-color",
        *args,
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"},
        check=False,
    )
    output = result.stdout + result.stderr
    summary = re.search(r"Test cases:\s*\n?\s*(\d+) generated[^\n]*", output)
    assert summary is not None, output[-6000:]
    print(f"schemathesis ({slug}): {summary.group(0).strip()}")
    assert result.returncode == 0, output[-12000:]
    return int(summary.group(1))


def test_live_api_conforms_to_its_schema(api_server, tmp_path):
    token = _seed()
    schema_url = f"{api_server}/api/schema/"
    # Changing the slug of "acme" would turn the rest of the run into 404s, so the
    # profile PATCH is fuzzed on its own organization.
    total = _schemathesis(
        schema_url,
        token,
        "acme",
        tmp_path,
        "--exclude-operation-id",
        "organizations_partial_update",
    )
    total += _schemathesis(
        schema_url,
        token,
        "sandbox",
        tmp_path,
        "--include-operation-id",
        "organizations_partial_update",
    )
    print(f"schemathesis generated {total} test cases in all")
    assert total > 100
