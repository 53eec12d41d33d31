"""Engine benchmark: 1,000 workloads x 15 offerings with 10,000 Monte Carlo draws.

Prints the wall time of a full :func:`assessments.engine.assess` run and of a
NumPy-only pass over the same arithmetic (float API costs, the same vectorised
Monte Carlo draws and percentiles, no Decimal, rules or result building), and
their ratio.

    python benchmarks/engine_bench.py [--workloads 1000] [--draws 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assessments.engine import (
    OfferingFacts,
    OrganizationProfile,
    RunParameters,
    WorkloadInput,
    assess,
)
from costing.assumptions import resolve_assumptions
from costing.growth import growth_factors
from costing.montecarlo import (
    SelfHostingFixed,
    api_deviation,
    generator,
    self_hosting_deviation,
    volume_draws,
)

AS_OF = date(2026, 1, 23)
API_PRICES = {
    "deepseek/deepseek-v3": ("DeepSeek", "cn", "0.27", "1.10"),
    "deepseek/deepseek-r1": ("DeepSeek", "cn", "0.55", "2.19"),
    "gpt-4": ("OpenAI", "us", "30", "60"),
    "gpt-4o": ("OpenAI", "us", "2.50", "10"),
    "gpt-4.5-preview": ("OpenAI", "us", "75", "150"),
    "o1": ("OpenAI", "us", "15", "60"),
    "o1-pro": ("OpenAI", "us", "150", "600"),
    "claude-opus-4-20250514": ("Anthropic", "us", "15", "75"),
    "claude-opus-4-5": ("Anthropic", "us", "5", "25"),
    "gemini/gemini-2.0-flash": ("Google", "us", "0.10", "0.40"),
    "gemini/gemini-2.5-flash": ("Google", "us", "0.30", "2.50"),
    "gemini/gemini-2.5-flash-lite": ("Google", "us", "0.10", "0.40"),
    "uscloud/deepseek-v3-eu": ("US Cloud", "us", "0.58", "1.68"),
}


def catalog() -> dict[str, OfferingFacts]:
    out: dict[str, OfferingFacts] = {}
    for key, (vendor, hq, inp, outp) in API_PRICES.items():
        region = "eu_eea" if key.startswith("uscloud") else hq
        out[key] = OfferingFacts(
            key=key,
            name=key,
            vendor=vendor,
            vendor_hq_country=hq,
            weights_origin_country="cn" if "deepseek" in key else hq,
            processing_regions=(region,),
            storage_jurisdictions=(region,),
            architecture="moe" if "deepseek" in key else "dense",
            context_window=128_000,
            supports_streaming=key != "o1-pro",
            input_per_mtok=D(inp),
            output_per_mtok=D(outp),
            certifications=("soc2", "hipaa_baa") if vendor == "OpenAI" else (),
            retirement_date=date(2026, 2, 28) if key == "gemini/gemini-2.0-flash" else None,
            successor_key="gemini/gemini-2.5-flash" if key == "gemini/gemini-2.0-flash" else None,
        )
    for key in ("self-hosted/deepseek-v3", "self-hosted/deepseek-r1"):
        out[key] = OfferingFacts(
            key=key,
            name=key,
            vendor="DeepSeek",
            vendor_hq_country="cn",
            weights_origin_country="cn",
            deployment_mode="self_hosted",
            processing_regions=("us",),
            storage_jurisdictions=("us",),
            architecture="moe",
            open_weights=True,
            gpu_count=8,
            gpu_type="A100 80GB",
            gpu_memory_gb=640,
        )
    return out


def workloads(count: int) -> list[WorkloadInput]:
    rnd = random.Random(5)
    cats = ["public", "internal", "source_code", "personal_data", "health_phi", "financial_records"]
    out = []
    for i in range(count):
        out.append(
            WorkloadInput(
                id=i,
                name=f"workload {i}",
                daily_input_tokens=rnd.randrange(10**5, 5 * 10**8),
                daily_output_tokens=rnd.randrange(10**4, 10**8),
                reasoning_multiplier=D(rnd.choice(["1", "1", "3"])),
                cached_input_share=D(rnd.choice(["0", "0.3"])),
                expected_growth_12m=D(rnd.choice(["1", "2", "10"])),
                data_categories=tuple(rnd.sample(cats, 2)),
                data_subject_regions=tuple(rnd.sample(["eu_eea", "us", "us_california"], 1)),
                latency_sensitive=rnd.random() < 0.3,
                p99_latency_sla_ms=1500,
                latency_samples={
                    "deepseek/deepseek-v3": tuple(rnd.randrange(400, 2500) for _ in range(200))
                },
            )
        )
    return out


def numpy_only(
    work: list[WorkloadInput], offerings: dict[str, OfferingFacts], n: int, seed: int
) -> None:
    """The same Monte Carlo arithmetic in floats: API totals, self-hosting draws, percentiles."""
    a = resolve_assumptions()
    fixed = SelfHostingFixed.from_assumptions(a, "cash")
    for w in work:
        g = np.array([float(x) for x in growth_factors(w.expected_growth_12m, 36)])
        volume = volume_draws(generator(seed, int(w.id)), a, n)
        billed = w.daily_output_tokens * float(w.reasoning_multiplier)
        for j, (key, o) in enumerate(offerings.items()):
            rng = generator(seed, int(w.id), j + 1)
            if o.deployment_mode == "self_hosted":
                tokens = (w.daily_input_tokens + billed) * g
                dev = self_hosting_deviation(tokens, volume, rng, a, fixed)
                det = 0.0
            else:
                assert o.input_per_mtok is not None and o.output_per_mtok is not None
                daily = (
                    w.daily_input_tokens * float(o.input_per_mtok)
                    + billed * float(o.output_per_mtok)
                ) / 1e6
                det = float((daily * 22 * g).sum())
                dev = api_deviation(det, volume, rng, a)
            np.percentile(det + dev, [10.0, 50.0, 90.0])
            _ = key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workloads", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=10_000)
    args = parser.parse_args()
    offerings = catalog()
    work = workloads(args.workloads)
    keys = tuple(k for k in offerings if k != "gpt-4o")
    org = OrganizationProfile(
        name="Benchmark Inc", sector="saas", headcount=500, negotiated_discounts={"OpenAI": D(10)}
    )
    params = RunParameters(
        candidate_offerings=keys,
        baseline_offering="gpt-4o",
        prices_as_of=AS_OF,
        simulations=args.draws,
        seed=42,
    )

    start = time.perf_counter()
    result = assess(organization=org, workloads=work, offerings=offerings, parameters=params)
    engine_s = time.perf_counter() - start

    start = time.perf_counter()
    numpy_only(work, offerings, args.draws, 42)
    numpy_s = time.perf_counter() - start

    options = sum(len(w["options"]) for w in result["workloads"])
    print(f"workloads: {len(work)}  options: {options}  draws per option: {args.draws}")
    print(f"engine (assess, Decimal + rules + Monte Carlo + sensitivity): {engine_s:.2f} s")
    print(f"numpy-only pass over the same Monte Carlo arithmetic:        {numpy_s:.2f} s")
    print(f"ratio engine / numpy-only: {engine_s / numpy_s:.2f}")
    print(f"portfolio verdict: {result['portfolio']['verdict']}")


if __name__ == "__main__":
    main()
