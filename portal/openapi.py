"""OpenAPI schema post-processing: the one error shape, documented on every operation."""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA_NAME = "Error"

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error answers in this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {
                    "type": "string",
                    "description": "Machine-readable, e.g. validation_error, not_found, "
                    "authentication_failed, permission_denied, conflict, throttled.",
                },
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "Messages per input field (validation errors only).",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}

_ERRORS = {
    "400": "Invalid input: `fields` names each problem; nothing was changed.",
    "401": "No valid credentials: a missing, unknown, revoked or expired token.",
    "403": "Authenticated, but the role (or the CSRF token of a session) is missing.",
    "404": "Not found, or an organization the caller does not belong to.",
    "429": "Rate limit reached; retry after the number of seconds in `Retry-After`.",
}
_BODY_ERRORS = {
    "415": "Unsupported content type.",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Document the error responses every operation can give, in the one error shape."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = dict(_ERRORS)
            if method in ("post", "put", "patch"):
                errors.update(_BODY_ERRORS)
            for code, description in errors.items():
                response = operation["responses"].setdefault(code, {"description": description})
                response.setdefault("content", {"application/json": {"schema": ref}})
                if code == "429":
                    response.setdefault(
                        "headers",
                        {
                            "Retry-After": {
                                "schema": {"type": "integer"},
                                "description": "Seconds to wait before retrying.",
                            }
                        },
                    )
                if code == "401":
                    response.setdefault(
                        "headers",
                        {
                            "WWW-Authenticate": {
                                "schema": {"type": "string"},
                                "description": 'Bearer realm="api"',
                            }
                        },
                    )
    return result
