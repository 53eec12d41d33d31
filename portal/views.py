"""HTML pages of the portal shell: dashboard, organization home, health."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.selectors import memberships_of
from portal.tenancy import organization_view


def home(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard" if request.user.is_authenticated else "login")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(request.user))
    return render(request, "portal/dashboard.html", {"memberships": memberships})


@organization_view()
def organization_home(request: HttpRequest) -> HttpResponse:
    """The client home: what to do next, the latest verdict and gates, report downloads."""
    from portal.models import Role
    from portal.people import progress

    organization = request.organization  # type: ignore[attr-defined]
    membership = request.membership  # type: ignore[attr-defined]
    state = progress.organization_state(organization)
    return render(
        request,
        "portal/organization_home.html",
        {
            "state": state,
            "next_steps": progress.next_steps(state, can_edit=membership.has_role(Role.EDITOR)),
            "summary": progress.home_summary(state),
            "reports": progress.report_downloads(organization),
            "can_edit": membership.has_role(Role.EDITOR),
            "is_manager": membership.has_role(Role.CLIENT_ADMIN),
        },
    )


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_broker() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return "ok"


def _count_workers() -> int:
    from portal.celery import app

    replies = app.control.ping(timeout=1.0) or []
    return len(replies)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness of the parts the portal needs: 200 when all answer, 503 otherwise."""
    report: dict[str, object] = {}
    healthy = True
    try:
        report["database"] = _check_database()
    except Exception as exc:
        report["database"] = f"unreachable: {exc.__class__.__name__}"
        healthy = False
    if settings.REDIS_URL:
        try:
            report["broker"] = _check_broker()
        except Exception as exc:
            report["broker"] = f"unreachable: {exc.__class__.__name__}"
            healthy = False
        if healthy and request.GET.get("workers") != "0":
            try:
                workers = _count_workers()
            except Exception:
                workers = 0
            report["workers"] = workers
            if workers == 0:
                healthy = False
    else:
        report["broker"] = "in-process (no REDIS_URL)"
    report["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(report, status=200 if healthy else 503)
