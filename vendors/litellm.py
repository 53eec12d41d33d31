"""Reading LiteLLM's ``model_prices_and_context_window.json`` (pure: no database).

Each entry becomes a ``ParsedEntry`` (the offering's facts as the file states them
and its prices per million tokens), a skip with a reason, or an error naming the
key. Prices are converted from the JSON text's own decimal digits (never through
binary floats): ``2.5e-06`` per token is exactly ``2.5`` per million.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

IMPORTED_MODES = ("chat", "completion", "responses")
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class ParsedEntry:
    key: str
    name: str
    vendor: str
    vendor_hq_country: str
    host_provider: str
    litellm_provider: str
    mode: str
    model_family: str
    weights_origin_country: str
    regions: tuple[str, ...]
    context_window: int | None
    max_output_tokens: int | None
    supports_streaming: bool | None
    is_reasoning: bool
    retirement_date: date | None
    successor_key: str
    source_url: str
    prices: dict[str, Decimal | None]
    open_weights: bool = False
    licence: str = ""


@dataclass
class ParseResult:
    entries: list[ParsedEntry] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    total: int = 0


class Malformed(ValueError):
    pass


# Hosts: LiteLLM provider -> display name. Providers not listed keep their own name.
HOSTS: dict[str, str] = {
    "openai": "OpenAI",
    "text-completion-openai": "OpenAI",
    "chatgpt": "OpenAI (ChatGPT)",
    "anthropic": "Anthropic",
    "deepseek": "DeepSeek",
    "gemini": "Google AI Studio",
    "vertex_ai": "Google Cloud Vertex AI",
    "bedrock": "Amazon Bedrock",
    "bedrock_converse": "Amazon Bedrock",
    "bedrock_mantle": "Amazon Bedrock",
    "amazon_nova": "Amazon Nova",
    "sagemaker": "Amazon SageMaker",
    "azure": "Microsoft Azure OpenAI",
    "azure_ai": "Microsoft Azure AI Foundry",
    "azure_text": "Microsoft Azure OpenAI",
    "mistral": "Mistral AI",
    "codestral": "Mistral AI",
    "text-completion-codestral": "Mistral AI",
    "xai": "xAI",
    "groq": "Groq",
    "together_ai": "Together AI",
    "fireworks_ai": "Fireworks AI",
    "perplexity": "Perplexity",
    "deepinfra": "DeepInfra",
    "databricks": "Databricks",
    "snowflake": "Snowflake",
    "cohere": "Cohere",
    "cohere_chat": "Cohere",
    "dashscope": "Alibaba Cloud Model Studio",
    "moonshot": "Moonshot AI",
    "nebius": "Nebius",
    "oci": "Oracle Cloud Infrastructure",
    "watsonx": "IBM watsonx",
    "cloudflare": "Cloudflare Workers AI",
    "replicate": "Replicate",
    "ollama": "Ollama",
    "cerebras": "Cerebras",
    "sambanova": "SambaNova",
    "volcengine": "Volcengine",
    "meta_llama": "Meta",
    "meta": "Meta",
    "minimax": "MiniMax",
    "zai": "Z.ai",
    "github_copilot": "GitHub Copilot",
}

# Only providers whose own service runs in a known jurisdiction (with a source):
# DeepSeek's first-party API stores data in the PRC (the January 2026 analyst article).
PROVIDER_REGIONS: dict[str, tuple[str, ...]] = {"deepseek": ("cn",)}

# Model maker by key pattern: (pattern, vendor, headquarters country). First match wins.
MAKERS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p), name, cc)
    for p, name, cc in (
        (r"deepseek", "DeepSeek", "cn"),
        (r"claude|anthropic", "Anthropic", "us"),
        (r"gpt-|gpt4|chatgpt|openai|davinci|babbage|(^|[/.])o[134](-|$)|codex", "OpenAI", "us"),
        (r"gemini|gemma|(^|[/.])palm|bison", "Google", "us"),
        (r"llama|(^|[/.])meta[./]", "Meta", "us"),
        (r"mistral|mixtral|codestral|pixtral|magistral|devstral|ministral", "Mistral AI", "fr"),
        (r"qwen|qwq", "Alibaba (Qwen)", "cn"),
        (r"grok", "xAI", "us"),
        (r"command|cohere|(^|[/.])aya", "Cohere", "ca"),
        (r"(^|[/.])nova-|titan|amazon\.", "Amazon", "us"),
        (r"(^|[/.-])phi-?\d|(^|[/.])mai-", "Microsoft", "us"),
        (r"kimi|moonshot", "Moonshot AI", "cn"),
        (r"glm|(^|[/.])zai[./]", "Zhipu AI", "cn"),
        (r"minimax", "MiniMax", "cn"),
        (r"jamba|ai21|(^|[/.])j2-", "AI21 Labs", "il"),
        (r"sonar|perplexity", "Perplexity", "us"),
        (r"nemotron|nvidia", "NVIDIA", "us"),
        (r"granite", "IBM", "us"),
        (r"hunyuan", "Tencent", "cn"),
        (r"ernie", "Baidu", "cn"),
        (r"doubao", "ByteDance", "cn"),
    )
)

# Which model makers publish open weights under a known licence (sourced facts only).
OPEN_WEIGHTS: dict[str, str] = {"DeepSeek": "MIT"}

_AWS_REGION = re.compile(
    r"(?:^|[/.])((?:us-gov|us|eu|ap|ca|sa|me|af|il|mx|cn)-[a-z]+-\d)(?:[/.]|$)"
)
_GCP_REGION = re.compile(
    r"^(us|europe|asia|australia|northamerica|southamerica|me|africa)-[a-z]+\d+$"
)
_CROSS_REGION_PREFIX = {
    "eu": "eu_eea",
    "us": "us",
    "us-gov": "us",
    "apac": "other",
    "au": "other",
    "jp": "other",
    "in": "other",
}


def aws_region_code(region: str) -> str:
    """Our region code of an AWS region name (eu-west-2 is London, eu-central-2 Zurich)."""
    if region == "eu-west-2":
        return "uk"
    if region == "eu-central-2":
        return "other"
    prefix = region.split("-")[0]
    return {"us": "us", "eu": "eu_eea", "cn": "cn"}.get(prefix, "other")


def gcp_region_code(region: str) -> str:
    if region == "europe-west2":
        return "uk"
    if region in ("europe-west6", "europe-west12"):  # Zurich, Turin is EU but keep explicit
        return "other" if region == "europe-west6" else "eu_eea"
    prefix = region.split("-")[0]
    return {"us": "us", "europe": "eu_eea", "northamerica": "other"}.get(prefix, "other")


def regions_of(key: str, provider: str, supported_regions: Any) -> tuple[str, ...]:
    """Where the entry processes data, as far as its key and fields say."""
    found: list[str] = []
    match = _AWS_REGION.search(key)
    if match:
        found.append(aws_region_code(match.group(1)))
    parts = key.split("/")
    model_id = parts[-1]
    if provider.startswith(("bedrock", "azure")) and not found:
        # Bedrock cross-region inference ids (eu.anthropic...) and Azure data zones (azure/eu/...).
        candidates = [model_id.split(".")[0]] + (parts[1:2] if len(parts) > 2 else [])
        for candidate in candidates:
            if candidate in _CROSS_REGION_PREFIX:
                found.append(_CROSS_REGION_PREFIX[candidate])
                break
    if not found and isinstance(supported_regions, list):
        for region in supported_regions:
            if not isinstance(region, str) or region == "global":
                continue
            if _AWS_REGION.search(region):
                found.append(aws_region_code(region))
            elif _GCP_REGION.match(region):
                found.append(gcp_region_code(region))
    if not found:
        found.extend(PROVIDER_REGIONS.get(provider, ()))
    return tuple(sorted(set(found)))


def host_of(provider: str) -> str:
    if provider.startswith("vertex_ai"):
        return HOSTS["vertex_ai"]
    return HOSTS.get(provider, provider.replace("_", " ").title())


def maker_of(key: str, provider: str) -> tuple[str, str]:
    lowered = key.lower()
    model_part = lowered.split("/", 1)[1] if "/" in lowered else lowered
    for pattern, name, country in MAKERS:
        if pattern.search(model_part):
            return name, country
    host = host_of(provider)
    return host, ""


def per_million(raw: Any, *, key: str, name: str) -> Decimal | None:
    """A per-token price (JSON number) as an exact Decimal per million tokens."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        raise Malformed(f"{name} must be a number, not {type(raw).__name__}")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise Malformed(f"{name} is not a number") from None
    if not value.is_finite():
        raise Malformed(f"{name} must be finite")
    if value < 0:
        raise Malformed(f"{name} cannot be negative")
    result = (value * MILLION).normalize()
    if result >= Decimal("1e8"):
        raise Malformed(f"{name} is implausibly large")
    return result.quantize(Decimal("1e-8")).normalize()


def _positive_int(raw: Any, name: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        raise Malformed(f"{name} must be a whole number of tokens")
    if raw != int(raw) or raw < 0:
        raise Malformed(f"{name} must be a whole number of tokens")
    if raw > 2_000_000_000:
        raise Malformed(f"{name} is implausibly large")
    return int(raw)


def _optional_bool(raw: Any, name: str) -> bool | None:
    if raw is None:
        return None
    if not isinstance(raw, bool):
        raise Malformed(f"{name} must be true or false")
    return raw


def _date(raw: Any, name: str) -> date | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise Malformed(f"{name} must be a YYYY-MM-DD date")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Malformed(f"{name} must be a YYYY-MM-DD date, not {raw!r}") from None


def _display_name(key: str) -> str:
    return key.rsplit("/", 1)[-1][:200]


def parse_entry(key: str, spec: Any) -> ParsedEntry | str:
    """A parsed entry, or the reason to skip it; raises Malformed for bad data."""
    if not isinstance(spec, dict):
        raise Malformed("entry is not an object")
    if "alias_of" in spec and "mode" not in spec:
        return "alias"
    mode = spec.get("mode")
    if mode is None:
        raise Malformed("mode is missing")
    if not isinstance(mode, str):
        raise Malformed("mode must be text")
    if mode not in IMPORTED_MODES:
        return f"mode {mode}"
    provider = spec.get("litellm_provider")
    if not isinstance(provider, str) or not provider.strip():
        raise Malformed("litellm_provider is missing")
    if len(key) > 255:
        raise Malformed("key is longer than 255 characters")
    prices = {
        "input_per_mtok": per_million(
            spec.get("input_cost_per_token"), key=key, name="input_cost_per_token"
        ),
        "output_per_mtok": per_million(
            spec.get("output_cost_per_token"), key=key, name="output_cost_per_token"
        ),
        "cached_input_per_mtok": per_million(
            spec.get("cache_read_input_token_cost"), key=key, name="cache_read_input_token_cost"
        ),
        "batch_input_per_mtok": per_million(
            spec.get("input_cost_per_token_batches"), key=key, name="input_cost_per_token_batches"
        ),
        "batch_output_per_mtok": per_million(
            spec.get("output_cost_per_token_batches"),
            key=key,
            name="output_cost_per_token_batches",
        ),
    }
    if prices["input_per_mtok"] is None and prices["output_per_mtok"] is None:
        return "no token prices"
    if prices["input_per_mtok"] is None or prices["output_per_mtok"] is None:
        missing = (
            "input_cost_per_token" if prices["input_per_mtok"] is None else "output_cost_per_token"
        )
        raise Malformed(f"{missing} is missing")
    context = _positive_int(spec.get("max_input_tokens"), "max_input_tokens")
    if context is None:
        context = _positive_int(spec.get("max_tokens"), "max_tokens")
    successor = spec.get("successor_model") or ""
    if not isinstance(successor, str):
        raise Malformed("successor_model must be text")
    source = spec.get("source") or ""
    if not isinstance(source, str):
        raise Malformed("source must be text")
    vendor, country = maker_of(key, provider)
    return ParsedEntry(
        key=key,
        name=_display_name(key),
        vendor=vendor,
        vendor_hq_country=country,
        host_provider=host_of(provider),
        litellm_provider=provider,
        mode=mode,
        model_family="",
        weights_origin_country=country,
        regions=regions_of(key, provider, spec.get("supported_regions")),
        context_window=context,
        max_output_tokens=_positive_int(spec.get("max_output_tokens"), "max_output_tokens"),
        supports_streaming=_optional_bool(
            spec.get("supports_native_streaming"), "supports_native_streaming"
        ),
        is_reasoning=bool(_optional_bool(spec.get("supports_reasoning"), "supports_reasoning")),
        retirement_date=_date(spec.get("deprecation_date"), "deprecation_date"),
        successor_key=successor[:255],
        source_url=source[:1000] if source.startswith(("http://", "https://")) else "",
        prices=prices,
        open_weights=vendor in OPEN_WEIGHTS,
        licence=OPEN_WEIGHTS.get(vendor, ""),
    )


def parse_document(data: Any) -> ParseResult:
    """Parse a whole price file (already decoded from JSON)."""
    result = ParseResult()
    if not isinstance(data, dict):
        result.errors.append({"key": "(file)", "message": "the file is not a JSON object"})
        return result
    for key, spec in data.items():
        result.total += 1
        if key == "sample_spec":
            result.skipped["sample_spec"] += 1
            continue
        try:
            parsed = parse_entry(key, spec)
        except Malformed as exc:
            result.errors.append({"key": key, "message": str(exc)})
            result.skipped["malformed"] += 1
            continue
        if isinstance(parsed, str):
            result.skipped[parsed] += 1
        else:
            result.entries.append(parsed)
    return result


def load_json(raw: bytes) -> Any:
    """Decode the file, keeping numbers exact (floats parsed as Decimal)."""
    return json.loads(raw, parse_float=Decimal)
