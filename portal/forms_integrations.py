"""Forms of the API token and webhook pages; validation stays in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from portal.models import WebhookEvent

EXPIRY_CHOICES = [
    ("", "Never"),
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What will use it, e.g. “ERP nightly sync”. Shown in the list below.",
    )
    organization = forms.ChoiceField(
        required=False,
        label="Reaches",
        help_text="A token bound to one organization cannot reach any other, even where you can.",
    )
    expires_in = forms.ChoiceField(choices=EXPIRY_CHOICES, required=False, label="Expires")

    def __init__(self, *args: Any, memberships: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            ("", "All my organizations (personal token)"),
            *[(m.organization.slug, m.organization.name) for m in memberships],
        ]


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label="Endpoint URL",
        max_length=500,
        assume_scheme="https",
        help_text="An https:// URL of your system that accepts JSON POST requests.",
    )
    description = forms.CharField(max_length=200, required=False)
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which events this endpoint receives.",
    )


class WebhookEndpointEditForm(forms.Form):
    description = forms.CharField(max_length=200, required=False)
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(
        required=False, label="Active", help_text="Inactive endpoints receive nothing."
    )
