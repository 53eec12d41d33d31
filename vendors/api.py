"""REST API of the catalog (read-only for every signed-in caller; staff edit in the admin)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api_base import Pagination
from vendors import selectors
from vendors.models import CatalogRegion, CertificationCode, DeploymentMode, Vendor

# --- input ----------------------------------------------------------------------


class OfferingQuerySerializer(serializers.Serializer):
    vendor = serializers.CharField(required=False, help_text="Vendor slug or name.")
    host = serializers.CharField(required=False, help_text="Host provider name.")
    mode = serializers.CharField(
        required=False,
        help_text="Deployment mode (api, self_hosted) or LiteLLM mode (chat, responses ...).",
    )
    region = serializers.ChoiceField(choices=CatalogRegion.choices, required=False)
    certification = serializers.ChoiceField(choices=CertificationCode.choices, required=False)
    open_weights = serializers.BooleanField(required=False, allow_null=True, default=None)
    retired = serializers.BooleanField(required=False, allow_null=True, default=None)
    search = serializers.CharField(required=False, max_length=200)
    as_of = serializers.DateField(
        required=False, help_text="Prices in force on this date (default today)."
    )


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)


# --- output ---------------------------------------------------------------------


class RestrictionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["regulatory_ban", "export_control_investigation", "censored_topics"]
    )
    jurisdiction = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    source = serializers.CharField()


class PriceSerializer(serializers.Serializer):
    input_per_mtok = serializers.DecimalField(max_digits=16, decimal_places=8, allow_null=True)
    output_per_mtok = serializers.DecimalField(max_digits=16, decimal_places=8, allow_null=True)
    cached_input_per_mtok = serializers.DecimalField(
        max_digits=16, decimal_places=8, allow_null=True
    )
    batch_input_per_mtok = serializers.DecimalField(
        max_digits=16, decimal_places=8, allow_null=True
    )
    batch_output_per_mtok = serializers.DecimalField(
        max_digits=16, decimal_places=8, allow_null=True
    )
    currency = serializers.CharField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True, help_text="Exclusive; null if current.")
    source = serializers.CharField(source="source_label")


class OfferingSerializer(serializers.Serializer):
    """An offering's facts and the price in force on ``as_of`` (amounts per million tokens)."""

    key = serializers.CharField()
    name = serializers.CharField()
    vendor = serializers.CharField()
    vendor_hq_country = serializers.CharField()
    weights_origin_country = serializers.CharField(allow_null=True)
    host_provider = serializers.CharField(allow_null=True)
    deployment_mode = serializers.ChoiceField(choices=DeploymentMode.choices)
    processing_regions = serializers.ListField(
        child=serializers.ChoiceField(choices=CatalogRegion.choices)
    )
    storage_jurisdictions = serializers.ListField(
        child=serializers.ChoiceField(choices=CatalogRegion.choices)
    )
    architecture = serializers.ChoiceField(choices=["moe", "dense", "unknown"])
    total_params_b = serializers.CharField(allow_null=True, help_text="Decimal string.")
    active_params_b = serializers.CharField(allow_null=True, help_text="Decimal string.")
    context_window = serializers.IntegerField(allow_null=True)
    max_output_tokens = serializers.IntegerField(allow_null=True)
    supports_streaming = serializers.BooleanField(allow_null=True)
    is_reasoning = serializers.BooleanField()
    open_weights = serializers.BooleanField()
    licence = serializers.CharField()
    retirement_date = serializers.DateField(allow_null=True)
    successor_key = serializers.CharField(allow_null=True)
    certifications = serializers.ListField(
        child=serializers.ChoiceField(choices=CertificationCode.choices)
    )
    restrictions = RestrictionSerializer(many=True)
    censored_topics = serializers.BooleanField()
    gpu_count = serializers.IntegerField(allow_null=True)
    gpu_type = serializers.CharField(allow_null=True)
    gpu_memory_gb = serializers.IntegerField(allow_null=True)
    input_per_mtok = serializers.CharField(allow_null=True, help_text="Decimal string.")
    output_per_mtok = serializers.CharField(allow_null=True, help_text="Decimal string.")
    cached_input_per_mtok = serializers.CharField(allow_null=True, help_text="Decimal string.")
    batch_input_per_mtok = serializers.CharField(allow_null=True, help_text="Decimal string.")
    batch_output_per_mtok = serializers.CharField(allow_null=True, help_text="Decimal string.")
    currency = serializers.CharField()
    price_effective_from = serializers.DateField(allow_null=True)
    price_source = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())


class BenchmarkSerializer(serializers.Serializer):
    benchmark = serializers.CharField()
    score = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    unit = serializers.CharField()
    note = serializers.CharField()
    source = serializers.CharField(source="source_label")


class CatalogMetaSerializer(serializers.Serializer):
    catalog_version = serializers.CharField()
    catalog_last_imported_at = serializers.DateTimeField(allow_null=True)
    prices_as_of = serializers.DateField(allow_null=True, help_text="Newest imported price date.")
    stale = serializers.BooleanField(help_text="Prices older than CATALOG_STALE_AFTER_DAYS.")
    stale_after_days = serializers.IntegerField()
    as_of = serializers.DateField()


class OfferingDetailSerializer(OfferingSerializer):
    notes = serializers.CharField()
    price_history = PriceSerializer(many=True)
    benchmarks = BenchmarkSerializer(many=True)
    catalog = CatalogMetaSerializer()


class VendorSerializer(serializers.ModelSerializer):
    offering_count = serializers.IntegerField()
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = ["name", "slug", "hq_country", "website", "notes", "offering_count", "sources"]

    def get_sources(self, obj: Vendor) -> list[str]:
        return [s.label for s in obj.sources.all()]


def _meta(as_of: date) -> dict[str, Any]:
    status = selectors.catalog_status()
    return {
        "catalog_version": status.version,
        "catalog_last_imported_at": status.last_imported_at,
        "prices_as_of": status.prices_as_of,
        "stale": status.stale,
        "stale_after_days": status.stale_after_days,
        "as_of": as_of,
    }


class CatalogPagination(Pagination):
    """The default paginator plus the catalog's freshness."""

    meta: dict[str, Any]

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        for name in ("catalog_version", "catalog_last_imported_at", "stale", "as_of"):
            response.data[name] = CatalogMetaSerializer(self.meta).data[name]
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        base = super().get_paginated_response_schema(schema)
        base["properties"].update(
            {
                "catalog_version": {"type": "string"},
                "catalog_last_imported_at": {
                    "type": "string",
                    "format": "date-time",
                    "nullable": True,
                },
                "stale": {"type": "boolean"},
                "as_of": {"type": "string", "format": "date"},
            }
        )
        base["required"] = [*base.get("required", []), "catalog_version", "stale", "as_of"]
        return base


class VendorList(generics.ListAPIView):
    serializer_class = VendorSerializer

    def get_queryset(self) -> Any:
        from django.db.models import Count

        return (
            Vendor.objects.annotate(offering_count=Count("offerings"))
            .prefetch_related("sources")
            .order_by("name")
        )

    @extend_schema(summary="Catalog vendors")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OfferingList(generics.GenericAPIView):
    serializer_class = OfferingSerializer
    pagination_class = CatalogPagination

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return selectors.facts_queryset(timezone.localdate()).none()

    @extend_schema(
        summary="Catalog offerings with the price in force on as_of",
        parameters=[OfferingQuerySerializer],
        responses=OfferingSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = OfferingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        as_of = params.pop("as_of", None) or timezone.localdate()
        ids = selectors.offering_list(**params).values("pk")
        queryset = selectors.facts_queryset(as_of).filter(pk__in=ids)
        queryset = queryset.order_by("vendor__name", "name", "key")
        paginator = self.paginator
        assert isinstance(paginator, CatalogPagination)
        paginator.meta = _meta(as_of)
        page = self.paginate_queryset(queryset)
        data = [selectors.facts_of(o) for o in page or []]
        return self.get_paginated_response(OfferingSerializer(data, many=True).data)


class OfferingDetail(generics.GenericAPIView):
    serializer_class = OfferingDetailSerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return selectors.facts_queryset(timezone.localdate()).none()

    @extend_schema(
        summary="One offering: facts, the price on as_of, full price history and sources",
        parameters=[
            AsOfSerializer,
            OpenApiParameter(
                "key",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Offering key; may contain slashes and colons, raw or percent-encoded.",
            ),
        ],
    )
    def get(self, request: Request, key: str) -> Response:
        query = AsOfSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        offering = selectors.facts_queryset(as_of).filter(key=key).first()
        if offering is None:
            raise Http404("No offering with this key.")
        detail = selectors.offering_detail(key)
        assert detail is not None
        body = selectors.facts_of(offering)
        body["notes"] = detail.notes
        body["price_history"] = [_with_label(p) for p in getattr(detail, "price_history", [])]
        body["benchmarks"] = [_with_label(b) for b in detail.benchmarks.all()]
        body["catalog"] = _meta(as_of)
        return Response(OfferingDetailSerializer(body).data)


def _with_label(row: Any) -> Any:
    row.source_label = row.source.label if row.source else ""
    return row
