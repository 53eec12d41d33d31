"""REST API of workloads (API.md): CRUD, spreadsheet import, latency samples.

Input serializers describe the shape (and the OpenAPI schema) but pass answers
through unchanged: the rules are applied once, by the services via
``assessments.workloads.validation``, so "10M" tokens work here as in the form.
"""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers, status
from rest_framework.fields import empty
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.models import Workload
from assessments.workloads import fields as spec
from assessments.workloads import selectors, services, spreadsheets
from assessments.workloads.latency import parse_samples_csv
from assessments.workloads.validation import implied_regulations
from portal.errors import ValidationFailed
from portal.models import Role
from portal.tenancy import OrganizationScopedAPIMixin

# ---------------------------------------------------------------- input fields


class _Raw:
    """Keeps the posted value as sent; the validation module judges it."""

    def run_validation(self, data: Any = empty) -> Any:
        _is_empty, value = self.validate_empty_values(data)  # type: ignore[attr-defined]
        return value


class RawChar(_Raw, serializers.CharField):
    pass


class RawChoice(_Raw, serializers.ChoiceField):
    pass


class RawList(_Raw, serializers.ListField):
    pass


class RawBool(_Raw, serializers.BooleanField):
    pass


class RawInt(_Raw, serializers.IntegerField):
    pass


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "example": "10M"},
        ],
        "nullable": True,
        "description": 'Tokens: a whole number, or human input such as "10M", "2,000,000", "1.5k".',
    }
)
class RawTokens(_Raw, serializers.Field):
    pass


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "format": "decimal"}, {"type": "number"}],
        "nullable": True,
    }
)
class RawDecimal(_Raw, serializers.Field):
    pass


def _input_field(f: spec.FieldSpec) -> serializers.Field:
    common: dict[str, Any] = {"required": False, "help_text": f.help}
    if f.kind in ("text", "longtext"):
        return RawChar(allow_blank=True, max_length=f.max_length, **common)
    if f.kind == "choice":
        return RawChoice(choices=f.choices, allow_blank=True, **common)
    if f.kind == "multi":
        return RawList(child=serializers.ChoiceField(choices=f.choices), **common)
    if f.kind == "bool":
        return RawBool(**common)
    if f.kind == "int":
        return RawInt(allow_null=True, **common)
    if f.kind == "tokens":
        return RawTokens(allow_null=True, **common)
    if f.kind == "decimal":
        return RawDecimal(allow_null=True, **common)
    return RawChar(allow_blank=True, allow_null=True, max_length=f.max_length, **common)


def _output_field(f: spec.FieldSpec) -> serializers.Field:
    ro: dict[str, Any] = {"read_only": True, "help_text": f.help}
    if f.kind in ("text", "longtext"):
        return serializers.CharField(**ro)
    if f.kind == "choice":
        return serializers.ChoiceField(choices=f.choices, allow_blank=True, **ro)
    if f.kind == "multi":
        return serializers.ListField(child=serializers.ChoiceField(choices=f.choices), **ro)
    if f.kind == "bool":
        return serializers.BooleanField(**ro)
    if f.kind in ("int", "tokens"):
        return serializers.IntegerField(allow_null=f.default is None, **ro)
    if f.kind == "decimal":
        return serializers.DecimalField(
            max_digits=f.max_digits,
            decimal_places=f.decimal_places,
            allow_null=f.default is None,
            coerce_to_string=True,
            **ro,
        )
    return serializers.CharField(allow_null=True, **ro)


READ_ONLY_KEYS = {
    "id",
    "is_complete",
    "missing_fields",
    "implied_regulations",
    "latency_samples",
    "created_at",
    "updated_at",
}


class _WorkloadInputBase(serializers.Serializer):
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(spec.FIELD_NAMES) - READ_ONLY_KEYS)
        if unknown:
            raise ValidationFailed.for_fields(
                {k: "This is not a workload question." for k in unknown}
            )
        return attrs


WorkloadInputSerializer = type(
    "WorkloadInputSerializer",
    (_WorkloadInputBase,),
    {f.name: _input_field(f) for f in spec.FIELDS},
)


class ImpliedRegulationSerializer(serializers.Serializer):
    regulation = serializers.ChoiceField(choices=spec.REGULATION_CHOICES)
    reason = serializers.CharField()


class LatencySummarySerializer(serializers.Serializer):
    offering = serializers.CharField()
    count = serializers.IntegerField()
    p50 = serializers.IntegerField(allow_null=True)
    p90 = serializers.IntegerField(allow_null=True)
    p99 = serializers.IntegerField(allow_null=True)


WorkloadSerializer = type(
    "WorkloadSerializer",
    (serializers.Serializer,),
    {
        "id": serializers.IntegerField(read_only=True),
        **{f.name: _output_field(f) for f in spec.FIELDS},
        "is_complete": serializers.BooleanField(read_only=True),
        "missing_fields": serializers.ListField(
            child=serializers.ChoiceField(choices=[(n, n) for n in spec.FIELD_NAMES]),
            read_only=True,
            help_text="Required answers still missing (a draft until this is empty).",
        ),
        "implied_regulations": ImpliedRegulationSerializer(
            many=True,
            read_only=True,
            help_text="Regulations the data implies but the answers do not tick "
            "(the assessment applies them).",
        ),
        "latency_evidence": LatencySummarySerializer(many=True, read_only=True),
        "created_at": serializers.DateTimeField(read_only=True),
        "updated_at": serializers.DateTimeField(read_only=True),
    },
)


def _body(workload: Workload) -> dict[str, Any]:
    data = selectors.workload_as_dict(workload)
    data.pop("latency_samples", None)
    data["implied_regulations"] = [
        {"regulation": code, "reason": reason}
        for code, reason in implied_regulations(workload.answers())
    ]
    data["latency_evidence"] = [
        {"offering": s.offering, "count": s.count, "p50": s.p50, "p90": s.p90, "p99": s.p99}
        for s in workload.latency_sample_sets.all()
    ]
    data["created_at"] = workload.created_at
    data["updated_at"] = workload.updated_at
    return WorkloadSerializer(data).data


COMPLETE_PARAM = OpenApiParameter(
    "complete",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description="true: refuse the change unless every required answer is given. "
    "Otherwise the workload may be saved as a draft.",
)


def _complete(request: Request) -> bool:
    return str(request.query_params.get("complete", "")).lower() in ("1", "true", "yes")


def _clean_input(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise ValidationFailed.for_fields({"non_field_errors": "Send a JSON object."})
    serializer = WorkloadInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# ---------------------------------------------------------------- views


class WorkloadListCreate(OrganizationScopedAPIMixin, generics.GenericAPIView):
    required_roles = {"POST": Role.EDITOR}
    serializer_class = WorkloadSerializer

    def get_queryset(self) -> Any:
        return (
            selectors.workload_queryset(self.organization)
            .prefetch_related("latency_sample_sets")
            .order_by("name", "pk")
        )

    @extend_schema(
        summary="The organization's workloads",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(spec.BY_NAME["status"].codes)),
            OpenApiParameter(
                "use_case", OpenApiTypes.STR, enum=list(spec.BY_NAME["use_case"].codes)
            ),
        ],
        responses=WorkloadSerializer(many=True),
    )
    def get(self, request: Request, org_slug: str) -> Response:
        qs = self.get_queryset()
        if request.query_params.get("status") in spec.BY_NAME["status"].codes:
            qs = qs.filter(status=request.query_params["status"])
        if request.query_params.get("use_case") in spec.BY_NAME["use_case"].codes:
            qs = qs.filter(use_case=request.query_params["use_case"])
        page = self.paginate_queryset(list(qs))
        return self.get_paginated_response([_body(w) for w in page])

    @extend_schema(
        summary="Create a workload (editor and up)",
        request=WorkloadInputSerializer,
        parameters=[COMPLETE_PARAM],
        responses={201: WorkloadSerializer},
    )
    def post(self, request: Request, org_slug: str) -> Response:
        data = _clean_input(request)
        workload = services.workload_create(
            organization=self.organization,
            data=data,
            actor=request.user,
            complete=_complete(request),
        )
        return Response(_body(workload), status=status.HTTP_201_CREATED)


class WorkloadDetail(OrganizationScopedAPIMixin, generics.GenericAPIView):
    required_roles = {"PATCH": Role.EDITOR, "DELETE": Role.EDITOR}
    serializer_class = WorkloadSerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return Workload.objects.none()

    @extend_schema(summary="One workload")
    def get(self, request: Request, org_slug: str, pk: int) -> Response:
        return Response(_body(selectors.workload_get(self.organization, pk)))

    @extend_schema(
        summary="Change some answers (editor and up)",
        request=WorkloadInputSerializer,
        parameters=[COMPLETE_PARAM],
        responses={200: WorkloadSerializer},
    )
    def patch(self, request: Request, org_slug: str, pk: int) -> Response:
        workload = selectors.workload_get(self.organization, pk)
        data = _clean_input(request)
        services.workload_update(
            workload=workload, data=data, actor=request.user, complete=_complete(request)
        )
        return Response(_body(workload))

    @extend_schema(summary="Delete a workload (editor and up)", responses={204: None})
    def delete(self, request: Request, org_slug: str, pk: int) -> Response:
        workload = selectors.workload_get(self.organization, pk)
        services.workload_delete(workload=workload, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV or XLSX; headers are the workload field names.")


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())


class WorkloadImport(OrganizationScopedAPIMixin, generics.GenericAPIView):
    required_roles = {"POST": Role.EDITOR}
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ImportRequestSerializer

    @extend_schema(
        summary="Import workloads from CSV or XLSX: every row or none",
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            201: ImportResultSerializer,
            400: OpenApiResponse(
                description='Errors keyed "row N" (the message names the column) or by column.'
            ),
        },
    )
    def post(self, request: Request, org_slug: str) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationFailed.for_fields({"file": "Send the spreadsheet in the field file."})
        rows = spreadsheets.read_upload(upload.name or "", upload.read())
        created = services.workloads_import(
            organization=self.organization, rows=rows, actor=request.user
        )
        return Response(
            {"created": len(created), "ids": [w.pk for w in created]},
            status=status.HTTP_201_CREATED,
        )


class LatencyJSONSerializer(serializers.Serializer):
    offering = serializers.CharField(help_text="Catalog offering key.")
    samples = serializers.ListField(
        child=serializers.FloatField(min_value=0), help_text="Latencies in milliseconds."
    )


class LatencyUploadSerializer(serializers.Serializer):
    offering = serializers.CharField(help_text="Catalog offering key.")
    file = serializers.FileField(help_text="CSV with a latency_ms column (or a JSON list).")


class LatencySamples(OrganizationScopedAPIMixin, generics.GenericAPIView):
    required_roles = {"POST": Role.EDITOR}
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = LatencySummarySerializer

    @extend_schema(
        summary="Store staging latency samples for one offering (replaces earlier ones)",
        request={
            "application/json": LatencyJSONSerializer,
            "multipart/form-data": LatencyUploadSerializer,
        },
        responses={201: LatencySummarySerializer},
    )
    def post(self, request: Request, org_slug: str, pk: int) -> Response:
        workload = selectors.workload_get(self.organization, pk)
        upload = request.FILES.get("file")
        field = "samples"
        if upload is not None:
            field = "file"
            content = upload.read()
            try:
                samples: Any = parse_samples_csv(content)
            except ValueError as exc:
                try:
                    samples = json.loads(content)
                except (ValueError, UnicodeDecodeError):
                    raise ValidationFailed.for_fields({"file": str(exc)}) from None
        else:
            if "samples" not in request.data:
                raise ValidationFailed.for_fields(
                    {"samples": "Send samples (a list of milliseconds) or a CSV file."}
                )
            samples = request.data.get("samples")
        result = services.latency_samples_upload(
            workload=workload,
            offering=request.data.get("offering"),
            samples=samples,
            actor=request.user,
            samples_field=field,
        )
        body = LatencySummarySerializer(
            {
                "offering": result.offering,
                "count": result.count,
                "p50": result.p50,
                "p90": result.p90,
                "p99": result.p99,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)
