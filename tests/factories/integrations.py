"""API tokens and webhook endpoints for tests."""

from __future__ import annotations

from portal.models import Organization, User
from portal.tokens import IssuedToken, api_token_create


def issue_token(
    user: User, organization: Organization | None = None, name: str = "test token", **kwargs
) -> IssuedToken:
    return api_token_create(user=user, organization=organization, name=name, **kwargs)


def bearer(issued: IssuedToken | str) -> dict[str, str]:
    """Headers for APIClient / Django test client calls with this token."""
    raw = issued if isinstance(issued, str) else issued.secret
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
