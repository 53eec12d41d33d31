"""API tokens: creation, lookup and revocation.

A token reads ``tg_<8 characters>_<secret>``. The first part (``tg_`` and eight
characters) is the visible prefix; the whole token is hashed with SHA-256 and only
the hash is stored. The secret carries 256 bits of randomness, so a plain SHA-256
is enough (a slow password hash would only slow every API call down).
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from portal.errors import ValidationFailed
from portal.models import ApiToken, Membership, Organization, User
from portal.services import activity_record

TOKEN_PREFIX = "tg_"  # noqa: S105 - not a secret
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the full token string, shown once


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _new_prefix() -> str:
    return TOKEN_PREFIX + "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(8))


def api_token_create(
    *,
    user: User,
    name: str,
    organization: Organization | None = None,
    expires_at: datetime | None = None,
) -> IssuedToken:
    """Issue a token for ``user``; bound to ``organization`` when given (the user
    must be a member). Returns the token row and the secret, which is never stored."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = ["Give the token a name, e.g. the system that will use it."]
    elif len(name) > 100:
        errors["name"] = ["Keep the name under 100 characters."]
    if (
        organization is not None
        and not Membership.objects.filter(user=user, organization=organization).exists()
    ):
        errors["organization"] = ["You can only bind a token to an organization you belong to."]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = ["The expiry must be in the future."]
    if not user.is_active:
        errors["user"] = ["This account is deactivated."]
    if errors:
        raise ValidationFailed.for_fields(errors)

    for _ in range(5):
        prefix = _new_prefix()
        raw = f"{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    organization=organization,
                    name=name,
                    prefix=prefix,
                    hashed_key=hash_token(raw),
                    expires_at=expires_at,
                )
                if organization is not None:
                    activity_record(
                        organization=organization,
                        verb="api_token.created",
                        summary=f"API token {prefix}… ({name}) created for {user.email}",
                        actor=user,
                        details={"prefix": prefix},
                    )
        except IntegrityError:  # a prefix collision: draw again
            continue
        return IssuedToken(token=token, secret=raw)
    raise RuntimeError("Could not draw a unique token prefix.")  # pragma: no cover


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token; revoking twice changes nothing."""
    with transaction.atomic():
        if token.user_id != actor.pk:
            raise ValidationFailed.for_fields({"token": "You can only revoke your own tokens."})
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db()
        if updated and token.organization is not None:
            activity_record(
                organization=token.organization,
                verb="api_token.revoked",
                summary=f"API token {token.prefix}… ({token.name}) revoked",
                actor=actor,
                details={"prefix": token.prefix},
            )
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The usable token matching ``raw`` (user active, not revoked, not expired), or None.

    Records the time of use, at most once per ``LAST_USED_RESOLUTION``.
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "organization")
        .filter(hashed_key=hash_token(raw))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, organization loaded."""
    return list(ApiToken.objects.filter(user=user).select_related("organization"))
