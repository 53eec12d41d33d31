"""Report charts as hand-written SVG with real, selectable text.

Pure functions: figures in, SVG markup out. Every label is escaped. Colours are
the Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness and in greyscale print when combined with the dash patterns used here.
Geometry uses floats (it is drawing, not money); the figures printed in the
labels come from the exact decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
DASHES = ("", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "", "10 4")
FONT = "'Source Sans 3', sans-serif"
AXIS = "#444444"
GRID = "#d9d9d9"
WIDTH = 680


def colour(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]


def dash(index: int) -> str:
    return DASHES[index % len(DASHES)]


def compact_usd(value: float) -> str:
    """Axis labels: $1.2M, $350k, $80."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if v >= 1_000_000_000:
        text = f"{v / 1_000_000_000:.1f}B"
    elif v >= 1_000_000:
        text = f"{v / 1_000_000:.1f}M"
    elif v >= 10_000:
        text = f"{v / 1_000:.0f}k"
    elif v >= 1_000:
        text = f"{v / 1_000:.1f}k"
    else:
        text = f"{v:.0f}"
    return f"{sign}${text.replace('.0M', 'M').replace('.0B', 'B').replace('.0k', 'k')}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (low may be negative)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _text(
    x: float, y: float, text: str, *, size: float = 11, anchor: str = "start", **attrs: str
) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
        f' fill="#222"{extra}>{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"{extra}/>'
    )


def _rect(x: float, y: float, w: float, h: float, extra: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"{extra}/>'


def _svg(height: float, body: list[str], title: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' width="100%" role="img" aria-label="{escape(title)}"'
        f' font-family="{FONT}"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    note: str = ""


def bar_chart(bars: Sequence[Bar], *, title: str, value_label: str) -> SafeString:
    """Horizontal bars (long offering names stay readable), value printed at each bar."""
    label_w, right_pad, row_h, top = 210.0, 110.0, 26.0, 14.0
    plot_w = WIDTH - label_w - right_pad
    values = [float(b.value) for b in bars] or [0.0]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    lo, hi = ticks[0], ticks[-1]

    def x_of(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * plot_w

    height = top + row_h * len(bars) + 34
    body: list[str] = []
    for t in ticks:
        x = x_of(t)
        body.append(_line(x, top - 4, x, height - 30, GRID))
        body.append(_text(x, height - 16, compact_usd(t), size=10, anchor="middle"))
    for i, bar in enumerate(bars):
        y = top + i * row_h
        v = float(bar.value)
        x0, x1 = sorted((x_of(0.0), x_of(v)))
        body.append(_rect(x0, y + 4, max(x1 - x0, 1.0), row_h - 9, f' fill="{colour(i)}"'))
        body.append(_text(label_w - 8, y + row_h / 2 + 3, _truncate(bar.label, 36), anchor="end"))
        body.append(_text(max(x1, x_of(0.0)) + 6, y + row_h / 2 + 3, bar.note, size=10))
    body.append(_text(label_w + plot_w / 2, height - 3, value_label, size=10, anchor="middle"))
    return _svg(height, body, title)


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[Decimal]


def cumulative_chart(
    lines: Sequence[Line],
    *,
    title: str,
    break_even_month: int | None = None,
    break_even_label: str = "",
) -> SafeString:
    """Cumulative cost per month, one line per series, break-even marked."""
    left, right, top, bottom = 70.0, 20.0, 14.0, 70.0 + 16.0 * ((len(lines) + 1) // 2)
    height = 250.0 + bottom - 70.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    months = max((len(line.values) for line in lines), default=1)
    peak = max((float(v) for line in lines for v in line.values), default=1.0)
    ticks = nice_ticks(0.0, max(peak, 1.0))
    hi = ticks[-1]

    def x_of(month: float) -> float:
        return left + (month - 1) / max(months - 1, 1) * plot_w

    def y_of(v: float) -> float:
        return top + plot_h - v / hi * plot_h

    body: list[str] = []
    for t in ticks:
        y = y_of(t)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y + 3, compact_usd(t), size=10, anchor="end"))
    for m in range(1, months + 1):
        if m == 1 or m % 6 == 0:
            body.append(_text(x_of(m), top + plot_h + 14, f"M{m}", size=10, anchor="middle"))
    body.append(
        _text(
            left + plot_w / 2, top + plot_h + 30, "month of the horizon", size=10, anchor="middle"
        )
    )
    for i, line in enumerate(lines):
        points = " ".join(
            f"{x_of(n + 1):.1f},{y_of(float(v)):.1f}" for n, v in enumerate(line.values)
        )
        stroke_dash = f' stroke-dasharray="{dash(i)}"' if dash(i) else ""
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{colour(i)}"'
            f' stroke-width="2.2"{stroke_dash}/>'
        )
        lx = left + (i % 2) * plot_w / 2
        ly = top + plot_h + 48 + (i // 2) * 16
        body.append(
            f'<line x1="{lx:.1f}" y1="{ly - 4:.1f}" x2="{lx + 24:.1f}" y2="{ly - 4:.1f}"'
            f' stroke="{colour(i)}" stroke-width="2.2"{stroke_dash}/>'
        )
        body.append(_text(lx + 30, ly, _truncate(line.label, 48), size=10))
    if break_even_month is not None and 1 <= break_even_month <= months:
        x = x_of(break_even_month)
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#000"'
            ' stroke-width="1" stroke-dasharray="3 3"/>'
        )
        anchor = "start" if x < left + plot_w * 0.7 else "end"
        offset = 4 if anchor == "start" else -4
        body.append(_text(x + offset, top + 10, break_even_label, size=10, anchor=anchor))
    body.append(_line(left, top + plot_h, left + plot_w, top + plot_h, AXIS))
    return _svg(height, body, title)


@dataclass(frozen=True)
class Band:
    label: str
    p10: Decimal
    p50: Decimal
    p90: Decimal


def band_chart(bands: Sequence[Band], *, title: str, value_label: str) -> SafeString:
    """P10-P90 range per row with the P50 marked: the spread a board should expect."""
    label_w, right_pad, row_h, top = 210.0, 150.0, 24.0, 14.0
    plot_w = WIDTH - label_w - right_pad
    values = [float(v) for b in bands for v in (b.p10, b.p90)] or [0.0]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    lo, hi = ticks[0], ticks[-1]

    def x_of(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * plot_w

    height = top + row_h * len(bands) + 34
    body: list[str] = []
    for t in ticks:
        x = x_of(t)
        body.append(_line(x, top - 4, x, height - 30, GRID))
        body.append(_text(x, height - 16, compact_usd(t), size=10, anchor="middle"))
    for i, band in enumerate(bands):
        y = top + i * row_h + row_h / 2
        x10, x50, x90 = (x_of(float(v)) for v in (band.p10, band.p50, band.p90))
        body.append(
            f'<rect x="{x10:.1f}" y="{y - 6:.1f}" width="{max(x90 - x10, 2.0):.1f}" height="12"'
            f' fill="{colour(i)}" fill-opacity="0.35" stroke="{colour(i)}"/>'
        )
        body.append(_line(x50, y - 8, x50, y + 8, "#000", ' stroke-width="2"'))
        body.append(_text(label_w - 8, y + 4, _truncate(band.label, 36), anchor="end"))
        body.append(
            _text(
                max(x90, x10 + 2) + 6,
                y + 4,
                f"{compact_usd(float(band.p10))} to {compact_usd(float(band.p90))}",
                size=10,
            )
        )
    body.append(
        _text(
            label_w + plot_w / 2,
            height - 3,
            f"{value_label} (bar: P10 to P90, mark: P50)",
            size=10,
            anchor="middle",
        )
    )
    return _svg(height, body, title)


@dataclass(frozen=True)
class Swing:
    label: str
    low: Decimal  # result when the driver is at its low value, minus the base
    high: Decimal  # result when the driver is at its high value, minus the base


def tornado_chart(swings: Sequence[Swing], *, title: str, base_label: str) -> SafeString:
    """Sensitivity: how far each driver moves the total, widest first."""
    rows = sorted(swings, key=lambda s: abs(s.high - s.low), reverse=True)
    label_w, right_pad, row_h, top = 170.0, 40.0, 24.0, 24.0
    plot_w = WIDTH - label_w - right_pad
    extent = max((abs(float(v)) for s in rows for v in (s.low, s.high)), default=1.0) or 1.0
    ticks = nice_ticks(-extent, extent, 6)
    lo, hi = ticks[0], ticks[-1]

    def x_of(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * plot_w

    height = top + row_h * len(rows) + 40
    body = [
        _text(x_of(lo), 12, "driver at its low value", size=10, fill=colour(0)),
        _text(x_of(hi), 12, "driver at its high value", size=10, anchor="end", fill=colour(3)),
    ]
    for t in ticks:
        x = x_of(t)
        body.append(_line(x, top - 4, x, height - 34, GRID))
        body.append(_text(x, height - 20, compact_usd(t), size=10, anchor="middle"))
    zero = x_of(0.0)
    for i, swing in enumerate(rows):
        y = top + i * row_h
        for value, fill in ((swing.low, colour(0)), (swing.high, colour(3))):
            x0, x1 = sorted((zero, x_of(float(value))))
            body.append(_rect(x0, y + 4, max(x1 - x0, 0.5), row_h - 8, f' fill="{fill}"'))
        body.append(_text(label_w - 8, y + row_h / 2 + 4, _truncate(swing.label, 30), anchor="end"))
    body.append(_line(zero, top - 4, zero, height - 34, "#000"))
    body.append(
        _text(
            label_w + plot_w / 2,
            height - 5,
            f"change against {base_label}",
            size=10,
            anchor="middle",
        )
    )
    return _svg(height, body, title)
