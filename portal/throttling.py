"""Rate limits per API token and per user (429 with ``Retry-After``).

Rates come from the environment (``API_RATE_TOKEN``, ``API_RATE_USER``,
``API_RATE_ANON``, e.g. ``120/minute``) and are read from the live DRF settings at
each request, so tests can change them. Counters live in the default cache
(Redis when configured, shared by every web process).
"""

from __future__ import annotations

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(_LiveRateThrottle):
    """Requests per API token: each integration has its own budget."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        from portal.models import ApiToken

        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class UserRateThrottle(_LiveRateThrottle):
    """Requests per user, whatever the credentials (session or any of their tokens)."""

    scope = "user"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonRateThrottle(_LiveRateThrottle):
    """Unauthenticated requests per client address."""

    scope = "anon"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
