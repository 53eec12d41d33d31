"""Respondent links: managing them, and the page a respondent answers on.

The answer page reuses the workload questionnaire's own pieces (``bind``,
``data_from_post``, the field templates, ``validate_workload``) so a respondent
sees and is held to exactly what an editor is.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scope

from portal.errors import ValidationFailed
from portal.models import Role
from portal.models.people import RespondentLink
from portal.people import services
from portal.people.forms import apply_errors
from portal.people.views import base_url, link_unusable
from portal.tenancy import organization_view

# A respondent answers the questionnaire; the workload's name stays as the
# organization chose it.
RESPONDENT_READONLY = ("name",)


class RespondentLinkForm(forms.Form):
    workload = forms.TypedChoiceField(
        label="Workload", coerce=int, required=False, empty_value=None
    )
    new_workload_name = forms.CharField(
        label="…or a new workload named",
        max_length=200,
        required=False,
        help_text="A draft workload with this name is created for the respondent to fill in.",
    )
    email = forms.EmailField(label="Respondent's e-mail address", max_length=254)
    days = forms.IntegerField(label="Link valid for (days)", min_value=1, max_value=60, initial=14)

    def __init__(self, *args: Any, workloads: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workload"].choices = [("", "— choose a workload —")] + [
            (w.pk, w.name) for w in workloads
        ]


def _workloads(organization: Any) -> list[Any]:
    from assessments.workloads.selectors import workload_queryset

    return list(workload_queryset(organization).order_by("name"))


@organization_view(Role.CLIENT_ADMIN)
@require_http_methods(["GET", "POST"])
def respondent_links(request: HttpRequest) -> HttpResponse:
    organization = request.organization  # type: ignore[attr-defined]
    workloads = _workloads(organization)
    form = RespondentLinkForm(request.POST or None, workloads=workloads)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.respondent_link_create(
                organization=organization,
                actor=request.user,  # type: ignore[arg-type]
                email=form.cleaned_data["email"],
                workload_id=form.cleaned_data["workload"],
                new_workload_name=form.cleaned_data["new_workload_name"],
                days=form.cleaned_data["days"],
                base_url=base_url(request),
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Sent {link.email} a link to answer “{link.workload.name}”.")
            return redirect("respondent-links", org_slug=organization.slug)
    links = list(
        RespondentLink.objects.select_related("workload", "created_by").order_by(
            "-created_at", "-pk"
        )
    )
    return render(
        request,
        "people/respondent_links.html",
        {"form": form, "links": links},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@organization_view(Role.CLIENT_ADMIN)
def respondent_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(RespondentLink.objects.select_related("workload"), pk=pk)
    services.respondent_link_revoke(link=link, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"The link of {link.email} no longer works.")
    return redirect("respondent-links", org_slug=request.organization.slug)  # type: ignore[attr-defined]


def _answer_page(
    request: HttpRequest,
    link: RespondentLink,
    token: str,
    *,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    raw: bool = False,
    status: int = 200,
) -> HttpResponse:
    from assessments.workloads.forms import bind, implied_notes

    return render(
        request,
        "people/respondent_answer.html",
        {
            "link": link,
            "organization": link.organization,
            "workload": link.workload,
            "sections": bind(values, errors=errors, raw=raw),
            "errors": errors or {},
            "completion": _completion(values),
            "implied": implied_notes(values),
            "validate_url": reverse("respondent-validate", kwargs={"token": token}),
            "readonly": RESPONDENT_READONLY,
        },
        status=status,
    )


def _completion(values: dict[str, Any]) -> dict[str, Any]:
    from assessments.workloads import fields as spec
    from assessments.workloads.validation import completion_percent, missing_required

    missing = missing_required(values)
    return {
        "percent": completion_percent(values),
        "missing": [{"name": m, "label": spec.BY_NAME[m].label} for m in missing],
        "complete": not missing,
    }


def _posted(request: HttpRequest) -> dict[str, Any]:
    from assessments.workloads.forms import data_from_post

    data = data_from_post(request.POST)
    for name in RESPONDENT_READONLY:
        data.pop(name, None)
    return data


@never_cache
@require_http_methods(["GET", "POST"])
def respondent_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.respondent_link_for_token(token)
    except services.LinkUnusable as exc:
        return link_unusable(request, exc.reason, kind="respondent")
    with scope(organization=link.organization):
        if request.method == "POST":
            complete = request.POST.get("action") == "complete"
            data = _posted(request)
            try:
                services.respondent_answer(token=token, data=data, complete=complete)
            except services.LinkUnusable as exc:
                return link_unusable(request, exc.reason, kind="respondent")
            except ValidationFailed as exc:
                link.workload.refresh_from_db()
                shown = {**link.workload.answers(), **data}
                return _answer_page(
                    request, link, token, values=shown, errors=exc.fields, raw=True, status=400
                )
            if complete:
                return render(
                    request,
                    "people/respondent_thanks.html",
                    {"workload": link.workload, "organization": link.organization},
                )
            messages.success(request, "Draft saved. You can come back to this link later.")
            return redirect("respondent-answer", token=token)
        return _answer_page(request, link, token, values=link.workload.answers())


@require_POST
def respondent_validate(request: HttpRequest, token: str) -> HttpResponse:
    """htmx: one field's message, checked as the editor's questionnaire does."""
    from assessments.workloads import fields as spec
    from assessments.workloads.forms import understood
    from assessments.workloads.validation import validate_workload

    try:
        link = services.respondent_link_for_token(token)
    except services.LinkUnusable:
        return HttpResponse("This link no longer works.", status=410)
    name = request.GET.get("field", "")
    if name not in spec.BY_NAME:
        return HttpResponse("Unknown field.", status=400)
    data = _posted(request)
    errors: list[str] = []
    with scope(organization=link.organization):
        try:
            validate_workload(
                data,
                existing=link.workload.answers(),
                complete=True,
                only=[name],
                # The name is not the respondent's to change (RESPONDENT_READONLY).
                name_taken=lambda _name: False,
            )
        except ValidationFailed as exc:
            errors = exc.fields.get(name, [])
    return render(
        request,
        "workloads/_message.html",
        {
            "name": name,
            "errors": errors,
            "understood": "" if errors else understood(spec.BY_NAME[name], data.get(name)),
        },
    )
