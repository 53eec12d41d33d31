"""Catalog pages: list with filters and search, one offering, comparison, staff import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.errors import ValidationFailed
from vendors import selectors
from vendors.article_chart import article_check_context
from vendors.charts import price_chart
from vendors.importer import catalog_import_litellm
from vendors.models import CatalogRegion, CertificationCode, DeploymentMode, Vendor

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    vendor = forms.ChoiceField(label="Vendor", required=False)
    host = forms.ChoiceField(label="Host", required=False)
    mode = forms.ChoiceField(
        label="Deployment",
        required=False,
        choices=[("", "Any"), *DeploymentMode.choices],
    )
    region = forms.ChoiceField(
        label="Region (processing or storage)",
        required=False,
        choices=[("", "Any"), *CatalogRegion.choices],
    )
    certification = forms.ChoiceField(
        label="Certification", required=False, choices=[("", "Any"), *CertificationCode.choices]
    )
    open_weights = forms.ChoiceField(label="Open weights", required=False, choices=YES_NO)
    retired = forms.ChoiceField(
        label="Retired",
        required=False,
        choices=[("", "Any"), ("no", "Not retired"), ("yes", "Retired")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].choices = [
            ("", "Any"),
            *Vendor.objects.order_by("name").values_list("slug", "name"),
        ]
        self.fields["host"].choices = [("", "Any"), *((h, h) for h in selectors.host_names())]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "search": data["q"],
            "vendor": data["vendor"],
            "host": data["host"],
            "deployment_mode": data["mode"],
            "region": data["region"],
            "certification": data["certification"],
            "open_weights": _yes_no(data["open_weights"]),
            "retired": _yes_no(data["retired"]),
        }
    today = timezone.localdate()
    ids = list(selectors.offering_list(**filters).values_list("pk", flat=True))
    page = Paginator(ids, 50).get_page(request.GET.get("page"))
    rows = {o.pk: o for o in selectors.facts_queryset(today).filter(pk__in=list(page))}
    offerings = [
        selectors.facts_of(rows[pk]) | {"retired": _retired(rows[pk], today)} for pk in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vendors/catalog.html",
        {
            "form": form,
            "page": page,
            "offerings": offerings,
            "total": len(ids),
            "status": selectors.catalog_status(),
            "query": query.urlencode(),
            "today": today,
        },
    )


def _retired(offering: Any, today: Any) -> bool:
    return offering.retirement_date is not None and offering.retirement_date <= today


@login_required
def offering_detail(request: HttpRequest, key: str) -> HttpResponse:
    offering = selectors.offering_detail(key)
    if offering is None:
        raise Http404("No offering with this key.")
    today = timezone.localdate()
    facts = selectors.offering_facts([key], as_of=today)[key]
    history = list(getattr(offering, "price_history", []))
    fact_sources: dict[str, list[Any]] = {}
    for link in offering.fact_sources.all():
        fact_sources.setdefault(link.fact, []).append(link.source)
    return render(
        request,
        "vendors/offering.html",
        {
            "offering": offering,
            "facts": facts,
            "history": history,
            "chart": price_chart(history, today=today),
            "fact_sources": sorted(fact_sources.items()),
            "status": selectors.catalog_status(),
            "retired": _retired(offering, today),
            "today": today,
        },
    )


COMPARE_ROWS = [
    ("Vendor", "vendor"),
    ("Host", "host_provider"),
    ("Deployment", "deployment_mode"),
    ("Processing regions", "processing_regions"),
    ("Data storage", "storage_jurisdictions"),
    ("Weights origin", "weights_origin_country"),
    ("Input / M tokens", "input_per_mtok"),
    ("Output / M tokens", "output_per_mtok"),
    ("Cached input / M tokens", "cached_input_per_mtok"),
    ("Batch input / M tokens", "batch_input_per_mtok"),
    ("Batch output / M tokens", "batch_output_per_mtok"),
    ("Price effective from", "price_effective_from"),
    ("Context window", "context_window"),
    ("Max output tokens", "max_output_tokens"),
    ("Streaming", "supports_streaming"),
    ("Reasoning model", "is_reasoning"),
    ("Architecture", "architecture"),
    ("Open weights", "open_weights"),
    ("Licence", "licence"),
    ("Certifications", "certifications"),
    ("Censored topics", "censored_topics"),
    ("Retirement", "retirement_date"),
    ("Successor", "successor_key"),
    ("Self-hosting GPUs", "gpu_count"),
]


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    keys = [k.strip() for k in request.GET.getlist("offering") if k.strip()]
    keys = list(dict.fromkeys(keys))
    error = ""
    columns: list[dict[str, Any]] = []
    if keys and not 2 <= len(keys) <= 4:
        error = "Choose between two and four offerings to compare."
    elif keys:
        try:
            facts = selectors.offering_facts(keys, as_of=timezone.localdate())
        except ValidationFailed as exc:
            error = " ".join(exc.fields.get("offerings", [exc.message]))
        else:
            columns = [facts[k] for k in keys]
    rows = [(label, [_display(column[name]) for column in columns]) for label, name in COMPARE_ROWS]
    return render(
        request,
        "vendors/compare.html",
        {
            "keys": keys,
            "columns": columns,
            "rows": rows,
            "error": error,
            "slots": [*keys, "", "", "", ""][:4],
            "status": selectors.catalog_status(),
        },
        status=400 if error else 200,
    )


def _display(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@login_required
def article_check(request: HttpRequest) -> HttpResponse:
    """The source article's published figures against the engine's recomputation."""
    return render(request, "vendors/article_check.html", article_check_context())


class ImportForm(forms.Form):
    file = forms.FileField(
        label="LiteLLM price file (JSON)",
        help_text="model_prices_and_context_window.json from the LiteLLM project.",
    )
    effective_from = forms.DateField(
        label="Prices effective from",
        required=False,
        help_text="Leave empty for today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dry_run = forms.BooleanField(
        label="Dry run: report what would change, save nothing", required=False
    )


@login_required
def import_prices(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("Only staff may import prices into the catalog.")
    summary = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", "The file is larger than 50 MB.")
        else:
            try:
                summary = catalog_import_litellm(
                    raw=upload.read(),
                    file_name=upload.name,
                    effective_from=form.cleaned_data["effective_from"],
                    user=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ValidationFailed as exc:
                for message in exc.fields.get("file", [exc.message])[:20]:
                    form.add_error("file", message)
    return render(
        request,
        "vendors/import.html",
        {
            "form": form,
            "summary": summary,
            "status": selectors.catalog_status(),
            "recent": selectors.recent_imports(),
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )
