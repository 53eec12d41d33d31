"""Inline SVG charts with real text: option costs and the sensitivity tornado.

Each function returns SVG markup (escaped labels) that HTML pages embed and the
PDF report can reuse: selectable text, no images, no JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
LABEL_W = 200
ROW_H = 30
BAR_H = 16
PAD_R = 100


def _dec(value: Any) -> Decimal | None:
    try:
        return None if value in (None, "") else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def usd(value: Any) -> str:
    """``$1,234,568`` (whole dollars, for chart labels)."""
    number = _dec(value)
    if number is None:
        return "n/a"
    return f"-${abs(number):,.0f}" if number < 0 else f"${number:,.0f}"


def _svg(height: int, title: str, desc: str, body: list[str]) -> SafeString:
    # Every interpolated text is escaped; the numbers are ours.
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _empty(title: str, text: str) -> SafeString:
    return _svg(30, title, text, [f'<text x="0" y="20">{escape(text)}</text>'])


def cost_chart(options: Sequence[Mapping[str, Any]], *, title: str) -> SafeString:
    """Horizontal bars of each option's horizon TCO, with the P10-P90 range as a whisker;
    blocked options are drawn hollow and say so."""
    rows = []
    for option in options:
        tco = (option.get("cost") or {}).get("tco_usd") or {}
        total = _dec(tco.get("total"))
        if total is None:
            continue
        rows.append(
            (
                str(option.get("offering_name") or option.get("offering")),
                str(option.get("role") or ""),
                total,
                _dec(tco.get("p10")),
                _dec(tco.get("p90")),
                (option.get("compliance") or {}).get("status") == "blocked",
            )
        )
    if not rows:
        return _empty(title, "No costed options.")
    top = max(max(r[2], r[4] or r[2]) for r in rows) or Decimal(1)
    scale = Decimal(WIDTH - LABEL_W - PAD_R) / top
    body: list[str] = []
    desc = []
    for i, (name, role, total, p10, p90, blocked) in enumerate(rows):
        y = 10 + i * (ROW_H + 8)
        width = max(Decimal(1), total * scale)
        label = f"{name} ({role})" if role else name
        short = name if len(name) <= 30 else name[:29] + "…"
        body.append(
            f'<text x="0" y="{y + 11}">{escape(short)}'
            f'<tspan x="0" dy="13" font-size="10" fill="#4a5563">{escape(role)}</tspan></text>'
        )
        style = (
            'fill="none" stroke="#b00020" stroke-dasharray="4 2"'
            if blocked
            else 'fill="var(--brand, #1f4e79)"'
            if role == "candidate"
            else 'fill="#8a94a3"'
        )
        body.append(
            f'<rect x="{LABEL_W}" y="{y}" width="{width:.1f}" height="{BAR_H}" {style}></rect>'
        )
        if p10 is not None and p90 is not None and p90 > p10:
            x1, x2 = LABEL_W + p10 * scale, LABEL_W + p90 * scale
            mid = y + BAR_H / 2
            body.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{mid}" y2="{mid}" stroke="#1b1f24"></line>'
            )
        text = usd(total) + (" blocked" if blocked else "")
        end = LABEL_W + max(width, (p90 or total) * scale)
        body.append(f'<text x="{end + 6:.1f}" y="{y + 12}">{escape(text)}</text>')
        desc.append(f"{label}: {text}")
    height = 20 + len(rows) * (ROW_H + 8)
    return _svg(height, title, "; ".join(desc), body)


def aggregate_sensitivity(rows_per_option: Sequence[Sequence[Mapping[str, Any]]]) -> list[dict]:
    """One tornado for several options: the summed base TCO, moved by one driver at a
    time. A driver an option does not have (staff for an API) leaves that option at
    its base, so each row is the total with only that driver swung."""
    base_total = Decimal(0)
    deltas: dict[str, dict[str, Any]] = {}
    for rows in rows_per_option:
        if not rows:
            continue
        base_total += _dec(rows[0].get("base_usd")) or Decimal(0)
        for row in rows:
            base = _dec(row.get("base_usd")) or Decimal(0)
            entry = deltas.setdefault(
                str(row["driver"]),
                {"label": row.get("label") or row["driver"], "low": Decimal(0), "high": Decimal(0)},
            )
            entry["low"] += (_dec(row.get("low_input_usd")) or base) - base
            entry["high"] += (_dec(row.get("high_input_usd")) or base) - base
    out = [
        {
            "driver": driver,
            "label": d["label"],
            "base_usd": base_total,
            "low_input_usd": base_total + d["low"],
            "high_input_usd": base_total + d["high"],
            "spread_usd": abs(d["high"] - d["low"]),
        }
        for driver, d in deltas.items()
    ]
    return sorted(out, key=lambda e: e["spread_usd"], reverse=True)


def tornado_chart(rows: Sequence[Mapping[str, Any]], *, title: str) -> SafeString:
    """A tornado: for each driver, the TCO with the driver at its low and high swing,
    around the base; widest bar first."""
    data = []
    for row in rows:
        base, low, high = (
            _dec(row.get("base_usd")),
            _dec(row.get("low_input_usd")),
            _dec(row.get("high_input_usd")),
        )
        if base is None or low is None or high is None:
            continue
        data.append((str(row.get("label") or row.get("driver")), base, low, high))
    if not data:
        return _empty(title, "No sensitivity figures.")
    data.sort(key=lambda d: abs(d[3] - d[2]), reverse=True)
    base = data[0][1]
    reach = max(max(abs(lo - base), abs(hi - base)) for _, _, lo, hi in data) or Decimal(1)
    half = Decimal(WIDTH - LABEL_W - 2 * 90) / 2
    centre = LABEL_W + 90 + half
    scale = half / reach
    body: list[str] = []
    desc = []
    for i, (label, _base, low, high) in enumerate(data):
        y = 24 + i * ROW_H
        body.append(f'<text x="0" y="{y + 12}">{escape(label[:34])}</text>')
        for value, colour in ((low, "#00683d"), (high, "#b00020")):
            offset = (value - base) * scale
            x = centre + min(Decimal(0), offset)
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(abs(offset), Decimal(1)):.1f}" '
                f'height="{BAR_H}" fill="{colour}" fill-opacity="0.75"></rect>'
            )
        left, right = sorted((low, high))
        body.append(
            f'<text x="{centre - half - 4:.1f}" y="{y + 12}" text-anchor="end">'
            f"{escape(usd(left))}</text>"
            f'<text x="{centre + half + 4:.1f}" y="{y + 12}">{escape(usd(right))}</text>'
        )
        desc.append(f"{label}: {usd(low)} to {usd(high)}")
    height = 34 + len(data) * ROW_H
    body.insert(
        0,
        f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="14" y2="{height - 6}" '
        f'stroke="#1b1f24"></line><text x="{centre:.1f}" y="11" text-anchor="middle">'
        f"base {escape(usd(base))}</text>",
    )
    return _svg(height, title, f"Base {usd(base)}. " + "; ".join(desc), body)
