"""Bearer token authentication for the REST API (``Authorization: Bearer <token>``).

Listed before session authentication, so an API call without credentials answers
401 with ``WWW-Authenticate: Bearer`` rather than 403. ``request.auth`` is the
``ApiToken``; its ``organization_id`` (None for personal tokens) is what the
tenancy choke point uses to confine an organization-bound token.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

REALM = "api"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Malformed Authorization header: use 'Bearer <token>'."
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        from portal.tokens import api_token_authenticate  # rest_framework.views imports us

        token = api_token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "The token is not valid: unknown, revoked or expired."
            )
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="{REALM}"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The bearer scheme in the OpenAPI schema."""

    target_class = "portal.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token (`tg_...`), created on the API tokens settings page "
            "or with `manage.py create_api_token`.",
        }
