"""Forms of the people pages. They only parse input; the services validate."""

from __future__ import annotations

from typing import Any

from django import forms

from portal.errors import ValidationFailed
from portal.models import Certification, Region, Role, Sector
from portal.models.people import WorkloadIntake


def apply_errors(form: forms.Form, exc: ValidationFailed) -> None:
    """Show a service's per-field messages on the form's inputs."""
    for name, messages in exc.fields.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)
    if not exc.fields:
        form.add_error(None, exc.message)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices)

    def __init__(self, *args: Any, roles: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = [(r, Role(r).label) for r in roles]
            if Role.EDITOR in roles and not self.is_bound:
                self.fields["role"].initial = Role.EDITOR


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class NewAccountForm(forms.Form):
    full_name = forms.CharField(
        label="Your name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        help_text="At least 8 characters; not only digits, not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Repeat the password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ClientProfileForm(forms.Form):
    """Step 1 of onboarding: the client's profile (QUESTIONNAIRE.md)."""

    name = forms.CharField(label="Organization name", max_length=200)
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices)
    headcount = forms.IntegerField(label="Headcount", min_value=1, required=False)
    annual_revenue_usd = forms.DecimalField(
        label="Annual revenue (USD)",
        min_value=0,
        max_digits=16,
        decimal_places=2,
        required=False,
        help_text="Sets the GDPR exposure figure: the higher of EUR 20M and 4% of revenue.",
    )
    headquarters_region = forms.ChoiceField(label="Headquarters", choices=Region.choices)
    regulated_entity = forms.BooleanField(
        label="Regulated entity (bank, insurer, healthcare provider or similar)", required=False
    )
    certifications_held = forms.MultipleChoiceField(
        label="Certifications held",
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    national_security_funding = forms.BooleanField(
        label="Some work is funded by defense or national-security programmes", required=False
    )

    def profile_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("headcount", "annual_revenue_usd"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class IntakeForm(forms.Form):
    workload_intake = forms.ChoiceField(
        label="How will the client's workloads arrive?",
        choices=WorkloadIntake.choices,
        widget=forms.RadioSelect,
    )
