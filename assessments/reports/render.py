"""HTML and PDF rendering of the board report (one template for both)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from assessments.reports.context import Branding
from assessments.reports.fetcher import SCHEME, StaticOnlyURLFetcher

TEMPLATE = "reports/report.html"
_HEX = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")
_STATIC_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")


def branding_from_settings() -> Branding:
    """The firm's name, logo and colours; anything malformed falls back to the defaults."""
    primary = (
        settings.FIRM_PRIMARY_COLOR if _HEX.match(settings.FIRM_PRIMARY_COLOR or "") else "#1f4e79"
    )
    accent = (
        settings.FIRM_ACCENT_COLOR if _HEX.match(settings.FIRM_ACCENT_COLOR or "") else "#e69f00"
    )
    logo = (
        settings.FIRM_LOGO
        if settings.FIRM_LOGO and _STATIC_PATH.match(settings.FIRM_LOGO)
        else None
    )
    if logo and ".." in logo:
        logo = None
    return Branding(
        firm_name=settings.FIRM_NAME or "Tollgate",
        logo=logo,
        primary_color=primary,
        accent_color=accent,
    )


def render_report_html(
    context: dict[str, Any], *, for_pdf: bool, preview: dict[str, str] | None = None
) -> str:
    """The report document. For the PDF, assets are addressed through the fetcher's
    scheme; in the browser, through the static URL."""
    static_base = SCHEME if for_pdf else settings.STATIC_URL
    return render_to_string(
        TEMPLATE, {**context, "static_base": static_base, "preview": None if for_pdf else preview}
    )


@dataclass(frozen=True)
class RenderedPDF:
    pdf: bytes
    page_count: int
    seconds: float
    refused: tuple[str, ...] = ()


def render_report_pdf(html: str) -> RenderedPDF:
    """WeasyPrint the document; only the project's static files can be loaded."""
    from weasyprint import HTML

    started = time.perf_counter()
    fetcher = StaticOnlyURLFetcher()
    document = HTML(string=html, url_fetcher=fetcher, base_url=SCHEME).render()
    pdf = document.write_pdf()
    return RenderedPDF(
        pdf=pdf,
        page_count=len(document.pages),
        seconds=time.perf_counter() - started,
        refused=tuple(fetcher.refused),
    )
