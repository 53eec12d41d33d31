"""The rendered PDF: its text, its structure and its fonts, read back with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from assessments.reports.formatting import usd

from .conftest import CLIENT


@pytest.fixture(scope="module")
def reader(rendered_report) -> PdfReader:
    return PdfReader(io.BytesIO(rendered_report.pdf))


@pytest.fixture(scope="module")
def pages_text(reader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


@pytest.fixture(scope="module")
def text(pages_text) -> str:
    return re.sub(r"\s+", " ", "\n".join(pages_text))


def test_it_is_a_pdf_with_the_recorded_page_count(rendered_report, reader):
    assert rendered_report.pdf.startswith(b"%PDF-")
    assert len(reader.pages) == rendered_report.page_count
    # cover, contents, eight chapters, one page per workload (4), methodology, sources, appendix
    assert rendered_report.page_count >= 15


def test_the_client_the_firm_and_the_run_are_named(text, pages_text):
    assert CLIENT in text
    assert "Harbour & Lane Advisory" in text
    assert "4711" in pages_text[0]
    assert "2026-01-23" in pages_text[0]  # prices as of
    assert "catalog-2026-01-23" in pages_text[0]
    # the running header carries the client on every page after the cover
    assert all(CLIENT in page for page in pages_text[1:])


def test_no_other_organization_is_named(text):
    for other in ("Globex", "Acme", "Mid-market SaaS", "Devtools Startup", "Regulated bank"):
        assert other not in text


def test_headline_figures_are_the_runs_own(rendered_report, text):
    savings = rendered_report.source.results["portfolio"]["annual_savings_usd"]
    for key in ("p10", "p50", "p90"):
        assert usd(savings[key]) in text
    # spelled out once by hand, so the formatter itself is checked too
    assert "$" + f"{float(savings['p50']):,.2f}" in text
    portfolio = rendered_report.source.results["portfolio"]
    assert f"{portfolio['candidate_viable_count']} of {portfolio['workload_count']}" in text


def test_gate_outcomes_are_stated_as_in_the_results(rendered_report, pages_text):
    gates = {g["gate"]: g for g in rendered_report.source.results["gates"]}
    labels = {"pass": "Pass", "fail": "Fail", "not_evaluated": "Not evaluated"}
    gate_page = next(p for p in pages_text if "Decision gates" in p and "What is measured" in p)
    flat = re.sub(r"\s+", " ", gate_page)
    for gate in gates.values():
        assert labels[gate["outcome"]] in flat
        if gate.get("value") is not None:
            assert f"({gate['value']})" in flat  # the raw figure, verbatim
        assert f"({gate['threshold']})" in flat
    assert len({g["outcome"] for g in gates.values()}) >= 2  # not one label repeated


def test_each_workload_has_its_page_with_its_verdict(rendered_report, pages_text):
    for index, workload in enumerate(rendered_report.source.results["workloads"], start=1):
        heading = f"{index}. {workload['name']}"
        page = next(p for p in pages_text if heading in p and "Answers that mattered" in p)
        assert "Recommended offering" in page


def _destination_page(reader: PdfReader, annotation) -> int | None:
    dest = annotation.get("/Dest")
    if dest is None and "/A" in annotation:
        dest = annotation["/A"].get("/D")
    if dest is None:
        return None
    if isinstance(dest, (str, bytes)) or (
        hasattr(dest, "get_object") and not isinstance(dest.get_object(), list)
    ):
        dest = reader.named_destinations[str(dest)]
        return reader.get_destination_page_number(dest)
    target = dest[0].get_object()
    return next(i for i, page in enumerate(reader.pages) if page.get_object() == target)


def test_contents_entries_resolve_to_the_pages_they_print(reader, pages_text):
    contents = pages_text[1]
    assert "Contents" in contents
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    targets = [t for t in (_destination_page(reader, a) for a in links) if t is not None]
    assert len(targets) >= 12
    checked = 0
    for title in (
        "Executive summary",
        "Decision gates",
        "Compliance matrix",
        "Methodology",
        "Sources",
    ):
        match = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.M)
        assert match, f"{title} is not in the contents"
        printed = int(match.group(1))
        assert title in pages_text[printed - 1], f"{title} is not on page {printed}"
        assert printed - 1 in targets
        checked += 1
    assert checked == 5


def test_fonts_are_the_bundled_ones_and_embedded(reader):
    fonts = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert "Source-Sans-3" in name, name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_only_bundled_assets_were_loaded(rendered_report):
    assert rendered_report.refused == ()


def test_charts_are_vector_with_real_text(rendered_report, text):
    assert rendered_report.html.count("<svg") >= 4
    # axis and legend labels of the SVG charts are extractable text
    assert "month of the horizon" in text
    assert "driver at its high value" in text
    assert "Recommended mix" in text
