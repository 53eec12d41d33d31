"""The price-history chart: a step chart as SVG coordinates with real text labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


@dataclass
class Series:
    name: str
    css: str
    points: str
    last_label: str
    legend_y: int = 0


@dataclass
class PriceChart:
    width: int = WIDTH
    height: int = HEIGHT
    series: list[Series] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    description: str = ""


def _money(value: Decimal) -> str:
    return f"${value:,.2f}" if value >= 1 or value == 0 else f"${value.normalize():f}"


def price_chart(history: list[Any], *, today: date) -> PriceChart | None:
    """Input and output price per million tokens over time; None without prices."""
    rows = [
        r
        for r in history
        if (r.effective_to is None or r.effective_to > r.effective_from)
        and (r.input_per_mtok is not None or r.output_per_mtok is not None)
    ]
    if not rows:
        return None
    start = rows[0].effective_from
    end = max(today, rows[-1].effective_from + timedelta(days=30))
    span = max((end - start).days, 1)
    values = [v for r in rows for v in (r.input_per_mtok, r.output_per_mtok) if v is not None]
    top = max(values) * Decimal("1.15") or Decimal(1)
    chart = PriceChart()
    plot_w = chart.plot_right - chart.plot_left
    plot_h = chart.plot_bottom - chart.plot_top

    def x(d: date) -> float:
        return round(chart.plot_left + plot_w * (d - start).days / span, 1)

    def y(v: Decimal) -> float:
        return round(chart.plot_bottom - float(Decimal(plot_h) * v / top), 1)

    for name, attr, css in (
        ("Input", "input_per_mtok", "in"),
        ("Output", "output_per_mtok", "out"),
    ):
        points: list[str] = []
        last = None
        for r in rows:
            value = getattr(r, attr)
            if value is None:
                continue
            stop = min(r.effective_to or end, end)
            points.append(f"{x(r.effective_from)},{y(value)}")
            points.append(f"{x(stop)},{y(value)}")
            last = value
        if points and last is not None:
            legend_y = TOP + 12 + 16 * len(chart.series)
            chart.series.append(Series(name, css, " ".join(points), _money(last), legend_y))
    chart.y_ticks = [(y(top * Decimal(i) / 4), _money(top * Decimal(i) / 4)) for i in range(5)]
    tick_dates = sorted({start, end, *(r.effective_from for r in rows)})
    chart.x_ticks = [(x(d), d.isoformat()) for d in tick_dates][:8]
    chart.description = "; ".join(
        f"from {r.effective_from.isoformat()}: input "
        f"{_money(r.input_per_mtok) if r.input_per_mtok is not None else 'n/a'}, output "
        f"{_money(r.output_per_mtok) if r.output_per_mtok is not None else 'n/a'}"
        for r in rows
    )
    return chart
