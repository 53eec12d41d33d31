"""The URL fetcher serves the project's static files and refuses everything else."""

from __future__ import annotations

import io
import socket

import pytest
from pypdf import PdfReader

from assessments.reports.fetcher import (
    ReportResourceRefused,
    StaticOnlyURLFetcher,
    static_path_of,
)
from assessments.reports.render import render_report_pdf

from .conftest import engine_source, render

REFUSED = [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "http://127.0.0.1:9/logo.png",
    "https://example.com/logo.png",
    "ftp://example.com/x.ttf",
    "data:image/png;base64,iVBORw0KGgo=",
    "/etc/passwd",
    "tollgate-static:reports/../../../../etc/passwd",
    "tollgate-static:../settings.py",
    "tollgate-static:portal/app.py",
    "tollgate-static:reports/fonts/OFL.txt",
    "tollgate-static:vendors/secret.png",
    "tollgate-static:",
]


@pytest.mark.parametrize("url", REFUSED)
def test_refused(url):
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(ReportResourceRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_serves_a_bundled_font():
    fetcher = StaticOnlyURLFetcher()
    response = fetcher.fetch("tollgate-static:reports/fonts/source-sans-3-latin-400-normal.woff")
    assert response.read(4) == b"wOFF"
    assert static_path_of("tollgate-static:/reports/fonts/x.woff") == "reports/fonts/x.woff"


@pytest.fixture
def no_network(monkeypatch):
    """Any socket connection during the test fails it."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the renderer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_template_markup_pointing_at_files_or_the_network_is_not_fetched(no_network):
    html = (
        "<html><body><p>before</p>"
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<div style="background: url(file:///etc/shadow)">x</div>'
        "<p>after</p></body></html>"
    )
    out = render_report_pdf(html)
    assert "file:///etc/passwd" in out.refused
    assert "http://127.0.0.1:9/x.png" in out.refused
    assert "https://example.com/evil.css" in out.refused
    assert no_network == []
    text = PdfReader(io.BytesIO(out.pdf)).pages[0].extract_text()
    assert "root:" not in text


def test_user_text_is_escaped_not_interpreted(no_network):
    hostile = '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/beacon.png">'
    source = engine_source(
        2,
        rename={1: {"name": "Code assistant " + hostile, "description": "Notes: " + hostile}},
        simulations=0,
    )
    report = render(source)
    assert report.refused == ()  # nothing but bundled assets was even requested
    assert '<img src="file:///etc/passwd">' not in report.html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in report.html
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf)).pages)
    assert '<img src="file:///etc/passwd">' in text  # shown as text, literally
    assert "root:" not in text
    assert no_network == []
