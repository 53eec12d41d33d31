"""The only way WeasyPrint may load a resource while rendering a report.

Report templates address the project's own static files as
``tollgate-static:<path>`` (for example ``tollgate-static:reports/fonts/x.woff2``).
Everything else (``file://``, ``http(s)://``, ``data:``, ``ftp:``, relative paths)
is refused, so that text a client typed, even if it were ever rendered
unescaped, cannot make the renderer read a local file or reach the network.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "tollgate-static:"

# The static prefixes a report may use: its own assets and the firm's logo.
ALLOWED_PREFIXES = ("reports/", "portal/")
ALLOWED_SUFFIXES = {".woff2", ".woff", ".ttf", ".css", ".svg", ".png", ".jpg", ".jpeg"}


class ReportResourceRefused(ValueError):
    """A report asked for a resource outside the project's static files."""


def static_path_of(url: str) -> str:
    """The static path that ``url`` names, or ReportResourceRefused."""
    if not url.startswith(SCHEME):
        raise ReportResourceRefused(f"only the project's static files may be loaded: {url[:80]}")
    raw = url[len(SCHEME) :].split("?", 1)[0].split("#", 1)[0].lstrip("/")
    path = PurePosixPath(raw)
    if not raw or ".." in path.parts or "\\" in raw or ":" in raw:
        raise ReportResourceRefused(f"not a plain static path: {raw[:80]}")
    allowed = raw.startswith(ALLOWED_PREFIXES) or raw == (settings.FIRM_LOGO or "")
    if not allowed or path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ReportResourceRefused(f"not a report asset: {raw[:80]}")
    return str(path)


def static_file(url: str) -> Path:
    """The file on disk behind a ``tollgate-static:`` URL (found like collectstatic does)."""
    name = static_path_of(url)
    found = finders.find(name)
    if not found:
        raise ReportResourceRefused(f"no such static file: {name}")
    return Path(found if isinstance(found, str) else found[0])


class StaticOnlyURLFetcher(URLFetcher):
    """A WeasyPrint fetcher that serves the project's static files and nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            path = static_file(url)
        except ReportResourceRefused:
            self.refused.append(url)
            raise
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".woff2":
            content_type = "font/woff2"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
