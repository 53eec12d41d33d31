"""REST API of board reports: the PDF, its status, and a re-render for editors."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.models import AssessmentReport, AssessmentRun
from assessments.reports import services
from portal.models import Role
from portal.tenancy import OrganizationScopedAPIMixin

ERROR_REF = {"$ref": "#/components/schemas/Error"}
CONFLICT = OpenApiResponse(
    response=ERROR_REF,
    description="The run has not succeeded, or its report is not rendered yet "
    "(code `conflict`); poll the report status and try again.",
)


class PDFRenderer(BaseRenderer):
    """Lets clients send ``Accept: application/pdf``; errors still leave as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> Any:
        return data


class ReportStatusSerializer(serializers.ModelSerializer):
    run = serializers.IntegerField(source="run_id", read_only=True)
    download = serializers.SerializerMethodField()
    render_seconds = serializers.DecimalField(
        max_digits=8, decimal_places=3, coerce_to_string=True, read_only=True, allow_null=True
    )

    class Meta:
        model = AssessmentReport
        fields = [
            "run",
            "status",
            "page_count",
            "pdf_bytes",
            "render_seconds",
            "rendered_at",
            "requested_at",
            "error",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, report: AssessmentReport) -> str | None:
        if not report.is_ready:
            return None
        slug = report.organization.slug
        return f"/api/v1/organizations/{slug}/assessments/{report.run_id}/report.pdf"


class _ReportView(OrganizationScopedAPIMixin, APIView):
    def run_of(self, run_id: int) -> AssessmentRun:
        return get_object_or_404(
            AssessmentRun.objects.select_related("organization"),
            pk=run_id,
            organization=self.organization,
        )

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response):
            # Errors (and status JSON) are JSON whatever the client asked for.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


class ReportPDF(_ReportView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(
        summary="The board report of an assessment run (PDF)",
        description="The stored PDF, rendered from the run's own snapshot and results. "
        "Answers 409 while the run has not succeeded or the report is not rendered yet.",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The report as a PDF document."
            ),
            409: CONFLICT,
        },
        tags=["assessments"],
    )
    def get(self, request: Request, org_slug: str, run_id: int) -> HttpResponse:
        run = self.run_of(run_id)
        report = services.report_pdf_of(run)
        response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{services.report_filename(run)}"'
        response["Content-Length"] = str(report.pdf_bytes)
        return response


class ReportStatusView(_ReportView):
    required_roles = {"POST": Role.EDITOR}

    @extend_schema(
        summary="Whether the run's board report is ready",
        responses={200: ReportStatusSerializer, 409: CONFLICT},
        tags=["assessments"],
    )
    def get(self, request: Request, org_slug: str, run_id: int) -> Response:
        run = self.run_of(run_id)
        report = services.report_for_run(run)
        if report is None:
            services.report_pdf_of(run)  # raises the matching Conflict
        return Response(ReportStatusSerializer(report).data)

    @extend_schema(
        summary="Render the board report again",
        description="Queues a fresh rendering from the run's stored record (editors and up). "
        "Answers 202 with the report's status; poll it until `ready`.",
        request=None,
        responses={202: ReportStatusSerializer, 409: CONFLICT},
        tags=["assessments"],
    )
    def post(self, request: Request, org_slug: str, run_id: int) -> Response:
        run = self.run_of(run_id)
        report = services.report_request(run=run, user=request.user)
        report = (
            AssessmentReport.objects.defer("pdf").select_related("organization").get(pk=report.pk)
        )
        return Response(ReportStatusSerializer(report).data, status=status.HTTP_202_ACCEPTED)
