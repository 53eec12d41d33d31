"""Reading staging latency evidence: a CSV column ``latency_ms`` or a JSON list.

Percentiles come from :func:`assessments.engine.latency.percentiles` (nearest
rank: the value at rank ceil(p/100 x n) of the sorted samples), so the
questionnaire and the assessment engine report the same P50/P90/P99.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from assessments.engine.latency import PERCENTILE_METHOD, percentiles

__all__ = [
    "MAX_LATENCY_MS",
    "MAX_SAMPLES",
    "PERCENTILE_METHOD",
    "histogram",
    "parse_samples",
    "parse_samples_csv",
    "percentiles",
]

MAX_SAMPLES = 200_000
# Ten minutes: anything slower is a unit mistake (seconds vs microseconds) or a timeout.
MAX_LATENCY_MS = 600_000


def _one(value: Any, where: str) -> int:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{where}: {value!r} is not a number of milliseconds.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{where}: {str(value)!r} is not a number of milliseconds.") from None
    if not number.is_finite():
        raise ValueError(f"{where}: {value} is not a finite number.")
    if number < 0:
        raise ValueError(f"{where}: latencies cannot be negative ({value}).")
    if number > MAX_LATENCY_MS:
        raise ValueError(
            f"{where}: {value} ms is over ten minutes; check that the unit is milliseconds."
        )
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_samples(values: Any) -> list[int]:
    """A JSON list of latencies (ms) as whole milliseconds; ValueError in plain words."""
    if not isinstance(values, (list, tuple)):
        raise ValueError("Give the latencies as a list of numbers of milliseconds.")
    if not values:
        raise ValueError("The list of latencies is empty.")
    if len(values) > MAX_SAMPLES:
        raise ValueError(f"At most {MAX_SAMPLES:,} samples per upload.")
    return [_one(v, f"sample {i}") for i, v in enumerate(values, start=1)]


def parse_samples_csv(content: bytes | str) -> list[int]:
    """Latencies from a CSV with a ``latency_ms`` column (other columns are ignored)."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("The file is not a UTF-8 CSV file.") from None
    reader = csv.DictReader(io.StringIO(content))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "latency_ms" not in headers:
        raise ValueError("The CSV needs a header row with a latency_ms column.")
    column = (reader.fieldnames or [])[headers.index("latency_ms")]
    samples: list[int] = []
    for row in reader:
        raw = (row.get(column) or "").strip()
        if not raw:
            continue  # blank lines at the end of exported files
        if len(samples) >= MAX_SAMPLES:
            raise ValueError(f"At most {MAX_SAMPLES:,} samples per upload.")
        samples.append(_one(raw, f"row {reader.line_num}"))
    if not samples:
        raise ValueError("The CSV has no latencies under latency_ms.")
    return samples


def histogram(samples: list[int], bins: int = 20) -> list[dict[str, int]]:
    """Equal-width bins [{"low", "high", "count"}] for a small inline chart."""
    if not samples:
        return []
    lo, hi = min(samples), max(samples)
    width = max(1, -(-(hi - lo + 1) // bins))
    counts = [0] * bins
    for value in samples:
        counts[min(bins - 1, (value - lo) // width)] += 1
    return [
        {"low": lo + i * width, "high": lo + (i + 1) * width - 1, "count": c}
        for i, c in enumerate(counts)
        if lo + i * width <= hi
    ]
