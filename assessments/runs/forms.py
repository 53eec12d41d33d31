"""The "new assessment" form: choices from the catalog, assumptions prefilled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from assessments.runs import services
from costing.assumptions import SPECS
from portal.errors import ValidationFailed

CALENDAR_CHOICES = [
    ("business_days", "Business days: a month is 22 active days (or the workload's own count)"),
    ("calendar_days", "Calendar days: a year is 365 days, a month a twelfth of it"),
]
ACCOUNTING_CHOICES = [
    ("cash", "Cash: hardware counted when it is paid for"),
    ("accrual", "Accrual: hardware depreciated over its life"),
]
ASSUMPTION_PREFIX = "a_"


def _label(name: str) -> str:
    text = name.replace("_usd", " (USD)").replace("_pct", " (share)").replace("_", " ")
    return text[0].upper() + text[1:]


def _help(doc: str) -> str:
    source, _, text = doc.partition(": ")
    if source == "article":
        return f"{text}. Default from the source article (January 2026)."
    if source == "product":
        return f"{text}. The portal's own starting assumption."
    return doc


class RunForm(forms.Form):
    candidate_offerings = forms.MultipleChoiceField(
        label="Candidate offerings",
        widget=forms.CheckboxSelectMultiple,
        help_text="The offerings under evaluation; each workload is checked on every one.",
    )
    baseline_offering = forms.ChoiceField(
        label="Baseline (incumbent) offering",
        help_text="What the candidates are compared with; gate 3 uses its negotiated price.",
    )
    horizon_years = forms.IntegerField(
        label="Planning horizon (years)",
        min_value=1,
        max_value=10,
        initial=services.DEFAULT_HORIZON_YEARS,
        help_text="Total cost of ownership is summed over this many years.",
    )
    calendar = forms.ChoiceField(
        label="Calendar",
        choices=CALENDAR_CHOICES,
        initial="business_days",
        widget=forms.RadioSelect,
    )
    accounting = forms.ChoiceField(
        label="Accounting basis",
        choices=ACCOUNTING_CHOICES,
        initial="cash",
        widget=forms.RadioSelect,
    )
    prices_as_of = forms.DateField(
        label="Prices as of",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Catalog prices in force on this date are used (and kept with the run).",
    )
    simulations = forms.IntegerField(
        label="Monte Carlo simulations",
        min_value=0,
        max_value=services.MAX_SIMULATIONS,
        initial=services.DEFAULT_SIMULATIONS,
        help_text="Draws over the low/high ranges; 0 turns the simulation off.",
    )
    seed = forms.IntegerField(
        label="Random seed",
        min_value=0,
        required=False,
        help_text="Leave empty for a random seed (it is recorded). The same seed and inputs "
        "give the same figures.",
    )

    def __init__(self, *args: Any, offering_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keys = [key for key, _ in offering_choices]
        self.fields["candidate_offerings"].choices = offering_choices
        self.fields["baseline_offering"].choices = offering_choices
        self.fields["candidate_offerings"].initial = services.default_candidates(keys)
        if services.DEFAULT_BASELINE in keys:
            self.fields["baseline_offering"].initial = services.DEFAULT_BASELINE
        self.fields["prices_as_of"].initial = timezone.localdate()
        for name, spec in SPECS.items():
            field_name = ASSUMPTION_PREFIX + name
            if spec.kind == "bool":
                self.fields[field_name] = forms.BooleanField(
                    label=_label(name),
                    required=False,
                    initial=spec.default,
                    help_text=_help(spec.doc),
                )
            else:
                self.fields[field_name] = forms.DecimalField(
                    label=_label(name), initial=spec.default, help_text=_help(spec.doc)
                )

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("candidate_offerings", "baseline_offering", "horizon_years")]

    def option_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("calendar", "accounting", "prices_as_of", "simulations", "seed")]

    def assumption_fields(self) -> list[forms.BoundField]:
        return [self[ASSUMPTION_PREFIX + name] for name in SPECS]

    def parameters(self) -> dict[str, Any]:
        """The service's parameters; assumptions only where they differ from the defaults."""
        data = self.cleaned_data
        overrides: dict[str, Any] = {}
        for name, spec in SPECS.items():
            value = data.get(ASSUMPTION_PREFIX + name)
            if value is None:
                continue
            if spec.kind == "bool":
                if bool(value) != spec.default:
                    overrides[name] = bool(value)
            elif Decimal(value) != spec.default:
                overrides[name] = str(value)
        params = {
            "candidate_offerings": data["candidate_offerings"],
            "baseline_offering": data["baseline_offering"],
            "horizon_years": data["horizon_years"],
            "calendar": data["calendar"],
            "accounting": data["accounting"],
            "prices_as_of": data["prices_as_of"],
            "simulations": data["simulations"],
            "assumptions": overrides,
        }
        if data.get("seed") is not None:
            params["seed"] = data["seed"]
        return params

    def add_service_errors(self, exc: ValidationFailed) -> None:
        for name, messages in exc.fields.items():
            field: str | None = name
            if name.startswith("assumptions."):
                field = ASSUMPTION_PREFIX + name.split(".", 1)[1]
            if field not in self.fields:
                field = None
                messages = [f"{name}: {m}" for m in messages]
            for message in messages:
                self.add_error(field, message)
