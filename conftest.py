"""The tenant triangle every tenancy test starts from.

Two client organizations (Acme and Globex), an editor of each, a viewer of Acme,
a consultant (firm staff) of both, and an outsider who belongs to neither.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.models import Membership, Organization, Role, User
from tests.factories.portal import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory


@dataclass
class Triangle:
    org_a: Organization
    org_b: Organization
    member_a: User
    member_b: User
    viewer_a: User
    consultant: User
    outsider: User
    password: str = PASSWORD


@pytest.fixture
def triangle(db) -> Triangle:
    org_a = OrganizationFactory(name="Acme Analytics", slug="acme")
    org_b = OrganizationFactory(name="Globex Health", slug="globex", sector="healthcare")
    member_a = UserFactory(email="editor@acme.example")
    member_b = UserFactory(email="editor@globex.example")
    viewer_a = UserFactory(email="viewer@acme.example")
    consultant = UserFactory(email="consultant@firm.example", is_firm_staff=True)
    outsider = UserFactory(email="outsider@elsewhere.example")
    MembershipFactory(user=member_a, organization=org_a, role=Role.EDITOR)
    MembershipFactory(user=member_b, organization=org_b, role=Role.EDITOR)
    MembershipFactory(user=viewer_a, organization=org_a, role=Role.VIEWER)
    for org in (org_a, org_b):
        Membership.objects.create(user=consultant, organization=org, role=Role.CONSULTANT)
    return Triangle(org_a, org_b, member_a, member_b, viewer_a, consultant, outsider)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
