"""REST API of assessment runs (API.md): start (202), list, detail with results."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.engine import PORTFOLIO_VERDICTS, VERDICTS
from assessments.models.runs import AssessmentRun, RunStatus
from assessments.runs import selectors, services
from costing.calendars import CALENDARS
from costing.self_hosting import ACCOUNTING_BASES
from portal.models import Role
from portal.tenancy import OrganizationScopedAPIMixin

GATE_OUTCOMES = ("pass", "fail", "scope", "not_evaluated")
COMPLIANCE_STATUSES = ("allowed", "warning", "blocked")
LATENCY_RISKS = ("low", "medium", "high")


class RunStartSerializer(serializers.Serializer):
    """Every field is optional; API.md lists the defaults."""

    candidate_offerings = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Catalog keys of the offerings to assess. Default: the catalog's DeepSeek "
        "offerings (first-party API and self-hosted open weights).",
    )
    baseline_offering = serializers.CharField(
        max_length=200, required=False, help_text="The incumbent to compare with. Default gpt-4o."
    )
    horizon_years = serializers.IntegerField(min_value=1, max_value=10, required=False)
    calendar = serializers.ChoiceField(choices=list(CALENDARS), required=False)
    accounting = serializers.ChoiceField(choices=list(ACCOUNTING_BASES), required=False)
    assumptions = serializers.DictField(
        required=False,
        help_text="Overrides of the named assumptions (DOMAIN.md section 3), e.g. "
        '{"ml_fte_count": 3, "include_exit_costs": false}.',
    )
    prices_as_of = serializers.DateField(
        required=False, help_text="Which catalog prices apply. Default: the run's date."
    )
    simulations = serializers.IntegerField(
        min_value=0,
        max_value=services.MAX_SIMULATIONS,
        required=False,
        help_text="Monte Carlo draws; 0 turns the simulation off. Default 10000.",
    )
    seed = serializers.IntegerField(
        min_value=0,
        max_value=services.MAX_SEED,
        required=False,
        allow_null=True,
        help_text="Same seed, same inputs: same figures. Default: random, and recorded.",
    )


class ParametersSerializer(serializers.Serializer):
    candidate_offerings = serializers.ListField(child=serializers.CharField())
    baseline_offering = serializers.CharField()
    horizon_years = serializers.IntegerField()
    calendar = serializers.ChoiceField(choices=list(CALENDARS))
    accounting = serializers.ChoiceField(choices=list(ACCOUNTING_BASES))
    assumptions = serializers.DictField()
    prices_as_of = serializers.DateField()
    simulations = serializers.IntegerField()
    seed = serializers.IntegerField()


class PercentilesSerializer(serializers.Serializer):
    p10 = serializers.CharField()
    p50 = serializers.CharField()
    p90 = serializers.CharField()


class PortfolioSerializer(serializers.Serializer):
    workload_count = serializers.IntegerField()
    candidate_viable_count = serializers.IntegerField()
    candidate_viable_share = serializers.CharField(help_text="A decimal 0-1.")
    annual_savings_usd = PercentilesSerializer()
    verdict = serializers.ChoiceField(choices=list(PORTFOLIO_VERDICTS))


class GateSerializer(serializers.Serializer):
    gate = serializers.IntegerField()
    name = serializers.ChoiceField(choices=["legal", "latency", "tco"])
    outcome = serializers.ChoiceField(choices=list(GATE_OUTCOMES))
    value = serializers.CharField(allow_null=True)
    threshold = serializers.CharField()
    explanation = serializers.CharField()


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    severity = serializers.ChoiceField(choices=["blocking", "warning"])
    message = serializers.CharField()
    source = serializers.CharField()


class ComplianceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=list(COMPLIANCE_STATUSES))
    findings = FindingSerializer(many=True)


class TcoSerializer(PercentilesSerializer):
    years = serializers.ListField(child=serializers.CharField())
    total = serializers.CharField()


class CostSerializer(serializers.Serializer):
    calendar = serializers.ChoiceField(choices=list(CALENDARS))
    active_days_per_month = serializers.IntegerField(allow_null=True)
    daily_usd = serializers.CharField()
    monthly_usd = serializers.CharField()
    annual_usd = serializers.CharField()
    tco_usd = TcoSerializer()


class LatencySerializer(serializers.Serializer):
    risk = serializers.ChoiceField(choices=list(LATENCY_RISKS))
    measured_p99_ms = serializers.IntegerField(allow_null=True)
    sla_ms = serializers.IntegerField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())


class OptionSerializer(serializers.Serializer):
    offering = serializers.CharField()
    compliance = ComplianceSerializer()
    cost = CostSerializer()
    latency = LatencySerializer()


class WorkloadResultSerializer(serializers.Serializer):
    workload_id = serializers.IntegerField()
    name = serializers.CharField()
    verdict = serializers.ChoiceField(choices=list(VERDICTS))
    recommended_offering = serializers.CharField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    options = OptionSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    """The essential fields (API.md "A finished run"); stored results carry more
    (method, assumptions, sensitivity, break-even, explanations)."""

    ruleset_version = serializers.CharField()
    portfolio = PortfolioSerializer()
    gates = GateSerializer(many=True)
    workloads = WorkloadResultSerializer(many=True)


class RunSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=RunStatus.choices)
    parameters = serializers.SerializerMethodField()
    started_by = serializers.SerializerMethodField()
    workload_count = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentRun
        fields = [
            "id",
            "status",
            "progress",
            "error",
            "attempts",
            "max_attempts",
            "created_at",
            "started_at",
            "finished_at",
            "started_by",
            "parameters",
            "ruleset_version",
            "catalog_version",
            "workload_count",
        ]
        read_only_fields = fields

    def get_started_by(self, run: AssessmentRun) -> str | None:
        return run.started_by.email if run.started_by else None

    def get_workload_count(self, run: AssessmentRun) -> int | None:
        if "inputs_snapshot" in run.get_deferred_fields():
            return None
        return run.workload_count

    @extend_schema_field(ParametersSerializer)
    def get_parameters(self, run: AssessmentRun) -> dict[str, Any]:
        # Stored parameters are plain JSON already: returned exactly as recorded.
        return dict(run.parameters or {})


class RunDetailSerializer(RunSerializer):
    results = serializers.SerializerMethodField()

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "results"]
        read_only_fields = fields

    @extend_schema_field(ResultsSerializer(allow_null=True))
    def get_results(self, run: AssessmentRun) -> dict[str, Any] | None:
        return run.results


class RunListCreate(OrganizationScopedAPIMixin, generics.GenericAPIView):
    required_roles = {"POST": Role.EDITOR}
    serializer_class = RunSerializer

    def get_queryset(self) -> Any:
        return selectors.run_list(self.organization)

    @extend_schema(
        summary="The organization's assessment runs, newest first",
        responses=RunSerializer(many=True),
    )
    def get(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(RunSerializer(page, many=True).data)

    @extend_schema(
        summary="Start an assessment run (editor and up)",
        description="Validates the parameters and the organization's workloads, snapshots "
        "every input and queues the run. Answers 202 with the queued run; poll its URL.",
        request=RunStartSerializer,
        responses={202: RunDetailSerializer},
    )
    def post(self, request: Request, org_slug: str) -> Response:
        serializer = RunStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.assessment_run_start(
            organization=self.organization,
            user=request.user,
            parameters=dict(serializer.validated_data),
        )
        headers = {"Location": f"{request.build_absolute_uri()}{run.pk}/"}
        return Response(
            RunDetailSerializer(run).data, status=status.HTTP_202_ACCEPTED, headers=headers
        )


class RunDetail(OrganizationScopedAPIMixin, generics.GenericAPIView):
    serializer_class = RunDetailSerializer

    def get_queryset(self) -> Any:  # pragma: no cover - schema only
        return AssessmentRun.objects.none()

    @extend_schema(summary="One assessment run: status, progress and, once finished, results")
    def get(self, request: Request, org_slug: str, run_id: int) -> Response:
        run = selectors.run_get(organization=self.organization, run_id=run_id)
        return Response(RunDetailSerializer(run).data)
