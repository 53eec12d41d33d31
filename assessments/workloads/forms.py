"""The questionnaire form: posted data in, fields with values and messages out.

The rules are not here: :mod:`assessments.workloads.validation` decides. This
module only translates between an HTML form and those rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import QueryDict

from assessments.workloads import fields as spec
from assessments.workloads.validation import (
    describe_tokens,
    implied_regulations,
    known_offerings,
    parse_tokens,
)


def data_from_post(post: QueryDict) -> dict[str, Any]:
    """Answers from a posted questionnaire page: an unticked box is "no"."""
    data: dict[str, Any] = {}
    for f in spec.FIELDS:
        if f.kind == "bool":
            data[f.name] = f.name in post
        elif f.kind == "multi":
            data[f.name] = post.getlist(f.name)
        elif f.name in post:
            data[f.name] = post.get(f.name, "")
    return data


def _display(f: spec.FieldSpec, value: Any) -> Any:
    if value is None:
        return ""
    if f.kind == "tokens" and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value


def understood(f: spec.FieldSpec, raw: Any) -> str:
    """What a token answer was read as, or "" when blank or unreadable."""
    if f.kind != "tokens" or raw in (None, ""):
        return ""
    try:
        return "Understood as " + describe_tokens(parse_tokens(raw)) + "."
    except ValueError:
        return ""


@dataclass
class BoundField:
    spec: spec.FieldSpec
    value: Any
    errors: list[str] = field(default_factory=list)
    understood: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    select: bool = False

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def id(self) -> str:
        return f"id_{self.spec.name}"

    @property
    def selected(self) -> list[str]:
        return list(self.value or []) if self.spec.kind == "multi" else [str(self.value)]

    @property
    def required_now(self) -> bool:
        return self.spec.required


@dataclass
class Section:
    key: str
    title: str
    fields: list[BoundField]

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields)


def bind(
    values: Mapping[str, Any],
    *,
    errors: Mapping[str, list[str]] | None = None,
    raw: bool = False,
    catalog: Mapping[str, str] | None = None,
) -> list[Section]:
    """Sections of fields ready to render. ``raw`` values are redisplayed as typed."""
    errors = errors or {}
    if catalog is None:
        catalog = known_offerings()
    sections = []
    for key, title in spec.SECTIONS:
        bound = []
        for f in spec.fields_in(key):
            value = values.get(f.name, f.default)
            shown = value if raw else _display(f, value)
            b = BoundField(f, shown, list(errors.get(f.name, [])))
            b.understood = understood(f, value)
            if f.kind == "offering" and catalog is not None:
                b.select = True
                b.options = list(catalog.items())
                if shown and shown not in catalog:
                    b.options.insert(0, (str(shown), f"{shown} (not in the catalog)"))
            bound.append(b)
        sections.append(Section(key, title, bound))
    return sections


def implied_notes(values: Mapping[str, Any]) -> list[dict[str, str]]:
    label = spec.BY_NAME["regulations"].label_of
    return [
        {"code": code, "label": label(code), "reason": reason}
        for code, reason in implied_regulations(values)
    ]
