"""Portal models: users, organizations and memberships (core), API tokens and
webhooks (integrations), invitations and respondent links (people)."""

from portal.models.core import *  # noqa: F403
from portal.models.core import (
    ROLE_RANK,
    ActivityEvent,
    Certification,
    Membership,
    Organization,
    Region,
    Role,
    Sector,
    User,
    UserManager,
)
from portal.models.integrations import *  # noqa: F403
from portal.models.people import *  # noqa: F403

__all__ = [
    "ROLE_RANK",
    "ActivityEvent",
    "Certification",
    "Membership",
    "Organization",
    "Region",
    "Role",
    "Sector",
    "User",
    "UserManager",
]
