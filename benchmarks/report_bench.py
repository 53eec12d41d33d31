"""Board report rendering: time and peak memory for 10 and 100 workloads.

Runs the real engine on an in-memory catalog (no database), builds the report
context from the results, and typesets the PDF with WeasyPrint, as the
``assessments.render_report`` task does. Each size runs in its own process so
that its peak resident memory (getrusage) is its own; tracemalloc is left off
because it slows the Python-heavy layout several times over. Prints one line
per size:

    .venv/bin/python benchmarks/report_bench.py [SIZES...]
"""

from __future__ import annotations

import logging
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)

from assessments.reports.context import build_report_context  # noqa: E402
from assessments.reports.render import render_report_html, render_report_pdf  # noqa: E402
from tests.assessments.reports.conftest import BRANDING, engine_source  # noqa: E402


def bench(count: int) -> dict[str, float]:
    source = engine_source(count, simulations=1000)
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall = time.perf_counter()
    cpu = time.process_time()
    context = build_report_context(source, branding=BRANDING)
    html = render_report_html(context, for_pdf=True)
    built = time.perf_counter() - wall
    out = render_report_pdf(html)
    seconds = time.perf_counter() - wall
    cpu_seconds = time.process_time() - cpu
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "workloads": count,
        "pages": out.page_count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "context_seconds": built,
        "per_page_ms": seconds / out.page_count * 1000,
        "peak_rss_mib": peak_rss / 1024,
        "rss_growth_mib": (peak_rss - before_rss) / 1024,
        "pdf_kib": len(out.pdf) / 1024,
    }


def one(count: int) -> None:
    render_report_pdf("<p>warm-up: fonts and WeasyPrint's own start-up</p>")
    r = bench(count)
    print(
        f"{r['workloads']:>4} workloads: {r['pages']:>4} pages in {r['seconds']:6.2f} s "
        f"(cpu {r['cpu_seconds']:6.2f} s, context+html {r['context_seconds']:.2f} s, "
        f"{r['per_page_ms']:.0f} ms/page), peak RSS {r['peak_rss_mib']:.0f} MiB "
        f"(+{r['rss_growth_mib']:.0f} MiB while rendering), PDF {r['pdf_kib']:.0f} KiB",
        flush=True,
    )


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        one(int(sys.argv[2]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100]
    for count in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(count)], check=True)


if __name__ == "__main__":
    main()
