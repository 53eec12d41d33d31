"""Compliance and capability rules: versioned data plus named predicates.

The rules live in ``rules.toml`` next to this module: id, severity, scope,
message, source, optional mitigation, and ``when``, the name of a predicate
defined here. Why named predicates rather than a small condition language:
the conditions combine sets of codes across the workload, the organization and
the offering (implied regulations, PRC storage versus PRC-origin weights,
residency subsets, EU member-state bans). Written as Python they are typed,
checked by mypy and unit-tested one by one; a home-made condition language
would be a second, untested interpreter. The data still carries everything a
reviewer or a report needs (id, severity, text, source, version), and the
loader refuses a rules file that names an unknown predicate or leaves a
predicate unused. Changing a predicate's logic requires bumping
``ruleset_version``, like any other rule change.

Facts the predicates rely on:

* **PRC storage** is decided from where the offering really processes or
  stores data: ``"cn"`` in ``processing_regions`` or ``storage_jurisdictions``.
  DeepSeek weights served by a US cloud in an EU region are not PRC storage.
* **PRC-linked** means PRC storage, a PRC-headquartered vendor, or PRC-origin
  weights (``weights_origin_country == "cn"``) in any mode, self-hosted
  included. It matters for regulated entities and national-security work.
* **Implied regulations**: personal data (or special-category data) of EU/EEA
  subjects implies GDPR, of UK subjects UK GDPR; health PHI implies HIPAA.
  Findings say when a regulation was implied rather than declared.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from assessments.engine.inputs import OfferingFacts, OrganizationProfile, WorkloadInput

BLOCKING = "blocking"
WARNING = "warning"
SEVERITIES = (BLOCKING, WARNING)

PERSONAL = frozenset({"personal_data", "special_category_data", "health_phi", "student_records"})
FINANCIAL_REGS = frozenset({"finra", "glba", "pci_dss"})
FINANCIAL_DATA = frozenset({"financial_records", "payment_card"})
NATSEC_SECTORS = frozenset({"defense", "government", "critical_infrastructure"})
NATSEC_DATA = frozenset({"export_controlled", "government_classified"})
NATSEC_REGS = frozenset({"itar_ear", "fedramp"})
REGULATED_SECTORS = frozenset({"financial_services", "healthcare"})
SYSTEMS_LANGUAGES = ("rust", "go", "cpp")
LANGUAGE_LABELS = {"rust": "Rust", "go": "Go", "cpp": "C++"}
CODE_USE_CASES = frozenset({"code_review", "code_assistance"})
EU_MEMBER_STATES = frozenset(
    {
        "at",
        "be",
        "bg",
        "hr",
        "cy",
        "cz",
        "dk",
        "ee",
        "fi",
        "fr",
        "de",
        "gr",
        "hu",
        "ie",
        "it",
        "lv",
        "lt",
        "lu",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "si",
        "es",
        "se",
        "is",
        "li",
        "no",
        "eu",
        "eea",
        "eu_eea",
    }
)
REGULATION_LABELS = {"gdpr": "GDPR", "uk_gdpr": "UK GDPR", "hipaa": "HIPAA"}


def implied_regulations(workload: WorkloadInput) -> tuple[str, ...]:
    """Regulations that apply from the data even if not ticked (sorted, not declared)."""
    cats = set(workload.data_categories)
    subjects = set(workload.data_subject_regions)
    implied: set[str] = set()
    if cats & {"personal_data", "special_category_data", "health_phi"}:
        if "eu_eea" in subjects:
            implied.add("gdpr")
        if "uk" in subjects:
            implied.add("uk_gdpr")
    if "health_phi" in cats:
        implied.add("hipaa")
    return tuple(sorted(implied - set(workload.regulations)))


@dataclass(frozen=True)
class RuleContext:
    organization: OrganizationProfile
    workload: WorkloadInput
    offering: OfferingFacts
    prices_as_of: date
    horizon_end: date
    offerings: Mapping[str, OfferingFacts] = field(default_factory=dict)

    @property
    def implied(self) -> tuple[str, ...]:
        return implied_regulations(self.workload)

    @property
    def regulations(self) -> frozenset[str]:
        return frozenset(self.workload.regulations) | frozenset(self.implied)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(self.workload.data_categories)

    def implied_note(self, *regs: str) -> str:
        hits = [r for r in regs if r in self.implied]
        if not hits:
            return ""
        names = ", ".join(REGULATION_LABELS.get(r, r) for r in hits)
        return (
            f" {names} applies because of the data this workload holds, even though it "
            "was not ticked in the questionnaire."
        )


Details = dict[str, str]
Predicate = Callable[[RuleContext], Details | None]
PREDICATES: dict[str, Predicate] = {}


def predicate(fn: Predicate) -> Predicate:
    PREDICATES[fn.__name__] = fn
    return fn


def stores_in_prc(offering: OfferingFacts) -> bool:
    return "cn" in offering.processing_regions or "cn" in offering.storage_jurisdictions


def prc_links(offering: OfferingFacts) -> list[str]:
    links: list[str] = []
    if stores_in_prc(offering):
        links.append("processes or stores data in the PRC")
    if offering.vendor_hq_country == "cn":
        links.append("vendor headquartered in the PRC")
    if offering.weights_origin_country == "cn":
        links.append("model weights of PRC origin")
    return links


def is_deepseek(offering: OfferingFacts) -> bool:
    text = f"{offering.key} {offering.name} {offering.vendor}".lower()
    return "deepseek" in text


def _restrictions(offering: OfferingFacts, kind: str) -> list[Mapping[str, Any]]:
    return [r for r in offering.restrictions if r.get("kind") == kind]


def _region_of(jurisdiction: str) -> str:
    j = jurisdiction.lower()
    if j in EU_MEMBER_STATES:
        return "eu_eea"
    if j in ("gb", "uk"):
        return "uk"
    return j


@predicate
def gdpr_data_stored_in_prc(ctx: RuleContext) -> Details | None:
    regs = ctx.regulations & {"gdpr", "uk_gdpr"}
    if regs and stores_in_prc(ctx.offering):
        implied = [r for r in sorted(regs) if r in ctx.implied]
        return {"implied_note": ctx.implied_note(*sorted(regs)), "implied": ",".join(implied)}
    return None


@predicate
def hipaa_without_baa(ctx: RuleContext) -> Details | None:
    # Self-hosting on the client's own infrastructure discloses PHI to no vendor.
    if ctx.offering.self_hosted or "hipaa" not in ctx.regulations:
        return None
    if "hipaa_baa" in ctx.offering.certifications:
        return None
    implied = "hipaa" if "hipaa" in ctx.implied else ""
    return {"implied_note": ctx.implied_note("hipaa"), "implied": implied}


@predicate
def financial_data_stored_in_prc(ctx: RuleContext) -> Details | None:
    what = sorted((ctx.regulations & FINANCIAL_REGS) | (ctx.categories & FINANCIAL_DATA))
    if what and stores_in_prc(ctx.offering):
        return {"what": ", ".join(what)}
    return None


@predicate
def contract_forbids_china_and_prc_storage(ctx: RuleContext) -> Details | None:
    if ctx.workload.contract_prohibits_china_transfer and stores_in_prc(ctx.offering):
        return {}
    return None


@predicate
def sovereignty_clauses_and_prc_storage(ctx: RuleContext) -> Details | None:
    share = ctx.workload.contracts_with_sovereignty_share
    if share > 0 and stores_in_prc(ctx.offering):
        return {"share": f"{share.normalize():f}"}
    return None


def _offering_regions(offering: OfferingFacts) -> set[str]:
    return set(offering.processing_regions) | set(offering.storage_jurisdictions)


def _residency_pinnable(offering: OfferingFacts, allowed: set[str]) -> bool:
    """Whether the offering can keep the data inside ``allowed``: every region it
    uses is allowed, or the contract asks for the EU and the vendor offers EU data
    residency as a contract instrument (processing pinned to the EU on request)."""
    regions = _offering_regions(offering)
    if regions and regions <= allowed:
        return True
    return "eu_eea" in allowed and "eu_residency" in offering.certifications


@predicate
def residency_mismatch(ctx: RuleContext) -> Details | None:
    # A self-hosted deployment runs where the client puts it: residency is the client's choice.
    allowed = set(ctx.workload.contract_data_residency)
    regions = _offering_regions(ctx.offering)
    if ctx.offering.self_hosted or not allowed or not regions:
        return None
    if _residency_pinnable(ctx.offering, allowed):
        return None
    outside = sorted(regions - allowed)
    return {"allowed": ", ".join(sorted(allowed)), "outside": ", ".join(outside)}


@predicate
def residency_unknown(ctx: RuleContext) -> Details | None:
    allowed = ctx.workload.contract_data_residency
    if allowed and not ctx.offering.self_hosted and not _offering_regions(ctx.offering):
        return {"allowed": ", ".join(sorted(allowed))}
    return None


def national_security_reasons(ctx: RuleContext) -> list[str]:
    why: list[str] = []
    if ctx.organization.national_security_funding:
        why.append("national-security funding")
    if ctx.organization.sector in NATSEC_SECTORS:
        why.append(f"{ctx.organization.sector.replace('_', ' ')} sector")
    why += [c.replace("_", " ") + " data" for c in sorted(ctx.categories & NATSEC_DATA)]
    why += [r.upper() for r in sorted(frozenset(ctx.workload.regulations) & NATSEC_REGS)]
    return why


@predicate
def national_security_and_prc_linked(ctx: RuleContext) -> Details | None:
    why = national_security_reasons(ctx)
    links = prc_links(ctx.offering)
    if why and links:
        return {"why": ", ".join(why), "link": "; ".join(links)}
    return None


@predicate
def regulated_entity_prc_linked(ctx: RuleContext) -> Details | None:
    org = ctx.organization
    if not (org.regulated_entity or org.sector in REGULATED_SECTORS):
        return None
    links = prc_links(ctx.offering)
    return {"link": "; ".join(links)} if links else None


@predicate
def banned_where_data_subjects_live(ctx: RuleContext) -> Details | None:
    """A regulator's ban (Italy's of DeepSeek, January 2026) concerns the personal
    data of people in its jurisdiction: it blocks a workload that processes such
    data there, not one that handles code or public text."""
    if not ctx.categories & (PERSONAL | FINANCIAL_DATA):
        return None
    served = set(ctx.workload.data_subject_regions) or {ctx.organization.headquarters_region}
    for ban in _restrictions(ctx.offering, "regulatory_ban"):
        jurisdiction = str(ban.get("jurisdiction", ""))
        if _region_of(jurisdiction) in served:
            note = str(ban.get("note") or "regulatory ban")
            return {"jurisdiction": jurisdiction, "note": note}
    return None


@predicate
def already_retired(ctx: RuleContext) -> Details | None:
    retired = ctx.offering.retirement_date
    if retired is not None and retired <= ctx.prices_as_of:
        return {"retirement_date": retired.isoformat(), "successor_note": _successor_note(ctx)}
    return None


def _successor_note(ctx: RuleContext) -> str:
    key = ctx.offering.successor_key
    if not key:
        return ""
    succ = ctx.offerings.get(key)
    name = succ.name if succ is not None else key
    return f" The vendor's successor is {name}."


@predicate
def retires_within_horizon(ctx: RuleContext) -> Details | None:
    retired = ctx.offering.retirement_date
    if retired is None or not (ctx.prices_as_of < retired <= ctx.horizon_end):
        return None
    succ = ctx.offerings.get(ctx.offering.successor_key or "")
    priced = succ is not None and succ.priced
    return {
        "retirement_date": retired.isoformat(),
        "successor_name": succ.name if priced and succ is not None else "its own last",
        "successor_note": "" if priced else " No priced successor is in the catalog.",
    }


@predicate
def streaming_unsupported(ctx: RuleContext) -> Details | None:
    return {} if ctx.workload.streaming and ctx.offering.supports_streaming is False else None


@predicate
def streaming_unknown(ctx: RuleContext) -> Details | None:
    return {} if ctx.workload.streaming and ctx.offering.supports_streaming is None else None


@predicate
def context_window_exceeded(ctx: RuleContext) -> Details | None:
    window = ctx.offering.context_window
    if window is not None and ctx.workload.avg_context_tokens > window:
        return {"context": str(ctx.workload.avg_context_tokens), "window": str(window)}
    return None


@predicate
def price_unknown(ctx: RuleContext) -> Details | None:
    if ctx.offering.self_hosted or ctx.offering.priced:
        return None
    return {"as_of": ctx.prices_as_of.isoformat()}


@predicate
def ccpa_data_stored_in_prc(ctx: RuleContext) -> Details | None:
    californian = "us_california" in ctx.workload.data_subject_regions and bool(
        ctx.categories & PERSONAL
    )
    if ("ccpa" in ctx.regulations or californian) and stores_in_prc(ctx.offering):
        return {}
    return None


@predicate
def censored_topics_in_domain(ctx: RuleContext) -> Details | None:
    if not ctx.workload.sensitive_topics:
        return None
    if ctx.offering.censored_topics or _restrictions(ctx.offering, "censored_topics"):
        return {}
    return None


@predicate
def systems_languages_with_deepseek(ctx: RuleContext) -> Details | None:
    if ctx.workload.use_case not in CODE_USE_CASES or not is_deepseek(ctx.offering):
        return None
    hits = [
        LANGUAGE_LABELS[x] for x in SYSTEMS_LANGUAGES if x in ctx.workload.programming_languages
    ]
    return {"languages": ", ".join(hits)} if hits else None


@predicate
def export_control_investigation(ctx: RuleContext) -> Details | None:
    # Only customer-facing workloads: an interruption of supply reaches customers.
    found = _restrictions(ctx.offering, "export_control_investigation")
    if found and ctx.workload.customer_facing:
        return {"note": str(found[0].get("note") or "export-control investigation")}
    return None


@predicate
def single_vendor_concentration(ctx: RuleContext) -> Details | None:
    # Portfolio rule: evaluated by assessments.engine.portfolio, not per option.
    return None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    scope: str
    when: str
    message: str
    source: str
    mitigation: str | None = None


@dataclass(frozen=True)
class Ruleset:
    version: str
    rules: tuple[Rule, ...]

    def option_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.scope == "option")

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def parse_ruleset(data: Mapping[str, Any]) -> Ruleset:
    version = data.get("ruleset_version")
    if not isinstance(version, str) or not version:
        raise ValueError("rules file has no ruleset_version")
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in data.get("rule", []):
        rule = Rule(
            id=raw["id"],
            severity=raw["severity"],
            scope=raw.get("scope", "option"),
            when=raw["when"],
            message=raw["message"],
            source=raw["source"],
            mitigation=raw.get("mitigation"),
        )
        if rule.id in seen:
            raise ValueError(f"duplicate rule id {rule.id}")
        if rule.severity not in SEVERITIES:
            raise ValueError(f"rule {rule.id}: unknown severity {rule.severity}")
        if rule.when not in PREDICATES:
            raise ValueError(f"rule {rule.id}: unknown predicate {rule.when}")
        seen.add(rule.id)
        rules.append(rule)
    unused = set(PREDICATES) - {r.when for r in rules}
    if unused:
        raise ValueError(f"predicates not referenced by any rule: {sorted(unused)}")
    return Ruleset(version, tuple(rules))


@cache
def load_ruleset() -> Ruleset:
    text = resources.files("assessments.engine").joinpath("rules.toml").read_text("utf-8")
    return parse_ruleset(tomllib.loads(text))


RULESET_VERSION: str = load_ruleset().version


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def render_message(rule: Rule, values: Mapping[str, str]) -> str:
    return rule.message.format_map(_Blank(values))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    source: str
    ruleset_version: str
    mitigation: str | None = None
    implied_regulations: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "ruleset_version": self.ruleset_version,
        }
        if self.mitigation:
            out["mitigation"] = self.mitigation
        if self.implied_regulations:
            out["implied_regulations"] = list(self.implied_regulations)
        return out


def evaluate_option(ctx: RuleContext, ruleset: Ruleset | None = None) -> list[Finding]:
    """Every finding for one workload on one offering, blocking first, then by rule order."""
    rs = ruleset or load_ruleset()
    base = {
        "offering": ctx.offering.name,
        "vendor": ctx.offering.vendor,
        "organization": ctx.organization.name,
        "workload": ctx.workload.name,
    }
    findings: list[Finding] = []
    for rule in rs.option_rules():
        details = PREDICATES[rule.when](ctx)
        if details is None:
            continue
        implied = tuple(r for r in details.get("implied", "").split(",") if r)
        findings.append(
            Finding(
                rule=rule.id,
                severity=rule.severity,
                message=render_message(rule, {**base, **details}),
                source=rule.source,
                ruleset_version=rs.version,
                mitigation=rule.mitigation,
                implied_regulations=implied,
            )
        )
    findings.sort(key=lambda f: 0 if f.severity == BLOCKING else 1)
    return findings


def compliance_status(findings: list[Finding]) -> str:
    if any(f.severity == BLOCKING for f in findings):
        return "blocked"
    if findings:
        return "warning"
    return "allowed"


def concentration_finding(vendor: str, share: Decimal, ruleset: Ruleset | None = None) -> Finding:
    rs = ruleset or load_ruleset()
    rule = rs.by_id("single-vendor-concentration")
    pct = (share * 100).quantize(Decimal(1))
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=render_message(rule, {"vendor": vendor, "share": str(pct)}),
        source=rule.source,
        ruleset_version=rs.version,
        mitigation=rule.mitigation,
    )
