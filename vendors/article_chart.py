"""Presentation of the article check: display strings and a two-bar SVG per money figure.

The figures and verdicts come from :mod:`costing.article_check`; this module only
lays them out. Bars use the Okabe-Ito orange (published) and blue (recomputed),
distinguishable with the common colour-vision deficiencies, and every bar carries
a real text label with its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from costing.article_check import (
    ARTICLE_AUTHOR,
    ARTICLE_DATE,
    ARTICLE_TITLE,
    CONSISTENT,
    INCONSISTENT,
    ArticleFigure,
    article_figures,
    usd,
    verdict_counts,
)

WIDTH = 420
BAR_LEFT = 96
BAR_MAX = 200
BAR_HEIGHT = 18
ROW = 28
TOP = 6
PUBLISHED_COLOUR = "#E69F00"  # Okabe-Ito orange
RECOMPUTED_COLOUR = "#0072B2"  # Okabe-Ito blue

VERDICT_LABELS = {
    CONSISTENT: ("consistent", "ok"),
    INCONSISTENT: ("inconsistent", "bad"),
    "not_derivable": ("not derivable", "warn"),
}


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    css: str
    colour: str
    y: int
    width: float
    text_y: int
    value_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    bar_left: int
    description: str


def bar_chart(published: Decimal, recomputed: Decimal, *, unit: str) -> BarChart:
    top = max(published, recomputed)
    values = (
        ("Published", published, "published", PUBLISHED_COLOUR),
        ("Recomputed", recomputed, "recomputed", RECOMPUTED_COLOUR),
    )
    bars = []
    for i, (label, value, css, colour) in enumerate(values):
        share = float(value / top) if top > 0 else 0.0
        y = TOP + i * ROW
        width = round(max(share * BAR_MAX, 1.0), 1)
        bars.append(
            Bar(
                label=label,
                value_label=usd(value),
                css=css,
                colour=colour,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2,
                value_x=round(BAR_LEFT + width + 6, 1),
            )
        )
    return BarChart(
        width=WIDTH,
        height=TOP * 2 + ROW * 2,
        bars=tuple(bars),
        bar_left=BAR_LEFT,
        description=f"Published {usd(published)} against recomputed {usd(recomputed)} ({unit}).",
    )


def _months(low: Decimal, high: Decimal | None) -> str:
    if high is None or high == low:
        return f"{low:,.0f} months"
    return f"{low:,.0f}-{high:,.0f} months"


def published_display(f: ArticleFigure) -> str:
    if not f.is_money:
        return _months(f.published, f.published_high)
    return usd(f.published)


def recomputed_display(f: ArticleFigure) -> str:
    if f.recomputed is None:
        return "not derivable"
    if not f.is_money:
        return f"month {f.recomputed:,.0f}"
    return usd(f.recomputed)


def difference_display(f: ArticleFigure) -> str:
    diff = f.difference
    if diff is None:
        return ""
    sign = "+" if diff > 0 else "-" if diff < 0 else "±"
    if not f.is_money:
        return f"{sign}{abs(diff):,.0f} months"
    share = f.relative_difference
    pct = f" ({share * 100:+.1f}%)" if share is not None and diff != 0 else ""
    return f"{sign}{usd(abs(diff))}{pct}"


def article_check_rows() -> list[dict[str, Any]]:
    rows = []
    for f in article_figures():
        label, css = VERDICT_LABELS[f.verdict]
        chart = (
            bar_chart(f.published, f.recomputed, unit=f.unit)
            if f.is_money and f.recomputed is not None
            else None
        )
        rows.append(
            {
                "figure": f,
                "section": f.article_section,
                "published": published_display(f),
                "recomputed": recomputed_display(f),
                "difference": difference_display(f),
                "verdict_label": label,
                "verdict_css": css,
                "chart": chart,
            }
        )
    return rows


def article_check_context() -> dict[str, Any]:
    return {
        "rows": article_check_rows(),
        "counts": verdict_counts(article_figures()),
        "article": {"author": ARTICLE_AUTHOR, "title": ARTICLE_TITLE, "date": ARTICLE_DATE},
    }
