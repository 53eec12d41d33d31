"""Every organization-scoped route of the project, found by walking the URL resolver,
and one object of organization B for each kind of id those routes take."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_scopes import scopes_disabled

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    pattern: str  # e.g. "api/v1/organizations/<slug:org_slug>/workloads/<int:pk>/"
    name: str
    callback: Any

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def object_kwargs(self) -> list[str]:
        return [k for k in re.findall(r"<(?:\w+:)?(\w+)>", self.pattern) if k != "org_slug"]

    def methods(self) -> list[str]:
        view_class = getattr(self.callback, "cls", None)
        if view_class is not None:  # DRF: the handlers the view defines
            return [m for m in HTTP_METHODS if hasattr(view_class, m)]
        return ["get", "post"]  # function views: whatever they answer, it must be a 404

    def url(self, slug: str, ids: dict[str, Any]) -> str:
        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            return slug if name == "org_slug" else str(ids[name])

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, self.pattern)


def _walk(patterns: list[Any], prefix: str = "") -> list[Route]:
    routes: list[Route] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            routes += _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            routes.append(Route(prefix + str(p.pattern), p.name or "", p.callback))
    return routes


def organization_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if "<slug:org_slug>" in r.pattern]


# Which object a route's id refers to, from the route's name. A route whose ids are
# not covered here makes the matrix fail: add the kind of object it addresses.
_KINDS = [
    ("delivery_pk", r"webhook", "webhook_delivery"),
    ("pk", r"webhook", "webhook_endpoint"),
    ("pk", r"workload", "workload"),
    ("pk", r"member", "membership"),
    ("pk", r"invitation", "invitation"),
    ("pk", r"respondent", "respondent_link"),
    ("pk", r"run|assessment|report", "run"),
    ("run_pk", r".", "run"),
    ("run_id", r".", "run"),
    ("workload_pk", r".", "workload"),
]


def object_kind(route: Route, kwarg: str) -> str | None:
    for name, pattern, kind in _KINDS:
        if name == kwarg and re.search(pattern, route.name):
            return kind
    return None


def seed_objects(organization: Any, member: Any) -> dict[str, int]:
    """One object of each kind in ``organization``; returns their ids by kind."""
    from assessments.models import AssessmentRun
    from portal.models import Membership, WebhookDelivery
    from portal.models.people import RespondentLink
    from portal.webhooks import webhook_endpoint_create
    from tests.factories.assessments import LatencySampleSetFactory, WorkloadFactory
    from tests.factories.people import make_invitation

    with scopes_disabled():
        workload = WorkloadFactory(organization=organization)
        LatencySampleSetFactory(workload=workload)
        endpoint = webhook_endpoint_create(
            organization=organization,
            data={"url": "https://hooks.example.com/b", "events": ["assessment.succeeded"]},
        )
        delivery = WebhookDelivery.objects.create(
            organization=organization,
            endpoint=endpoint,
            event="assessment.succeeded",
            status="failed",
        )
        invitation = make_invitation(organization=organization, email="invitee@b.example")
        run = AssessmentRun.objects.create(organization=organization, status="succeeded")
        membership = Membership.objects.get(user=member, organization=organization)
        link = RespondentLink.objects.create(
            organization=organization,
            workload=workload,
            email="respondent@b.example",
            token_hash=secrets.token_hex(32),
            expires_at=timezone.now() + timedelta(days=7),
        )
    return {
        "workload": workload.pk,
        "webhook_endpoint": endpoint.pk,
        "webhook_delivery": delivery.pk,
        "invitation": invitation.pk,
        "run": run.pk,
        "membership": membership.pk,
        "respondent_link": link.pk,
    }
