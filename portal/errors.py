"""One error vocabulary: domain errors, and their single JSON shape in the API.

Every API error is ``{"error": {"code", "message", "fields"}}``. Services raise
``ValidationFailed`` (with per-field messages) or ``Conflict``; forms map the same
``fields`` onto their inputs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django_scopes import ScopeError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class DomainError(Exception):
    """Base of errors a service raises on purpose."""

    code = "domain_error"
    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class ValidationFailed(DomainError):
    code = "validation_error"

    @classmethod
    def for_fields(cls, fields: dict[str, list[str] | str]) -> ValidationFailed:
        normalised = {k: ([v] if isinstance(v, str) else list(v)) for k, v in fields.items()}
        count = len(normalised)
        noun = "field" if count == 1 else "fields"
        return cls(f"{count} {noun} need attention.", fields=normalised)


class Conflict(DomainError):
    code = "conflict"
    status_code = status.HTTP_409_CONFLICT


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"field": ["message", ...]}``."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "non_field_errors" if key == "non_field_errors" else str(key)
            sub = f"{prefix}.{name}" if prefix else name
            out.update(_flatten(value, sub))
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            out[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                out.update(_flatten(item, f"{prefix}[{index}]" if prefix else str(index)))
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ParseError: "parse_error",
}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The single DRF exception handler: every error leaves in one shape."""
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        fields = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(fields)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ScopeError):
        # A query escaped its tenant scope: treat as "not yours", never leak rows.
        exc = exceptions.NotFound()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        count = len(fields)
        message = f"{count} field{'s' if count != 1 else ''} need attention."
        response.data = error_body("validation_error", message, fields)
        return response
    code = next((c for cls, c in _CODES.items() if isinstance(exc, cls)), "error")
    message = str(getattr(exc, "detail", exc))
    response.data = error_body(code, message)
    return response


def json_error_view(status_code: int, code: str, message: str) -> Any:
    def view(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
        return JsonResponse(error_body(code, message), status=status_code)

    return view
