"""Every workload rule, in one place: the form, the API and the import call this module.

- :func:`clean_value` checks one answer (field rules) and returns it normalised.
- :func:`validate_workload` checks a set of answers, applies the cross-field rules
  and raises :class:`portal.errors.ValidationFailed` with one plain message per field.
  A *draft* tolerates missing required answers; a *complete* workload needs them all.
- :func:`missing_required` is the one definition of completeness.
- :func:`implied_regulations` names regulations the data implies (shown, never added).
- :func:`parse_tokens` reads human token volumes ("10M", "2,000,000", "1.5k").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from assessments.workloads import fields as spec
from portal.errors import ValidationFailed

MULTIPLIERS = {
    "": 1,
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "billions": 10**9,
    "t": 10**12,
    "trillion": 10**12,
}
_TOKENS_RE = re.compile(r"^(?P<number>[+-]?(\d+(\.\d*)?|\.\d+))\s*(?P<suffix>[a-z]*)$")
_OFFERING_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/@+\-]{0,199}$")
TRUE_WORDS = {"true", "yes", "y", "1", "on", "x"}
FALSE_WORDS = {"false", "no", "n", "0", "off", ""}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_tokens(value: Any) -> int:
    """A whole number of tokens from human input: 10M, 2,000,000, 1.5k, 3 million."""
    if isinstance(value, bool):
        raise ValueError("Enter a number of tokens, such as 2,000,000 or 10M.")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, (float, Decimal)):
        number = Decimal(str(value))
    else:
        text = str(value).strip().lower().replace(",", "").replace("_", "").replace(" ", "")
        text = text.replace("\u00a0", "").replace("\u202f", "").removesuffix("tokens")
        match = _TOKENS_RE.match(text)
        if not match or match["suffix"] not in MULTIPLIERS:
            raise ValueError(
                "Enter a number of tokens, such as 2,000,000, 10M (million) or 1.5k (thousand)."
            )
        number = Decimal(match["number"]) * MULTIPLIERS[match["suffix"]]
    if not number.is_finite():
        raise ValueError("Enter a finite number of tokens.")
    if number < 0:
        raise ValueError("Token volumes cannot be negative.")
    if number != number.to_integral_value():
        raise ValueError("Enter a whole number of tokens.")
    return int(number)


def describe_tokens(value: int | None) -> str:
    """What the parser understood, in words: "10,000,000 tokens (10 million)"."""
    if value is None:
        return ""
    text = f"{value:,} tokens"
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size:
            short = (Decimal(value) / size).quantize(Decimal("0.01")).normalize()
            return f"{text} ({short:f} {word})"
    return text


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError("Answer yes or no (true or false).")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("Enter a whole number.")
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError("Enter a whole number.") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError("Enter a whole number.")
    return int(number)


def _decimal(value: Any, places: int) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("Enter a number.")
    text = str(value).strip().replace(",", "")
    if isinstance(value, str) and text.endswith("%"):
        text = text[:-1].strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError("Enter a number, such as 1.5.") from None
    if not number.is_finite():
        raise ValueError("Enter a finite number.")
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded != number:
        plural = "place" if places == 1 else "places"
        raise ValueError(f"Use at most {places} decimal {plural}.")
    return rounded


def _multi(value: Any, field: spec.FieldSpec) -> list[str]:
    if _is_blank(value):
        return []
    if isinstance(value, str):
        items = [part.strip() for part in re.split(r"[;,]", value)]
    elif isinstance(value, (list, tuple, set)):
        items = [str(part).strip() for part in value]
    else:
        raise ValueError("Give a list of choices.")
    items = [item for item in items if item]
    unknown = [item for item in items if item not in field.codes]
    if unknown:
        raise ValueError(
            f"Unknown choice{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Choose from: {', '.join(field.codes)}."
        )
    # The catalog order, each code once: the same answers always compare equal.
    return [code for code in field.codes if code in items]


def _bounds(field: spec.FieldSpec, number: Decimal | int, unit: str = "") -> None:
    lo, hi = field.min_value, field.max_value
    if lo is not None:
        if field.min_exclusive and number <= lo:
            raise ValueError(f"Must be more than {lo}{unit}.")
        if not field.min_exclusive and number < lo:
            if lo == 0:
                raise ValueError("Cannot be negative.")
            raise ValueError(f"Must be at least {lo}{unit}.")
    if hi is not None and number > hi:
        raise ValueError(f"Must be at most {hi:,}{unit}.")


def known_offerings() -> dict[str, str] | None:
    """Catalog offerings as {key: label}, or None while the catalog is unavailable."""
    try:
        from vendors.selectors import offering_choices
    except ImportError:
        return None
    try:
        choices = offering_choices()
    except Exception:  # the catalog is optional for a draft; never fail on it
        return None
    result: dict[str, str] = {}
    for item in choices:
        if isinstance(item, (list, tuple)) and item:
            result[str(item[0])] = str(item[1] if len(item) > 1 else item[0])
        else:
            result[str(item)] = str(item)
    return result


def clean_offering_key(value: Any, catalog: Mapping[str, str] | None = None) -> str:
    """A catalog offering key: the format always, membership when the catalog answers."""
    key = str(value or "").strip()
    if not key:
        raise ValueError("Choose a catalog offering.")
    if not _OFFERING_KEY_RE.match(key):
        raise ValueError(
            "An offering key has no spaces and uses letters, digits and . _ : / @ + - "
            "only (for example deepseek/deepseek-chat)."
        )
    if catalog is None:
        catalog = known_offerings()
    if catalog is not None and key not in catalog:
        raise ValueError(f"{key} is not an offering in the catalog.")
    return key


def clean_value(name: str, value: Any, *, catalog: Mapping[str, str] | None = None) -> Any:
    """One answer, normalised; raises ValueError with a plain message.

    A blank answer becomes the field's empty value (None, "" or []), or its default
    for yes/no questions; whether a blank is acceptable is decided by the caller.
    """
    field = spec.BY_NAME[name]
    kind = field.kind
    if kind == "bool":
        return _bool(value)
    if kind == "multi":
        return _multi(value, field)
    if _is_blank(value):
        if field.default is not None:
            return field.default  # a cleared answer falls back to the sensible default
        return "" if kind in ("text", "longtext", "choice", "offering") else None
    if kind in ("text", "longtext"):
        text = str(value).strip()
        if len(text) > field.max_length:
            raise ValueError(f"Keep it under {field.max_length} characters.")
        return text
    if kind == "choice":
        code = str(value).strip()
        if code not in field.codes:
            raise ValueError(f"Choose one of: {', '.join(field.codes)}.")
        return code
    if kind == "offering":
        return clean_offering_key(value, catalog)
    if kind == "tokens":
        number = parse_tokens(value)
        _bounds(field, number, " tokens")
        return number
    if kind == "int":
        number = _int(value)
        _bounds(field, number)
        return number
    if kind == "decimal":
        dec = _decimal(value, field.decimal_places)
        _bounds(field, dec)
        return dec
    raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover


def missing_required(answers: Mapping[str, Any]) -> list[str]:
    """Required answers that are missing, in questionnaire order: the one definition
    of completeness (a workload is complete when this is empty)."""
    missing = []
    for field in spec.FIELDS:
        value = answers.get(field.name)
        needed = field.required or (
            field.name == "p99_latency_sla_ms" and bool(answers.get("latency_sensitive"))
        )
        if needed and (value is None or value == "" or value == [] or value == ()):
            missing.append(field.name)
    return missing


def required_count(answers: Mapping[str, Any]) -> int:
    return len(spec.REQUIRED_FIELDS) + (1 if answers.get("latency_sensitive") else 0)


def completion_percent(answers: Mapping[str, Any]) -> int:
    total = required_count(answers)
    done = total - len(missing_required(answers))
    return 100 * done // total


REQUIRED_MESSAGES = {
    "name": "Give the workload a name.",
    "status": "Choose a status.",
    "use_case": "Choose the use case.",
    "data_categories": "Tick at least one kind of data.",
    "daily_input_tokens": "Enter the daily input tokens (0 is fine if there are none).",
    "daily_output_tokens": "Enter the daily output tokens.",
    "p99_latency_sla_ms": (
        "A latency-sensitive workload needs a P99 target in milliseconds; "
        "enter one or untick \u201clatency-sensitive\u201d."
    ),
}

IMPLICATIONS = (
    (
        "gdpr",
        "personal data of people in the EU/EEA is covered by the GDPR",
        lambda a: (
            "personal_data" in a.get("data_categories", ())
            and "eu_eea" in a.get("data_subject_regions", ())
        ),
    ),
    (
        "hipaa",
        "protected health information (PHI) is covered by HIPAA",
        lambda a: "health_phi" in a.get("data_categories", ()),
    ),
)


def implied_regulations(answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Regulations the data implies but the answers do not tick, with the reason.

    Shown next to the answers and applied by the assessment engine; never added to
    the stored answers.
    """
    ticked = set(answers.get("regulations") or ())
    return [
        (code, reason)
        for code, reason, test in IMPLICATIONS
        if code not in ticked and test(answers)
    ]


def validate_workload(
    data: Mapping[str, Any],
    *,
    existing: Mapping[str, Any] | None = None,
    complete: bool = False,
    name_taken: Callable[[str], bool] | None = None,
    catalog: Mapping[str, str] | None = None,
    only: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Check the answers in ``data`` (merged over ``existing``) and return them cleaned.

    Only the keys present in ``data`` are returned. ``complete`` demands every
    required answer; otherwise missing answers are allowed (a draft). ``only``
    restricts the reported errors to some fields (inline validation of a section).
    Raises ValidationFailed with one plain message per field.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for key in data:
        if key not in spec.BY_NAME:
            errors[key] = ["This is not a workload question."]
    if catalog is None and data.get("current_offering") not in (None, ""):
        catalog = known_offerings()
    for name in spec.FIELD_NAMES:
        if name not in data:
            continue
        try:
            cleaned[name] = clean_value(name, data[name], catalog=catalog)
        except ValueError as exc:
            errors[name] = [str(exc)]

    merged = {**spec.defaults(), **(existing or {}), **cleaned}
    # The name is needed even for a draft: it is how the workload is found again.
    if "name" in data or existing is None:
        if not merged.get("name") and "name" not in errors:
            errors["name"] = [REQUIRED_MESSAGES["name"]]
        elif name_taken is not None and "name" not in errors and name_taken(merged["name"]):
            errors["name"] = ["Another workload in this organization already has this name."]
    if complete:
        for name in missing_required(merged):
            errors.setdefault(name, [REQUIRED_MESSAGES.get(name, "This answer is required.")])
    if only is not None:
        wanted = set(only)
        errors = {k: v for k, v in errors.items() if k in wanted}
    if errors:
        raise ValidationFailed.for_fields(errors)
    return cleaned


def to_json_value(value: Any) -> Any:
    """An answer as a JSON-friendly value (decimals as strings, lists copied)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    return value
