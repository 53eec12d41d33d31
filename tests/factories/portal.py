"""Factories for users, organizations and memberships."""

import factory
from factory.django import DjangoModelFactory

from portal.models import Membership, Organization, Role, User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Client {n} Ltd")
    slug = factory.Sequence(lambda n: f"client-{n}")
    sector = "saas"
    headcount = 500
    headquarters_region = "us"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.EDITOR
