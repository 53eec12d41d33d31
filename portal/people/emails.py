"""E-mails sent to people: invitations and respondent links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute(base_url: str | None, path: str) -> str:
    base = (base_url or settings.SITE_URL or "").rstrip("/")
    return f"{base}{path}"


def send(*, to: str, template: str, context: dict[str, Any]) -> None:
    """Send ``templates/emails/<template>_subject.txt`` / ``.txt`` / ``.html``."""
    context = {"firm_name": settings.FIRM_NAME, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
