from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from portal.models import ApiToken
from portal.tokens import api_token_authenticate

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_prints_a_working_token_on_its_last_line(triangle):
    output = _run("--user", "EDITOR@acme.example", "--organization", "acme", "--name", "ERP")
    raw = output.strip().splitlines()[-1]
    token = api_token_authenticate(raw)
    assert token is not None
    assert token.user == triangle.member_a
    assert token.organization == triangle.org_a
    assert token.name == "ERP"


def test_personal_token_with_expiry(triangle):
    raw = _run("--user", "editor@acme.example", "--expires-in-days", "30").strip()
    token = ApiToken.objects.get()
    assert token.organization_id is None and token.expires_at is not None
    assert api_token_authenticate(raw) == token


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody@example.com"], "No user"),
        (["--user", "editor@acme.example", "--organization", "nope"], "No organization"),
        (["--user", "editor@acme.example", "--organization", "globex"], "not a member"),
        (["--user", "editor@acme.example", "--expires-in-days", "0"], "at least 1"),
        (["--user", "editor@acme.example", "--name", " "], "name"),
    ],
)
def test_clear_errors(triangle, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not ApiToken.objects.exists()
