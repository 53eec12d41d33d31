"""Factories for workloads and their latency evidence."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from assessments.models import LatencySampleSet, Workload
from tests.factories.portal import OrganizationFactory


class WorkloadFactory(DjangoModelFactory):
    """A complete workload (every required answer given)."""

    class Meta:
        model = Workload

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Workload {n}")
    description = "Answers questions about internal documents."
    status = "production"
    use_case = "internal_tooling"
    data_categories = factory.LazyFunction(lambda: ["internal"])
    daily_input_tokens = 2_000_000
    daily_output_tokens = 400_000
    reasoning_multiplier = Decimal("1.00")
    cached_input_share = Decimal("0.0000")


class LatencySampleSetFactory(DjangoModelFactory):
    class Meta:
        model = LatencySampleSet

    workload = factory.SubFactory(WorkloadFactory)
    organization = factory.LazyAttribute(lambda o: o.workload.organization)
    offering = "deepseek/deepseek-chat"
    samples = factory.LazyFunction(lambda: list(range(100, 1100, 10)))
    count = factory.LazyAttribute(lambda o: len(o.samples))
