"""Factories for the vendor catalog."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from vendors.models import (
    CatalogImport,
    Offering,
    OfferingCertification,
    OfferingPrice,
    OfferingRegion,
    Restriction,
    Source,
    Vendor,
)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("ref",)

    ref = factory.Sequence(lambda n: f"test:source-{n}")
    citation = factory.Sequence(lambda n: f"Test citation {n}")
    url = "https://example.com/source"
    retrieved_on = date(2026, 1, 23)


class VendorFactory(DjangoModelFactory):
    class Meta:
        model = Vendor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Vendor {n}")
    slug = factory.Sequence(lambda n: f"vendor-{n}")
    hq_country = "us"


class OfferingFactory(DjangoModelFactory):
    class Meta:
        model = Offering
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"testhost/model-{n}")
    name = factory.Sequence(lambda n: f"Test model {n}")
    vendor = factory.SubFactory(VendorFactory)
    host_provider = "Test Host"
    deployment_mode = "api"
    origin = "manual"


class OfferingRegionFactory(DjangoModelFactory):
    class Meta:
        model = OfferingRegion

    offering = factory.SubFactory(OfferingFactory)
    kind = "processing"
    region = "us"


class OfferingCertificationFactory(DjangoModelFactory):
    class Meta:
        model = OfferingCertification

    offering = factory.SubFactory(OfferingFactory)
    code = "soc2"
    source = factory.SubFactory(SourceFactory)


class RestrictionFactory(DjangoModelFactory):
    class Meta:
        model = Restriction

    offering = factory.SubFactory(OfferingFactory)
    kind = "regulatory_ban"
    jurisdiction = "it"
    note = "Test ban"
    source = factory.SubFactory(SourceFactory)


class OfferingPriceFactory(DjangoModelFactory):
    class Meta:
        model = OfferingPrice

    offering = factory.SubFactory(OfferingFactory)
    input_per_mtok = Decimal("1.00")
    output_per_mtok = Decimal("2.00")
    effective_from = date(2026, 1, 1)
    source = factory.SubFactory(SourceFactory)


class CatalogImportFactory(DjangoModelFactory):
    class Meta:
        model = CatalogImport

    kind = "litellm"
    file_name = "prices.json"
    prices_as_of = factory.LazyFunction(date.today)
    started_at = factory.Faker("date_time", tzinfo=__import__("datetime").timezone.utc)
    finished_at = factory.SelfAttribute("started_at")
