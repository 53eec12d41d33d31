"""The OpenAPI schema validates with warnings treated as errors, and documents the
bearer scheme and the one error shape."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT


def test_schema_validates_with_warnings_as_errors(tmp_path):
    out = tmp_path / "schema.yaml"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    schema = yaml.safe_load(out.read_text())
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["code", "message", "fields"]
    operations = [
        op for item in schema["paths"].values() for op in item.values() if "responses" in op
    ]
    assert len(operations) >= 10
    for op in operations:
        assert {"401", "404", "429"} <= set(op["responses"]), op["operationId"]
        assert {"bearerAuth": []} in op["security"], op["operationId"]
    headers = schema["paths"]["/api/v1/organizations/"]["get"]["responses"]["429"]["headers"]
    assert "Retry-After" in headers


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
